"""Execute the course notebooks in place, in a fresh kernel each, and keep them clean.

For maintainers, after editing a notebook:

    .venv/bin/python tools/run_notebooks.py            # every notebook
    .venv/bin/python tools/run_notebooks.py notebooks/00_start_here.ipynb

The outputs it stores are what ``pytest --nbval`` then expects. It removes saved
widget state (megabytes of front-end bundle) and the volatile execution metadata,
so that running it twice leaves the files unchanged. It prints the time each
notebook takes and the total.

Beside each static plotly figure it saves a PNG of it, drawn offline by kaleido in
Debian's chromium, with the figure's text alternative (its ``text/plain``, from
:class:`anatomy.viz.figure.AtlasFigure`) as the PNG's alt. JupyterLab draws the
plotly JSON; GitHub, nbviewer and an nbconvert export, which cannot, show the
PNG. nbval does not compare PNGs, and chromium draws the same bytes each time.
"""

from __future__ import annotations

import base64
import sys
import time
from pathlib import Path

import nbformat
import plotly.io as pio
from nbclient import NotebookClient
from png_squeeze import squeeze  # beside this script

ROOT = Path(__file__).resolve().parents[1]


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# The width of a saved picture whose figure sets none: about a notebook's output column
# at 1280 px. kaleido's default, 700 px, cut the Sankey's "Common fibular" label.
PICTURE_WIDTH = 820
PLOTLY = "application/vnd.plotly.v1+json"


def add_pictures(nb: nbformat.NotebookNode) -> int:
    """Save a PNG, with the figure's text as its alt, beside each static plotly figure.

    Returns how many were added. A figure without a text alternative is an error:
    every figure the course shows must say what it shows.
    """
    count = 0
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            data = output.get("data", {})
            if PLOTLY not in data:
                continue
            alt = data.get("text/plain", "")
            if not alt.strip():
                raise ValueError(f"a figure has no text alternative:\n{''.join(cell.source)}")
            figure = {key: data[PLOTLY][key] for key in ("data", "layout")}
            width = figure["layout"].get("width") or PICTURE_WIDTH
            png = squeeze(pio.to_image(figure, format="png", width=width))
            data["image/png"] = base64.b64encode(png).decode("ascii")
            output.setdefault("metadata", {})["image/png"] = {"alt": alt}
            count += 1
    return count


def clean(nb: nbformat.NotebookNode) -> None:
    """Drop widget state, widget views and per-run metadata; keep the other outputs.

    A saved widget view points at a widget model that no longer exists when the
    notebook is reopened (JupyterLab shows an error in its place), and its id is
    random. Each widget here also outputs a text and HTML version of what it
    shows, which is what a reader without a kernel sees and what nbval compares.
    """
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            for output in cell.get("outputs", []):
                output.get("metadata", {}).pop("execution", None)
                output.get("data", {}).pop(WIDGET_VIEW, None)


def run(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    elapsed = time.perf_counter() - start
    clean(nb)
    add_pictures(nb)
    nbformat.write(nb, path)
    return elapsed


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    total = 0.0
    for path in paths:
        seconds = run(path)
        total += seconds
        size = path.stat().st_size / 1024
        print(f"{path.name:40s} {seconds:6.1f} s {size:7.1f} KB")
    print(f"{'total':40s} {total:6.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
