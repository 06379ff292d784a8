"""Nerve tension: which joint movements stretch which nerve, and when an irritated root hurts.

The model is explained once, for readers, in ``docs/tension.md``; in short:

* Each modelled nerve runs in a *bed* (``nerve_beds.csv``) that crosses joints
  (``nerve_crossings.csv``). A joint's movement lengthens the bed by the nerve's
  moment arm times the angle (radians) when the nerve lies on the side the
  movement opens, and shortens it otherwise. The nerve glides to take up part
  of the change; the rest is strain spread over the bed::

    strain (%) = 100 x sum over crossings of (1 - glide) x moment_arm x angle / bed_length

  Negative strain is slack. The sum depends on the pose only, not on the order
  of the movements (Boyd et al. 2013).
* A root is pulled by the nerves it runs in (``root_pull.csv``), and the most
  tensioned of them decides: its pull is the largest of (share x strain) over its
  nerves (share: main 1, minor 0.5), so a slack nerve neither pulls nor dilutes the
  pull of a taut one. L4, mostly in the femoral nerve, is pulled by the prone knee
  bend like L2 and L3, and only half as much by the straight-leg raise.
* A healthy root or nerve tolerates :data:`HEALTHY_TOLERANCE` = 8% strain
  (blood flow halves, Clark et al. 1992); at sensitisation *s* (0..1) it
  tolerates ``8% / 5**s``. Symptoms start where the pull reaches the tolerance.
* Sensitisation comes from findings: each root a root or disc lesion
  compresses, at the lesion's severity; each modelled nerve a nerve lesion
  compresses. Nerves without a bed (obturator, lateral femoral cutaneous) are
  listed as not modelled.

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

from anatomy.engine.findings import Findings
from anatomy.engine.inputs import check_number, check_text
from anatomy.errors import choice_error
from anatomy.model import Model, read_model
from anatomy.model.tables import split_cell
from anatomy.model.vocabulary import ANGLES, LEG_SIDES, WEIGHTS

HEALTHY_TOLERANCE = 8.0  # % strain a healthy root or nerve takes without symptoms
SENSITISED_FALL = 5.0  # at full sensitisation the tolerance is 1/5 of the healthy one
TOLERANCE_CITATIONS = ("nerve_stretch_blood_flow", "nerve_stretch_arrest", "ak_nerve_tension")
SYMPTOM_COLUMNS = [
    "structure",
    "label",
    "kind",
    "sensitisation",
    "pull_pct",
    "tolerance_pct",
    "symptoms",
]


@lru_cache(maxsize=1)
def _shipped_model() -> Model:
    return read_model()


def model_or_shipped(model: Model | None) -> Model:
    """The model given, or the shipped one (read once) for the tension functions' default."""
    if model is None:
        return _shipped_model()
    if not isinstance(model, Model):
        raise TypeError(f"model must be an anatomy model (anatomy.load_model()), not {model!r}")
    return model


@dataclass(frozen=True)
class Tables:
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


def tables(model: Model | None = None) -> Tables:
    """The tension tables of a model as numbers (kept by ``model.derived``)."""
    return model_or_shipped(model).derived(_build)


def _build(model: Model) -> Tables:
    ranges, labels, words, joint_angle, lengthened = {}, {}, {}, {}, {}
    cites: dict[str, None] = {}
    for row in model.joint_ranges.to_dict("records"):
        angle = row["angle"]
        ranges[angle] = (float(row["minimum"]), float(row["maximum"]))
        labels[angle] = row["label"]
        words[angle] = (row["positive"], row["negative"])
        joint_angle[row["joint"]] = angle
        lengthened[angle] = row["lengthened_side"]
        cites.update(dict.fromkeys(split_cell(row["citations"])))
    beds = {}
    for row in model.nerve_beds.to_dict("records"):
        beds[row["nerve"]] = float(row["bed_mm"])
        cites.update(dict.fromkeys(split_cell(row["citations"])))
    rates: dict[str, dict[str, float]] = {n: dict.fromkeys(ANGLES, 0.0) for n in beds}
    for row in model.nerve_crossings.to_dict("records"):
        angle = joint_angle[row["joint"]]
        sign = 1.0 if row["passes"] == lengthened[angle] else -1.0
        stretch = 1.0 - float(row["glide"])
        arm = float(row["moment_arm_mm"])
        rates[row["nerve"]][angle] = sign * 100 * stretch * arm * math.pi / 180 / beds[row["nerve"]]
        cites.update(dict.fromkeys(split_cell(row["citations"])))
    pulls: dict[str, list[tuple[str, float]]] = {}
    for row in model.root_pull.to_dict("records"):
        pulls.setdefault(row["root"], []).append((row["nerve"], WEIGHTS[row["share"]]))
        cites.update(dict.fromkeys(split_cell(row["citations"])))
    cites.update(dict.fromkeys(TOLERANCE_CITATIONS))
    return Tables(
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
    """One angle in degrees, or an error naming the value and its normal range."""
    t = tables(model)
    if angle not in t.ranges:
        raise choice_error("angle", angle, ANGLES)
    low, high = t.ranges[angle]
    label = t.labels[angle].lower()
    try:
        return check_number(value, label, low, high, " degrees")
    except ValueError:
        minus = t.words[angle][1]
        meaning = f"; negative is {minus}" if low < 0 else ""
        raise ValueError(
            f"{label} {value!r} is outside its normal range, {low:g} to {high:g} degrees{meaning}"
        ) from None


def check_angles(model: Model | None = None, **angles) -> dict[str, float]:
    """All four angles (missing ones neutral, 0), checked; an error for a bad name or value."""
    unknown = [a for a in angles if a not in ANGLES]
    if unknown:
        raise choice_error("angle", unknown[0], ANGLES)
    return {a: check_angle(model, a, angles.get(a, 0.0)) for a in ANGLES}


def check_leg(side) -> str | None:
    """None (the affected leg), left or right."""
    if side is None:
        return None
    value = check_text(side, "side", LEG_SIDES).strip().lower()
    if value not in LEG_SIDES:
        raise choice_error("side", side, LEG_SIDES)
    return value


def check_findings(findings) -> Findings | None:
    """Findings or None (a healthy leg); TypeError for anything else."""
    if findings is not None and not isinstance(findings, Findings):
        raise TypeError(
            "pass findings (model.compress(...)) or None for a healthy leg, "
            f"not {findings!r} ({type(findings).__name__})"
        )
    return findings


def _pose(model, hip_flexion, knee_flexion, ankle_dorsiflexion, neck_flexion) -> dict:
    """The four angles of a pose, checked."""
    return check_angles(
        model,
        hip_flexion=hip_flexion,
        knee_flexion=knee_flexion,
        ankle_dorsiflexion=ankle_dorsiflexion,
        neck_flexion=neck_flexion,
    )


# --- strain ------------------------------------------------------------------------------------


def strains_of(t: Tables, angles: dict[str, float]) -> dict[str, float]:
    """Each nerve's strain (%) in a checked pose."""
    return {
        nerve: sum(rate * angles[a] for a, rate in t.rates[nerve].items()) for nerve in t.nerves
    }


def pull_of(t: Tables, root: str, strains: dict[str, float]) -> float:
    """The pull on a root: the most tensioned nerve it runs in, by its share (main 1,
    minor 0.5); a slack nerve pulls nothing and does not dilute a taut one."""
    return max(share * max(0.0, strains[nerve]) for nerve, share in t.pulls[root])


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
    TypeError, ValueError
        An angle is not a number, or lies outside its normal range.
    """
    t = tables(model)
    strains = strains_of(
        t, _pose(model, hip_flexion, knee_flexion, ankle_dorsiflexion, neck_flexion)
    )
    series = pd.Series([strains[n] for n in t.nerves], index=list(t.nerves), name="strain_pct")
    series.index.name = "nerve"
    return series


def root_tension(
    hip_flexion=0.0, knee_flexion=0.0, ankle_dorsiflexion=0.0, neck_flexion=0.0, model=None
) -> pd.Series:
    """The pull on each root in a pose, in % strain (its most tensioned nerve's, by share).

    Slack nerves pull nothing, so the pull is never negative. Indexed by root
    id, from L2 to S2 (the roots the modelled nerves pull on).
    """
    t = tables(model)
    strains = strains_of(
        t, _pose(model, hip_flexion, knee_flexion, ankle_dorsiflexion, neck_flexion)
    )
    series = pd.Series(
        [pull_of(t, r, strains) for r in t.roots], index=list(t.roots), name="pull_pct"
    )
    series.index.name = "root"
    return series


# --- sensitisation and symptoms ----------------------------------------------------------------


def tolerance(sensitisation: float = 0.0) -> float:
    """The strain (%) a root or nerve takes before symptoms start, at a sensitisation 0..1."""
    s = check_number(sensitisation, "sensitisation", 0.0, 1.0)
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
    side = check_leg(side)
    findings = check_findings(findings)
    found: dict[str, float] = {}
    skipped: list[str] = []
    for lesion in findings.lesions if findings is not None else ():
        if side is not None and lesion.side not in (side, "both"):
            continue
        if lesion.kind == "nerve":
            if not _painful_site(model, lesion):
                # A painless palsy (the fibular head's) has no pain for a stretch to
                # reproduce: the straight-leg raise tests the L5 and S1 roots (MSD).
                continue
            if lesion.target in t.nerves:
                found[lesion.target] = max(found.get(lesion.target, 0.0), lesion.severity)
            elif lesion.target not in skipped:
                skipped.append(lesion.target)
            continue
        for root in lesion.roots:
            found[root] = max(found.get(root, 0.0), lesion.severity)
    found = {k: v for k, v in found.items() if v > 0}
    return Sensitised(found, tuple(skipped))


def _painful_site(model: Model | None, lesion) -> bool:
    row = model_or_shipped(model).site_row(lesion.target, lesion.site)
    return row["painful"] == "yes"


def load_on(t: Tables, structure: str, strains: dict[str, float]) -> float:
    """The strain a root or nerve feels: a nerve its own (slack is 0), a root its pull."""
    if structure in t.pulls:
        return pull_of(t, structure, strains)
    if structure in strains:
        return max(0.0, strains[structure])
    return 0.0  # a root no modelled nerve pulls on (T12, L1)


def symptoms_table(model: Model, sens: Sensitised, strains: dict[str, float]) -> pd.DataFrame:
    """Each sensitised structure against the strains of one pose (see :func:`symptoms`)."""
    t = tables(model)
    rows = []
    for structure, s in sens.structures.items():
        load, limit = load_on(t, structure, strains), tolerance(s)
        rows.append(
            {
                "structure": structure,
                "label": model.label(structure),
                "kind": model.kind(structure),
                "sensitisation": round(s, 2),
                "pull_pct": round(load, 2),
                "tolerance_pct": round(limit, 2),
                "symptoms": bool(load >= limit),
            }
        )
    return pd.DataFrame(rows, columns=SYMPTOM_COLUMNS)


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
    m = model_or_shipped(model)
    strains = strains_of(
        tables(m), _pose(m, hip_flexion, knee_flexion, ankle_dorsiflexion, neck_flexion)
    )
    return symptoms_table(m, sensitisation(findings, side, m), strains)


@dataclass(frozen=True)
class PoseState:
    """Everything one pose gives, computed once: what a view of the pose shows.

    The bend widget and the tension figure both read it, so a slider tick
    computes the strains, pulls and symptoms a single time.
    """

    angles: dict[str, float]
    strains: dict[str, float]  # nerve -> %
    symptoms: pd.DataFrame  # as symptoms()
    not_modelled: tuple[str, ...]

    @property
    def strain_series(self) -> pd.Series:
        """The strains as nerve_tension() returns them."""
        series = pd.Series(self.strains, name="strain_pct", dtype=float)
        series.index.name = "nerve"
        return series


def pose_state(model: Model, angles: dict, findings=None, side=None) -> PoseState:
    """The :class:`PoseState` of checked or unchecked angles and some findings."""
    checked = check_angles(model, **angles)
    strains = strains_of(tables(model), checked)
    sens = sensitisation(findings, side, model)
    return PoseState(checked, strains, symptoms_table(model, sens, strains), sens.not_modelled)
