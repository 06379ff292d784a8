"""Notebook 01, the lumbar spine: where each root leaves, and which root each disc zone meets."""

from __future__ import annotations

from anatomy.course.display import Table
from anatomy.course.tables import cited, labels, links, record
from anatomy.engine.canal import is_conus
from anatomy.engine.grading import grade_name
from anatomy.engine.inputs import check_disc, check_severity, check_values
from anatomy.engine.lesions import disc_roots
from anatomy.model import Model
from anatomy.model.tables import split_cell
from anatomy.model.vocabulary import EFFECTS, PATH_KINDS, effect_word
from anatomy.text.citations import CitationLog

PATH = list(PATH_KINDS)


def root_table(model: Model, log: CitationLog | None = None) -> Table:
    """One row per root: where it leaves, the disc it crosses, its skin, muscle and reflex."""
    rows = []
    for root in model.roots:
        exits = links(model, "exits_at", source=root)
        crosses = [link["target"] for link in links(model, "traverses", source=root)]
        skin = links(model, "supplies_skin", source=root)
        main_skin = [link["target"] for link in skin if link["weight"] == "main"]
        muscles = links(model, "innervates", source=root)
        key = [
            m
            for m in muscles
            if any(c.startswith("isncsci_motor") for c in split_cell(m["citations"]))
        ]
        reflexes = links(model, "tested_by", source=root)
        rows.append(
            {
                "root": root,
                "leaves the spine": _exit_words(exits[0]["target"]) if exits else "",
                "crosses the disc": ", ".join(crosses) or "(none modelled)",
                "skin (main)": labels(model, main_skin),
                "key muscle (ISNCSCI)": labels(model, [m["target"] for m in key]),
                "reflex": labels(
                    model, [r["target"] for r in reflexes], [r["weight"] for r in reflexes]
                ),
            }
        )
        record(log, cited(exits))
    return Table(rows)


def _exit_words(target: str) -> str:
    if target == "sacrum":
        return "a sacral foramen"
    return f"the {target} foramen"


def zone_table(model: Model, log: CitationLog | None = None) -> Table:
    """For each disc level, the root a herniation in each zone compresses."""
    rows = []
    for level in model.disc_levels:
        row = {"disc": level}
        for zone in model.zone_names:
            row[zone] = ", ".join(disc_roots(model, level, zone))
        rows.append(row)
    record(log, cited(model.zones.to_dict("records")))
    return Table(rows)


def central_ladder(
    model: Model, level: str, severities=(0.3, 0.5, 0.7, 0.9), log: CitationLog | None = None
) -> Table:
    """A central herniation at one level as it grows: what it reaches, and its red flags.

    One row per severity, both sides alike: the roots it presses, what an examiner finds,
    and the red flags (none for a small one).
    """
    # At the conus the disc presses cord segments, not roots: say so in the column's name.
    conus = is_conus(model, check_disc(model, level))
    pressed = "cord segments pressed" if conus else "roots pressed"
    rows = []
    for severity in check_values(severities, "severities", check_severity):
        f = model.compress_disc(level, zone="central", side="both", severity=severity)
        record(log, f.citation_ids)
        effects = [e for e in EFFECTS if not f.of(e, side="left").query("kind not in @PATH").empty]
        rows.append(
            {
                "severity": severity,
                "grade": grade_name(severity),
                pressed: ", ".join(f.roots),
                "what is found": ", ".join(effect_word(e) for e in effects),
                "red flags": ", ".join(flag.id.replace("_", " ") for flag in f.flags) or "none",
            }
        )
    return Table(rows)
