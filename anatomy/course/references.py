"""A notebook's references: the sources behind every citation it showed, numbered."""

from __future__ import annotations

import html

from anatomy.course.display import Card
from anatomy.model import Model
from anatomy.model.tables import split_cell
from anatomy.text.citations import CitationLog, cite_records, reference_line


def references(model: Model, log: CitationLog) -> Card:
    """The sources and references behind everything recorded in ``log``, numbered.

    Texts come first, then references, each group by its reference line; each
    says how many of its citations were shown.
    """
    if not isinstance(log, CitationLog):
        raise TypeError(f"log must be a CitationLog (lesson.log), not {log!r}")
    sources: dict[str, list[str]] = {}
    for record in cite_records(model, log.ids):
        sources.setdefault(record["source"], []).append(record["id"])
        for ref in split_cell(record["note_sources"]):
            sources.setdefault(ref, [])
    items_html, items_text = [], []
    order = sorted(
        sources, key=lambda s: (model.source(s)["kind"] != "text", reference_line(model, s))
    )
    for i, source in enumerate(order, start=1):
        line = reference_line(model, source)
        count = len(sources[source])
        used_words = f" (cited {count} time{'s' if count != 1 else ''})" if count else ""
        items_html.append(f"<li>{html.escape(line)}{html.escape(used_words)}</li>")
        items_text.append(f"{i}. {line}{used_words}")
    return Card("<ol>" + "".join(items_html) + "</ol>", "\n".join(items_text))
