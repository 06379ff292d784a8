"""Every example under "Why" in issue 13 (trust: bad input refused, data faults caught, a
quiet CLI), one row each: each gives a clear ValueError, TypeError or DataError, or loads
or prints as it should. The wider suites are test_properties.py (hypothesis) and
test_loader_faults.py (fault injection)."""

from __future__ import annotations

import hashlib
import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import anatomy
from anatomy import DataError
from anatomy.model.tables import data_dir, geometry_file, not_drawn_file
from anatomy.viz import pathways
from anatomy.viz.geometry import read_geometry

M = anatomy.load_model()
F = M.compress("L5", severity=0.8)
FOOT = [("numbness", "dorsum_of_foot")]

# (example as the issue wrote it, the call, the error, words the message must hold)
API = [
    (
        "m.compress(None)",
        lambda: M.compress(None),
        TypeError,
        "not None (NoneType); valid roots: T12",
    ),
    ("m.compress(5)", lambda: M.compress(5), TypeError, "not 5 (int)"),
    ("m.localize(None)", lambda: M.localize(None), TypeError, "findings must be a Findings object"),
    ('m.localize([{"": 0}])', lambda: M.localize([{"": 0}]), TypeError, "a finding is a tuple"),
    (
        'localize(..., top="3")',
        lambda: M.localize(FOOT, top="3"),
        TypeError,
        "top must be a whole number, not '3'",
    ),
    ("cite(None)", lambda: M.cite(None), TypeError, "cite findings"),
    ("cite(5)", lambda: M.cite(5), TypeError, "not 5 (int)"),
    ("cite(table)", lambda: M.cite(F.table), TypeError, "(DataFrame)"),
    (
        "format_findings(m, None)",
        lambda: anatomy.format_findings(M, None),
        TypeError,
        "format findings",
    ),
    (
        "format_findings('m', f)",
        lambda: anatomy.format_findings("m", F),
        TypeError,
        "model must come from anatomy.load_model()",
    ),
    ("explore('m')", lambda: anatomy.explore("m"), TypeError, "model must come from"),
    ("self_check('m')", lambda: anatomy.self_check("m"), TypeError, "model must come from"),
    ("self_check(n='3')", lambda: anatomy.self_check(M, n="3"), TypeError, "whole number"),
    (
        'm.localize(m.compress("L5", severity=0))',
        lambda: M.localize(M.compress("L5", severity=0)),
        ValueError,
        "no abnormal finding",
    ),
    (
        'straight_leg_raise("L5")',
        lambda: anatomy.straight_leg_raise("L5"),
        TypeError,
        "pass findings",
    ),
    ('slump("L5")', lambda: anatomy.slump("L5"), TypeError, "pass findings"),
    ('prone_knee_bend("L5")', lambda: anatomy.prone_knee_bend("L5"), TypeError, "pass findings"),
    (
        "straight_leg_raise(DataFrame)",
        lambda: anatomy.straight_leg_raise(F.table),
        TypeError,
        "(DataFrame)",
    ),
    (
        "localize(DataFrame) with a misspelled row",
        lambda: M.localize(
            pd.DataFrame(
                {"effect": ["numbness", "numbness"], "structure": ["sole", "dorsm_of_foot"]}
            )
        ),
        ValueError,
        "unknown structure 'dorsm_of_foot' (did you mean dorsum_of_foot",
    ),
    (
        'complete="no"',
        lambda: M.localize(FOOT, complete="no"),
        TypeError,
        "complete must be True or False, not 'no'",
    ),
    ("top=-1", lambda: M.localize(FOOT, top=-1), ValueError, "top must be 1 or more, not -1"),
    ("severity=True", lambda: M.compress("L5", severity=True), TypeError, "not True (bool)"),
]


@pytest.mark.parametrize(
    ("call", "error", "words"), [pytest.param(*row[1:], id=row[0]) for row in API]
)
def test_api_example_raises_a_clear_error(call, error, words):
    with pytest.raises(error) as info:
        call()
    assert type(info.value) is error
    assert words in str(info.value)


def test_a_table_row_by_label_gives_the_list_forms_answer():
    """localize(DataFrame) resolves each row like the list form: labels and ids alike."""
    by_list = M.localize([("numbness", "Top of the foot"), ("weakness", "EHL")], complete=True)
    table = pd.DataFrame(
        {"effect": ["numbness", "weakness"], "structure": ["Top of the foot", "EHL"]}
    )
    assert M.localize(table).equals(by_list)


def test_a_tiny_severity_never_reads_0_00():
    findings = M.compress("L5", severity=1e-9)
    assert len(findings) and (findings.table["intensity"] >= 0.01).all()
    assert " 0.00]" not in anatomy.format_findings(M, findings)


def test_a_bad_select_in_the_explorer_is_a_message_and_raises_in_its_cell():
    explorer = anatomy.explore(M)
    for call, words in (
        (lambda: explorer.select(None), "site must be given as text"),
        (lambda: explorer.select("L5", severity=True), "not True (bool)"),
        (lambda: explorer.select("L5", zone="foraminal"), "applies to a disc level"),
    ):
        with pytest.raises((TypeError, ValueError), match=re.escape(words)):
            call()
        assert words in html.unescape(explorer.message.value)


# -- the loader, on a copy of the shipped data ------------------------------------------------


@pytest.fixture
def shipped(tmp_path: Path):
    """A copy of the shipped tables and texts; returns (data, sources, edit, line_of_text)."""
    data = tmp_path / "data"
    shutil.copytree(data_dir(), data, ignore=shutil.ignore_patterns("geometry"))
    sources = data / "sources"

    def edit(file: str, old: str, new: str) -> None:
        path = (sources if file == "sources.csv" else data) / file
        text = path.read_text()
        assert old in text, (file, old)
        path.write_text(text.replace(old, new, 1))

    def line(file: str, start: str) -> int:
        path = (sources if file == "sources.csv" else data) / file
        return next(
            i for i, t in enumerate(path.read_text().splitlines(), 1) if t.startswith(start)
        )

    return data, sources, edit, line


def _load(shipped):
    return anatomy.load_model(shipped[0], shipped[1])


# (example, file, old, new, the line's start after the edit, column, words)
LOADER = [
    (
        "a duplicated root order",
        "structures.csv",
        "S1,root,S1 nerve root,,6,",
        "S1,root,S1 nerve root,,5,",
        "S1,root",
        "order",
        "root order 5 is already on line",
    ),
    (
        "an alias collision",
        "structures.csv",
        "Sciatic nerve,ischiadic nerve,",
        "Sciatic nerve,ischiadic nerve;peroneal nerve,",
        "common_fibular,",
        "aliases",
        "'peroneal nerve' already names 'sciatic'",
    ),
    (
        "a one-letter quote",
        "citations.csv",
        "bk_lumbar_nerves_knee,",
        "bk_k,back_knee_article,k,,para 1,accurate,,\nbk_lumbar_nerves_knee,",
        "bk_k,",
        "quote",
        "'k' is too short to quote",
    ),
    (
        "a duplicate look-alike pair",
        "look_alikes.csv",
        "a,b,distinguished_by,citations,note\n",
        "a,b,distinguished_by,citations,note\n"
        "common_fibular @ fibular_head,L5,weakness:gluteus_medius,foot_drop_painless,Again.\n",
        "L5,common_fibular",
        "b",
        "this pair is already on line 2",
    ),
]


@pytest.mark.parametrize(
    ("file", "old", "new", "start", "column", "words"),
    [pytest.param(*row[1:], id=row[0]) for row in LOADER],
)
def test_loader_example_is_a_data_error_with_file_line_column(
    shipped, file, old, new, start, column, words
):
    _, _, edit, line = shipped
    edit(file, old, new)
    with pytest.raises(DataError) as info:
        _load(shipped)
    err = info.value
    assert (err.file, err.line, err.column) == (file, line(file, start), column), str(err)
    assert words in str(err)


def test_an_empty_sha256_is_refused(shipped):
    _, sources, edit, line = shipped
    digest = hashlib.sha256((sources / "lumbar_spine_and_knee_pain.txt").read_bytes())
    edit("sources.csv", digest.hexdigest(), "")
    with pytest.raises(DataError, match="a shipped text needs its sha256") as info:
        _load(shipped)
    err = info.value
    assert (err.file, err.line, err.column) == (
        "sources.csv",
        line("sources.csv", "back_knee"),
        "sha256",
    )


def test_the_example_with_no_line_a_header_only_root_pull(shipped):
    data = shipped[0]
    (data / "root_pull.csv").write_text("root,nerve,share,citations,note\n")
    with pytest.raises(DataError, match="no data row") as info:
        _load(shipped)
    assert (info.value.file, info.value.line) == ("root_pull.csv", None)


def test_a_utf8_bom_and_windows_line_ends_load(shipped):
    data = shipped[0]
    for path in data.glob("*.csv"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    model = _load(shipped)
    assert model.roots == M.roots and len(model.links) == len(M.links)


def test_a_multi_line_cell_keeps_the_line_numbers_right(shipped):
    _, _, edit, line = shipped
    edit("structures.csv", "Last thoracic vertebra.", '"Last thoracic\nvertebra."')
    edit("structures.csv", "S1,root,S1 nerve root,,6,", "S1,root,S1 nerve root,,5,")
    with pytest.raises(DataError) as info:
        _load(shipped)
    assert info.value.line == line("structures.csv", "S1,root") == 22


def test_a_source_text_not_utf8_names_the_file(shipped):
    _, sources, edit, _ = shipped
    path = sources / "lumbar_spine_and_knee_pain.txt"
    old = path.read_bytes()
    new = old.replace(b"knee", b"kn\xe9e", 1)
    path.write_bytes(new)
    edit("sources.csv", hashlib.sha256(old).hexdigest(), hashlib.sha256(new).hexdigest())
    with pytest.raises(DataError, match="not UTF-8") as info:
        _load(shipped)
    assert info.value.file == "lumbar_spine_and_knee_pain.txt"


# -- the drawing ----------------------------------------------------------------------------

DRAWING = geometry_file().read_text().splitlines()


def _drawing_error(tmp_path, lines) -> DataError:
    path = tmp_path / "body_map.csv"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(DataError) as info:
        read_geometry(M, path, not_drawn_file())
    return info.value


def _row(shape: str) -> int:
    return next(i for i, t in enumerate(DRAWING) if t.startswith(shape + ","))


@pytest.mark.parametrize(
    ("change", "column", "words"),
    [
        pytest.param(lambda r: r.replace('"', '"nan,1 ', 1), "path", "finite", id="a NaN point"),
        pytest.param(lambda r: r.replace('"', '"inf,1 ', 1), "path", "finite", id="an inf point"),
        pytest.param(
            lambda r: "s001," + r.split(",", 1)[1], "shape", "duplicate", id="a duplicate shape id"
        ),
    ],
)
def test_drawing_example_is_named(tmp_path, change, column, words):
    at = _row("s115")
    lines = [*DRAWING[:at], change(DRAWING[at]), *DRAWING[at + 1 :]]
    err = _drawing_error(tmp_path, lines)
    assert (err.file, err.line, err.column) == ("body_map.csv", at + 1, column)
    assert words in str(err)


def test_a_region_with_no_shapes_is_named(tmp_path):
    lines = [t for t in DRAWING if ",big_toe," not in t]
    err = _drawing_error(tmp_path, lines)
    assert (err.file, err.column) == ("body_map.csv", "structure")
    assert "region 'big_toe' has no shape" in str(err)


def test_sankey_node_labels_are_escaped(tiny):
    data, sources, edit = tiny
    edit("structures.csv", "Big toe,,", "Big <b>toe</b>,,")
    model = anatomy.load_model(data, sources)
    labels = list(pathways.pathways(model, model.compress("L5")).data[0].node.label)
    assert "Big &lt;b&gt;toe&lt;/b&gt;" in labels
    assert not any("<b>" in label for label in labels)


# -- the command line ---------------------------------------------------------------------------

PY = f"{sys.executable} -m anatomy"
CLI = [
    (
        "raw ESC/BEL from the data or input",
        f"{PY} $'L\\e[31m5\\a'",
        2,
        "unknown target 'L\\x1b[31m5\\x07'",
    ),
    (
        "a full disk",
        f"{PY} L5 >/dev/full",
        1,
        "error: cannot write the output: No space left on device",
    ),
    ("--zone on a root", f"{PY} L5 --zone foraminal", 2, "--zone does not apply to the root 'L5'"),
    ("a target with --case", f"{PY} L5 --case office_worker", 2, "give one of a target, --case"),
]


def _shell(command: str) -> subprocess.CompletedProcess:
    """Run a shell line; its exit code is the first command's (the CLI's)."""
    return subprocess.run(
        ["bash", "-c", f"{command}; exit ${{PIPESTATUS[0]}}"],
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("command", "code", "words"), [pytest.param(*row[1:], id=row[0]) for row in CLI]
)
def test_cli_example_ends_in_one_line_and_the_right_exit_code(command, code, words):
    out = _shell(command)
    assert out.returncode == code, out.stderr
    assert out.stderr.count("\n") == 1 and words in out.stderr, out.stderr
    assert "Traceback" not in out.stderr and "\x1b" not in out.stderr


@pytest.mark.parametrize("reader", ["head -1 >/dev/null", "true"])
def test_cli_under_a_pipe_that_closes_early_is_quiet(reader):
    """The reader may leave before or after the report is written: 0 or 141, no message."""
    out = _shell(f"{PY} L5 --severity 0.9 | {reader}")
    assert out.returncode in (0, 141) and out.stderr == ""


def test_cli_ctrl_c_ends_in_one_line_and_130():
    code = (
        "import os, signal, sys\n"
        "import anatomy.__main__ as cli\n"
        "cli.load_model = lambda: os.kill(os.getpid(), signal.SIGINT)\n"
        "sys.exit(cli.main(['L5']))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert (out.returncode, out.stderr) == (130, "interrupted\n")
