"""Nerve tension: which joint movements stretch which nerve, and when an irritated root hurts.

The model
---------
Each modelled nerve (sciatic, tibial, common fibular, femoral) runs in a *bed*
(``nerve_beds.csv``) that crosses joints (``nerve_crossings.csv``). When a
joint moves, the bed lengthens or shortens by the nerve's *moment arm* (its
distance from the joint's axis) times the angle in radians: it lengthens when
the nerve runs on the side of the axis that the movement opens
(``joint_ranges.csv``, column ``lengthened_side``), and shortens when it runs
on the other side. The nerve takes up part of that change by gliding in its
bed (the crossing's ``glide``) and the rest by stretching, spread over the
bed's length::

    strain (%) = 100 x sum over crossings of (1 - glide) x moment_arm x angle / bed_length

A negative strain means the bed is shorter than in the anatomical position:
the nerve is slack. The sum depends on the pose only, not on the order of the
movements, as cadaver studies found (Boyd et al. 2013). Strain in real nerves
gathers near the joint that moves; the model spreads it over the bed, which is
why the tibial nerve's strain at the ankle reads lower here than the 4%
measured right at the ankle. The moment arms and glides are teaching
approximations, chosen so that the straight-leg raise stretches the sciatic
nerve by 3.6% at 70 degrees, near the 2 to 4% measured in the L4 to S1 roots,
and so that pulling the foot up costs the raise about 8 degrees, as in healthy
people (5 to 10 degrees). Every row's note says where its numbers come from.

Neck flexion pulls the whole nervous system upwards; the model adds the same
small strain (about 0.35% at 45 degrees) to every nerve. The slump of the
thoracic and lumbar spine in the slump test is not modelled separately: neck
flexion stands for it.

Roots
-----
A root is pulled by the nerves it runs in (``root_pull.csv``): all of L5 and
S1 in the sciatic nerve; L2 and L3 in the femoral nerve; L4 mostly in the
femoral nerve and only in part (minor share) in the sciatic nerve, through
the lumbosacral trunk. A root's pull is the mean of those nerves' strains,
weighted by share (main 1, minor 0.5); a slack nerve pulls nothing.

When symptoms start
-------------------
A teaching approximation, stated as such. A healthy root or nerve tolerates
:data:`HEALTHY_TOLERANCE` = 8% strain, the stretch at which the blood flow
inside a nerve halves in animal studies (Clark et al. 1992; flow stops near
16%, Ogata et al. 1986). No pose within the normal ranges of motion reaches
it, so a healthy leg never turns positive here; the normal feeling of stretch
at the end of a straight-leg raise is not modelled. An irritated root or
nerve tolerates less: at sensitisation *s* (0..1) the tolerance is
``8% / 5**s``, so 3.6% at *s* = 0.5 and 1.6% at *s* = 1. Symptoms start where
the pull reaches the tolerance. With these numbers a moderate-to-severe L5 or
S1 lesion (severity 0.5 to 1) turns the straight-leg raise positive between
69 and 31 degrees, the classic 30 to 70; a mild one (below about 0.35) does
not; L2 and L3 lesions turn the prone knee bend positive and leave the
straight-leg raise negative; L4, shared between both nerves, turns either test
positive only late and only when badly irritated.

Sensitisation comes from findings: each root a root or disc lesion
compresses, at the lesion's severity; each modelled nerve a nerve lesion
compresses (the sciatic nerve at the piriformis, the femoral nerve at the
inguinal ligament...), at its severity. Nerves without a bed in the model
(obturator, lateral femoral cutaneous) are listed as not modelled.

All functions take angles in degrees: hip flexion (negative: extension), knee
flexion, ankle dorsiflexion (negative: plantar flexion), neck flexion
(negative: extension). An angle outside its normal range (``joint_ranges.csv``)
raises ValueError naming the value and the range.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from anatomy.errors import choice_error
from anatomy.model import ANGLES, WEIGHTS, Model, _split, load_model

HEALTHY_TOLERANCE = 8.0  # % strain a healthy root or nerve takes without symptoms
SENSITISED_FALL = 5.0  # at full sensitisation the tolerance is 1/5 of the healthy one
TOLERANCE_CITATIONS = ("nerve_stretch_blood_flow", "nerve_stretch_arrest", "ak_nerve_tension")
STEP = 0.5  # degrees between the angles a sweep tries before it narrows down the onset

# How the figure draws the body for each position: the model's angles are the same.
POSITIONS = {
    "supine": "lying on the back",
    "sitting": "sitting",
    "prone": "lying face down",
}


@dataclass(frozen=True)
class NeurodynamicTest:
    """A neurodynamic test: a starting pose and the one angle it moves."""

    name: str
    label: str
    position: str
    pose: tuple[tuple[str, float], ...]
    sweep: str
    start: float
    stop: float
    roots: str  # what it tests, in words

    def angles(self, value: float | None = None) -> dict[str, float]:
        """The pose, with the swept angle at ``value`` (or its start)."""
        angles = dict(self.pose)
        angles[self.sweep] = self.start if value is None else value
        return angles


TESTS = {
    "straight_leg_raise": NeurodynamicTest(
        "straight_leg_raise",
        "Straight-leg raise",
        "supine",
        (("hip_flexion", 0.0), ("knee_flexion", 0.0), ("ankle_dorsiflexion", 0.0)),
        "hip_flexion",
        0.0,
        90.0,
        "L5 and S1, through the sciatic nerve",
    ),
    "slump": NeurodynamicTest(
        "slump",
        "Slump",
        "sitting",
        (("hip_flexion", 90.0), ("ankle_dorsiflexion", 0.0), ("neck_flexion", 45.0)),
        "knee_flexion",
        90.0,
        0.0,
        "L4 to S1, through the sciatic nerve, with the neck bent",
    ),
    "prone_knee_bend": NeurodynamicTest(
        "prone_knee_bend",
        "Prone knee bend",
        "prone",
        (("hip_flexion", 0.0), ("ankle_dorsiflexion", 0.0), ("neck_flexion", 0.0)),
        "knee_flexion",
        0.0,
        130.0,
        "L2, L3 and L4, through the femoral nerve",
    ),
}


# --- the data, as the model uses it ----------------------------------------------------------


@lru_cache(maxsize=1)
def _default_model() -> Model:
    return load_model()


def _model(model: Model | None) -> Model:
    return model if model is not None else _default_model()


@dataclass(frozen=True)
class _Tables:
    """The tension tables turned into numbers, built once per model."""

    ranges: dict[str, tuple[float, float]]  # angle -> (minimum, maximum)
    labels: dict[str, str]  # angle -> label
    words: dict[str, tuple[str, str]]  # angle -> (positive word, negative word)
    joint_angle: dict[str, str]  # joint -> angle
    nerves: tuple[str, ...]  # in table order
    rates: dict[str, dict[str, float]]  # nerve -> angle -> % strain per degree
    pulls: dict[str, tuple[tuple[str, float], ...]]  # root -> ((nerve, share), ...)
    roots: tuple[str, ...]  # roots with a pull, in anatomical order
    citations: tuple[str, ...]  # every citation id behind the tension tables


def tables(model: Model | None = None) -> _Tables:
    """The tension tables of a model as numbers (cached on the model)."""
    model = _model(model)
    cached = model.__dict__.get("_tension")
    if cached is None:
        cached = _build(model)
        object.__setattr__(model, "_tension", cached)
    return cached


def _build(model: Model) -> _Tables:
    ranges, labels, words, joint_angle, lengthened = {}, {}, {}, {}, {}
    cites: dict[str, None] = {}
    for row in model.joint_ranges.to_dict("records"):
        angle = row["angle"]
        ranges[angle] = (float(row["minimum"]), float(row["maximum"]))
        labels[angle] = row["label"]
        words[angle] = (row["positive"], row["negative"])
        joint_angle[row["joint"]] = angle
        lengthened[angle] = row["lengthened_side"]
        cites.update(dict.fromkeys(_split(row["citations"])))
    beds = {}
    for row in model.nerve_beds.to_dict("records"):
        beds[row["nerve"]] = float(row["bed_mm"])
        cites.update(dict.fromkeys(_split(row["citations"])))
    rates: dict[str, dict[str, float]] = {n: dict.fromkeys(ANGLES, 0.0) for n in beds}
    for row in model.nerve_crossings.to_dict("records"):
        angle = joint_angle[row["joint"]]
        sign = 1.0 if row["passes"] == lengthened[angle] else -1.0
        stretch = 1.0 - float(row["glide"])
        arm = float(row["moment_arm_mm"])
        rates[row["nerve"]][angle] = sign * 100 * stretch * arm * math.pi / 180 / beds[row["nerve"]]
        cites.update(dict.fromkeys(_split(row["citations"])))
    pulls: dict[str, list[tuple[str, float]]] = {}
    for row in model.root_pull.to_dict("records"):
        pulls.setdefault(row["root"], []).append((row["nerve"], WEIGHTS[row["share"]]))
        cites.update(dict.fromkeys(_split(row["citations"])))
    cites.update(dict.fromkeys(TOLERANCE_CITATIONS))
    return _Tables(
        ranges=ranges,
        labels=labels,
        words=words,
        joint_angle=joint_angle,
        nerves=tuple(beds),
        rates=rates,
        pulls={r: tuple(p) for r, p in pulls.items()},
        roots=tuple(r for r in model.roots if r in pulls),
        citations=tuple(cites),
    )


def citation_ids(model: Model | None = None) -> list[str]:
    """Every citation behind the tension model: its tables and its tolerance."""
    return list(tables(model).citations)


# --- input ----------------------------------------------------------------------------------------


def check_angle(model: Model | None, angle: str, value) -> float:
    """One angle in degrees, or a ValueError naming the value and its normal range."""
    t = tables(model)
    if angle not in t.ranges:
        raise choice_error("angle", angle, ANGLES)
    low, high = t.ranges[angle]
    label = t.labels[angle].lower()
    try:
        if isinstance(value, bool):
            raise TypeError("True and False are not angles")
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(
            f"{label} must be a number of degrees from {low:g} to {high:g}, not {value!r}"
        ) from None
    if not low <= number <= high:  # also rejects NaN
        minus = t.words[angle][1]
        meaning = f"; negative is {minus}" if low < 0 else ""
        raise ValueError(
            f"{label} {value!r} is outside its normal range, {low:g} to {high:g} degrees{meaning}"
        )
    return number


def check_angles(model: Model | None = None, **angles) -> dict[str, float]:
    """All four angles (missing ones neutral, 0), checked; ValueError for a bad name or value."""
    unknown = [a for a in angles if a not in ANGLES]
    if unknown:
        raise choice_error("angle", unknown[0], ANGLES)
    return {a: check_angle(model, a, angles.get(a, 0.0)) for a in ANGLES}


def check_side_or_none(side) -> str | None:
    """None (the affected leg), left or right."""
    if side is None:
        return None
    value = str(side).strip().lower()
    if value not in ("left", "right"):
        raise choice_error("side", side, ("left", "right"))
    return value


# --- strain ------------------------------------------------------------------------------------


def _strains(t: _Tables, angles: dict[str, float]) -> dict[str, float]:
    return {
        nerve: sum(rate * angles[a] for a, rate in t.rates[nerve].items()) for nerve in t.nerves
    }


def _pull(t: _Tables, root: str, strains: dict[str, float]) -> float:
    pulls = t.pulls[root]
    total = sum(share for _, share in pulls)
    return sum(share * max(0.0, strains[nerve]) for nerve, share in pulls) / total


def nerve_tension(
    hip_flexion=0.0, knee_flexion=0.0, ankle_dorsiflexion=0.0, neck_flexion=0.0, model=None
) -> pd.Series:
    """The strain of each modelled nerve in a pose, in % of its length (negative: slack).

    Parameters
    ----------
    hip_flexion, knee_flexion, ankle_dorsiflexion, neck_flexion : float
        Degrees from the anatomical position. Negative hip flexion is hip
        extension, negative dorsiflexion plantar flexion, negative neck
        flexion neck extension.
    model : anatomy.Model, optional
        The shipped model if not given.

    Returns
    -------
    pandas.Series
        Indexed by nerve id (sciatic, tibial, common_fibular, femoral).

    Raises
    ------
    ValueError
        An angle is not a number or lies outside its normal range.
    """
    angles = check_angles(
        model,
        hip_flexion=hip_flexion,
        knee_flexion=knee_flexion,
        ankle_dorsiflexion=ankle_dorsiflexion,
        neck_flexion=neck_flexion,
    )
    t = tables(model)
    strains = _strains(t, angles)
    series = pd.Series([strains[n] for n in t.nerves], index=list(t.nerves), name="strain_pct")
    series.index.name = "nerve"
    return series


def root_tension(
    hip_flexion=0.0, knee_flexion=0.0, ankle_dorsiflexion=0.0, neck_flexion=0.0, model=None
) -> pd.Series:
    """The pull on each root in a pose, in % strain (the mean of its nerves', by share).

    Slack nerves pull nothing, so the pull is never negative. Indexed by root
    id, from L2 to S3 (the roots the modelled nerves pull on).
    """
    angles = check_angles(
        model,
        hip_flexion=hip_flexion,
        knee_flexion=knee_flexion,
        ankle_dorsiflexion=ankle_dorsiflexion,
        neck_flexion=neck_flexion,
    )
    t = tables(model)
    strains = _strains(t, angles)
    series = pd.Series(
        [_pull(t, r, strains) for r in t.roots], index=list(t.roots), name="pull_pct"
    )
    series.index.name = "root"
    return series


# --- sensitisation and symptoms ----------------------------------------------------------------


def tolerance(sensitisation: float = 0.0) -> float:
    """The strain (%) a root or nerve takes before symptoms start, at a sensitisation 0..1."""
    s = float(sensitisation)
    if not 0 <= s <= 1:
        raise ValueError(f"sensitisation must be from 0 to 1, not {sensitisation!r}")
    return HEALTHY_TOLERANCE / SENSITISED_FALL**s


@dataclass(frozen=True)
class Sensitised:
    """What findings leave irritated, for the tension model."""

    structures: dict[str, float]  # root or nerve id -> sensitisation 0..1
    not_modelled: tuple[str, ...] = ()  # compressed nerves the tension model has no bed for


def sensitisation(findings, side=None, model=None) -> Sensitised:
    """The roots and nerves a set of findings leaves irritated, and how much (0..1).

    Parameters
    ----------
    findings : anatomy.Findings or None
        What was compressed; None or empty for a healthy leg.
    side : {"left", "right"}, optional
        The leg tested; by default every lesion counts (the affected leg).
    """
    t = tables(model)
    side = check_side_or_none(side)
    found: dict[str, float] = {}
    skipped: list[str] = []
    for lesion in getattr(findings, "lesions", ()) if findings is not None else ():
        if side is not None and lesion.side not in (side, "both"):
            continue
        if lesion.kind == "nerve":
            if lesion.target in t.nerves:
                found[lesion.target] = max(found.get(lesion.target, 0.0), lesion.severity)
            elif lesion.target not in skipped:
                skipped.append(lesion.target)
            continue
        for root in lesion.roots:
            found[root] = max(found.get(root, 0.0), lesion.severity)
    found = {k: v for k, v in found.items() if v > 0}
    return Sensitised(found, tuple(skipped))


def _load(t: _Tables, structure: str, strains: dict[str, float]) -> float:
    """The strain a root or nerve feels: a nerve its own (slack is 0), a root its pull."""
    if structure in t.pulls:
        return _pull(t, structure, strains)
    if structure in strains:
        return max(0.0, strains[structure])
    return 0.0  # a root no modelled nerve pulls on (T12, L1)


def symptoms(
    findings=None,
    hip_flexion=0.0,
    knee_flexion=0.0,
    ankle_dorsiflexion=0.0,
    neck_flexion=0.0,
    side=None,
    model=None,
) -> pd.DataFrame:
    """Each irritated root or nerve in a pose: its pull, its tolerance, and whether it hurts.

    Returns
    -------
    pandas.DataFrame
        One row per sensitised structure with the columns structure, label,
        kind, sensitisation, pull_pct, tolerance_pct and symptoms (bool).
        Empty for a healthy leg.
    """
    m = _model(model)
    angles = check_angles(
        m,
        hip_flexion=hip_flexion,
        knee_flexion=knee_flexion,
        ankle_dorsiflexion=ankle_dorsiflexion,
        neck_flexion=neck_flexion,
    )
    t = tables(m)
    strains = _strains(t, angles)
    rows = []
    for structure, s in sensitisation(findings, side, m).structures.items():
        load, limit = _load(t, structure, strains), tolerance(s)
        rows.append(
            {
                "structure": structure,
                "label": m.label(structure),
                "kind": m.kind(structure),
                "sensitisation": round(s, 2),
                "pull_pct": round(load, 2),
                "tolerance_pct": round(limit, 2),
                "symptoms": bool(load >= limit),
            }
        )
    columns = [
        "structure",
        "label",
        "kind",
        "sensitisation",
        "pull_pct",
        "tolerance_pct",
        "symptoms",
    ]
    return pd.DataFrame(rows, columns=columns)


def _first_symptomatic(t: _Tables, sens: dict[str, float], angles: dict[str, float]):
    """The most strained irritated structure past its tolerance, or None."""
    strains = _strains(t, angles)
    worst, margin = None, 0.0
    for structure, s in sens.items():
        over = _load(t, structure, strains) / tolerance(s)
        if over >= 1.0 and over >= margin:
            worst, margin = structure, over
    return worst


def onset(
    findings, test: str = "straight_leg_raise", side=None, model=None, **pose
) -> tuple[float, str] | None:
    """Where a test turns positive: (angle of the moving joint, structure that hurts), or None.

    Parameters
    ----------
    findings : anatomy.Findings or None
    test : {"straight_leg_raise", "slump", "prone_knee_bend"}
    side : {"left", "right"}, optional
    **pose
        Angles held during the test, replacing the test's own (for example
        ``ankle_dorsiflexion=20`` for Bragard's sign). The moving angle
        cannot be set.
    """
    if test not in TESTS:
        raise choice_error("test", test, TESTS)
    spec = TESTS[test]
    if spec.sweep in pose:
        raise ValueError(f"the {spec.label.lower()} moves {spec.sweep}; it cannot be held fixed")
    angles = spec.angles()
    angles.update(pose)
    angles = check_angles(model, **angles)
    t = tables(model)
    sens = sensitisation(findings, side, model).structures
    if not sens:
        return None
    direction = 1.0 if spec.stop >= spec.start else -1.0
    span = abs(spec.stop - spec.start)
    steps = math.ceil(span / STEP)
    previous = spec.start
    for k in range(steps + 1):
        value = spec.start + direction * min(k * STEP, span)
        angles[spec.sweep] = value
        hit = _first_symptomatic(t, sens, angles)
        if hit is None:
            previous = value
            continue
        if k == 0:
            return round(value, 1), hit
        low, high = previous, value  # not yet, then positive: narrow down the onset
        for _ in range(20):
            middle = (low + high) / 2
            angles[spec.sweep] = middle
            if _first_symptomatic(t, sens, angles) is None:
                low = middle
            else:
                high = middle
        # Report the first tenth of a degree at which symptoms are present.
        shown = math.floor(high * 10) / 10 if direction < 0 else math.ceil(high * 10) / 10
        angles[spec.sweep] = shown
        return round(shown, 1), _first_symptomatic(t, sens, angles)
    return None


def straight_leg_raise(
    findings=None, ankle_dorsiflexion=0.0, neck_flexion=0.0, side=None, model=None
) -> float | None:
    """The hip flexion (degrees) at which the straight-leg raise turns positive, or None.

    The leg is raised with the knee straight from 0 to 90 degrees. A healthy
    leg stays negative; an irritated L5 or S1 root turns it positive, the
    earlier the more irritated (see the module's notes). Pull the foot up
    (``ankle_dorsiflexion=20``, Bragard's sign) or bend the neck to sensitise
    it.
    """
    found = onset(
        findings,
        "straight_leg_raise",
        side=side,
        model=model,
        ankle_dorsiflexion=ankle_dorsiflexion,
        neck_flexion=neck_flexion,
    )
    return None if found is None else found[0]


def prone_knee_bend(
    findings=None, hip_flexion=0.0, neck_flexion=0.0, side=None, model=None
) -> float | None:
    """The knee flexion (degrees) at which the prone knee bend turns positive, or None.

    Lying face down with the hip in neutral (or extended: a negative
    ``hip_flexion``), the knee is bent from 0 to 130 degrees. It stretches the
    femoral nerve, so it tests L2, L3 and L4.
    """
    if check_angle(model, "hip_flexion", hip_flexion) > 0:
        raise ValueError(
            f"the prone knee bend keeps the hip in neutral or extension (0 or less), "
            f"not {hip_flexion!r}"
        )
    found = onset(
        findings,
        "prone_knee_bend",
        side=side,
        model=model,
        hip_flexion=hip_flexion,
        neck_flexion=neck_flexion,
    )
    return None if found is None else found[0]


def slump(
    findings=None, neck_flexion=45.0, ankle_dorsiflexion=0.0, side=None, model=None
) -> float | None:
    """The knee flexion (degrees) at which the slump test turns positive, or None.

    Sitting (hip at 90 degrees) with the neck bent forward, the knee is
    straightened from 90 to 0: the larger the angle returned, the earlier
    symptoms start. Lifting the head (``neck_flexion=0``) delays them for a
    nerve problem: the test's structural differentiation.
    """
    found = onset(
        findings,
        "slump",
        side=side,
        model=model,
        neck_flexion=neck_flexion,
        ankle_dorsiflexion=ankle_dorsiflexion,
    )
    return None if found is None else found[0]


# --- teaching tables ---------------------------------------------------------------------------


def _note(model: Model) -> None:
    model.note_citations(citation_ids(model))


def pose_table(poses: dict[str, dict], model=None) -> pd.DataFrame:
    """Named poses side by side: each nerve's strain (%), 'slack' below zero.

    ``poses`` maps a name to its angles, e.g. ``{"SLR 60°": {"hip_flexion": 60}}``.
    """
    m = _model(model)
    _note(m)
    rows = []
    for name, angles in poses.items():
        strains = nerve_tension(model=m, **angles)
        row = {"pose": name}
        for nerve, value in strains.items():
            row[m.label(nerve)] = strain_words(value)
        rows.append(row)
    return _table(rows)


def sweep_table(model: Model | None, angle: str, values, **held) -> pd.DataFrame:
    """One angle stepped through some values, the others held: each nerve's strain (%).

    ``tension.sweep_table(model, "knee_flexion", (0, 45, 90), hip_flexion=70)``
    """
    t = tables(model)
    if angle not in t.ranges:
        raise choice_error("angle", angle, ANGLES)
    held_words = ", ".join(f"{t.labels[a].lower()} {v:g}°" for a, v in held.items())
    poses = {}
    for value in values:
        name = f"{t.labels[angle].lower()} {value:g}°"
        poses[name + (f", {held_words}" if held_words else "")] = {**held, angle: value}
    return pose_table(poses, model=model)


def strain_words(value: float) -> str:
    """A strain in words: '3.1%', '0.0%' (as at rest) or 'slack' (bed shorter than at rest)."""
    return f"{max(value, 0.0):.1f}%" if value > -0.05 else "slack"


def neurodynamic_table(lesions: dict, model=None) -> pd.DataFrame:
    """Named lesions side by side: where each neurodynamic test turns positive.

    ``lesions`` maps a name to findings (or None for a healthy leg). The
    columns give the straight-leg raise (hip flexion), the same with the foot
    pulled up 20 degrees, the slump (knee flexion left when symptoms start)
    and the prone knee bend (knee flexion).
    """
    m = _model(model)
    _note(m)
    rows = []
    for name, findings in lesions.items():
        if findings is not None and hasattr(findings, "citation_ids"):
            m.note_citations(findings.citation_ids)
        slr = onset(findings, "straight_leg_raise", model=m)
        bragard = onset(findings, "straight_leg_raise", model=m, ankle_dorsiflexion=20)
        slumped = onset(findings, "slump", model=m)
        pkb = onset(findings, "prone_knee_bend", model=m)
        rows.append(
            {
                "lesion": name,
                "straight-leg raise (hip flexion)": _onset_words(m, slr),
                "the same, foot pulled up": _onset_words(m, bragard),
                "slump (knee flexion left)": _onset_words(m, slumped),
                "prone knee bend (knee flexion)": _onset_words(m, pkb),
            }
        )
    return _table(rows)


def _onset_words(model: Model, found) -> str:
    if found is None:
        return "negative"
    angle, structure = found
    return f"positive at {angle:.0f}° ({_short(model, structure)})"


def _short(model: Model, structure: str) -> str:
    return structure if model.kind(structure) == "root" else model.label(structure).lower()


def tests_in_words(findings, side=None, model=None) -> list[str]:
    """Each neurodynamic test in one sentence: where it turns positive and what hurts."""
    m = _model(model)
    lines = []
    for name, spec in TESTS.items():
        found = onset(findings, name, side=side, model=m)
        joint = "hip flexion" if spec.sweep == "hip_flexion" else "knee flexion"
        if found is None:
            lines.append(f"{spec.label}: negative. It tests {spec.roots}.")
        else:
            angle, structure = found
            lines.append(
                f"{spec.label}: positive at {angle:.0f}° of {joint}: the "
                f"{m.label(structure)} reaches its tolerance."
            )
    return lines


def _table(rows: list[dict]):
    from anatomy.course import Table  # the course's display table (pandas only)

    return Table(rows)


def threshold_ladder(
    model: Model | None, root: str, severities=(0.3, 0.5, 0.7, 0.9, 1.0), side: str = "left"
) -> pd.DataFrame:
    """Where each test turns positive as one root is compressed harder: one row per severity."""
    from anatomy.lesions import grade_name

    m = _model(model)
    lesions = {s: m.compress(root, severity=s, side=side) for s in severities}
    table = neurodynamic_table({f"{root} at {s:g}": f for s, f in lesions.items()}, model=m)
    table.insert(1, "grade", [grade_name(s) for s in severities])
    return table


# The poses behind the second source's string: which of them stretch which nerve.
KNEE_POSES = {
    "standing": {},
    "knee bent 90°": {"knee_flexion": 90},
    "hip flexed 90°, knee straight": {"hip_flexion": 90},
    "sitting: hip and knee 90°": {"hip_flexion": 90, "knee_flexion": 90},
    "hip extended 15°, knee bent 120°": {"hip_flexion": -15, "knee_flexion": 120},
}


def knee_table(model: Model | None = None) -> pd.DataFrame:
    """Each nerve's strain when the knee bends, with the hip straight, flexed or extended."""
    return pose_table(KNEE_POSES, model=model)


def roots_table(
    model: Model | None = None, roots=("L3", "L4", "L5"), severity: float = 0.7, side="left"
) -> pd.DataFrame:
    """A healthy leg and each root compressed alike: where each test turns positive."""
    m = _model(model)
    lesions = {"healthy leg": None}
    lesions.update(
        {f"{r} at {severity:g}": m.compress(r, severity=severity, side=side) for r in roots}
    )
    return neurodynamic_table(lesions, model=m)
