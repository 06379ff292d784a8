"""Citations: the quote or reference behind every finding, with its correction."""

from __future__ import annotations

import pandas as pd

CITE_COLUMNS = [
    "id",
    "source",
    "source_title",
    "kind",
    "quote",
    "statement",
    "locator",
    "verdict",
    "note",
    "note_sources",
    "supports",
]


def cite(model, findings) -> pd.DataFrame:
    """The citations behind some findings, in order of first use, as a table.

    See :func:`cite_records` for the columns.
    """
    return pd.DataFrame(cite_records(model, findings), columns=CITE_COLUMNS)


def cite_records(model, findings) -> list[dict]:
    """The citations behind some findings, in order of first use, as dicts.

    Parameters
    ----------
    model : anatomy.Model
    findings : anatomy.lesions.Findings, or a list of citation ids

    Returns
    -------
    list of dict
        One per citation: ``id``, ``source``, ``source_title``, ``kind``
        (text or reference), ``quote`` (verbatim, for a text), ``statement``
        (our words, for a reference), ``locator``, ``verdict`` and ``note``
        (the correction where a text is imprecise), ``note_sources`` and
        ``supports`` (the labels of the findings it backs).
    """
    if hasattr(findings, "citation_ids"):
        ids = findings.citation_ids
        supports: dict[str, list[str]] = {}
        for row in findings.records:
            label = row["label"]
            for cid in row["citations"]:
                supports.setdefault(cid, [])
                if label not in supports[cid]:
                    supports[cid].append(label)
    else:
        ids = list(dict.fromkeys(findings))
        supports = {}
    citations = model._index["citation"]
    unknown = [cid for cid in ids if cid not in citations]
    if unknown:
        raise ValueError(f"unknown citation ids {unknown}")
    sources = model._index["source"]
    rows = []
    for cid in ids:
        row = citations[cid]
        source = sources[row["source"]]
        rows.append(
            {
                "id": cid,
                "source": row["source"],
                "source_title": source["title"],
                "kind": source["kind"],
                "quote": row["quote"],
                "statement": row["statement"],
                "locator": row["locator"],
                "verdict": row["verdict"],
                "note": row["note"],
                "note_sources": row["note_sources"],
                "supports": supports.get(cid, []),
            }
        )
    return rows


def reference_line(model, source_id: str) -> str:
    """A one-line reference: title, publisher, year."""
    row = model._index["source"][source_id]
    return ", ".join(part for part in (row["title"], row["publisher"], row["year"]) if part)
