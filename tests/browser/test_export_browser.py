"""The course exported as static HTML (tools/export_html.py), opened in chromium with the
network cut: every page loads, every figure shows its picture with its alt text, and
every table the notebooks saved is there."""

from __future__ import annotations

import json
import re
import runpy
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html")
    tool = runpy.run_path(str(ROOT / "tools" / "export_html.py"))
    tool["export"](out)
    return out


def saved(notebook: Path) -> tuple[int, int]:
    """(figures, tables) the committed notebook holds, as nbconvert will show them."""
    figures = tables = 0
    for cell in json.loads(notebook.read_text())["cells"]:
        if cell["cell_type"] == "markdown":  # a markdown table has one rule under its header
            tables += len(re.findall(r"^\|?\s*:?-{3,}", "".join(cell["source"]), re.M))
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data:
                figures += 1
            elif "text/html" in data:
                tables += "".join(data["text/html"]).count("<table")
    return figures, tables


PAGE = """() => ({
  images: [...document.images].map(i => ({alt: i.alt, width: i.naturalWidth})),
  tables: document.querySelectorAll('table').length,
  rows: document.querySelectorAll('table tr').length,
  title: (document.querySelector('h1') || {}).textContent || '',
})"""


def test_every_page_shows_its_figures_and_tables_offline(chromium, exported):
    context = chromium.new_context()
    outside = []

    def block(route):
        if not route.request.url.startswith("file://"):
            outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", block)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((exported / "index.html").as_uri())
    links = page.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert links == [f"{nb.stem}.html" for nb in NOTEBOOKS]
    total = 0
    for notebook in NOTEBOOKS:
        page.goto((exported / f"{notebook.stem}.html").as_uri())
        found = page.evaluate(PAGE)
        figures, tables = saved(notebook)
        assert found["title"], notebook.name
        assert len(found["images"]) == figures, notebook.name
        for image in found["images"]:
            assert image["width"] > 300, f"{notebook.name}: a picture did not load"
            assert image["alt"].startswith(("Body map", "Pathways")), image["alt"]
        assert found["tables"] == tables, notebook.name
        total += figures
    assert total >= 2, "the spine panel (01) and the pathways (02) at least"
    assert outside == [], f"the export asked the network for {outside}"
    assert errors == []
    context.close()


def test_export_tool_runs_from_the_command_line(exported, tmp_path):
    import subprocess

    out = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "export_html.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "index.html" in out.stdout
    assert sorted(p.name for p in tmp_path.glob("*.html")) == sorted(
        ["index.html", *(f"{nb.stem}.html" for nb in NOTEBOOKS)]
    )
