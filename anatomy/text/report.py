"""Findings as plain text: for the command line, screen readers and notebooks read offline."""

from __future__ import annotations

import textwrap

from anatomy.engine.findings import PATH_KINDS, Findings
from anatomy.engine.grading import GRADE_ORDER, grade_name
from anatomy.engine.inputs import check_count, check_model
from anatomy.model import Model
from anatomy.model.vocabulary import EFFECT_LABELS, EFFECTS, effect_word, side_words
from anatomy.text.citations import cite, note_label, reference_line


def lesion_effects(findings: Findings) -> list[str]:
    """The effects these findings hold, in the order a growing lesion adds them: what this
    lesion produces, not what its grade could (a fibular-head palsy gives no pain, an
    irritated joint only pain)."""
    present = set(findings.table["effect"])
    return [e for e in GRADE_ORDER if e in present]


def describe_lesions(findings: Findings) -> str:
    """One line per compressed site, with its grade and what it produces (for several
    lesions together, what they produce together, on a line of its own: the findings
    do not say which lesion gave which effect)."""
    lines = []
    effects = ", ".join(effect_word(e) for e in lesion_effects(findings)) or "nothing"
    single = len(findings.lesions) == 1
    for lesion in findings.lesions:
        roots = f" (roots: {', '.join(lesion.roots)})" if lesion.kind == "disc" else ""
        produces = f": {effects}" if single else ""
        lines.append(
            f"{lesion.name}{roots}, {side_words(lesion.side)}, "
            f"severity {lesion.severity:g} ({grade_name(lesion.severity)}{produces})"
        )
    if not single and findings.lesions:
        lines.append(f"together: {effects}")
    return "\n".join(lines)


def format_findings(model: Model, findings: Findings, width: int = 100) -> str:
    """The findings and their citations as readable text.

    Raises TypeError for anything but a model and findings, or a width that is not a
    whole number; ValueError for a width under 40.
    """
    check_model(model)
    if not isinstance(findings, Findings):
        raise TypeError(
            f"format findings (model.compress(...)), not {findings!r} ({type(findings).__name__})"
        )
    check_count(width, "width (characters per line)", low=40)
    out = [describe_lesions(findings), ""]
    out += [f"RED FLAG: {text}" for text in findings.red_flags]
    if findings.red_flags:
        out.append("")
    table = findings.table
    if table.empty:
        out.append("No findings: at severity 0 nothing is compressed.")
        return "\n".join(out)
    ids = findings.citation_ids
    number = {cid: i + 1 for i, cid in enumerate(ids)}
    for effect in EFFECTS:
        rows = table[table["effect"] == effect]
        if rows.empty:
            continue
        targets = rows[~rows["kind"].isin(PATH_KINDS)]
        carriers = rows[rows["kind"].isin(PATH_KINDS)]
        out.append(f"{EFFECT_LABELS[effect]} ({len(targets) or len(carriers)})")
        for row in (targets if len(targets) else carriers).to_dict("records"):
            refs = ",".join(str(number[c]) for c in row["citations"])
            out.append(f"  {row['label']} [{row['side']}, {row['intensity']:.2f}] [{refs}]")
            out.append(
                textwrap.fill(
                    row["path"], width, initial_indent="      ", subsequent_indent="      "
                )
            )
        if len(targets) and len(carriers):
            along = ", ".join(dict.fromkeys(carriers["label"]))
            out.append(textwrap.fill(f"  carried by: {along}", width, subsequent_indent="    "))
        out.append("")
    out.append("Citations")
    for _, c in cite(model, findings).iterrows():
        indent = " " * (len(str(number[c["id"]])) + 3)
        if c["kind"] == "text":
            body = f'"{c["quote"]}" ({c["source_title"]}; {c["locator"]})'
        else:
            body = f"{c['statement']} ({reference_line(model, c['source'])}; {c['locator']})"
        out.append(textwrap.fill(f"[{number[c['id']]}] {body}", width, subsequent_indent=indent))
        if c["note"]:
            out.append(
                textwrap.fill(
                    f"{note_label(c['verdict'])} ({c['verdict']}): {c['note']}",
                    width,
                    initial_indent=indent,
                    subsequent_indent=indent,
                )
            )
    return "\n".join(out)
