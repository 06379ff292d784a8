"""What assistive technology gets, read from chromium's accessibility tree, and what the
plotly toolbar offers (nothing that sends a figure out)."""

from __future__ import annotations

import re
import time

from helpers import SCROLL_STEP, open_and_run, run_all, wait_quiet


def snapshot(page) -> str:
    """The first explorer as the accessibility tree has it (Playwright's ARIA snapshot)."""
    return page.locator(".anatomy-explorer").first.aria_snapshot()


def wait_snapshot(page, text: str, timeout: float = 20) -> str:
    deadline = time.monotonic() + timeout
    tree = snapshot(page)
    while text not in tree and time.monotonic() < deadline:
        time.sleep(0.25)
        tree = snapshot(page)
    return tree


def click(page, text: str) -> None:
    button = page.locator(f".anatomy-explorer button:text-is('{text}')").first
    button.evaluate("el => el.scrollIntoView({block: 'center'})")
    button.click()


def assert_shares_nothing(page) -> None:
    """No plotly toolbar on the page offers sharing or links out; each offers the PNG."""
    assert page.get_by_role("button", name=re.compile("Share chart")).count() == 0
    assert page.get_by_role("link", name=re.compile("plotly", re.I)).count() == 0
    assert page.locator(".modebar-btn[data-title='Lasso Select']").count() == 0
    plots = page.locator(".js-plotly-plot").count()
    assert page.locator(".modebar-btn[data-title='Download plot as a PNG']").count() == plots


def test_controls_are_named_and_announce_their_state(page, lab):
    base, token = lab
    open_and_run(page, base, token, "03_compress_a_root.ipynb")
    click(page, "Nerve root")
    click(page, "left")
    wait_snapshot(page, 'combobox "Root:"')  # the mode's own controls are shown after a beat
    tree = wait_snapshot(page, 'button "left" [pressed]')
    assert 'slider "Severity"' in tree, tree
    assert 'group "Side"' in tree and 'group "Compress"' in tree, tree
    assert '- button "left" [pressed]' in tree and '- button "Nerve root" [pressed]' in tree
    assert 'combobox "Root:"' in tree
    # The selection is announced as it changes.
    click(page, "right")
    tree = wait_snapshot(page, 'button "right" [pressed]')
    assert '- button "right" [pressed]' in tree and 'button "left" [pressed]' not in tree
    # The map is one image named by what it shows, kept current; not a string of labels.
    tree = wait_snapshot(page, 'img "Body map: L5, right side')
    summary = re.search(r'img "(Body map: [^"]+)"', tree)
    assert summary, tree
    assert "right side" in summary[1] and "Coloured by effect:" in summary[1], summary[1]
    assert "Spinefrom behind" not in tree, "the drawing's own labels are hidden"
    assert 'button "Download plot as a PNG"' in tree
    assert_shares_nothing(page)
    assert page.console_errors == []


def test_static_figures_share_nothing(page, lab):
    base, token = lab
    workspace = f"static-{int(time.time() * 1000)}"  # no tab of an earlier test lingers
    page.goto(f"{base}/lab/workspaces/{workspace}/tree/01_lumbar_spine.ipynb?token={token}")
    page.wait_for_selector('.jp-Notebook-ExecutionIndicator[data-status="idle"]', timeout=120_000)
    run_all(page)
    # JupyterLab draws only the cells in view: sweep until the spine panel is drawn.
    static = ".jp-RenderedPlotly"  # a figure drawn by the plotly mime renderer, not a widget
    page.mouse.move(700, 500)
    deadline = time.monotonic() + 150
    while page.locator(static).count() == 0 and time.monotonic() < deadline:
        time.sleep(1.0 if page.evaluate(SCROLL_STEP) else 0.4)
    assert page.locator(static).count() >= 1
    wait_quiet(page)
    assert_shares_nothing(page)
