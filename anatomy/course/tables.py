"""Shared helpers of the teaching tables: links of a relation, labels, a log to write to."""

from __future__ import annotations

from anatomy.model import Model
from anatomy.model.tables import split_cell
from anatomy.text.citations import CitationLog


def links(model: Model, relation: str, source=None, target=None) -> list[dict]:
    """The rows of ``links.csv`` of one relation (from a source, to a target)."""
    rows = model.links[model.links["relation"] == relation]
    if source is not None:
        rows = rows[rows["source"] == source]
    if target is not None:
        rows = rows[rows["target"] == target]
    return rows.to_dict("records")


def labels(model: Model, ids, weights=None) -> str:
    """Labels joined by commas; a minor root marked '(minor)'."""
    out = []
    for i, sid in enumerate(ids):
        label = model.label(sid)
        if weights is not None and weights[i] == "minor":
            label += " (minor)"
        out.append(label)
    return ", ".join(out)


def cited(rows) -> list[str]:
    """Every citation id of some table rows."""
    return [c for row in rows for c in split_cell(row["citations"])]


def record(log: CitationLog | None, ids) -> None:
    """Add citation ids to a log, if there is one."""
    if log is not None:
        log.add(ids)


def record_findings(log: CitationLog | None, *findings) -> None:
    """Add the citations of some findings to a log, if there is one."""
    if log is not None:
        for f in findings:
            log.add_findings(f)
