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
    lesion = "; ".join(lesion_words(model, x) for x in findings.lesions)
    parts_html.append(
        f"<p><b>In the model:</b> {html.escape(lesion)}. {html.escape(row['teaching'])}</p>"
    )
    parts_text.append(f"In the model: {lesion}. {row['teaching']}")
    table = summary(model, findings)
    parts_html.append(table._repr_html_())
    parts_text.append(table.to_string(index=False))
    return Card("\n".join(parts_html), "\n".join(parts_text))
