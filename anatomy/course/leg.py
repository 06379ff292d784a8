"""Notebook 02, from root to leg: nerves, muscles, and which roots reach the knee."""

from __future__ import annotations

from anatomy.course.display import Table
from anatomy.course.tables import cited, labels, links, record
from anatomy.model import Model
from anatomy.model.tables import split_cell
from anatomy.text.citations import CitationLog

KNEE_REGIONS = ("anterior_knee", "medial_knee", "popliteal_fossa")


def nerve_table(model: Model, log: CitationLog | None = None) -> Table:
    """One row per nerve: where it comes from, its roots, the muscles and skin it supplies."""
    rows = []
    parent = {link["target"]: link["source"] for link in links(model, "branches_to")}
    for nerve in model.ids("nerve"):
        contrib = links(model, "contributes_to", target=nerve)
        muscles = [link["target"] for link in links(model, "innervates", source=nerve)]
        skin = [link["target"] for link in links(model, "supplies_skin", source=nerve)]
        rows.append(
            {
                "nerve": model.label(nerve),
                "from": model.label(parent[nerve]),
                "roots": labels(
                    model, [c["source"] for c in contrib], [c["weight"] for c in contrib]
                ).replace(" nerve root", ""),
                "muscles": labels(model, muscles),
                "skin": labels(model, skin),
            }
        )
        record(log, cited(contrib))
    return Table(rows)


def muscle_table(model: Model, log: CitationLog | None = None) -> Table:
    """One row per muscle: its nerve and its roots (main and minor)."""
    rows = []
    nerve_of = {
        link["target"]: link["source"]
        for link in links(model, "innervates")
        if model.kind(link["source"]) != "root"
    }
    for muscle in model.ids("muscle"):
        roots = [
            r
            for r in links(model, "innervates", target=muscle)
            if model.kind(r["source"]) == "root"
        ]
        rows.append(
            {
                "muscle": model.label(muscle),
                "nerve": model.label(nerve_of[muscle]),
                "main roots": ", ".join(r["source"] for r in roots if r["weight"] == "main"),
                "minor roots": ", ".join(r["source"] for r in roots if r["weight"] == "minor"),
            }
        )
        record(log, cited(roots))
    return Table(rows)


def knee_roots(model: Model, log: CitationLog | None = None) -> Table:
    """Which roots can make the knee hurt or go numb, or dull the knee jerk, and how."""
    rows = []
    for root in model.roots:
        ways = []
        for relation, words in (("refers_pain_to", "pain"), ("supplies_skin", "skin")):
            for link in links(model, relation, source=root):
                if link["target"] in KNEE_REGIONS:
                    weight = "" if link["weight"] == "main" else " (minor)"
                    ways.append(f"{words}: {model.label(link['target']).lower()}{weight}")
                    record(log, split_cell(link["citations"]))
        for link in links(model, "tested_by", source=root, target="patellar_reflex"):
            weight = "" if link["weight"] == "main" else " (minor)"
            ways.append(f"knee jerk{weight}")
            record(log, split_cell(link["citations"]))
        if ways:
            rows.append({"root": root, "how it reaches the knee": "; ".join(ways)})
    return Table(rows)
