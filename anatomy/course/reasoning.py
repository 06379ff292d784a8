"""Notebook 06, from findings back to the lesion: rankings, look-alikes, what tells them apart."""

from __future__ import annotations

from anatomy.course.display import Table
from anatomy.course.tables import record, record_findings
from anatomy.engine.findings import Findings
from anatomy.engine.localize import evidence_table, localize
from anatomy.engine.red_flags import rules
from anatomy.engine.tell_apart import difference
from anatomy.model import Model
from anatomy.model.tables import split_cell
from anatomy.model.vocabulary import effect_word
from anatomy.text.citations import CitationLog
from anatomy.text.words import lesion_label


def localize_table(
    model: Model, findings, top: int = 6, complete: bool | None = None, log=None
) -> Table:
    """The best candidate lesions for some findings, in words (see :meth:`Atlas.localize`)."""
    ranked = localize(model, findings, complete=complete, top=top)
    if isinstance(findings, Findings):
        record_findings(log, findings)
    rows = []
    for r in ranked.to_dict("records"):
        record(log, r["citations"])
        rows.append(
            {
                "rank": r["rank"],
                "lesion": lesion_label(model, r["lesion"]),
                "score": round(r["score"], 2),
                "grade": r["grade"],
                "explains": f"{len(r['explains'])} of {len(r['explains']) + len(r['misses'])}",
                "not observed": _few(r["predicts_unobserved"]),
                "tell apart": r["tell_apart"],
            }
        )
    return Table(rows, columns=list(rows[0]) if rows else None)


def _few(items: list[str], n: int = 4) -> str:
    if not items:
        return "nothing"
    more = f" and {len(items) - n} more" if len(items) > n else ""
    return "; ".join(items[:n]) + more


def look_alike_table(model: Model, log: CitationLog | None = None) -> Table:
    """The classic look-alike pairs: what tells each apart, and why."""
    rows = []
    for r in model.look_alikes.to_dict("records"):
        telling = [
            f"{effect_word(effect)}: {model.label(structure).lower()}"
            for effect, _, structure in (
                i.partition(":") for i in split_cell(r["distinguished_by"])
            )
        ]
        record(log, split_cell(r["citations"]))
        rows.append(
            {
                "lesion": lesion_label(model, r["a"]),
                "look-alike": lesion_label(model, r["b"]),
                "told apart by": "; ".join(telling),
                "why": r["note"],
            }
        )
    return Table(rows)


def tell_apart_table(
    model: Model, a: str, b: str, side: str = "left", log: CitationLog | None = None
) -> Table:
    """Every finding one lesion gives and the other does not (see :meth:`Atlas.tell_apart`)."""
    diff = difference(model, a, b, side=side)
    la, lb = lesion_label(model, a), lesion_label(model, b)
    rows = []
    for r in diff.to_dict("records"):
        record(log, r["citations"])
        rows.append(
            {
                "finding": r["finding"],
                "only in": la if r["a"] else lb,
                "cited": ", ".join(r["citations"]),
            }
        )
    return Table(rows, columns=["finding", "only in", "cited"])


def evidence_weights() -> Table:
    """What localize weighs each kind of finding at, and why (notebook 06)."""
    table = evidence_table()
    rows = [
        {
            "finding": "positive test" if r["finding"] == "positive" else r["finding"],
            "found and explained (or missed)": r["explains or is missed"],
            "predicted but examined normal": r["ruled out by the examination"],
            "objective sign": "yes" if r["objective"] else "no",
            "why": r["why"],
        }
        for r in table.to_dict("records")
    ]
    return Table(rows)


def red_flag_table(model: Model, log: CitationLog | None = None) -> Table:
    """The red flags the model raises: what raises each, and what it means."""
    rows = []
    for flag in rules(model):
        record(log, flag.citations)
        raised_by = [
            f"{'anything at' if e == 'any' else effect_word(e)}: "
            f"{'any muscle' if s == '*' else model.label(s).lower()}"
            for e, s in flag.items
        ]
        rows.append(
            {
                "red flag": flag.id.replace("_", " "),
                "raised by": "; ".join(raised_by),
                "on both sides": "yes" if flag.both_sides else "no",
                "what it means": flag.text,
                "cited": ", ".join(flag.citations),
            }
        )
    return Table(rows)
