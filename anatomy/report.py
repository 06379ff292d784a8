"""Findings as plain text: for the command line, screen readers and notebooks read offline."""

from __future__ import annotations

import textwrap

from anatomy.citations import cite, reference_line
from anatomy.lesions import EFFECTS, grade, grade_name

EFFECT_WORDS = {
    "pain": "Pain",
    "numbness": "Numbness",
    "weakness": "Weakness",
    "reduced_reflex": "Reduced reflex",
}


def _side_words(side: str) -> str:
    return "both sides" if side == "both" else f"{side} side"


def describe_lesions(findings) -> str:
    """One line per compressed site, with its grade and what that grade adds."""
    lines = []
    for lesion in findings.lesions:
        effects = ", ".join(EFFECT_WORDS[e].lower() for e in grade(lesion.severity)) or "nothing"
        roots = f" (roots: {', '.join(lesion.roots)})" if lesion.kind == "disc" else ""
        lines.append(
            f"{lesion.name}{roots}, {_side_words(lesion.side)}, "
            f"severity {lesion.severity:g} "
            f"({grade_name(lesion.severity)}: {effects})"
        )
    return "\n".join(lines)


def format_findings(model, findings, width: int = 100) -> str:
    """The findings and their citations as readable text."""
    out = [describe_lesions(findings), ""]
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
        targets = rows[~rows["kind"].isin(["root", "nerve"])]
        carriers = rows[rows["kind"].isin(["root", "nerve"])]
        out.append(f"{EFFECT_WORDS[effect]} ({len(targets) or len(carriers)})")
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
            label = "Correction" if c["verdict"] in ("imprecise", "incorrect") else "Note"
            out.append(
                textwrap.fill(
                    f"{label} ({c['verdict']}): {c['note']}",
                    width,
                    initial_indent=indent,
                    subsequent_indent=indent,
                )
            )
    return "\n".join(out)
