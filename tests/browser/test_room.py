"""The widgets fit the room: a 1280×720 projector with JupyterLab's file browser open
(normal and presentation mode), Voila, and a 1920×1080 screen.

Measured in the page: no two controls overlap, none runs past its frame or the
window, no text is cut inside its own box, every column of the findings table is
in view, a presenter's text is at least 20 px (citations included) and the figure
fits the screen below the controls; on a larger screen the figure grows.
"""

from __future__ import annotations

import time

from helpers import SHOTS, open_and_run, watch

# Every control and text box of one frame, and what is wrong with their boxes.
LAYOUT = """(index) => {
  const frame = document.querySelectorAll('.anatomy-explorer')[index];
  const f = frame.getBoundingClientRect();
  const seen = el => el.offsetParent !== null && el.getBoundingClientRect().width > 0;
  const name = el => (el.innerText || el.value || el.className || el.tagName).trim().slice(0, 40);
  const controls = [...frame.querySelectorAll(
      '.widget-label, button, select, .widget-readout, .slider-container, .anatomy-grade')]
    .filter(seen).filter(el => !el.closest('.anatomy-figure'));
  const problems = [];
  for (const el of controls) {
    const r = el.getBoundingClientRect();
    if (r.left < f.left - 1 || r.right > f.right + 1 || r.right > innerWidth)
      problems.push(`runs past its frame: ${name(el)}`);
    if (el.tagName !== 'SELECT' && el.scrollWidth > el.clientWidth + 1)
      problems.push(`text cut: ${name(el)}`);
  }
  for (let i = 0; i < controls.length; i++) {
    for (let j = i + 1; j < controls.length; j++) {
      const a = controls[i], b = controls[j];
      if (a.contains(b) || b.contains(a)) continue;
      const p = a.getBoundingClientRect(), q = b.getBoundingClientRect();
      const w = Math.min(p.right, q.right) - Math.max(p.left, q.left);
      const h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
      if (w > 2 && h > 2) problems.push(`overlap: ${name(a)} / ${name(b)}`);
    }
  }
  const table = frame.querySelector('.anatomy-findings');
  if (table) {
    const panel = table.closest('.anatomy-panel').getBoundingClientRect();
    for (const th of table.querySelectorAll('th')) {
      const r = th.getBoundingClientRect();
      if (r.right > panel.right + 1 || r.width < 20) problems.push(`column hidden: ${name(th)}`);
    }
    const box = table.closest('.anatomy-panel');
    if (box.scrollWidth > box.clientWidth + 1) problems.push('the table scrolls sideways');
  }
  const figure = frame.querySelector('.anatomy-figure');
  const g = figure.getBoundingClientRect();
  if (g.right > f.right + 1 || g.right > innerWidth) problems.push('the figure runs past');
  return {problems, figure: [g.left, g.top, g.width, g.height], frame: [f.left, f.top, f.width]};
}"""

# Text smaller than 20 px in a frame: every element that holds text of its own.
SMALL_TEXT = """(index) => {
  const frame = document.querySelectorAll('.anatomy-explorer')[index];
  const small = [];
  for (const el of frame.querySelectorAll('*')) {
    if (el.closest('svg') || el.offsetParent === null) continue;
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (own && size < 19.5) small.push(`${size}px: ${el.textContent.trim().slice(0, 30)}`);
  }
  return small;
}"""

TOP_OF = """() => {
  const pane = [...document.querySelectorAll('.jp-WindowedPanel-outer')]
      .find(p => p.offsetParent !== null);
  const frame = document.querySelector('.anatomy-explorer');
  if (pane && frame) pane.scrollTop += frame.getBoundingClientRect().top
      - pane.getBoundingClientRect().top;
}"""


def presentation_mode(page) -> None:
    page.click(".lm-MenuBar-itemLabel:text-is('View')")
    page.click(".lm-Menu-itemLabel:text-is('Appearance')")
    page.click(".lm-Menu-itemLabel:text-is('Presentation Mode')")
    time.sleep(1)


def settle(page, seconds: float = 2.5) -> None:
    """Let the figure be drawn and fitted."""
    page.wait_for_selector(".anatomy-figure[data-fitted] .js-plotly-plot", timeout=60_000)
    time.sleep(seconds)


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"room_{name}.png"))


def lab_page(chromium, width: int, height: int):
    context = chromium.new_context(viewport={"width": width, "height": height})
    return context, watch(context.new_page())


def test_a_notebook_at_1280_with_the_file_browser_open(chromium, lab):
    base, token = lab
    context, page = lab_page(chromium, 1280, 720)
    try:
        open_and_run(page, base, token, "03_compress_a_root.ipynb")
        assert page.locator(".jp-FileBrowser").first.is_visible()  # the sidebar is open
        page.evaluate(TOP_OF)
        settle(page)
        report = page.evaluate(LAYOUT, 0)
        shot(page, "lab_1280")
        assert report["problems"] == []
        # the compact views of the Try-it cells fit as well
        compact = page.evaluate(
            "() => [...document.querySelectorAll('.anatomy-explorer')]"
            ".map((f, i) => f.classList.contains('compact') ? i : -1).filter(i => i >= 0)"
        )
        assert compact
        for index in compact[:2]:
            assert page.evaluate(LAYOUT, index)["problems"] == []
        assert page.console_errors == []
    finally:
        context.close()


def presenting(chromium, lab, width: int, height: int) -> list[float]:
    """The lecture in JupyterLab's presentation mode: the layout checks pass, every text
    is 20 px or more, the figure fits the screen; returns the figure's box."""
    base, token = lab
    context, page = lab_page(chromium, width, height)
    try:
        open_and_run(page, base, token, "lecture.ipynb")
        presentation_mode(page)
        page.evaluate(TOP_OF)
        settle(page, 3)
        page.evaluate(TOP_OF)
        time.sleep(1)
        report = page.evaluate(LAYOUT, 0)
        shot(page, f"presentation_{width}")
        assert report["problems"] == []
        assert page.evaluate(SMALL_TEXT, 0) == []  # presenter text: 20 px and more
        _left, top, _width, box_height = report["figure"]
        assert top + box_height <= height  # one screen
        assert page.console_errors == []
        return report["figure"]
    finally:
        context.close()


def test_the_lecture_in_presentation_mode_at_1280(chromium, lab):
    assert presenting(chromium, lab, 1280, 720)[2] >= 480  # not a stamp


def test_the_lecture_in_voila_at_1280_and_1920(chromium, voila):
    sizes = {}
    for width, height in ((1280, 720), (1920, 1080)):
        context = chromium.new_context(viewport={"width": width, "height": height})
        page = watch(context.new_page())
        try:
            page.goto(voila, timeout=120_000)
            settle(page, 3)
            report = page.evaluate(LAYOUT, 0)
            shot(page, f"voila_{width}")
            assert report["problems"] == []
            assert page.evaluate(SMALL_TEXT, 0) == []
            assert page.evaluate("document.documentElement.scrollHeight") <= height
            sizes[width] = report["figure"][2]
            others = [e for e in page.console_errors if "Failed to load resource" not in e]
            assert others == []
        finally:
            context.close()
    assert sizes[1920] > 1.3 * sizes[1280]  # the figure grows with the screen


def test_a_notebook_and_the_lecture_at_1920(chromium, lab):
    base, token = lab
    context, page = lab_page(chromium, 1920, 1080)
    try:
        open_and_run(page, base, token, "03_compress_a_root.ipynb")
        page.evaluate(TOP_OF)
        settle(page)
        report = page.evaluate(LAYOUT, 0)
        shot(page, "lab_1920")
        assert report["problems"] == []
        assert report["figure"][2] > 1000  # grown past its drawn 826 px
    finally:
        context.close()
    assert presenting(chromium, lab, 1920, 1080)[2] > 1000  # grown with the screen
