"""Citations: the quote or reference behind every finding, with its correction.

:class:`CitationLog` is the explicit record of what a notebook showed: the
notebook's :class:`anatomy.course.Lesson` holds one, every table, card and
widget made through the lesson adds the citations it shows, and
``lesson.references()`` lists their sources. Nothing is recorded anywhere else.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from anatomy.engine.findings import Findings
from anatomy.engine.inputs import check_model
from anatomy.model import Model
from anatomy.model.vocabulary import CORRECTED_VERDICTS

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


def note_label(verdict: str) -> str:
    """How a citation's note is headed: 'Correction' where the source is imprecise or
    incorrect, 'Note' otherwise."""
    return "Correction" if verdict in CORRECTED_VERDICTS else "Note"


class CitationLog:
    """The citation ids a notebook has shown, in order of first use (no duplicates)."""

    def __init__(self, ids: Iterable[str] = ()):
        self._ids: dict[str, None] = dict.fromkeys(ids)

    def add(self, ids: Iterable[str]) -> None:
        """Record citation ids as shown."""
        if isinstance(ids, str):
            raise TypeError(f"add a list of citation ids, not one string {ids!r}")
        self._ids.update(dict.fromkeys(ids))

    def add_findings(self, findings: Findings | None) -> None:
        """Record every citation behind some findings (nothing for None); TypeError for
        anything else, before anything is drawn from it."""
        if findings is not None and not isinstance(findings, Findings):
            raise TypeError(
                "pass findings (model.compress(...)) or None, "
                f"not {findings!r} ({type(findings).__name__})"
            )
        if findings is not None:
            self.add(findings.citation_ids)

    @property
    def ids(self) -> list[str]:
        """The ids recorded, in order of first use."""
        return list(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, citation_id: object) -> bool:
        return citation_id in self._ids

    def __repr__(self) -> str:
        return f"<CitationLog: {len(self)} citations>"


def _ids_and_support(findings) -> tuple[list[str], dict[str, list[str]]]:
    if isinstance(findings, Findings):
        supports: dict[str, list[str]] = {}
        for row in findings.records:
            label = row["label"]
            for cid in row["citations"]:
                supports.setdefault(cid, [])
                if label not in supports[cid]:
                    supports[cid].append(label)
        for flag in findings.flags:
            for cid in flag.citations:
                supports.setdefault(cid, []).append(f"red flag: {flag.id.replace('_', ' ')}")
        return findings.citation_ids, supports
    if isinstance(findings, str | bytes | Mapping | pd.DataFrame) or not isinstance(
        findings, Iterable
    ):
        raise TypeError(
            "cite findings (model.compress(...)) or a list of citation ids, "
            f"not {findings!r} ({type(findings).__name__})"
        )
    items = list(findings)
    bad = [cid for cid in items if not isinstance(cid, str)]
    if bad:
        raise TypeError(f"citation ids are text, not {bad[0]!r}")
    return list(dict.fromkeys(items)), {}


def cite_records(model: Model, findings) -> list[dict]:
    """The citations behind some findings, in order of first use, as dicts.

    Parameters
    ----------
    model : anatomy.Model
    findings : anatomy.Findings, or a list of citation ids

    Returns
    -------
    list of dict
        One per citation: ``id``, ``source``, ``source_title``, ``kind``
        (text or reference), ``quote`` (verbatim, for a text), ``statement``
        (our words, for a reference), ``locator``, ``verdict`` and ``note``
        (the correction where a text is imprecise), ``note_sources`` and
        ``supports`` (the labels of the findings it backs).

    Raises
    ------
    TypeError
        Not a model; not findings nor a list of ids (a string, a dict or a table is not
        a list of ids).
    ValueError
        An unknown citation id.
    """
    check_model(model)
    ids, supports = _ids_and_support(findings)
    citations = model._index["citation"]
    unknown = [cid for cid in ids if cid not in citations]
    if unknown:
        raise ValueError(f"unknown citation ids {unknown}")
    rows = []
    for cid in ids:
        row = citations[cid]
        source = model.source(row["source"])
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


def cite(model: Model, findings) -> pd.DataFrame:
    """The citations behind some findings, in order of first use, as a table.

    See :func:`cite_records` for the columns.
    """
    return pd.DataFrame(cite_records(model, findings), columns=CITE_COLUMNS)


def reference_line(model: Model, source_id: str) -> str:
    """A one-line reference: title, publisher, year, and its DOI or address where known."""
    row = model.source(source_id)
    doi = f"doi:{row['doi']}" if row["doi"] else ""
    parts = (row["title"], row["publisher"], row["year"], doi, row["url"])
    return ", ".join(part for part in parts if part)
