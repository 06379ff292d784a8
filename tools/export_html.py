"""Export the whole course as static HTML that works offline: one page per notebook and
an index, for reading without a kernel or a network (a USB stick, a mail attachment).

    .venv/bin/python tools/export_html.py [OUT]        # default: build/html

nbconvert writes the committed outputs, as they are: the tables, the widgets' saved
HTML versions, and the PNG that ``tools/run_notebooks.py`` saved beside each figure,
with its alt text (nbconvert's own lab template drops an image's alt; the small
template below keeps it). Nothing is loaded from elsewhere: images are embedded,
and no script is fetched (no require.js or MathJax from a CDN; the course has no
formulas). ``tests/browser/test_export_browser.py`` opens the result in chromium.
"""

from __future__ import annotations

import html
import json
import re
import sys
import tempfile
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parents[1]

# nbconvert's lab template with one change: an image keeps the alt text stored with it.
TEMPLATE = r"""{%- extends 'lab/index.html.j2' -%}
{% block data_png scoped %}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
<img src="data:image/png;base64,{{ output.data['image/png'] | escape_html }}"
 alt="{{ (output | get_metadata('alt', 'image/png')) or '' | escape_html }}">
</div>
{% endblock data_png %}
"""


def exporter(folder: Path) -> HTMLExporter:
    """An HTML exporter with the template above and no script from the network."""
    template = folder / "course.html.j2"
    template.write_text(TEMPLATE)
    return HTMLExporter(
        template_file=str(template),
        extra_template_basedirs=[str(folder)],
        embed_images=True,
        mathjax_url="",
        require_js_url="",
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )


def title(nb: nbformat.NotebookNode, path: Path) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.startswith("# "):
            return cell.source.splitlines()[0][2:].strip()
    return path.stem


def export(out: Path) -> list[Path]:
    """Write every notebook and an index to ``out``; return the pages written."""
    out.mkdir(parents=True, exist_ok=True)
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    pages, links = [], []
    with tempfile.TemporaryDirectory() as folder:
        html_exporter = exporter(Path(folder))
        for path in notebooks:
            nb = nbformat.read(path, as_version=4)
            body, _ = html_exporter.from_notebook_node(
                nb, resources={"metadata": {"name": path.stem}}
            )
            # Links between notebooks point at their exported pages; the template's empty
            # script tags (require.js and MathJax, switched off above) go.
            body = body.replace('.ipynb"', '.html"').replace(".ipynb#", ".html#")
            body = re.sub(r'<script src="">\s*</script>\n?', "", body)
            page = out / f"{path.stem}.html"
            page.write_text(body, encoding="utf-8")
            pages.append(page)
            links.append(f'<li><a href="{page.name}">{html.escape(title(nb, path))}</a></li>')
    index = out / "index.html"
    index.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<title>Back to knee: the course</title></head><body>"
        "<h1>Back to knee: an interactive anatomy atlas</h1>"
        "<p>The course as saved, to read without a kernel. Run the notebooks in JupyterLab "
        "to use the explorer.</p><ol>" + "".join(links) + "</ol></body></html>",
        encoding="utf-8",
    )
    (out / "pages.json").write_text(json.dumps([p.name for p in pages]))
    return [index, *pages]


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "build" / "html"
    for page in export(out):
        print(f"{page.relative_to(out)}  {page.stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
