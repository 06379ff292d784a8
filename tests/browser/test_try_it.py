"""The explorer where the student works: compact linked views in the Try-it cells, a bad
call that raises in its own cell, and a reopened notebook that shows its saved words."""

from __future__ import annotations

import time

import mapcheck
from helpers import SHOTS, open_and_run, painted, table_rows, wait_quiet, watch

FRAMES = """() => [...document.querySelectorAll('.anatomy-explorer')].map((f, i) => [i,
    f.classList.contains('compact'), !!f.querySelector('.js-plotly-plot .scatterlayer')])"""
PLOTS_IN = """(frame) => {
  const all = [...document.querySelectorAll('.anatomy-explorer .js-plotly-plot')];
  const frames = document.querySelectorAll('.anatomy-explorer');
  const mine = frames[frame].querySelector('.js-plotly-plot');
  return all.indexOf(mine);
}"""


def scroll_to(page, frame: int) -> None:
    page.evaluate(
        """(i) => { const pane = [...document.querySelectorAll('.jp-WindowedPanel-outer')]
            .find(p => p.offsetParent !== null);
          const f = document.querySelectorAll('.anatomy-explorer')[i];
          pane.scrollTop += f.getBoundingClientRect().top - pane.getBoundingClientRect().top - 10;
        }""",
        frame,
    )
    time.sleep(1)


def agrees(page, plot: int, timeout: float = 20) -> list[str]:
    """Mismatches between a view and the explorer's table, once drawn (polled)."""
    deadline = time.monotonic() + timeout
    main = page.evaluate(
        "() => [...document.querySelectorAll('.anatomy-explorer')]"
        ".findIndex(f => f.querySelector('.anatomy-findings'))"
    )
    while True:
        problems = mapcheck.mismatches(
            painted(page, mapcheck.points(), plot), table_rows(page, main)
        )
        if not problems or time.monotonic() > deadline:
            return problems
        time.sleep(0.5)


def test_a_try_it_cell_shows_a_compact_view_linked_both_ways(page, lab):
    base, token = lab
    open_and_run(page, base, token, "03_compress_a_root.ipynb")
    compact = [i for i, is_compact, _ in page.evaluate(FRAMES) if is_compact]
    assert len(compact) >= 3  # one per Try-it call
    first = compact[0]
    scroll_to(page, first)
    frame = page.locator(".anatomy-explorer").nth(first)
    assert "This cell chose L4 root, left side, severity 0.8 (severe)" in frame.inner_text()
    # After Run All the explorer shows the last cell's choice; the button brings this one back.
    frame.locator("button:text-is('Show it again')").click()
    page.wait_for_function(
        "(i) => document.querySelectorAll('.anatomy-explorer')[i].innerText"
        ".includes('Now: L4 root, left side')",
        arg=first,
        timeout=30_000,
    )
    plot = page.evaluate(PLOTS_IN, first)
    assert agrees(page, plot) == []  # the compact view paints what the table says
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "try_it_compact.png"))
    # Its controls are the explorer's: a change here changes the explorer's findings.
    frame.locator(".widget-toggle-button:text-is('right')").first.click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.anatomy-explorer .anatomy-findings tr[data-side]')]"
        ".every(r => r.dataset.side === 'right')",
        timeout=30_000,
    )
    assert agrees(page, plot) == []
    assert page.console_errors == []


def test_a_bad_call_raises_in_its_cell_and_shows_in_the_explorer(page, lab):
    base, token = lab
    open_and_run(page, base, token, "03_compress_a_root.ipynb")
    last = page.locator(".jp-Notebook .jp-Cell").last
    last.click()
    page.keyboard.press("Escape")
    page.keyboard.press("b")  # a new cell below, as a student adds one
    page.keyboard.press("Enter")
    page.keyboard.type('explorer.select("L6")')
    page.keyboard.press("Shift+Enter")
    wait_quiet(page)
    error = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    error.last.wait_for(timeout=30_000)
    assert "ValueError" in error.last.inner_text() and "L6" in error.last.inner_text()
    messages = page.evaluate(
        "() => [...document.querySelectorAll('.anatomy-explorer .anatomy-error')]"
        ".map(m => m.textContent)"
    )
    assert messages and all("unknown site 'L6'" in m for m in messages)  # in every view
    errors = [e for e in page.console_errors if "ValueError" not in e]
    assert errors == []


def test_a_reopened_notebook_shows_its_saved_words_not_an_error(chromium, lab):
    base, token = lab
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = watch(context.new_page())
    try:
        open_and_run(page, base, token, "04_cases.ipynb")
        page.keyboard.press("Control+s")  # as JupyterLab's autosave does
        time.sleep(2)
        page.click(".lm-MenuBar-itemLabel:text-is('Kernel')")
        page.click(".lm-Menu-itemLabel:text-is('Shut Down Kernel')")
        time.sleep(3)
        page.reload()
        page.wait_for_selector(".jp-Notebook", timeout=120_000)
        time.sleep(5)
        for _ in range(30):  # JupyterLab draws what is in view: look at every cell
            text = page.inner_text(".jp-Notebook")
            assert "Error displaying widget" not in text
            done = page.evaluate(
                """() => { const o = [...document.querySelectorAll('.jp-WindowedPanel-outer')]
                    .find(p => p.offsetParent !== null);
                  if (o.scrollTop + o.clientHeight >= o.scrollHeight - 4) return true;
                  o.scrollTop += 600; return false; }"""
            )
            time.sleep(0.4)
            if done:
                break
        page.evaluate(
            "() => { const o = [...document.querySelectorAll('.jp-WindowedPanel-outer')]"
            ".find(p => p.offsetParent !== null); o.scrollTop = 0; }"
        )
        fallback = page.locator(".anatomy-fallback").first
        fallback.scroll_into_view_if_needed()
        assert "Run the cell to bring the explorer back." in fallback.inner_text()
        assert "Findings:" in fallback.inner_text()  # the saved table
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "reopened.png"))
    finally:
        context.close()


def test_a_cell_run_again_leaves_every_view_updating(page, lab):
    """Running the explorer's cell again removes its old view; plotly never unsubscribes a
    removed view, which then threw at each update and stopped every later view
    ('Error setting state ... _frameQueue'). The map must still follow the controls."""
    base, token = lab
    open_and_run(page, base, token, "03_compress_a_root.ipynb")
    index = page.evaluate(
        """() => [...document.querySelectorAll('.jp-Notebook .jp-Cell')].findIndex(c => {
          const code = c.querySelector('.cm-content');
          return code && code.textContent.trim().endsWith('explorer');
        })"""
    )
    assert index >= 0
    cell = page.locator(".jp-Notebook .jp-Cell").nth(index)
    cell.evaluate("el => el.scrollIntoView({block: 'center'})")
    cell.locator(".jp-InputArea-editor").click()
    page.keyboard.press("Shift+Enter")
    wait_quiet(page)
    frame = page.evaluate(
        "() => [...document.querySelectorAll('.anatomy-explorer')]"
        ".findIndex(f => f.querySelector('.anatomy-findings'))"
    )
    scroll_to(page, frame)
    explorer = page.locator(".anatomy-explorer").nth(frame)
    explorer.locator("button:text-is('Nerve root')").click()
    explorer.locator(".widget-dropdown:has(label:text-is('Root:')) select").select_option("S1")
    page.wait_for_function(
        "(i) => document.querySelectorAll('.anatomy-explorer')[i].innerText.includes('S1 root')",
        arg=frame,
        timeout=30_000,
    )
    plot = page.evaluate(PLOTS_IN, frame)
    assert agrees(page, plot) == []
    assert page.console_errors == []
