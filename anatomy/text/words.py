"""The words the course shows: lesions, strains, poses, tests and thresholds, one copy each.

The single words (effects, sides, kinds) are in :mod:`anatomy.model.vocabulary`; a
lesion's own sentence is :meth:`anatomy.engine.findings.Lesion.words`. This module
builds the longer phrases every view shares, so the explorer, the command line,
the figures and the notebooks say the same thing the same way.
"""

from __future__ import annotations

import pandas as pd

from anatomy.engine.candidates import candidate
from anatomy.engine.findings import lesions_in_words
from anatomy.engine.neurodynamic import POSITIONS, TESTS, verdict
from anatomy.engine.tension import HEALTHY_TOLERANCE, tables
from anatomy.model import Model

ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def escape(text) -> str:
    """Text made safe for plotly's HTML-like labels (hover, annotations, Sankey nodes)."""
    out = str(text)
    for char, entity in ESCAPES.items():
        out = out.replace(char, entity)
    return out


def lesion_label(model: Model, name) -> str:
    """A lesion in words: ``L5 root``, ``L4-L5 disc, paracentral``,
    ``Common fibular nerve at the fibular head``, ``Hip joint``."""
    cand = candidate(model, name)
    args = dict(cand.args)
    if cand.kind == "root":
        return f"{cand.name} root"
    if cand.kind == "disc":
        return f"{args['level']} disc, {args['zone']}"
    if cand.kind == "joint":
        return model.label(args["joint"])
    return model.site_row(args["nerve"], args["site"])["label"]


def findings_words(findings) -> str:
    """What a set of findings compresses, in words ('nothing compressed' for none)."""
    return lesions_in_words(findings.lesions) if findings is not None else "nothing irritated"


def short_path(path: str) -> str:
    """A path for a narrow table: 'L5 → Sciatic → Common fibular → Top of the foot'."""
    return path.replace(" nerve root", "").replace(" nerve", "")


def strain_words(value: float) -> str:
    """A strain in words: '3.1%', '0.0%' (as at rest) or 'slack' (bed shorter than at rest)."""
    return f"{max(value, 0.0):.1f}%" if value > -0.05 else "slack"


def irritated_name(model: Model, structure: str) -> str:
    """'L5 root' for a root, the label for a nerve."""
    return f"{structure} root" if model.kind(structure) == "root" else model.label(structure)


def pose_words(model: Model, angles: dict[str, float], position: str) -> str:
    """The pose in one line: 'Lying on the back · hip flexion 60° · knee 0° · ...'."""
    parts = [POSITIONS[position].capitalize()]
    words = tables(model).words
    for angle in ("hip_flexion", "knee_flexion", "ankle_dorsiflexion", "neck_flexion"):
        value = angles[angle]
        joint = angle.split("_")[0]
        if value:
            word = words[angle][1] if value < 0 else words[angle][0]
            parts.append(f"{joint} {word} {abs(value):g}°")
        else:
            parts.append(f"{joint} 0°")
    return " · ".join(parts)


def threshold_lines(model: Model, table: pd.DataFrame) -> list[str]:
    """Each irritated root or nerve: its pull against its tolerance, in words."""
    if not len(table):
        return [f"Nothing irritated: a healthy nerve takes {HEALTHY_TOLERANCE:g}% strain."]
    lines = []
    for row in table.to_dict("records"):
        verdict = "symptoms" if row["symptoms"] else "no symptoms"
        lines.append(
            f"{irritated_name(model, row['structure'])}: pulled {row['pull_pct']:.1f}%, "
            f"tolerates {row['tolerance_pct']:.1f}%: {verdict}"
        )
    return lines


def _short(model: Model, structure: str) -> str:
    return structure if model.kind(structure) == "root" else model.label(structure).lower()


def onset_words(model: Model, found, test: str = "straight_leg_raise") -> str:
    """A test's onset in a table cell, read as a clinician reads it: 'negative',
    'positive at 52° (L5)', 'not positive: first pain at 73° (L4)' (beyond the angle that
    counts), or for the slump the knee's distance from straight: 'positive, knee 40° from
    straight (L5)', 'not positive: only at the end of range, knee 4° from straight (L5)'."""
    word = verdict(test, found)
    if found is None:
        return word
    angle, structure = found
    who = _short(model, structure)
    if test == "slump" and word == "not positive":
        return f"not positive: only at the end of range, knee {angle:.0f}° from straight ({who})"
    if test == "slump":
        return f"positive, knee {angle:.0f}° from straight ({who})"
    if word == "not positive":
        return f"not positive: first pain at {angle:.0f}° ({who})"
    return f"positive at {angle:.0f}° ({who})"


def onset_sentences(model: Model, onsets: dict) -> list[str]:
    """Each neurodynamic test in one sentence, from ``neurodynamic.onsets(...)``."""
    lines = []
    for name, spec in TESTS.items():
        found = onsets[name]
        word = verdict(name, found)
        if found is None:
            lines.append(f"{spec.label}: negative. It tests {spec.roots}.")
            continue
        angle, structure = found
        who = model.label(structure)
        if name == "slump" and word == "not positive":
            lines.append(
                f"{spec.label}: not positive: the {who} first hurts with the knee "
                f"{angle:.0f}° from straight, within the last {spec.positive_down_to:.0f}°, "
                "where healthy people feel a pull too."
            )
        elif name == "slump":
            lines.append(
                f"{spec.label}: positive, the knee {angle:.0f}° from straight: the {who} "
                "reaches its tolerance (lifting the head eases it)."
            )
        elif word == "not positive":
            lines.append(
                f"{spec.label}: not positive: the {who} first hurts at {angle:.0f}° of hip "
                f"flexion, beyond {spec.positive_up_to:.0f}°, where tightness is normal."
            )
        else:
            joint = "hip flexion" if spec.sweep == "hip_flexion" else "knee flexion"
            lines.append(
                f"{spec.label}: positive at {angle:.0f}° of {joint}: the {who} reaches its "
                "tolerance."
            )
    return lines


def preset_words(test: str, found) -> str:
    """Where a preset put the leg: 'Slump: shown where it turns positive, 40°.'"""
    spec = TESTS[test]
    if found is None:
        return f"{spec.label}: negative to the end of the test."
    return f"{spec.label}: shown where it turns positive, {found[0]:.0f}°."
