"""After any burst of updates the body map shows what the findings table says.

Run All sends one update per cell, faster than the browser draws them. Each
notebook is run three times in one page, as a student would, and after each run
every view of the explorer's map in the page (the explorer and its compact views
in the Try-it cells) is compared, structure by structure, with the explorer's
findings table; no console error, uncaught exception or unhandled promise
rejection may appear.
"""

from __future__ import annotations

import time

import mapcheck
import pytest
from helpers import SHOTS, open_and_run, painted, table_rows, wait_quiet, watch

RUNS = 3

# The largest execution count among the prompts (-1 before any cell ran).
LAST_COUNT = r"""() => Math.max(-1, ...[...document.querySelectorAll('.jp-InputPrompt')]
    .map(p => parseInt((p.textContent.match(/\[(\d+)\]/) || [0, -1])[1])))"""
RUNNING = r"""(before) => [...document.querySelectorAll('.jp-InputPrompt')].some(p =>
    p.textContent.includes('[*]') || parseInt((p.textContent.match(/\[(\d+)\]/) || [0, -1])[1])
    > before)"""

# Which frame holds the explorer's own findings table, and which plots are its map's views
# (the explorer's and the compact views'): every body map in the page.
MAIN_FRAME = """() => [...document.querySelectorAll('.anatomy-explorer')]
    .findIndex(f => f.querySelector('.anatomy-findings'))"""
MAPS = """() => [...document.querySelectorAll('.anatomy-explorer .js-plotly-plot')]
    .map((gd, i) => [i, gd.querySelectorAll('.scatterlayer .trace').length])"""


def run_all_again(page) -> None:
    """Run → Run All Cells, and wait until the kernel has taken it and finished."""
    before = page.evaluate(LAST_COUNT)
    for _ in range(4):
        page.click(".lm-MenuBar-itemLabel:text-is('Run')", timeout=30_000)
        page.click(".lm-Menu-itemLabel:text-is('Run All Cells')", timeout=30_000)
        try:
            page.wait_for_function(RUNNING, arg=before, timeout=30_000)
            break
        except Exception:  # a busy kernel missed it: try again
            time.sleep(2)
    wait_quiet(page, quiet=3.0, timeout=180)


def show_explorer(page) -> None:
    """Scroll the notebook so the explorer's own view is drawn (JupyterLab draws what is seen)."""
    page.evaluate("""() => {
      const pane = [...document.querySelectorAll('.jp-WindowedPanel-outer')]
          .find(p => p.offsetParent !== null);
      const frame = [...document.querySelectorAll('.anatomy-explorer')]
          .find(f => f.querySelector('.anatomy-findings'));
      if (pane && frame) pane.scrollTop += frame.getBoundingClientRect().top
          - pane.getBoundingClientRect().top - 20;
    }""")
    page.wait_for_function(
        "() => document.querySelector('.anatomy-explorer .js-plotly-plot .scatterlayer')",
        timeout=60_000,
    )


def map_against_table(page, settle: float = 20.0) -> tuple[list[str], int]:
    """Mismatches between every map view and the table, once the last frames are drawn
    (polled for up to ``settle`` seconds); and the number of views compared."""
    deadline = time.monotonic() + settle
    while True:
        frame = page.evaluate(MAIN_FRAME)
        rows = table_rows(page, frame) if frame >= 0 else []
        views = [i for i, traces in page.evaluate(MAPS) if traces]
        problems = []
        for plot in views:
            seen = painted(page, mapcheck.points(), plot)
            if seen is None:
                continue
            problems += [f"view {plot}: {p}" for p in mapcheck.mismatches(seen, rows)]
        if rows and views and not problems:
            return [], len(views)
        if time.monotonic() > deadline:
            return problems or ["no table or no map"], len(views)
        time.sleep(0.5)


@pytest.mark.parametrize("notebook", ["03_compress_a_root", "04_cases", "01_lumbar_spine"])
def test_after_run_all_three_times_the_map_equals_the_table(chromium, lab, notebook):
    base, token = lab
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = watch(context.new_page())
    try:
        open_and_run(page, base, token, f"{notebook}.ipynb")
        for run in range(1, RUNS + 1):
            if run > 1:
                run_all_again(page)
            show_explorer(page)
            problems, views = map_against_table(page)
            assert not problems, f"run {run} of {notebook}: " + "; ".join(problems[:8])
            assert views >= 1
            assert page.console_errors == [], f"run {run} of {notebook}: {page.console_errors}"
    finally:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"burst_{notebook}.png"))
        context.close()
