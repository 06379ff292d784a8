"""The widgets' HTML panels: findings, a presenter's summary, citations, a case, the bend view.

Every text from the data is escaped. The same panels are what a notebook read
without a kernel shows (GitHub, nbviewer): each widget saves them beside its view.
"""

from __future__ import annotations

import html

from anatomy.engine.findings import PATH_KINDS, Findings, lesions_in_words
from anatomy.engine.tension import HEALTHY_TOLERANCE, PoseState
from anatomy.model import Model
from anatomy.model.tables import split_cell
from anatomy.model.vocabulary import EFFECT_LABELS, EFFECTS
from anatomy.text.citations import cite_records, note_label, reference_line
from anatomy.text.words import (
    findings_words,
    onset_sentences,
    preset_words,
    short_path,
    strain_words,
    threshold_lines,
)
from anatomy.viz import theme


def swatch(effect: str) -> str:
    """A small square of an effect's colour, before its name."""
    colour = theme.EFFECT_COLOURS[effect]
    return f'<span class="anatomy-swatch" style="background:{colour}"></span>'


def error_html(err: Exception) -> str:
    """An error message, announced to screen readers."""
    return f'<div class="anatomy-error" role="alert">{html.escape(str(err))}</div>'


def red_flags_html(findings: Findings) -> str:
    """Each red flag of some findings in words, as an alert (not a colour alone)."""
    return "".join(
        f'<div class="anatomy-error anatomy-red-flag" role="alert"><b>RED FLAG:</b> '
        f"{html.escape(text)}</div>"
        for text in findings.red_flags
    )


def summary_html(findings: Findings) -> str:
    """The findings in a few large lines, one per effect: for a projector."""
    table = findings.table
    head = f"<h4>{html.escape(lesions_in_words(findings.lesions))}</h4>"
    lines = []
    for effect in EFFECTS:
        rows = table[(table["effect"] == effect) & ~table["kind"].isin(PATH_KINDS)]
        if rows.empty:
            continue
        names = ", ".join(dict.fromkeys(rows["label"].str.lower()))
        lines.append(
            f"<p>{swatch(effect)}<b>{html.escape(EFFECT_LABELS[effect])}:</b> "
            f"{html.escape(names)}</p>"
        )
    return head + red_flags_html(findings) + ("".join(lines) or "<p>Nothing is affected.</p>")


def findings_html(findings: Findings) -> str:
    """The findings as an HTML table: effect, structure, side, intensity, path, citations."""
    table = findings.table
    head = f"<h4>Findings: {html.escape(lesions_in_words(findings.lesions))}</h4>"
    if table.empty:
        return head + "<p>Nothing is affected at severity 0.</p>"
    number = {cid: i + 1 for i, cid in enumerate(findings.citation_ids)}
    records = findings.records
    rows = []
    for effect in EFFECTS:
        for row in records:
            if row["effect"] != effect or row["kind"] in PATH_KINDS:
                continue
            refs = ", ".join(f"[{number[c]}]" for c in row["citations"])
            rows.append(
                "<tr>"
                f"<td>{swatch(effect)}{html.escape(EFFECT_LABELS[effect])}</td>"
                f"<td>{html.escape(row['label'])}</td><td>{html.escape(row['side'])}</td>"
                f"<td>{row['intensity']:.2f}</td>"
                f'<td class="anatomy-path">{html.escape(short_path(row["path"]))}</td>'
                f"<td>{html.escape(refs)}</td></tr>"
            )
    along = ", ".join(dict.fromkeys(r["label"] for r in records if r["kind"] in PATH_KINDS))
    return (
        head
        + red_flags_html(findings)
        + '<table class="anatomy-findings"><thead><tr><th>Effect</th><th>Structure</th>'
        "<th>Side</th><th>Intensity</th><th>Path</th><th>Cited</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
        + (f"<p><b>Along the way:</b> {html.escape(along)}</p>" if along else "")
    )


def case_html(model: Model, case: str) -> str:
    """A preset case: its title, what it teaches, and the source passages it rests on."""
    row = model.case_row(case)
    return (
        f'<div class="anatomy-case"><h4>Case: {html.escape(row["title"])}</h4>'
        f"<p>{html.escape(row['teaching'])}</p>"
        + citation_items(model, cite_records(model, split_cell(row["citations"])), tag="ul")
        + "</div>"
    )


def case_citation_ids(model: Model, case: str) -> list[str]:
    """The citations a case's panel shows."""
    return split_cell(model.case_row(case)["citations"])


def citation_items(model: Model, records: list[dict], tag: str = "ol") -> str:
    """Citations as a numbered (or bulleted) list: quote or statement, source, correction."""
    items = []
    for i, c in enumerate(records, start=1):
        if c["kind"] == "text":
            body = (
                f'<blockquote>"{html.escape(c["quote"])}"</blockquote>'
                f'<div class="anatomy-source">{html.escape(c["source_title"])}, '
                f"{html.escape(c['locator'])}</div>"
            )
        else:
            body = (
                f"<div>{html.escape(c['statement'])}</div>"
                f'<div class="anatomy-source">{html.escape(reference_line(model, c["source"]))}'
                f"{'; ' + html.escape(c['locator']) if c['locator'] else ''}</div>"
            )
        if c["note"]:
            body += (
                f'<div class="anatomy-correction"><b>{note_label(c["verdict"])} '
                f"({html.escape(c['verdict'])}):</b> {html.escape(c['note'])}</div>"
            )
        number = f' value="{i}"' if tag == "ol" else ""
        items.append(f'<li{number} id="cite-{html.escape(c["id"])}">{body}</li>')
    return f'<{tag} class="anatomy-citations">' + "".join(items) + f"</{tag}>"


def citations_html(model: Model, findings: Findings) -> str:
    """Each citation: the quote and its source, or the reference; the correction if any."""
    if findings.table.empty:
        return ""
    return "<h4>Citations</h4>" + citation_items(model, cite_records(model, findings))


def bend_html(model: Model, state: PoseState, findings, onsets: dict, last_test=None) -> str:
    """The tension view in words: each nerve's strain, each irritated root's pull against its
    tolerance, and where each test turns positive (``onsets`` from neurodynamic.onsets)."""
    rows = "".join(
        f"<tr><td>{html.escape(model.label(n))}</td><td>{html.escape(strain_words(v))}</td></tr>"
        for n, v in state.strains.items()
    )
    parts = [
        f"<h4>Strain of each nerve</h4><table class='anatomy-findings'><thead><tr><th>Nerve</th>"
        f"<th>Strain</th></tr></thead><tbody>{rows}</tbody></table>"
    ]
    irritated = []
    if findings is not None and findings.lesions:
        irritated = threshold_lines(model, state.symptoms)
    parts.append(f"<h4>Irritated: {html.escape(findings_words(findings))}</h4>")
    if irritated:
        parts.append("<ul>" + "".join(f"<li>{html.escape(x)}</li>" for x in irritated) + "</ul>")
    if state.not_modelled:
        names = ", ".join(model.label(n) for n in state.not_modelled)
        parts.append(
            f"<p>Not in the tension model (no test here loads it): {html.escape(names)}.</p>"
        )
    if last_test is not None:
        parts.append(f"<p><b>{html.escape(preset_words(*last_test))}</b></p>")
    lines = onset_sentences(model, onsets)
    parts.append(
        "<h4>The tests</h4><ul>" + "".join(f"<li>{html.escape(x)}</li>" for x in lines) + "</ul>"
    )
    parts.append(
        f"<p class='anatomy-source'>A teaching model: a healthy nerve takes "
        f"{HEALTHY_TOLERANCE:g}% strain; an irritated one less (see notebook 05).</p>"
    )
    return "".join(parts)
