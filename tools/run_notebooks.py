"""Execute the course notebooks in place, in a fresh kernel each, and keep them clean.

For maintainers, after editing a notebook:

    .venv/bin/python tools/run_notebooks.py            # every notebook
    .venv/bin/python tools/run_notebooks.py notebooks/00_start_here.ipynb

The outputs it stores are what ``pytest --nbval`` then expects. It removes saved
widget state (megabytes of front-end bundle) and the volatile execution metadata,
so that running it twice leaves the files unchanged. It prints the time each
notebook takes and the total.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


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
