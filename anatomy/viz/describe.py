"""What a figure shows, in words: the text alternative of the body map and the pathways.

A screen reader gets nothing useful from a plotly figure (it reads every label in
the drawing as one string), and a reader without a kernel or a picture gets
nothing at all. Each figure therefore says what it shows in a few sentences,
built from the same findings and the same drawing table as the figure itself:
only structures drawn in the panels shown are named.
"""

from __future__ import annotations

from anatomy.engine.findings import PATH_KINDS, Findings, lesions_in_words
from anatomy.model import Model
from anatomy.model.vocabulary import EFFECTS, effect_word
from anatomy.viz.geometry import PANELS
from anatomy.viz.map_state import PANEL_TITLES, map_state

TARGETS = ("region", "muscle", "reflex")


def _panel_words(panels) -> str:
    names = [PANEL_TITLES[p].replace("<br>", " ").lower() for p in panels]
    if len(names) == 1:
        return f"the {names[0]} panel"
    return "the " + ", ".join(names[:-1]) + f" and {names[-1]} panels"


def _by_effect(records: list[dict]) -> list[str]:
    """'pain, left: buttock, back of the thigh' for each effect and side, in effect order."""
    parts = []
    for effect in EFFECTS:
        for side in ("left", "right"):
            names = [
                r["label"][0].lower() + r["label"][1:]
                for r in records
                if r["effect"] == effect and r["side"] == side
            ]
            if names:
                parts.append(f"{effect_word(effect)}, {side}: {', '.join(dict.fromkeys(names))}")
    return parts


def map_description(model: Model, findings: Findings | None, panels=None) -> str:
    """The body map (or some of its panels) in words: the lesion, then what is lit.

    Parameters
    ----------
    model : anatomy.Model
    findings : anatomy.Findings or None
    panels : tuple of str, optional
        The panels drawn (all five by default).
    """
    shown = tuple(panels) if panels else PANELS
    where = "Body map" if panels is None else f"Body map, {_panel_words(shown)}"
    if findings is None or findings.table.empty:
        return f"{where}: nothing is compressed; every structure is drawn in grey."
    drawn = {r["structure"] for r in map_state(model, False).rows if r["panel"] in shown}
    records = [r for r in findings.records if r["structure"] in drawn]
    # Findings with no lesion are a self-check's: the lesion is the question, not named.
    lesion = lesions_in_words(findings.lesions) if findings.lesions else "findings to explain"
    sentences = [f"{where}: {lesion}."]
    targets = _by_effect([r for r in records if r["kind"] in TARGETS])
    if targets:
        sentences.append("Coloured by effect: " + "; ".join(targets) + ".")
    lines = [r for r in records if r["kind"] in PATH_KINDS]
    if lines:
        names = dict.fromkeys(f"{r['label']} ({r['side']})" for r in lines)
        sentences.append("Lit roots and nerves: " + ", ".join(names) + ".")
    if not targets and not lines:
        sentences.append("Nothing it draws is affected.")
    if findings.lesions:
        sentences.append("A star marks each compression site; everything else is grey.")
    return " ".join(sentences)


def pathways_description(model: Model, findings: Findings | None, side: str | None) -> str:
    """The pathways Sankey in words: which targets its coloured paths reach, by effect."""
    head = "Pathways from the nerve roots through the plexuses and nerves"
    if findings is None or findings.table.empty:
        return (
            f"{head} of every root, as a Sankey diagram in grey: which plexus each root "
            "joins and which nerves leave each plexus."
        )
    records = [
        r for r in findings.records if r["kind"] in TARGETS and (side is None or r["side"] == side)
    ]
    reached = _by_effect(records)
    text = (
        f"{head} to the muscles, skin regions and reflexes, as a Sankey diagram, for "
        f"{lesions_in_words(findings.lesions)}."
    )
    if reached:
        text += " Coloured by effect, the paths reach: " + "; ".join(reached) + "."
    return text + " Grey paths are the compressed roots' pathways that are spared."
