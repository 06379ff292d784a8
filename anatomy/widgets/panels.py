"""The widgets' HTML panels: findings, a presenter's summary, citations, a case, the bend view.

Every text from the data is escaped. The same panels are what a notebook read
without a kernel shows (GitHub, nbviewer): each widget saves them beside its view.
"""

from __future__ import annotations

import html

from anatomy.engine.findings import PATH_KINDS, Findings
from anatomy.engine.tension import HEALTHY_TOLERANCE, PoseState
from anatomy.model import Model
from anatomy.model.tables import split_cell
from anatomy.model.vocabulary import EFFECT_LABELS, EFFECTS
from anatomy.text.citations import cite_records, note_label, reference_line
from anatomy.text.words import (
    findings_words,
    lesions_named,
    onset_sentences,
    preset_words,
    records_down_the_leg,
    short_path,
    strain_words,
    threshold_lines,
)
from anatomy.viz import theme

# Inline, because in the saved copy of a widget (what a reopened notebook, GitHub and the
# HTML export show) JupyterLab's rule that right-aligns every table cell won over the
# <style> beside it (seen in chromium), and an untrusted notebook drops <style> elements.
LEFT = ' style="text-align: left; vertical-align: top"'
RIGHT = ' style="text-align: right; vertical-align: top"'


def swatch(effect: str, ground: str = theme.PAPER) -> str:
    """A small sample of how the map shows an effect on the skin and muscles: pain a fill,
    tingling dots, numbness a hatch, weakness a crossed fill with a black edge, a reduced
    reflex a diamond (the bladder and bowel, not drawn, a plain square). ``ground`` is
    what the dots and the hatch are drawn over (the pain's fill, where both show)."""
    colour = theme.EFFECT_COLOURS[effect]
    if effect == "numbness":
        style = f"background: repeating-linear-gradient(-45deg, {colour} 0 2px, {ground} 2px 4px)"
    elif effect == "tingling":
        style = f"background: radial-gradient({colour} 35%, {ground} 40%) 0 0 / 4px 4px"
    elif effect == "weakness":
        lines = f"{theme.PAPER} 0 1px, transparent 1px 4px"
        style = (
            f"background: repeating-linear-gradient(45deg, {lines}), "
            f"repeating-linear-gradient(-45deg, {lines}), {colour}; "
            f"border: 2px solid {theme.WEAKNESS_OUTLINE}"
        )
    else:
        style = f"background: {colour}"
    shape = " diamond" if effect == "reduced_reflex" else ""
    return f'<span class="anatomy-swatch{shape}" style="{style}"></span>'


LINE_PATTERNS = {  # CSS for plotly's dashes, as the swatch draws them
    "solid": "{c}",
    "dash": "repeating-linear-gradient(90deg, {c} 0 7px, transparent 7px 11px)",
    "dot": "repeating-linear-gradient(90deg, {c} 0 3px, transparent 3px 6px)",
    "longdash": "repeating-linear-gradient(90deg, {c} 0 12px, transparent 12px 16px)",
    "dashdot": (
        "repeating-linear-gradient(90deg, {c} 0 7px, transparent 7px 10px, "
        "{c} 10px 13px, transparent 13px 16px)"
    ),
}


def line_swatch(effect: str | None) -> str:
    """A short sample of a nerve line: the effect's colour and dash, or an unaffected nerve."""
    if effect is None:
        colour, dash = theme.NEUTRAL_LINE["line"], "solid"
    else:
        colour, dash = theme.EFFECT_COLOURS[effect], theme.LINE_DASH[effect]
    pattern = LINE_PATTERNS[dash].format(c=colour)
    return f'<span class="anatomy-swatch line" style="background: {pattern}"></span>'


def legend_html() -> str:
    """How the map shows each effect, in words (the widgets' legend)."""
    areas = " ".join(  # spaces between the keys: a line may break there
        f'<span class="anatomy-key">{swatch(e)}{html.escape(EFFECT_LABELS[e])}</span>'
        for e in EFFECTS
        if e in theme.LINE_DASH  # the effects the map draws
    )
    both = swatch("numbness", ground=theme.EFFECT_COLOURS["pain"])
    areas += f' <span class="anatomy-key">{both}Pain and numbness</span> '
    star = (
        f'<span class="anatomy-key"><span style="color: {theme.LESION_COLOUR}; '
        f'-webkit-text-stroke: 1px {theme.STAR_LINE}">&#9733;</span> Compressed here</span>'
    )
    lines = " ".join(
        f'<span class="anatomy-key">{line_swatch(e)}{html.escape(_line_word(e))}</span>'
        for e in (*(e for e in EFFECTS if e in theme.LINE_DASH), None)
    )
    return (
        f'<div class="anatomy-legend"><b>Skin and muscles:</b> {areas}{star}</div>'
        f'<div class="anatomy-legend"><b>Nerves and roots:</b> {lines}</div>'
    )


def _line_word(effect: str | None) -> str:
    return "not affected" if effect is None else EFFECT_LABELS[effect].lower()


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


def summary_html(model: Model, findings: Findings, lead: str = "") -> str:
    """The findings in a few large lines, one per effect, from the back down the leg."""
    records = records_down_the_leg(model, findings)
    head = f"<h4>{html.escape(lead + lesions_named(model, findings))}</h4>"
    lines = []
    for effect in EFFECTS:
        labels = [
            r["label"].lower()
            for r in records
            if r["effect"] == effect and r["kind"] not in PATH_KINDS
        ]
        if not labels:
            continue
        names = ", ".join(dict.fromkeys(labels))
        lines.append(
            f"<p>{swatch(effect)}<b>{html.escape(EFFECT_LABELS[effect])}:</b> "
            f"{html.escape(names)}</p>"
        )
    return head + red_flags_html(findings) + ("".join(lines) or "<p>Nothing is affected.</p>")


def _data(row: dict) -> str:
    """A finding's identity as data attributes (what tests compare the map with)."""
    return (
        f' data-structure="{html.escape(row["structure"])}" data-side="{row["side"]}"'
        f' data-effect="{row["effect"]}" data-intensity="{row["intensity"]:.4f}"'
    )


def findings_html(model: Model, findings: Findings) -> str:
    """The findings as an HTML table: effect, structure, side, intensity, path, citations."""
    table = findings.table
    head = f"<h4>Findings: {html.escape(lesions_named(model, findings))}</h4>"
    if table.empty:
        return head + "<p>Nothing is affected at severity 0.</p>"
    number = {cid: i + 1 for i, cid in enumerate(findings.citation_ids)}
    records = records_down_the_leg(model, findings)
    rows = []
    for effect in EFFECTS:
        for row in records:
            if row["effect"] != effect or row["kind"] in PATH_KINDS:
                continue
            refs = ", ".join(f"[{number[c]}]" for c in row["citations"])
            rows.append(
                f"<tr{_data(row)}>"
                f"<td{LEFT}>{swatch(effect)}{html.escape(EFFECT_LABELS[effect])}</td>"
                f"<td{LEFT}>{html.escape(row['label'])}</td>"
                f"<td{LEFT}>{html.escape(row['side'])}</td>"
                f'<td class="anatomy-number"{RIGHT}>{row["intensity"]:.2f}</td>'
                f'<td class="anatomy-path"{LEFT}>{html.escape(short_path(row["path"]))}</td>'
                f"<td{LEFT}>{html.escape(refs)}</td></tr>"
            )
    along = [r for r in records if r["kind"] in PATH_KINDS]
    names = dict.fromkeys(r["label"] for r in along)
    marks = "".join(f"<span hidden{_data(r)}></span>" for r in along)
    return (
        head
        + red_flags_html(findings)
        + '<table class="anatomy-findings"><thead><tr>'
        + "".join(f"<th{LEFT}>{name}</th>" for name in ("Effect", "Structure", "Side"))
        + f'<th class="anatomy-number"{RIGHT}>Intensity</th>'
        + "".join(f"<th{LEFT}>{name}</th>" for name in ("Path", "Cited"))
        + "</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
        + (
            f'<p class="anatomy-along"><b>Along the way:</b> {html.escape(", ".join(names))}'
            f"{marks}</p>"
            if along
            else ""
        )
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


def strain_table_html(model: Model, strains) -> str:
    """Each nerve's strain (a mapping of nerve id to %) as a table."""
    rows = "".join(
        f"<tr><td{LEFT}>{html.escape(model.label(n))}</td>"
        f"<td{LEFT}>{html.escape(strain_words(v))}</td></tr>"
        for n, v in strains.items()
    )
    return (
        f"<table class='anatomy-findings'><thead><tr><th{LEFT}>Nerve</th><th{LEFT}>Strain</th>"
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )


def bend_html(model: Model, state: PoseState, findings, onsets: dict, last_test=None) -> str:
    """The tension view in words: each nerve's strain, each irritated root's pull against its
    tolerance, and where each test turns positive (``onsets`` from neurodynamic.onsets)."""
    parts = [f"<h4>Strain of each nerve</h4>{strain_table_html(model, state.strains)}"]
    irritated = []
    if findings is not None and findings.lesions:
        irritated = threshold_lines(model, state.symptoms)
    parts.append(f"<h4>Irritated: {html.escape(findings_words(findings, model))}</h4>")
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
