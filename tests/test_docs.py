"""The README is a front door; each topic is written once, in docs/; links resolve."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def test_the_readme_is_short():
    lines = (ROOT / "README.md").read_text().splitlines()
    assert len(lines) <= 200, f"README has {len(lines)} lines; move detail to docs/"


def test_every_local_link_resolves():
    for page in [ROOT / "README.md", *DOCS.glob("*.md")]:
        for target in re.findall(r"\]\(([^)#:]+?)(?:#[^)]*)?\)", page.read_text()):
            assert (page.parent / target).exists(), f"{page.name} links to missing {target}"


def test_the_readme_points_to_every_doc():
    readme = (ROOT / "README.md").read_text()
    for page in DOCS.glob("*.md"):
        assert f"docs/{page.name}" in readme, f"the README does not point to {page.name}"


def test_each_topic_is_explained_once():
    """Key explanations appear in one page only (a second copy would drift)."""
    pages = {p.name: p.read_text() for p in [ROOT / "README.md", *DOCS.glob("*.md")]}
    for phrase in (
        "strain (%) = 100",  # the tension model's formula
        "## How the body map updates",
        "## Decisions about the anatomy",
        "| `select()` median",
    ):
        holders = [name for name, text in pages.items() if phrase in text]
        assert len(holders) == 1, f"{phrase!r} is in {holders}"
    headings = [h for text in pages.values() for h in re.findall(r"^#+ .+$", text, re.M)]
    repeated = {h for h in headings if headings.count(h) > 1 and h.startswith("## ")}
    assert not repeated - {"## Sources"}, repeated
