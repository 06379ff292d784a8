"""``python -m anatomy``: readable cited findings; bad input exits non-zero with no traceback."""

from __future__ import annotations

import subprocess
import sys


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "anatomy", *args], capture_output=True, text=True, timeout=60
    )


def test_l5_prints_cited_findings():
    out = run("L5", "--severity", "0.9")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert text.startswith("L5, left side, severity 0.9 (severe")
    for words in (
        "Numbness",
        "Top of the foot",
        "Extensor hallucis longus",
        "Gluteus medius",
        "Medial hamstring reflex",
        "Citations",
        "ISNCSCI key muscle for L5",
    ):
        assert words in text
    assert '"the L5 lumbar nerve through the lateral hamstring muscle' in text
    assert "Correction (imprecise)" in text
    assert "Quadriceps" not in text


def test_disc_nerve_case_and_list():
    assert "roots: L4" in run("L4-L5", "--zone", "foraminal").stdout
    fibular = run("common_fibular", "--site", "fibular_head", "--severity", "0.8").stdout
    assert "Tibialis anterior" in fibular and "Tibialis posterior" not in fibular
    assert "sciatic @ piriformis" in run("--case", "sciatica_piriformis").stdout
    listing = run("--list").stdout
    assert "disc levels: T12-L1, L1-L2, L2-L3, L3-L4, L4-L5, L5-S1" in listing
    assert "joints: hip, sacroiliac_joint, facet_joints" in listing


def test_bad_input_exits_2_with_a_clear_message():
    for args, words in (
        (["L7"], "unknown target 'L7'"),
        (["L5", "--severity", "2"], "--severity takes a number from 0 to 1, not '2'"),
        (["L5", "--side", "up"], "unknown side 'up'"),
        (["sciatic", "--site", "knee"], "valid: piriformis"),
        (["L4-L5", "--zone", "sideways"], "unknown zone 'sideways'"),
    ):
        out = run(*args)
        assert out.returncode == 2, args
        assert words in out.stderr, out.stderr
        assert "Traceback" not in out.stderr
        assert out.stdout == ""


def test_localize_ranks_lesions_from_findings():
    out = run("--localize", "numbness:dorsum_of_foot", "weakness:gluteus_medius")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "Lesions that explain 2 finding(s), best first:"
    assert lines[1].split()[:2] == ["1.", "L5"]
    assert "common_fibular @ fibular_head" not in lines[1]


def test_localize_bad_finding_names_the_choices():
    out = run("--localize", "numbness-sole")
    assert out.returncode == 2 and "effect:structure" in out.stderr
    out = run("--localize", "tickling:sole")
    assert out.returncode == 2 and "unknown finding 'tickling'" in out.stderr
    assert "Traceback" not in out.stderr
