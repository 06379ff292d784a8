"""The words the course shows: lesions, strains, poses, tests and thresholds, one copy each.

The single words (effects, sides, kinds) are in :mod:`anatomy.model.vocabulary`; a
lesion's own sentence is :meth:`anatomy.engine.findings.Lesion.words`. This module
builds the longer phrases every view shares, so the explorer, the command line,
the figures and the notebooks say the same thing the same way.
"""

from __future__ import annotations

import pandas as pd

from anatomy.engine.candidates import lesion_label  # noqa: F401  (re-exported: one copy)
from anatomy.engine.findings import lesions_in_words
from anatomy.engine.grading import grade_name
from anatomy.engine.neurodynamic import POSITIONS, TESTS, verdict
from anatomy.engine.tension import HEALTHY_TOLERANCE, tables
from anatomy.model import Model
from anatomy.model.vocabulary import EFFECTS, PATH_KINDS, effect_word, side_words

ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def escape(text) -> str:
    """Text made safe for plotly's HTML-like labels (hover, annotations, Sankey nodes)."""
    out = str(text)
    for char, entity in ESCAPES.items():
        out = out.replace(char, entity)
    return out


def lesion_name(model: Model, lesion) -> str:
    """A compressed site by its name: ``L5 root``, ``L4-L5 disc, central``,
    ``Common fibular nerve at the neck of the fibula`` (the site's label)."""
    if lesion.kind == "root":
        return f"{lesion.target} root"
    if lesion.kind == "disc":
        return f"{lesion.target} disc, {lesion.zone}"
    if lesion.kind == "joint":
        return model.label(lesion.target)
    return model.derived(_site_labels)[(lesion.target, lesion.site)]


def _site_labels(model: Model) -> dict[tuple[str, str], str]:
    sites = model.sites
    return dict(zip(zip(sites["nerve"], sites["site"], strict=True), sites["label"], strict=True))


def lesion_words(model: Model, lesion) -> str:
    """'L5 root, left side, severity 0.5 (moderate)', by names rather than ids."""
    return (
        f"{lesion_name(model, lesion)}, {side_words(lesion.side)}, "
        f"severity {lesion.severity:g} ({grade_name(lesion.severity)})"
    )


def lesions_named(model: Model, findings) -> str:
    """What some findings compress, by names, '; '-joined ('nothing compressed' for none)."""
    if findings is None or not findings.lesions:
        return "nothing compressed"
    return "; ".join(lesion_words(model, lesion) for lesion in findings.lesions)


def effects_words(findings) -> str:
    """The effects some findings produce, in the order of grading: 'pain, numbness'."""
    present = set(findings.table["effect"]) if findings is not None else set()
    return ", ".join(effect_word(e) for e in EFFECTS if e in present) or "nothing"


def body_rank(model: Model) -> dict[str, int]:
    """Each structure's place in ``structures.csv``, which lists them from the spine down the
    leg (the lower back, the buttock, the thigh, the knee, the leg, the foot)."""
    return model.derived(_body_rank)


def _body_rank(model: Model) -> dict[str, int]:
    return {sid: i for i, sid in enumerate(model.structures["id"])}


def records_down_the_leg(model: Model, findings) -> list[dict]:
    """The findings' rows (dicts) by side, then effect, then from the back down the leg."""
    rank = body_rank(model)
    effects = {e: i for i, e in enumerate(EFFECTS)}
    sides = {"left": 0, "right": 1}
    return sorted(
        findings.records,
        key=lambda r: (sides.get(r["side"], 2), effects[r["effect"]], rank.get(r["structure"], 0)),
    )


def down_the_leg(model: Model, table: pd.DataFrame) -> pd.DataFrame:
    """Finding rows by side, then effect, then from the back down the leg."""
    rank = body_rank(model)
    sides = {"left": 0, "right": 1}
    effects = {e: i for i, e in enumerate(EFFECTS)}
    keys = table.assign(
        _side=table["side"].map(sides),
        _effect=table["effect"].map(effects),
        _rank=table["structure"].map(rank),
    )
    order = keys.sort_values(["_side", "_effect", "_rank"], kind="stable").index
    return table.loc[order]


def summary_rows(model: Model, findings) -> list[tuple[str, str, str]]:
    """(effect, side, where) for each effect and side, what an examiner finds (not the
    cord, roots and nerves on the way), the places listed from the back down the leg.

    The bladder and bowel have one line, "both sides" (as ``Findings.summary_rows``).
    """
    records = [r for r in records_down_the_leg(model, findings) if r["kind"] not in PATH_KINDS]
    rows = []
    for effect in EFFECTS:
        if effect == "sphincter_dysfunction":
            organs = [r["label"].lower() for r in records if r["effect"] == effect]
            if organs:
                rows.append((effect_word(effect), "both sides", ", ".join(dict.fromkeys(organs))))
            continue
        for side in ("left", "right"):
            names = [
                r["label"].lower() for r in records if (r["effect"], r["side"]) == (effect, side)
            ]
            if names:
                rows.append((effect_word(effect), side, ", ".join(dict.fromkeys(names))))
    return rows


def findings_words(findings, model: Model | None = None) -> str:
    """What a set of findings compresses, in words ('nothing irritated' for None); by
    names when the model is given ('Common fibular nerve at the fibular head')."""
    if findings is None:
        return "nothing irritated"
    return (
        lesions_named(model, findings) if model is not None else lesions_in_words(findings.lesions)
    )


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
