"""The self-check notebook in a real browser: answer a case as a learner would."""

from __future__ import annotations

import re
import time

from helpers import SHOTS, open_and_run

import anatomy
from anatomy.engine.practice import practice_cases
from anatomy.text.words import lesion_label

# The notebook's own cases: seed 2026, six of them.
CASES = practice_cases(anatomy.load_model(), n=6, seed=2026)


def quiz_radio(page, label: str):
    return page.locator(f".anatomy-explorer .widget-radio-box label:has-text('{label}') input")


def test_answer_a_case_in_jupyterlab(page, lab):
    base, token = lab
    model = anatomy.load_model()
    open_and_run(page, base, token, "06_self_check.ipynb")
    quiz = page.locator(".anatomy-explorer").first
    quiz.evaluate("el => el.scrollIntoView({block: 'start'})")
    text = quiz.inner_text()
    assert "case 1 of 6" in text
    first = CASES[0]
    assert lesion_label(model, first.answer) in text  # among the choices
    # What the learner sees says nothing of the lesion before an answer.
    assert "The case was" not in text
    # Nor does what a screen reader gets: the map is described without its lesion.
    deadline = time.monotonic() + 20
    while 'radiogroup "' not in quiz.aria_snapshot() and time.monotonic() < deadline:
        time.sleep(0.25)
    tree = quiz.aria_snapshot()
    assert 'radiogroup "Which lesion gives these findings?"' in tree, tree
    summary = re.search(r'img "(Body map: [^"]+)"', tree)
    assert summary and summary[1].startswith("Body map: findings to explain."), tree
    assert lesion_label(model, first.answer) not in summary[1]
    page.screenshot(path=str(SHOTS / "self_check_question.png"))

    wrong = next(c for c in first.choices if c not in first.accepted)
    quiz_radio(page, lesion_label(model, wrong)).first.check()
    quiz.locator("button:text-is('Check')").click()
    feedback = quiz.locator(".anatomy-feedback")
    feedback.wait_for(timeout=30_000)
    assert "Not this one" in feedback.inner_text()
    assert quiz.locator(".anatomy-citations li").count() > 0  # the reasons, cited
    assert "score 0 of 1" in quiz.inner_text()
    feedback.evaluate("el => el.scrollIntoView({block: 'center'})")
    page.screenshot(path=str(SHOTS / "self_check_feedback.png"))

    quiz.locator("button:text-is('Next case')").click()
    page.wait_for_function(
        "() => document.querySelector('.anatomy-explorer').innerText.includes('case 2 of 6')"
    )
    assert page.console_errors == []
