"""The self-check widget: cases on the map without their answer, feedback, a score."""

from __future__ import annotations

import pytest

import anatomy
from anatomy.text.words import summary_rows


@pytest.fixture
def quiz(model):
    return anatomy.self_check(model, n=4, seed=1)


def hover(quiz) -> str:
    return " ".join(t for trace in quiz.figure.data for t in (trace.hovertext or ()) if t)


def test_a_case_shows_its_findings_but_not_its_lesion(quiz, model):
    case = quiz.case
    assert quiz.current == 1 and case.number == 1
    assert "→" not in hover(quiz)  # no path on the map ...
    assert "cites:" not in hover(quiz)
    words = summary_rows(model, case.shown)[0][2]  # ... the findings in words,
    assert words in quiz.findings.value  # from the back down the leg
    labels = [label for label, _ in quiz.choices.options]
    assert len(labels) == 4 and quiz.choices.value is None
    assert "case 1 of 4" in quiz.header.value


def test_an_answer_gives_feedback_reveals_the_lesion_and_scores_once(quiz):
    wrong = next(c for c in quiz.case.choices if c not in quiz.case.accepted)
    fb = quiz.answer(wrong)
    assert not fb.correct and "Not this one" in quiz.feedback.value
    assert "→" in hover(quiz)  # now the path is shown
    assert quiz.score == (0, 1)
    quiz.answer(quiz.case.answer)  # a second try does not change the score
    assert quiz.score == (0, 1)
    assert "Right:" in quiz.feedback.value
    assert "anatomy-source" in quiz.feedback.value  # the citations, with their sources


def test_the_buttons_take_the_same_path(quiz):
    quiz.choices.value = quiz.case.answer
    quiz.check_button.click()
    assert quiz.score == (1, 1)
    quiz.next_button.click()
    assert quiz.current == 2 and quiz.feedback.value == ""


def test_score_after_the_last_case_then_review_and_start_again(quiz):
    for _ in range(4):
        quiz.answer(quiz.case.answer)
        quiz.next()
    assert quiz.score == (4, 4)
    assert "Score: 4 of 4" in quiz.header.value
    assert quiz.review.value.count("<tr>") == 4 + 1  # a row per case, and the heading
    assert "Your first answer" in quiz.review.value and quiz.end.layout.display is None
    quiz.go_to.value = 2  # back to a case: its answer and why, again
    assert quiz.current == 2 and "Right:" in quiz.feedback.value
    quiz.restart_button.click()
    assert quiz.current == 1 and quiz.score == (0, 0) and quiz.feedback.value == ""


def test_the_cases_come_from_both_sides(model):
    for seed in (0, 1, 2026):
        sides = [case.side for case in anatomy.self_check(model, n=6, seed=seed).cases]
        assert sides.count("left") == sides.count("right") == 3, (seed, sides)


def test_no_choice_and_bad_choice_show_a_message(quiz):
    assert quiz.answer(None) is None and "Choose a lesion first" in quiz.feedback.value
    assert quiz.answer("L9") is None and "unknown lesion" in quiz.feedback.value
    assert quiz.score == (0, 0)
    with pytest.raises(ValueError, match="from 1 to 4"):
        quiz.show(5)


def test_same_seed_same_cases_for_the_class(model):
    a, b = anatomy.self_check(model, n=3, seed=7), anatomy.self_check(model, n=3, seed=7)
    assert [c.answer for c in a.cases] == [c.answer for c in b.cases]
    sheet = a.answer_sheet()
    assert list(sheet["case"]) == [1, 2, 3]


def test_display_fallback_names_no_answer(quiz):
    bundle = quiz._repr_mimebundle_()
    assert "Case 1: which lesion" in bundle["text/plain"]
    assert quiz.case.answer not in bundle["text/plain"]
    assert "the findings" in bundle["text/html"]
