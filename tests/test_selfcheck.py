"""Self-check cases: reproducible, answerable, and fed back with citations."""

from __future__ import annotations

import random

import pytest

from anatomy.engine import practice
from anatomy.engine.candidates import candidate
from anatomy.model.vocabulary import OBSERVED_KINDS
from anatomy.text import feedback
from anatomy.text.words import lesion_label


def test_same_seed_same_cases_other_seed_other_cases(model):
    a = practice.practice_cases(model, n=6, seed=3)
    b = practice.practice_cases(model, n=6, seed=3)
    c = practice.practice_cases(model, n=6, seed=4)
    key = [(x.answer, x.side, x.severity, x.choices) for x in a]
    assert key == [(x.answer, x.side, x.severity, x.choices) for x in b]
    assert key != [(x.answer, x.side, x.severity, x.choices) for x in c]


@pytest.mark.parametrize("seed", range(5))
def test_every_case_is_answerable(model, seed):
    cases = practice.practice_cases(model, n=9, seed=seed)
    assert [c.number for c in cases] == list(range(1, 10))
    assert len({c.answer for c in cases}) == 9  # no lesion twice in a set
    assert {c.answer.split()[0] for c in cases if " @ " in c.answer}  # nerves are in the mix
    for case in cases:
        assert case.answer in case.choices and case.answer in case.accepted
        assert len(case.choices) == practice.CHOICES == len(set(case.choices))
        # One right answer among the choices: the look-alikes offered are all wrong.
        assert sum(choice in case.accepted for choice in case.choices) == 1
        assert case.severity in practice.CASE_SEVERITIES and case.side in ("left", "right")
        # No two choices give the same findings: each wrong one can be ruled out.
        for i, a in enumerate(case.choices):
            for b in case.choices[i + 1 :]:
                assert not model.tell_apart(a, b, side=case.side).empty, (a, b)


def test_the_learner_sees_findings_not_the_answer(model):
    case = practice.practice_cases(model, n=1, seed=1)[0]
    shown = case.shown
    assert shown.lesions == ()
    assert set(shown.table["kind"]) <= set(OBSERVED_KINDS)
    assert (shown.table["path"] == "").all()
    assert shown.table["citations"].map(len).sum() == 0
    assert "Case 1: which lesion" in repr(case)
    assert case.answer not in repr(case)


def test_look_alike_is_offered_when_there_is_one(model):
    cases = practice.practice_cases(model, n=22, seed=0)
    l5 = [c for c in cases if c.answer == "L5"]
    assert l5 and "common_fibular @ fibular_head" in l5[0].choices


def test_right_answer_feedback(model):
    case = next(c for c in practice.practice_cases(model, n=22, seed=0) if c.answer == "L5")
    fb = feedback.check(model, case, "L5")
    assert fb.correct
    assert "Right: L5 root" in fb.explanation
    assert "L4-L5 disc, paracentral" in fb.explanation and "only imaging" in fb.explanation
    # It still teaches the look-alike: what rules out the common fibular nerve.
    assert fb.telling.iloc[0]["finding"] == "weakness: Gluteus medius"
    assert "present here" in fb.telling.iloc[0]["who"]
    assert "foot_drop_painless" in fb.citations
    # A disc that gives the same findings is accepted too.
    assert feedback.check(model, case, "disc:L4-L5:paracentral").correct


def test_wrong_answer_feedback_names_the_telling_findings(model):
    case = next(c for c in practice.practice_cases(model, n=22, seed=0) if c.answer == "L5")
    fb = feedback.check(model, case, "common_fibular @ fibular_head")
    assert not fb.correct
    assert fb.explanation.startswith("Not this one: Common fibular nerve at the fibular head")
    findings = list(fb.telling["finding"])
    assert findings[:2] == ["weakness: Gluteus medius", "weakness: Tibialis posterior"]
    assert all(fb.telling["citations"].map(len) > 0)
    assert "superior gluteal nerve" in fb.look_alike_note
    html = fb._repr_html_()
    assert "not-right" in html and "Gluteus medius" in html
    assert "weakness: Gluteus medius" in repr(fb)


def test_a_milder_case_only_cites_what_it_shows(model):
    # At a moderate grade, L5 gives no weakness: the feedback must not claim
    # gluteus medius weakness is "present here".
    case = practice.make_case(model, 1, candidate(model, "L5"), 0.5, "left", random.Random(0))
    fb = feedback.check(model, case, "common_fibular @ fibular_head")
    assert all(not w.startswith("weakness") for w in fb.telling["finding"])
    assert "pain: Lower back" in list(fb.telling["finding"])


def test_answer_sheet_for_the_lecturer(model):
    cases = practice.practice_cases(model, n=4, seed=2)
    sheet = feedback.answer_sheet(model, cases)
    assert list(sheet["case"]) == [1, 2, 3, 4]
    assert list(sheet.columns) == ["case", "answer", "side", "severity", "also accepted", "choices"]
    assert sheet.iloc[0]["answer"] == lesion_label(model, cases[0].answer)


@pytest.mark.parametrize(
    ("n", "error", "words"),
    [
        (0, ValueError, "from 1 to 22"),
        (23, ValueError, "from 1 to 22"),
        (2.5, TypeError, "whole number"),
        ("6", TypeError, "whole number"),
        (True, TypeError, "whole number"),
    ],
)
def test_bad_number_of_cases(model, n, error, words):
    with pytest.raises(error, match=words):
        practice.practice_cases(model, n=n)


def test_bad_choice_names_the_lesions(model):
    case = practice.practice_cases(model, n=1)[0]
    with pytest.raises(ValueError, match=r"unknown lesion 'L9'.*valid: T12"):
        feedback.check(model, case, "L9")


def test_lesion_labels(model):
    assert lesion_label(model, "L5") == "L5 root"
    assert lesion_label(model, "L4-L5 paracentral") == "L4-L5 disc, paracentral"
    assert lesion_label(model, "common_fibular @ fibular_head") == (
        "Common fibular nerve at the fibular head"
    )


def test_feedback_cites_the_corrected_links(model):
    """Harrison's Table 48-1 lists the thigh adductors under L4; a femoral neuropathy spares
    them (Medscape). Katirji & Wilbourn 1994: a high sciatic lesion is told from a
    fibular-head palsy by the short head of biceps femoris."""
    case = practice.make_case(model, 1, candidate(model, "L4"), 0.9, "left", random.Random(0))
    fb = feedback.check(model, case, "femoral @ inguinal_ligament")
    first = fb.telling.iloc[0]
    assert first["finding"] == "weakness: Hip adductors"
    assert {"adductors_roots", "harrison_L4"} <= set(first["citations"])
    assert "adductors" in fb.look_alike_note
    sciatic = candidate(model, "sciatic @ piriformis")
    case = practice.make_case(model, 2, sciatic, 0.9, "left", random.Random(0))
    fb = feedback.check(model, case, "common_fibular @ fibular_head")
    assert fb.telling.iloc[0]["finding"] == "weakness: Biceps femoris (short head)"
    assert "sciatic_fibular_division" in fb.citations
    assert len(set(case.choices)) == len(case.choices)
