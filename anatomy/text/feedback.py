"""Self-check feedback: whether an answer is right, why, and the findings that tell."""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from anatomy.engine.candidates import candidate
from anatomy.engine.grading import grade_name
from anatomy.engine.practice import PracticeCase, telling
from anatomy.engine.tell_apart import look_alike_row, look_alikes_of
from anatomy.model import Model
from anatomy.model.tables import split_cell
from anatomy.text.words import lesion_label


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer, with the reasons and their citations."""

    correct: bool
    choice: str
    case: PracticeCase
    explanation: str
    telling: pd.DataFrame  # finding, who, citations: what separates the choice from the answer
    look_alike_note: str
    citations: tuple[str, ...]  # numbered from 1 in this order in the HTML

    def __repr__(self) -> str:
        lines = [self.explanation]
        for row in self.telling.to_dict("records"):
            lines.append(f"  - {row['finding']}: {row['who']}")
        if self.look_alike_note:
            lines.append(self.look_alike_note)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        number = {c: i for i, c in enumerate(self.citations, start=1)}
        items = "".join(
            f"<li>{html.escape(r['finding'])}: {html.escape(r['who'])} "
            f"<small>[{', '.join(str(number[c]) for c in r['citations'])}]</small></li>"
            for r in self.telling.to_dict("records")
        )
        note = f"<p>{html.escape(self.look_alike_note)}</p>" if self.look_alike_note else ""
        verdict = "right" if self.correct else "not-right"
        return (
            f'<div class="anatomy-feedback {verdict}"><p><b>{html.escape(self.explanation)}</b>'
            f"</p>{'<ul>' + items + '</ul>' if items else ''}{note}</div>"
        )


def check(model: Model, case: PracticeCase, choice) -> Feedback:
    """Whether ``choice`` is the lesion of ``case``, and why, with citations.

    Raises ValueError (or TypeError) for a choice that is not a lesion name.
    """
    chosen = candidate(model, choice).name
    answer = case.answer
    correct = chosen in case.accepted
    what = f"{lesion_label(model, answer)}, {case.side} side, {grade_name(case.severity)}"
    twins = [x for x in case.accepted if x != chosen]
    if correct:
        text = f"Right: {lesion_label(model, chosen)}. The case was: {what}."
        if twins:
            text += (
                " The same findings come from "
                + ", ".join(lesion_label(model, x) for x in twins)
                + ": only imaging tells them apart."
            )
        compare = next(
            (x for x in look_alikes_of(model, chosen) if x not in case.accepted),
            next((x for x in case.choices if x not in case.accepted), None),
        )
    else:
        text = f"Not this one: {lesion_label(model, chosen)}. The case was: {what}."
        compare = chosen
    table = _telling_words(model, case, compare) if compare else _empty()
    row = look_alike_row(model, answer, compare) if compare else None
    note = row["note"] if row else ""
    cites = [c for cs in table["citations"] for c in cs]
    cites += split_cell(row["citations"]) if row else []
    if compare and not table.empty:
        text += f" What tells {lesion_label(model, answer)} from {lesion_label(model, compare)}:"
    return Feedback(correct, chosen, case, text, table, note, tuple(dict.fromkeys(cites)))


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=["finding", "who", "citations"])


def _telling_words(model: Model, case: PracticeCase, other: str) -> pd.DataFrame:
    label = lesion_label(model, other)
    rows = [
        {
            "finding": r["finding"],
            "who": (
                f"present here; {label} would not give it"
                if r["present"]
                else f"absent here; {label} would give it"
            ),
            "citations": r["citations"],
        }
        for r in telling(model, case, other).to_dict("records")
    ]
    return pd.DataFrame(rows, columns=["finding", "who", "citations"])


def answer_sheet(model: Model, cases: list[PracticeCase]) -> pd.DataFrame:
    """For the lecturer: each case's answer, side, severity and accepted alternatives."""
    return pd.DataFrame(
        [
            {
                "case": c.number,
                "answer": lesion_label(model, c.answer),
                "side": c.side,
                "severity": f"{c.severity:g} ({grade_name(c.severity)})",
                "also accepted": ", ".join(
                    lesion_label(model, x) for x in c.accepted if x != c.answer
                ),
                "choices": ", ".join(lesion_label(model, x) for x in c.choices),
            }
            for c in cases
        ]
    )
