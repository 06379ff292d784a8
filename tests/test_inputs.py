"""The checking layer beyond the issue's examples: inputs the fuzzing of test_properties.py
found crashing (KeyError, AttributeError, IndexError) or silently merged, each pinned here
with the error and words it gives now."""

from __future__ import annotations

import pytest

import anatomy
from anatomy.course import Lesson
from anatomy.viz import body_map

M = anatomy.load_model()
L = Lesson(M)
F = M.compress("L5", severity=0.8)

BAD = [
    ("lesson.body_map('L5')", lambda: L.body_map("L5"), TypeError, "pass findings"),
    ("lesson.pathways([])", lambda: L.pathways([]), TypeError, "not [] (list)"),
    (
        "body_map(panels=[])",
        lambda: body_map.body_map(M, panels=[]),
        ValueError,
        "at least one panel",
    ),
    ("compare(names='L5')", lambda: L.compare(F, F, names="L5"), TypeError, "two names"),
    (
        "compare(names=('a', 'a'))",
        lambda: L.compare(F, F, names=("a", "a")),
        ValueError,
        "two different names",
    ),
    (
        "severity_ladder(severities=())",
        lambda: L.severity_ladder("L5", severities=()),
        ValueError,
        "at least one",
    ),
    (
        "severity_ladder(severities=0.5)",
        lambda: L.severity_ladder("L5", severities=0.5),
        TypeError,
        "list of values",
    ),
    (
        "threshold_ladder(severities=(0.5, 0.5))",
        lambda: L.threshold_ladder("L5", severities=(0.5, 0.5)),
        ValueError,
        "0.5 is given twice",
    ),
    (
        "threshold_ladder(severities=[])",
        lambda: L.threshold_ladder("L5", severities=[]),
        ValueError,
        "at least one",
    ),
    ("roots_table(roots='L5')", lambda: L.roots_table(roots="L5"), TypeError, "list of values"),
    (
        "roots_table(roots=('L5', 'l5'))",
        lambda: L.roots_table(roots=("L5", "l5")),
        ValueError,
        "'L5' is given twice",
    ),
    (
        "sweep_table(values=(0, 0))",
        lambda: L.sweep_table("knee_flexion", (0, 0)),
        ValueError,
        "given twice",
    ),
    (
        "sweep_table(values=(500,))",
        lambda: L.sweep_table("knee_flexion", (500,)),
        ValueError,
        "outside its normal range",
    ),
    (
        "sweep_table(held the swept angle)",
        lambda: L.sweep_table("knee_flexion", (0, 90), knee_flexion=30),
        ValueError,
        "do not hold it too",
    ),
    (
        "sweep_table(held elbow)",
        lambda: L.sweep_table("knee_flexion", (0, 90), elbow=30),
        ValueError,
        "unknown angle 'elbow'",
    ),
    ("cite({'id': 1})", lambda: M.cite({"bk_lumbar_nerves_knee": 1}), TypeError, "(dict)"),
    (
        "localize(['pain in the sole'])",
        lambda: M.localize(["pain in the sole"]),
        TypeError,
        "'pain in the sole' (str)",
    ),
    ("localize([('pain',)])", lambda: M.localize([("pain",)]), ValueError, "not ('pain',)"),
    (
        "format_findings(width=True)",
        lambda: anatomy.format_findings(M, F, width=True),
        TypeError,
        "whole number",
    ),
    (
        "format_findings(width=20)",
        lambda: anatomy.format_findings(M, F, width=20),
        ValueError,
        "40 or more",
    ),
]


@pytest.mark.parametrize(("call", "error", "words"), [pytest.param(*b[1:], id=b[0]) for b in BAD])
def test_bad_input_is_refused_clearly(call, error, words):
    with pytest.raises(error) as info:
        call()
    assert type(info.value) is error and words in str(info.value), str(info.value)


def test_comparing_a_lesson_with_itself_names_the_columns_apart():
    """Both default names were 'L5', so the table could not be built (a KeyError)."""
    weaker, stronger = M.compress("L5", severity=0.3), M.compress("L5", severity=0.9)
    columns = list(L.compare(weaker, stronger).columns)
    assert "L5 root, 0.3" in columns and "L5 root, 0.9" in columns  # names and severities
    same = list(L.compare(F, F).columns)
    assert any(c.endswith("(first)") for c in same) and any(c.endswith("(second)") for c in same)


@pytest.mark.parametrize(
    ("written", "structure"),
    [
        ("Dorsum of foot", "dorsum_of_foot"),
        ("extensor-hallucis-longus", "extensor_hallucis_longus"),
        ("  Common  Fibular ", "common_fibular"),
        ("L4 L5", "L4-L5"),
        ("KNEE JERK", "patellar_reflex"),
    ],
)
def test_a_name_written_another_way_is_the_same_name(written, structure):
    """Case, '_', '-' and spaces do not matter to a lookup: the loader keeps every name
    written that way unique, so no variant can pick another structure."""
    assert M.resolve(written) == structure


def test_harmless_variants_give_the_same_answers():
    ranked = M.localize(
        [("Numbness", "Dorsum of foot"), ("Reduced-Reflex", "Medial Hamstring Reflex")]
    )
    assert ranked.equals(
        M.localize([("numbness", "dorsum_of_foot"), ("reduced_reflex", "medial_hamstring_reflex")])
    )
    assert M.compress_nerve("common fibular", site="Fibular Head").table.equals(
        M.compress_nerve("common_fibular", site="fibular_head").table
    )
    assert M.compress_disc(" l4/l5 ", zone="Far-Lateral", side=" LEFT ").table.equals(
        M.compress_disc("L4-L5", zone="extraforaminal", side="left").table
    )


def test_findings_of_refuses_what_no_finding_can_have(model):
    f = model.compress("L5", severity=0.8)
    with pytest.raises(ValueError, match=r"'numb'.*numbness"):
        f.of(effect="numb")
    with pytest.raises(ValueError, match="organs"):
        f.of(kind="organs")
    assert f.of(effect="sphincter_dysfunction").empty  # a real effect, absent: empty


def test_a_joint_that_refers_no_pain_is_named_as_such(model):
    with pytest.raises(ValueError, match="'knee' is a joint, but the model gives it no"):
        model.irritate_joint("knee")


def test_grade_and_tell_apart_check_their_input(model):
    with pytest.raises(TypeError, match="severity must be a number"):
        anatomy.grade("x")
    with pytest.raises(ValueError, match="from 0 to 1"):
        anatomy.grade(2)
    with pytest.raises(ValueError, match="two different lesions"):
        model.tell_apart("L5", "root:L5")
    with pytest.raises(TypeError, match="citation ids are text"):
        model.cite([["lee_L5"]])


def test_roots_and_cases_are_matched_as_every_name_is(model):
    """docs/errors.md: case, '_', '-' and spaces do not matter; a label is a name too."""
    assert model.compress("L5 nerve root").lesions[0].name == "L5"
    same = model.compress_case("office worker").lesions
    assert model.compress_case("Office_worker").lesions == same
    with pytest.raises(ValueError, match="unknown root 'L9'"):
        model.compress("L9")
