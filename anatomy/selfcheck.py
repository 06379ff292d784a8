"""Self-check: practice cases generated from the model, and feedback with citations.

A case is a lesion the learner does not see (a root, a disc level and zone, or
a nerve at a site, on one side, at one severity) and the findings it produces,
shown as an examiner would find them: pain and numbness in skin regions,
weakness of muscles, reduced reflexes, with no path and no lesion marker. The
learner picks the lesion from a few choices; :func:`check` says whether it is
right and why, with the findings that tell the choice from the answer and their
citations.

The cases are reproducible: the same ``seed`` gives the same cases, so a
lecturer can run them live with a class (``practice_cases(model, seed=2026)``)
while students step through the same ones on their laptops.

Which answers count as right
----------------------------
Some lesions give exactly the same findings: an L4-L5 paracentral herniation
and the L5 root, for instance. :func:`anatomy.localize.localize` ranks them
together, and every lesion in that first rank is accepted; the feedback says
that only imaging tells them apart. The choices offered never hold two
accepted answers.

Which distractors
-----------------
The lesion's classic look-alike from ``look_alikes.csv`` where it has one
(the common fibular nerve for L5), then the best candidate of each kind not
yet offered (a root, a disc, a nerve) by :func:`~anatomy.localize.localize`,
then the next best, skipping any that gives the same findings as one already
offered: the wrong choices are the ones worth ruling out.
"""

from __future__ import annotations

import html
import random
from dataclasses import dataclass

import pandas as pd

from anatomy.lesions import Findings, grade_name
from anatomy.localize import (
    OBSERVED_KINDS,
    Candidate,
    candidate,
    candidates,
    difference,
    localize,
    look_alike_row,
)
from anatomy.model import Model, _split

CHOICES = 4
# Severities a case is drawn at: moderate (pain, numbness, reflexes) and severe
# (weakness as well). Mild lesions only hurt, which gives too little to reason on.
CASE_SEVERITIES = (0.5, 0.75, 0.9)
# Lesions cases are drawn from: the roots that reach the leg (L2 to S1), the
# paracentral and foraminal herniations that meet them, and every nerve site.
CASE_ROOTS = ("L2", "L3", "L4", "L5", "S1")
CASE_ZONES = ("paracentral", "foraminal")


def lesion_label(model: Model, name: str) -> str:
    """A lesion in words: ``L5 root``, ``L4-L5 disc, paracentral``,
    ``Common fibular nerve at the fibular head``."""
    cand = candidate(model, name)
    args = dict(cand.args)
    if cand.kind == "root":
        return f"{cand.name} root"
    if cand.kind == "disc":
        return f"{args['level']} disc, {args['zone']}"
    sites = model.sites
    row = sites[(sites["nerve"] == args["nerve"]) & (sites["site"] == args["site"])].iloc[0]
    return row["label"]


@dataclass(frozen=True)
class PracticeCase:
    """One self-check case: the hidden lesion, what it shows, and the choices.

    Attributes
    ----------
    number : int
        1, 2, ... within its set.
    answer : str
        The lesion, named as :func:`~anatomy.localize.localize` names it.
    side : str
    severity : float
    findings : anatomy.Findings
        Everything the lesion produces, with paths and citations (for the feedback).
    choices : tuple of str
        The lesions offered, the answer among them, in a fixed shuffled order.
    accepted : tuple of str
        The answer and the lesions that give exactly the same findings.
    """

    number: int
    answer: str
    side: str
    severity: float
    findings: Findings
    choices: tuple[str, ...]
    accepted: tuple[str, ...]

    @property
    def shown(self) -> Findings:
        """What the learner sees: the examination findings only, with no lesion,
        no path and no citation that would give the answer away."""
        t = self.findings.table
        t = t[t["kind"].isin(OBSERVED_KINDS)].copy()
        t["path"] = ""
        t["citations"] = [[] for _ in range(len(t))]
        return Findings(t.reset_index(drop=True), ())

    def rows(self) -> list[tuple[str, str, str]]:
        """The findings in words: (effect, side, where) per effect and side."""
        return self.shown.summary_rows()

    def __repr__(self) -> str:
        lines = [f"Case {self.number}: which lesion gives these findings?"]
        lines += [f"  {e} ({s}): {w}" for e, s, w in self.rows()]
        return "\n".join(lines)


def practice_cases(model: Model, n: int = 6, seed: int = 0) -> list[PracticeCase]:
    """``n`` self-check cases, the same for the same seed.

    Lesion kinds take turns (root, nerve, disc, ...), so a set mixes them;
    within a set no lesion repeats, so ``n`` is at most the number of lesions
    cases are drawn from (22); outside that a ValueError says the range.
    """
    pools = {
        "root": [c for c in candidates(model) if c.kind == "root" and c.name in CASE_ROOTS],
        "nerve": [c for c in candidates(model) if c.kind == "nerve"],
        "disc": [
            c for c in candidates(model) if c.kind == "disc" and dict(c.args)["zone"] in CASE_ZONES
        ],
    }
    most = sum(len(pool) for pool in pools.values())
    if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= most:
        raise ValueError(f"n must be a whole number of cases from 1 to {most}, not {n!r}")
    rng = random.Random(seed)
    for pool in pools.values():
        rng.shuffle(pool)
    order = ["root", "nerve", "disc"]
    rng.shuffle(order)
    cases: list[PracticeCase] = []
    for number in range(1, n + 1):
        kind = order[(number - 1) % len(order)]
        pool = pools[kind] or next(p for p in pools.values() if p)
        cand = pool.pop()
        severity = rng.choice(CASE_SEVERITIES)
        side = rng.choice(("left", "right"))
        cases.append(_case(model, number, cand, severity, side, rng))
    return cases


def _case(model, number, cand: Candidate, severity, side, rng) -> PracticeCase:
    findings = cand.compress(model, severity, side)
    ranked = localize(model, findings)
    accepted = tuple(ranked.loc[ranked["rank"] == 1, "lesion"])
    if cand.name not in accepted:  # cannot happen with a sound model; never hide it
        raise AssertionError(f"{cand.name} is not localized first from its own findings")
    distractors = [x for x in look_alikes_of(model, cand.name) if x not in accepted]
    rest = [x for x in ranked["lesion"] if x not in accepted and x not in distractors]
    # The best of each kind first (a root, a disc, a nerve), then the next best.
    kinds = {candidate(model, x).kind for x in distractors}
    for name in list(rest):
        kind = candidate(model, name).kind
        if kind not in kinds:
            kinds.add(kind)
            distractors.append(name)
            rest.remove(name)
    picked: list[str] = []
    for name in distractors + rest:
        # Two distractors with the same findings would be wrong together: offer one.
        if not any(difference(model, name, p, side=side).empty for p in picked):
            picked.append(name)
        if len(picked) == CHOICES - 1:
            break
    choices = [cand.name, *picked]
    rng.shuffle(choices)
    return PracticeCase(number, cand.name, side, severity, findings, tuple(choices), accepted)


def look_alikes_of(model: Model, name: str) -> list[str]:
    """The lesions ``look_alikes.csv`` pairs with this one."""
    key = candidate(model, name).name
    out = []
    for a, b in zip(model.look_alikes["a"], model.look_alikes["b"], strict=True):
        a, b = candidate(model, a).name, candidate(model, b).name
        if key in (a, b):
            out.append(b if key == a else a)
    return out


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer, with the reasons and their citations."""

    correct: bool
    choice: str
    case: PracticeCase
    explanation: str
    telling: pd.DataFrame  # the findings that separate the choice from the answer
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


def check(model: Model, case: PracticeCase, choice: str) -> Feedback:
    """Whether ``choice`` is the lesion of ``case``, and why, with citations.

    Raises ValueError for a choice that is not a lesion name.
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
    telling = _telling(model, case, compare) if compare else _empty()
    note = _pair_note(model, answer, compare) if compare else ""
    cites = [c for cs in telling["citations"] for c in cs]
    if compare:
        cites += _pair_cites(model, answer, compare)
    if compare and not telling.empty:
        text += f" What tells {lesion_label(model, answer)} from {lesion_label(model, compare)}:"
    model.note_citations(cites)
    return Feedback(correct, chosen, case, text, telling, note, tuple(dict.fromkeys(cites)))


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=["finding", "who", "citations"])


def _telling(model: Model, case: PracticeCase, other: str, n: int = 4) -> pd.DataFrame:
    """The findings that separate the answer from another lesion, as this case shows them."""
    diff = difference(model, case.answer, other, side=case.side)
    table = case.findings.table
    seen = set(zip(table["effect"], table["structure"], strict=True))
    records = diff.to_dict("records")  # the pair's classic signs come first
    label = lesion_label(model, other)
    rows = []
    for r in records:
        present = (r["effect"], r["structure"]) in seen
        if r["a"] and present:
            who = f"present here; {label} would not give it"
        elif r["b"] and not present:
            who = f"absent here; {label} would give it"
        else:
            continue  # a sign of the full-blown lesion this milder case does not show
        rows.append({"finding": r["finding"], "who": who, "citations": r["citations"]})
    return pd.DataFrame(rows[:n], columns=["finding", "who", "citations"])


def _pair_note(model: Model, a: str, b: str) -> str:
    row = look_alike_row(model, a, b)
    return row["note"] if row else ""


def _pair_cites(model: Model, a: str, b: str) -> list[str]:
    row = look_alike_row(model, a, b)
    return _split(row["citations"]) if row else []


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
