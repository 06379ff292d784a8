"""Property-based tests (hypothesis): the engine's invariants over any lesion, severity and
side, and "no exception but ValueError or TypeError" for any input to the public API.

Example counts come from the profile in ``tests/conftest.py`` (modest and fixed by
default; ``HYPOTHESIS_PROFILE=explore`` for a wide random search).
"""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import anatomy
from anatomy.course import Lesson
from anatomy.engine import localize
from anatomy.engine.candidates import candidates
from anatomy.model.tables import split_cell
from anatomy.model.vocabulary import EFFECTS, OBSERVED_KINDS

MODEL = anatomy.load_model()
CANDIDATES = candidates(MODEL)
ALL_CITATIONS = set(MODEL.citations["id"])

severities = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
positive = st.floats(min_value=0.001, max_value=1.0, allow_nan=False)
sides = st.sampled_from(["left", "right", "both"])
lesions = st.sampled_from(CANDIDATES)
nerve_lesions = st.sampled_from([c for c in CANDIDATES if c.kind == "nerve"])


def keys(findings, observed_only: bool = False) -> set[tuple[str, str, str]]:
    """(structure, effect, side) of each row."""
    return {
        (r["structure"], r["effect"], r["side"])
        for r in findings.records
        if not observed_only or r["kind"] in OBSERVED_KINDS
    }


# --- the engine's invariants -----------------------------------------------------------------


@given(lesions, severities, sides)
def test_every_row_is_cited_and_its_intensity_in_0_to_1(lesion, severity, side):
    findings = lesion.compress(MODEL, severity, side)
    for row in findings.records:
        assert row["citations"], row
        assert set(row["citations"]) <= ALL_CITATIONS, row
        assert 0 < row["intensity"] <= 1 and f"{row['intensity']:.2f}" != "0.00", row
        assert row["effect"] in EFFECTS and row["side"] in ("left", "right")
    assert set(MODEL.cite(findings)["id"]) == set(findings.citation_ids)


@given(lesions, severities, severities, sides)
def test_more_severity_never_removes_an_effect(lesion, a, b, side):
    low, high = sorted((a, b))
    weaker, stronger = lesion.compress(MODEL, low, side), lesion.compress(MODEL, high, side)
    assert keys(weaker) <= keys(stronger)
    strength = {(r["structure"], r["effect"], r["side"]): r["intensity"] for r in stronger.records}
    for row in weaker.records:
        assert row["intensity"] <= strength[(row["structure"], row["effect"], row["side"])]


def _mirrored(findings) -> list[tuple]:
    other = {"left": "right", "right": "left"}
    return sorted(
        (r["structure"], r["effect"], other[r["side"]], r["intensity"], tuple(r["citations"]))
        for r in findings.records
    )


def _rows(findings) -> list[tuple]:
    return sorted(
        (r["structure"], r["effect"], r["side"], r["intensity"], tuple(r["citations"]))
        for r in findings.records
    )


def _not_organs(rows: list[tuple]) -> list[tuple]:
    return [r for r in rows if r[1] != "sphincter_dysfunction"]


@given(lesions, severities)
def test_left_and_right_are_mirror_images_and_both_is_their_sum(lesion, severity):
    """Two exceptions to the sum, both on purpose: the bladder and bowel show only when
    both sides are lost (grading.py), and a central herniation on one side presses the
    other side too, at half (canal.py), so its "both" is not two one-sided lesions."""
    left, right = (
        lesion.compress(MODEL, severity, "left"),
        lesion.compress(MODEL, severity, "right"),
    )
    assert _mirrored(left) == _rows(right)
    both = lesion.compress(MODEL, severity, "both")
    if dict(lesion.args).get("zone") == "central":
        return
    assert _not_organs(_rows(both)) == sorted(_not_organs(_rows(left) + _rows(right)))
    assert not [r for r in _rows(left) if r[1] == "sphincter_dysfunction"]


def _branch_position(nerve: str, child: str) -> float | None:
    """Where ``child`` leaves ``nerve`` (position 0..100 along it), from links.csv."""
    links = MODEL.links
    row = links[(links["source"] == nerve) & (links["target"] == child)]
    return float(row.iloc[0]["position"]) if len(row) else None


def _chain_up(structure: str) -> list[str]:
    """The nerves above a structure, nearest first, by branches_to and innervates links."""
    links = MODEL.links
    tree = links[links["relation"].isin(("branches_to", "innervates"))]
    tree = tree[tree["source"].map(MODEL.kind) != "root"]
    parent = dict(zip(tree["target"], tree["source"], strict=True))
    out = []
    while structure in parent:
        structure = parent[structure]
        out.append(structure)
    return out


def _leaves_below(nerve: str, at: float, structure: str) -> bool:
    """Whether ``structure`` is reached from ``nerve`` by a link given off at or below ``at``."""
    if structure == nerve:
        return True
    links = MODEL.links
    sources = links.loc[links["target"] == structure, "source"]
    for source in sources:
        if MODEL.kind(source) != "nerve":
            continue
        path = [source, *_chain_up(source)]  # the carrier and the nerves above it
        if nerve not in path:
            continue
        below = path[: path.index(nerve)]
        child = below[-1] if below else structure
        position = _branch_position(nerve, child)
        if position is not None and position >= at:
            return True
    return False


@given(nerve_lesions, positive, sides)
def test_a_nerve_lesion_never_reaches_above_its_site(lesion, severity, side):
    args = dict(lesion.args)
    position = float(MODEL.site_row(args["nerve"], args["site"])["position"])
    findings = lesion.compress(MODEL, severity, side)
    assert "root" not in set(findings.table["kind"])
    # A site may catch a neighbour too (sites.csv "also": the posterior femoral cutaneous
    # nerve at the piriformis), from its start.
    also = split_cell(MODEL.site_row(args["nerve"], args["site"])["also"])
    for structure in set(findings.table["structure"]):
        assert _leaves_below(args["nerve"], position, structure) or any(
            _leaves_below(n, 0.0, structure) for n in also
        ), (lesion.name, structure)


def _observed(findings) -> set:
    return keys(findings, observed_only=True)


@given(lesions, positive, sides)
def test_localize_of_compress_gives_the_lesion_the_best_evidence(lesion, severity, side):
    """The lesion that made a picture explains all of it: no candidate has more evidence,
    and whatever ranks above it does so only by the priors (base rates; one lesion before
    the same lesion on both sides), which never outweigh more than their own size."""
    findings = lesion.compress(MODEL, severity, side)
    if not _observed(findings):
        with pytest.raises(ValueError, match="no abnormal finding"):
            MODEL.localize(findings)
        return
    table = MODEL.localize(findings)
    mine = table[table["lesion"] == lesion.name].iloc[0]
    assert mine["score"] == table["score"].max() == 1.0, (lesion.name, severity, side)
    above = table[table["rank"] < mine["rank"]]
    reach = 2 * max(localize.PRIOR.values()) - localize.TWO_LESIONS  # the priors' widest gap
    gap = mine["score"] - above["score"]
    assert (gap <= reach + 1e-9).all(), (lesion.name, above[["lesion", "score"]])


# --- no exception but ValueError or TypeError, for any input ------------------------------------

F5 = MODEL.compress("L5", severity=0.8)
NAMES = sorted(
    {
        *MODEL.roots,
        *MODEL.disc_levels,
        *MODEL.zone_names,
        *MODEL.structures["id"],
        *MODEL.structures["label"],
        *MODEL.sites["site"],
        *MODEL.cases["id"],
        *EFFECTS,
        "normal",
        "left",
        "right",
        "both",
        "L4/L5",
        "common_fibular@fibular_head",
        "sciatic @ piriformis",
        "L4-L5 central",
    }
)
TABLES = [
    F5.table,
    F5.table.iloc[:0],
    F5.table[["effect", "structure"]],
    F5.table.assign(side=None),
    F5.table.assign(effect="tingling"),
    F5.table.assign(structure=5),
    pd.DataFrame(),
    pd.DataFrame({"effect": [math.nan], "structure": ["sole"]}),
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=12),
    st.binary(max_size=4),
    st.complex_numbers(),
    st.sampled_from(NAMES),
    st.sampled_from([F5, MODEL.compress("L5", severity=0), MODEL, *TABLES]),
)
anything = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.tuples(inner, inner),
        st.tuples(inner, inner, inner),
        st.dictionaries(st.text(max_size=3) | st.integers(0, 3), inner, max_size=3),
        st.frozensets(st.text(max_size=3), max_size=2),
    ),
    max_leaves=8,
)
effects = st.sampled_from([*EFFECTS, "normal", "numb", "tingling"])
finding_sides = st.sampled_from(["left", "right", "both", None])
# Lists of findings, near the valid form: right shapes with valid or odd names, or any items.
finding_lists = st.one_of(
    st.lists(st.tuples(effects, st.sampled_from(NAMES), finding_sides), max_size=4),
    st.lists(st.tuples(effects, st.sampled_from(NAMES)), max_size=4),
    st.lists(st.one_of(anything, st.tuples(anything, anything)), max_size=3),
)

# Each public entry point with one valid call; the test replaces one or two arguments.
# Python's own wording for a TypeError or ValueError it raised inside the package: the
# contract (docs/errors.md) is a message that names the bad value and what is expected.
INTERNAL = re.compile(
    r"unhashable type|not supported between|object is not (iterable|subscriptable|callable)"
    r"|has no attribute|truth value of a|object of type .* has no len|could not convert"
)

CALLS = {
    "compress": (MODEL.compress, {"root": "L5", "severity": 0.5, "side": "left"}),
    "irritate_joint": (MODEL.irritate_joint, {"joint": "hip", "side": "left", "severity": 0.5}),
    "grade": (anatomy.grade, {"severity": 0.5}),
    "crossed_straight_leg_raise": (anatomy.crossed_straight_leg_raise, {"findings": F5}),
    "compress_disc": (
        MODEL.compress_disc,
        {"level": "L4-L5", "zone": "central", "side": "both", "severity": 0.5},
    ),
    "compress_nerve": (
        MODEL.compress_nerve,
        {"nerve": "common_fibular", "site": "fibular_head", "side": "left", "severity": 0.5},
    ),
    "compress_case": (MODEL.compress_case, {"case": "office_worker"}),
    "localize": (
        MODEL.localize,
        {"findings": [("numbness", "dorsum_of_foot")], "complete": False, "top": 3},
    ),
    "tell_apart": (MODEL.tell_apart, {"a": "L5", "b": "L4", "side": "left"}),
    "cite": (MODEL.cite, {"findings": F5}),
    "format_findings": (anatomy.format_findings, {"model": MODEL, "findings": F5, "width": 80}),
    "straight_leg_raise": (
        anatomy.straight_leg_raise,
        {"findings": F5, "ankle_dorsiflexion": 0, "neck_flexion": 0, "side": None},
    ),
    "slump": (anatomy.slump, {"findings": F5, "neck_flexion": 45, "ankle_dorsiflexion": 0}),
    "prone_knee_bend": (
        anatomy.prone_knee_bend,
        {"findings": F5, "hip_flexion": 0, "neck_flexion": 0, "side": None},
    ),
    "nerve_tension": (
        anatomy.nerve_tension,
        {"hip_flexion": 30, "knee_flexion": 0, "ankle_dorsiflexion": 0, "neck_flexion": 0},
    ),
    "root_tension": (anatomy.root_tension, {"hip_flexion": 30, "knee_flexion": 0}),
}


@pytest.mark.parametrize("name", sorted(CALLS))
@settings(
    suppress_health_check=[HealthCheck.too_slow],
    max_examples=max(100, settings.default.max_examples),
)
@given(data=st.data())
def test_any_input_gives_a_result_or_a_value_or_type_error(name, data):
    function, valid = CALLS[name]
    kwargs = dict(valid)
    for key in data.draw(st.lists(st.sampled_from(sorted(valid)), min_size=1, max_size=2)):
        lists = name == "localize" and key == "findings" and data.draw(st.booleans())
        kwargs[key] = data.draw(finding_lists if lists else anything)
    try:
        function(**kwargs)
    except (ValueError, TypeError) as err:
        assert str(err), "an error says what is wrong"
        assert not INTERNAL.search(str(err)), f"an internal error leaked: {err}"


LESSON = Lesson(MODEL)
# The teaching tables and figures a notebook makes through its Lesson (slower: fewer examples).
LESSON_CALLS = {
    "body_map": (LESSON.body_map, {"findings": F5, "panels": ("spine",)}),
    "pathways": (LESSON.pathways, {"findings": F5, "side": "left"}),
    "summary": (LESSON.summary, {"findings": F5}),
    "compare": (LESSON.compare, {"a": F5, "b": F5, "names": ("a", "b")}),
    "severity_ladder": (LESSON.severity_ladder, {"root": "L5", "severities": (0.2, 0.8)}),
    "case_card": (LESSON.case_card, {"case": "office_worker"}),
    "sweep_table": (LESSON.sweep_table, {"angle": "knee_flexion", "values": (0, 90)}),
    "roots_table": (LESSON.roots_table, {"roots": ("L5",), "severity": 0.7}),
    "threshold_ladder": (LESSON.threshold_ladder, {"root": "L5", "severities": (0.5,)}),
    "localize_table": (LESSON.localize_table, {"findings": F5, "top": 3, "complete": None}),
    "tell_apart_table": (LESSON.tell_apart_table, {"a": "L5", "b": "L4", "side": "left"}),
    "central_ladder": (LESSON.central_ladder, {"level": "L4-L5", "severities": (0.3, 0.9)}),
    "quote": (LESSON.quote, {"title": "t"}),
}


@pytest.mark.parametrize("name", sorted(LESSON_CALLS))
@settings(
    suppress_health_check=[HealthCheck.too_slow],
    max_examples=max(30, settings.default.max_examples // 2),
)
@given(data=st.data())
def test_any_input_to_a_lesson_gives_a_result_or_a_value_or_type_error(name, data):
    function, valid = LESSON_CALLS[name]
    kwargs = dict(valid)
    for key in data.draw(st.lists(st.sampled_from(sorted(valid)), min_size=1, max_size=2)):
        kwargs[key] = data.draw(anything)
    try:
        function(**kwargs)
    except (ValueError, TypeError) as err:
        assert str(err), "an error says what is wrong"
        assert not INTERNAL.search(str(err)), f"an internal error leaked: {err}"
