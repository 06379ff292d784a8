"""Notebook 04, the cases of the source texts: the passages, the model, the corrections."""

from __future__ import annotations

import html

from anatomy.course.compression import summary
from anatomy.course.display import Card
from anatomy.course.tables import record
from anatomy.engine.inputs import check_case
from anatomy.model import Model
from anatomy.model.tables import split_cell
from anatomy.text.citations import CitationLog, cite_records, note_label, reference_line
from anatomy.text.words import lesion_words


def case_card(model: Model, case: str, log: CitationLog | None = None) -> Card:
    """A case from the source texts: the passages, what the model shows, the corrections."""
    row = model.case_row(check_case(model, case))
    findings = model.compress_case(case)
    quotes = cite_records(model, split_cell(row["citations"]))
    record(log, [c["id"] for c in quotes])
    record(log, findings.citation_ids)
    parts_html = [f"<h4>{html.escape(row['title'])}</h4>"]
    parts_text = [row["title"], "=" * len(row["title"])]
    _quote_parts(model, quotes, parts_html, parts_text)
    lesion = "; ".join(lesion_words(model, x) for x in findings.lesions)
    parts_html.append(
        f"<p><b>In the model:</b> {html.escape(lesion)}. {html.escape(row['teaching'])}</p>"
    )
    parts_text.append(f"In the model: {lesion}. {row['teaching']}")
    for flag in findings.flags:
        parts_html.append(
            f'<p role="alert"><b>RED FLAG (not a colour alone):</b> {html.escape(flag.text)}</p>'
        )
        parts_text.append(f"RED FLAG: {flag.text}")
    table = summary(model, findings)
    parts_html.append(table._repr_html_())
    parts_text.append(table.to_string(index=False))
    return Card("\n".join(parts_html), "\n".join(parts_text))


def quote_card(model: Model, ids, title: str | None = None, log: CitationLog | None = None) -> Card:
    """Some citations as a reader meets them: each verbatim passage with its source and
    any correction beside it, each textbook fact with its named reference.

    Raises
    ------
    ValueError
        No citation ids, or an unknown one.
    """
    ids = list(ids)
    if not ids:
        raise ValueError("quote needs at least one citation id, such as 'lee_2008_dermatomes'")
    quotes = cite_records(model, ids)
    record(log, ids)
    parts_html = [f"<h4>{html.escape(title)}</h4>"] if title else []
    parts_text = [title, "=" * len(title)] if title else []
    _quote_parts(model, quotes, parts_html, parts_text)
    return Card("\n".join(parts_html), "\n".join(parts_text))


def _quote_parts(model: Model, quotes: list[dict], parts_html: list, parts_text: list) -> None:
    """Append each citation, in HTML and in text: a quote and its correction, or a reference."""
    for c in quotes:
        if c["kind"] == "text":
            parts_html.append(
                f'<blockquote>"{html.escape(c["quote"])}"<br><small>'
                f"{html.escape(c['source_title'])}, "
                f"{html.escape(c['locator'])}</small></blockquote>"
            )
            parts_text.append(f'"{c["quote"]}" ({c["source_title"]}, {c["locator"]})')
            if c["note"]:
                label = note_label(c["verdict"])
                parts_html.append(
                    f"<p><b>{label} ({html.escape(c['verdict'])}):</b> {html.escape(c['note'])}</p>"
                )
                parts_text.append(f"  {label} ({c['verdict']}): {c['note']}")
        else:
            line = reference_line(model, c["source"])
            parts_html.append(
                f"<p><i>Reference:</i> {html.escape(c['statement'])} "
                f"<small>({html.escape(line)})</small></p>"
            )
            parts_text.append(f"  Reference: {c['statement']} ({line})")
