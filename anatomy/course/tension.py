"""Notebook 05, bending the knee: strains of poses side by side, and where each test turns
positive for some lesions. The physics is :mod:`anatomy.engine.tension`."""

from __future__ import annotations

from anatomy.course.display import Table
from anatomy.course.tables import record, record_findings
from anatomy.engine.grading import grade_name
from anatomy.engine.inputs import check_root, check_severity, check_values
from anatomy.engine.neurodynamic import onset
from anatomy.engine.tension import check_angle, citation_ids, nerve_tension, tables
from anatomy.errors import choice_error
from anatomy.model import Model
from anatomy.model.vocabulary import ANGLES
from anatomy.text.citations import CitationLog
from anatomy.text.words import onset_words, strain_words

# The poses behind the second source's string: which of them stretch which nerve.
KNEE_POSES = {
    "standing": {},
    "knee bent 90°": {"knee_flexion": 90},
    "hip flexed 90°, knee straight": {"hip_flexion": 90},
    "sitting: hip and knee 90°": {"hip_flexion": 90, "knee_flexion": 90},
    "hip extended 15°, knee bent 120°": {"hip_flexion": -15, "knee_flexion": 120},
}


def pose_table(model: Model, poses: dict[str, dict], log: CitationLog | None = None) -> Table:
    """Named poses side by side: each nerve's strain (%), 'slack' below zero.

    ``poses`` maps a name to its angles, e.g. ``{"SLR 60°": {"hip_flexion": 60}}``.
    """
    record(log, citation_ids(model))
    rows = []
    for name, angles in poses.items():
        strains = nerve_tension(model=model, **angles)
        row = {"pose": name}
        for nerve, value in strains.items():
            row[model.label(nerve)] = strain_words(value)
        rows.append(row)
    return Table(rows)


def sweep_table(model: Model, angle: str, values, log: CitationLog | None = None, **held) -> Table:
    """One angle stepped through some values, the others held: each nerve's strain (%).

    ``sweep_table(model, "knee_flexion", (0, 45, 90), hip_flexion=70)``
    """
    t = tables(model)
    if not isinstance(angle, str) or angle not in t.ranges:
        raise choice_error("angle", angle, ANGLES)
    held = {a: check_angle(model, a, v) for a, v in held.items()}
    if angle in held:
        raise ValueError(f"{angle} is the angle stepped through the values: do not hold it too")
    held_words = ", ".join(f"{t.labels[a].lower()} {v:g}°" for a, v in held.items())
    poses = {}
    for value in check_values(values, "values", lambda v: check_angle(model, angle, v)):
        name = f"{t.labels[angle].lower()} {value:g}°"
        poses[name + (f", {held_words}" if held_words else "")] = {**held, angle: value}
    return pose_table(model, poses, log=log)


def knee_table(model: Model, log: CitationLog | None = None) -> Table:
    """Each nerve's strain when the knee bends, with the hip straight, flexed or extended."""
    return pose_table(model, KNEE_POSES, log=log)


def neurodynamic_table(model: Model, lesions: dict, log: CitationLog | None = None) -> Table:
    """Named lesions side by side: where each neurodynamic test turns positive.

    ``lesions`` maps a name to findings (or None for a healthy leg). The
    columns give the straight-leg raise (hip flexion; positive only by 70
    degrees), the same with the foot pulled up 20 degrees, the crossed
    straight-leg raise (the painless leg raised), the slump (how far
    from straight the knee is when symptoms start) and the prone knee bend
    (knee flexion).
    """
    record(log, citation_ids(model))
    rows = []
    for name, findings in lesions.items():
        record_findings(log, findings)
        slr = onset(findings, "straight_leg_raise", model=model)
        bragard = onset(findings, "straight_leg_raise", model=model, ankle_dorsiflexion=20)
        crossed = onset(findings, "crossed_straight_leg_raise", model=model)
        slumped = onset(findings, "slump", model=model)
        pkb = onset(findings, "prone_knee_bend", model=model)
        rows.append(
            {
                "lesion": name,
                "straight-leg raise (hip flexion)": onset_words(model, slr),
                "the same, foot pulled up": onset_words(model, bragard),
                "crossed (the other leg raised)": onset_words(
                    model, crossed, "crossed_straight_leg_raise"
                ),
                "slump": onset_words(model, slumped, "slump"),
                "prone knee bend (knee flexion)": onset_words(model, pkb, "prone_knee_bend"),
            }
        )
    return Table(rows)


def threshold_ladder(
    model: Model,
    root: str,
    severities=(0.3, 0.5, 0.7, 0.9, 1.0),
    side: str = "left",
    log: CitationLog | None = None,
) -> Table:
    """Where each test turns positive as one root is compressed harder: one row per severity."""
    severities = check_values(severities, "severities", check_severity)
    lesions = {s: model.compress(root, severity=s, side=side) for s in severities}
    table = neurodynamic_table(model, {f"{root} at {s:g}": f for s, f in lesions.items()}, log)
    table.insert(1, "grade", [grade_name(s) for s in severities])
    return table


def roots_table(
    model: Model,
    roots=("L3", "L4", "L5"),
    severity: float = 0.7,
    side="left",
    log: CitationLog | None = None,
) -> Table:
    """A healthy leg and each root compressed alike: where each test turns positive."""
    lesions = {"healthy leg": None}
    severity = check_severity(severity)
    roots = check_values(roots, "roots", lambda r: check_root(model, r))
    lesions.update(
        {f"{r} at {severity:g}": model.compress(r, severity=severity, side=side) for r in roots}
    )
    return neurodynamic_table(model, lesions, log)
