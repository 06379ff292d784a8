"""The course notebooks follow one template, stay small, and link to each other."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
COURSE = sorted(p for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
# Notebooks that may be linked before they exist, marked "*(in preparation)*": none now.
RESERVED: set[str] = set()
HEADINGS = ["## Overview", "## Prerequisites", "## Summary", "## What's next", "## References"]


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text())["cells"]


def source(cell: dict) -> str:
    return "".join(cell["source"])


def test_the_course_is_there():
    names = [p.name for p in COURSE]
    assert names == [
        "00_start_here.ipynb",
        "01_lumbar_spine.ipynb",
        "02_root_to_leg.ipynb",
        "03_compress_a_root.ipynb",
        "04_cases.ipynb",
        "05_bending_the_knee.ipynb",
        "06_self_check.ipynb",
    ]
    assert (NOTEBOOKS / "lecture.ipynb").is_file()


@pytest.mark.parametrize("path", COURSE, ids=lambda p: p.name)
def test_notebook_follows_the_template(path):
    all_cells = cells(path)
    assert source(all_cells[0]).startswith("# "), "a title first"
    headings = [
        line
        for c in all_cells
        if c["cell_type"] == "markdown"
        for line in source(c).splitlines()
        if line.startswith("## ")
    ]
    positions = [
        next((i for i, h in enumerate(headings) if h.startswith(want)), None) for want in HEADINGS
    ]
    assert None not in positions, f"missing one of {HEADINGS}: {headings}"
    assert positions == sorted(positions), "template headings out of order"
    assert headings[positions[0]] == "## Overview" and positions[0] == 0
    overview = next(source(c) for c in all_cells if source(c).startswith("## Overview"))
    assert "**Time:**" in overview and "learn" in overview
    code = [c for c in all_cells if c["cell_type"] == "code"]
    imports = [i for i, c in enumerate(code) if re.search(r"^(import|from) ", source(c), re.M)]
    assert imports == [0], "one import cell, the first code cell"
    for c in code:
        tree = ast.parse(source(c))
        assert not [
            n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.ClassDef | ast.Lambda)
        ], source(c)
        assert len(source(c).splitlines()) <= 6, f"keep cells short: {source(c)!r}"
        assert c["outputs"] or source(c).startswith(("import", "from")), "committed with outputs"
    assert "lesson.references()" in source(code[-1])
    text = "\n".join(source(c) for c in all_cells)
    assert text.count("What to look for") >= max(1, text.count("### Try it"))


@pytest.mark.parametrize("path", [*COURSE, NOTEBOOKS / "lecture.ipynb"], ids=lambda p: p.name)
def test_notebook_is_small_and_carries_no_widget_state(path):
    # 02 is the largest, about 220 KB, 130 KB of it the Sankey's PNG (what GitHub and
    # nbviewer show; tools/png_squeeze.py keeps it small). A widget's saved view would
    # add megabytes.
    assert path.stat().st_size <= 250 * 1024
    notebook = json.loads(path.read_text())
    assert "widgets" not in notebook["metadata"]
    for c in notebook["cells"]:
        for output in c.get("outputs", []):
            assert "application/vnd.jupyter.widget-view+json" not in output.get("data", {})


def test_links_work_or_say_in_preparation():
    for path in [*COURSE, NOTEBOOKS / "lecture.ipynb"]:
        for c in cells(path):
            text = source(c)
            for match in re.finditer(
                r"\]\(([\w.]+\.ipynb)\)(?:\*\*)?( \*\(in preparation\)\*)?", text
            ):
                target, pending = match.group(1), match.group(2)
                exists = (NOTEBOOKS / target).is_file()
                assert exists or target in RESERVED, f"{path.name} links to missing {target}"
                assert bool(pending) == (not exists), f"{path.name}: fix the note on {target}"


def test_explorer_cells_leave_a_table_for_readers_without_a_kernel():
    shown = 0
    for path in COURSE:
        for c in cells(path):
            if c["cell_type"] == "code" and source(c).splitlines()[-1] == "explorer":
                html = "".join(
                    "".join(o.get("data", {}).get("text/html", "")) for o in c["outputs"]
                )
                assert "<table" in html and "Citations" in html, path.name
                shown += 1
    assert shown >= 4


def test_start_here_names_the_red_flags_and_says_it_does_not_diagnose():
    text = "\n".join(source(c) for c in cells(NOTEBOOKS / "00_start_here.ipynb"))
    for words in ("does not diagnose", "saddle", "urine", "bowel", "both legs"):
        assert words in text


def test_lecture_view_is_one_hidden_code_cell_in_presenter_mode():
    code = [c for c in cells(NOTEBOOKS / "lecture.ipynb") if c["cell_type"] == "code"]
    assert len(code) == 1
    assert code[0]["metadata"]["jupyter"]["source_hidden"] is True
    assert "anatomy.lecture()" in source(code[0])  # presenter tabs: explorer, bend, self-check
