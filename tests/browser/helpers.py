"""What the tests read off a rendered body map."""

from __future__ import annotations

import time
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout

SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "browser"

# Colours as the browser renders them (plotly sets fill and fill-opacity apart).
BLUE, PURPLE, NEUTRAL_MUSCLE = "rgb(0, 114, 178)", "rgb(204, 121, 167)", "rgb(214, 210, 207)"
NEUTRAL_REGION = "rgb(228, 228, 228)"
SKY_BLUE, VERMILLION = "rgb(86, 180, 233)", "rgb(213, 94, 0)"  # tingling, pain


def skin_colour(severity: float) -> str:
    """The colour a root's main dermatome is painted at a severity (grading.py): numbness
    from 0.4, tingling from 0.2, pain below."""
    return BLUE if severity >= 0.4 else SKY_BLUE if severity >= 0.2 else VERMILLION


# The fill painted at a structure: at its hover point (inside its polygon), the topmost
# filled path plotly.js rendered there. Traces are drawn above every shape (all shapes
# are in the layer below) and in DOM order, so: the last trace fill that contains the
# point, else the last shape that does. A stale drawing left on screen would be found too.
PAINTED_FILL = """([plot, name]) => {
  const gd = document.querySelectorAll('.anatomy-explorer .js-plotly-plot')[plot];
  if (!gd || !gd._fullLayout) return null;
  const [structure, side] = name.split('|');
  let point = null;
  for (const t of gd.data) {
    const i = (t.customdata || []).findIndex(c => c[0] === structure && c[1] === side);
    if (i >= 0) { point = [t.x[i], t.y[i]]; break; }
  }
  if (!point) return null;
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  const x = xa.c2p(point[0]), y = ya.c2p(point[1]);  // in the plot area, as traces draw
  const top = (paths, p) => paths.reverse().find(path => path.isPointInFill(p));
  const trace = top([...gd.querySelectorAll('.scatterlayer path.js-fill')], new DOMPoint(x, y));
  if (trace) return getComputedStyle(trace).fill;
  const shape = top([...gd.querySelectorAll('.shapelayer path')],
                    new DOMPoint(xa._offset + x, ya._offset + y));  // shapes: page pixels
  return shape ? getComputedStyle(shape).fill : null;
}"""


# Where a structure's hover point is on the page, in pixels.
HOVER_POINT = """([plot, name]) => {
  const gd = document.querySelectorAll('.anatomy-explorer .js-plotly-plot')[plot];
  const [structure, side] = name.split('|');
  for (const t of gd.data) {
    const i = (t.customdata || []).findIndex(c => c[0] === structure && c[1] === side);
    if (i < 0) continue;
    const box = gd.querySelector('.nsewdrag').getBoundingClientRect();
    const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
    return [box.left + xa.d2p(t.x[i]), box.top + ya.d2p(t.y[i])];
  }
  return null;
}"""


SCROLL_STEP = """() => {
  const panel = [...document.querySelectorAll('.jp-WindowedPanel-outer')]
      .find(p => p.offsetParent !== null);
  if (!panel) return false;
  if (panel.scrollTop + panel.clientHeight >= panel.scrollHeight - 4) {
    panel.scrollTop = 0;
    return true;
  }
  panel.scrollTop += 400;
  return false;
}"""


def fill(page, name: str, plot: int = 0) -> str | None:
    """The fill painted where the body map draws ``structure|side``."""
    return page.evaluate(PAINTED_FILL, [plot, name])


def hover_text(page, name: str, plot: int = 0) -> str:
    """The hover label shown when the mouse rests on ``structure|side``."""
    page.locator(".anatomy-explorer .js-plotly-plot").nth(plot).scroll_into_view_if_needed()
    x, y = page.evaluate(HOVER_POINT, [plot, name])
    page.mouse.move(x, y)
    label = page.locator(".hoverlayer .hovertext").first
    label.wait_for(timeout=10_000)
    return label.text_content()


def wait_fill(page, name: str, colour: str, timeout: float = 30, plot: int = 0) -> str | None:
    deadline = time.monotonic() + timeout
    value = None
    while time.monotonic() < deadline:
        value = fill(page, name, plot)
        if value == colour:
            return value
        time.sleep(0.25)
    return value


def open_and_run(page, base: str, token: str, notebook: str) -> None:
    """Open a notebook in JupyterLab, run all cells, wait for the explorer."""
    # A workspace of its own, so no tab of an earlier test lingers hidden in the page.
    workspace = f"{notebook.split('.')[0]}-{int(time.time() * 1000)}"
    page.goto(f"{base}/lab/workspaces/{workspace}/tree/{notebook}?token={token}")
    page.wait_for_selector('.jp-Notebook-ExecutionIndicator[data-status="idle"]', timeout=120_000)
    run_all(page)
    # JupyterLab renders only the cells in view: sweep the notebook, top to bottom, until
    # the explorer has been drawn (cells may still be running on the first sweeps).
    page.mouse.move(700, 500)
    deadline = time.monotonic() + 150
    while page.locator(".anatomy-explorer .js-plotly-plot").count() == 0:
        if time.monotonic() > deadline:
            raise TimeoutError("the explorer never appeared")
        at_bottom = page.evaluate(SCROLL_STEP)
        time.sleep(1.0 if at_bottom else 0.4)
    wait_quiet(page)


STARTED = r"""() => [...document.querySelectorAll('.jp-InputPrompt')]
    .some(p => /\[(\*|\d+)\]/.test(p.textContent))"""


def run_all(page, attempts: int = 4) -> None:
    """Run → Run All Cells, and make sure the kernel really started running them.

    Under load a fresh kernel may not be ready when the notebook first shows
    'idle'; the cells are then cleared but not run. So check for a running or
    numbered prompt, and try again if none appears.
    """
    for _ in range(attempts):
        page.click(".lm-MenuBar-itemLabel:text-is('Run')", timeout=30_000)
        page.click(".lm-Menu-itemLabel:text-is('Run All Cells')", timeout=30_000)
        try:
            page.wait_for_function(STARTED, timeout=30_000)
            return
        except PlaywrightTimeout:  # not started: try again
            time.sleep(2)
    raise TimeoutError("the kernel never started running the cells")


def wait_quiet(page, quiet: float = 2.0, timeout: float = 120) -> None:
    """Wait until the kernel has stayed idle for ``quiet`` seconds: all cells have run."""
    deadline = time.monotonic() + timeout
    since = None
    while time.monotonic() < deadline:
        idle = page.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]').count() > 0
        if idle:
            since = since or time.monotonic()
            if time.monotonic() - since >= quiet:
                return
        else:
            since = None
        time.sleep(0.2)
    raise TimeoutError("the notebook never finished running")
