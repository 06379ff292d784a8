"""``python -m anatomy``: readable cited findings; bad input exits non-zero with no traceback."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import anatomy.__main__ as cli


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


def test_flags_that_do_not_apply_are_refused():
    for args, words in (
        (["L5", "--zone", "foraminal"], "--zone does not apply to the root 'L5'"),
        (["L5", "--site", "fibular_head"], "--site does not apply to the root 'L5'"),
        (["L4-L5", "--site", "piriformis"], "--site does not apply to the disc level 'L4-L5'"),
        (["sciatic", "--zone", "central"], "--zone does not apply to the nerve 'sciatic'"),
        (["L5", "--case", "office_worker"], "not a target and --case"),
        (["L5", "--list"], "not a target and --list"),
        (["L5", "--localize", "numbness:sole"], "not a target and --localize"),
        (["--case", "office_worker", "--list"], "not --case and --list"),
        (["--case", "office_worker", "--severity", "0.2"], "--severity does not apply to --case"),
        (["--list", "--side", "right"], "--side does not apply to --list"),
        (["--localize", "numbness:sole", "--zone", "central"], "--zone does not apply to"),
        ([], "name a root, disc level, nerve or joint"),
        (["L5", "--bogus"], "unrecognized arguments: --bogus (python -m anatomy --help"),
        (["L5", "--severity"], "argument --severity: expected one argument"),
    ):
        out = run(*args)
        assert (out.returncode, out.stdout) == (2, ""), args
        lines = out.stderr.splitlines()
        assert len(lines) == 1 and words in lines[0], (args, out.stderr)


def test_a_closed_pipe_ends_quietly_with_141():
    """As under ``| head -1`` or ``| true``: the reader is gone before the report is out."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "anatomy", "L5", "--severity", "0.9"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.close()  # long before the model has loaded
    _, err = proc.communicate(timeout=60)
    assert (proc.returncode, err) == (141, b"")


def test_broken_data_exits_3_naming_file_line_and_column(monkeypatch, capsys):
    def broken():
        raise cli.DataError("links.csv", 7, "target", "unknown structure 'little_toe'")

    monkeypatch.setattr(cli, "load_model", broken)
    assert cli.main(["L5"]) == 3
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err == (
        "error in the data: links.csv, line 7, column 'target': unknown structure 'little_toe'\n"
    )


def test_control_characters_never_reach_the_terminal(monkeypatch, capsys):
    monkeypatch.setattr(cli, "run", lambda argv: "Big \x1b[31mtoe\x07\u202e\r\nline two\tend")
    assert cli.main([]) == 0
    assert capsys.readouterr().out == "Big [31mtoe\nline two\tend\n"

    def bad(argv):
        raise ValueError("unknown root 'L\x1b]0;owned\x07'\nsecond line")

    monkeypatch.setattr(cli, "run", bad)
    assert cli.main([]) == 2
    assert capsys.readouterr().err == "error: unknown root 'L]0;owned' second line\n"


def test_the_exit_codes_are_documented():
    codes = {value for name, value in vars(cli).items() if name.startswith("EXIT_")}
    page = (Path(__file__).resolve().parents[1] / "docs" / "errors.md").read_text()
    table = page.split("## The command line", 1)[1]
    assert {int(c) for c in re.findall(r"^\| (\d+) \|", table, flags=re.M)} == codes
    assert all(f"{code} " in cli.__doc__ for code in codes)


def test_a_lesion_named_as_localize_names_it_is_accepted():
    """What --localize prints, the target takes: 'common_fibular @ fibular_head', and the
    lesion specs of cases.csv ('disc:L4-L5:central')."""
    out = run("common_fibular @ fibular_head", "--severity", "0.8")
    assert out.returncode == 0 and out.stdout.startswith("common_fibular @ fibular_head")
    out = run("disc:L4-L5:central", "--severity", "0.9")
    assert out.returncode == 0 and "both sides" in out.stdout.splitlines()[0]
    out = run("root:L5", "--zone", "central")
    assert out.returncode == 2 and "--zone does not apply" in out.stderr
