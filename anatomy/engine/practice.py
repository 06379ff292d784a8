"""Self-check cases generated from the model: the hidden lesion, what it shows, the choices.

A case is a lesion the learner does not see (a root, a disc level and zone, or
a nerve at a site, on one side, at one severity) and the findings it produces,
shown as an examiner would find them: pain and numbness in skin regions,
weakness of muscles, reduced reflexes, with no path and no lesion marker. The
learner picks the lesion from a few choices; :func:`anatomy.text.feedback.check`
says whether it is right and why.

The cases are reproducible: the same ``seed`` gives the same cases, so a
lecturer can run them live with a class (``practice_cases(model, seed=2026)``)
while students step through the same ones on their laptops.

Which answers count as right
----------------------------
Some lesions give exactly the same findings: an L4-L5 paracentral herniation
and the L5 root, for instance. :func:`anatomy.engine.localize.localize` ranks
them together, and every lesion in that first rank is accepted; the feedback
says that only imaging tells them apart. The choices offered never hold two
accepted answers.

Which distractors
-----------------
The lesion's classic look-alike from ``look_alikes.csv`` where it has one
(the common fibular nerve for L5), then the best candidate of each kind not
yet offered (a root, a disc, a nerve) by localize, then the next best,
skipping any that gives the same findings as one already offered: the wrong
choices are the ones worth ruling out.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import pandas as pd

from anatomy.engine.candidates import Candidate, candidate, candidates
from anatomy.engine.findings import Findings
from anatomy.engine.inputs import check_count
from anatomy.engine.localize import localize
from anatomy.engine.tell_apart import difference, look_alikes_of
from anatomy.model import Model
from anatomy.model.vocabulary import OBSERVED_KINDS

CHOICES = 4
# Severities a case is drawn at: moderate (pain, numbness, reflexes) and severe
# (weakness as well). Mild lesions only hurt, which gives too little to reason on.
CASE_SEVERITIES = (0.5, 0.75, 0.9)
# Lesions cases are drawn from: the roots that reach the leg (L2 to S1), the
# paracentral and foraminal herniations that meet them, and every nerve site.
CASE_ROOTS = ("L2", "L3", "L4", "L5", "S1")
CASE_ZONES = ("paracentral", "foraminal")


@dataclass(frozen=True)
class PracticeCase:
    """One self-check case: the hidden lesion, what it shows, and the choices.

    Attributes
    ----------
    number : int
        1, 2, ... within its set.
    answer : str
        The lesion, named as :func:`~anatomy.engine.localize.localize` names it.
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


def case_pools(model: Model) -> dict[str, list[Candidate]]:
    """The lesions cases are drawn from, by kind."""
    return {
        "root": [c for c in candidates(model) if c.kind == "root" and c.name in CASE_ROOTS],
        "nerve": [c for c in candidates(model) if c.kind == "nerve"],
        "disc": [
            c
            for c in candidates(model)
            if c.kind == "disc"
            and dict(c.args)["zone"] in CASE_ZONES
            and set(c.compress(model, 1.0, "left").roots) <= set(CASE_ROOTS)
        ],
    }


def practice_cases(model: Model, n: int = 6, seed: int = 0) -> list[PracticeCase]:
    """``n`` self-check cases, the same for the same seed.

    Lesion kinds take turns (root, nerve, disc, ...), so a set mixes them;
    the sides are shared out evenly (left and right alike, in a shuffled order)
    so the learner reads both legs; within a set no lesion repeats, so ``n`` is
    at most the number of lesions cases are drawn from (22); outside that a
    ValueError says the range.
    """
    pools = case_pools(model)
    most = sum(len(pool) for pool in pools.values())
    n = check_count(n, "n (the number of cases)", 1, most)
    check_count(seed, "seed", low=-(2**63))
    rng = random.Random(seed)
    for pool in pools.values():
        rng.shuffle(pool)
    order = ["root", "nerve", "disc"]
    rng.shuffle(order)
    sides = ["left", "right"] * ((n + 1) // 2)
    rng.shuffle(sides)
    cases: list[PracticeCase] = []
    for number in range(1, n + 1):
        kind = order[(number - 1) % len(order)]
        pool = pools[kind] or next(p for p in pools.values() if p)
        cand = pool.pop()
        severity = rng.choice(CASE_SEVERITIES)
        side = sides[number - 1]
        cases.append(make_case(model, number, cand, severity, side, rng))
    return cases


def make_case(model, number, cand: Candidate, severity, side, rng) -> PracticeCase:
    """One case of a lesion: its findings, the accepted answers and the choices."""
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


TELLING_COLUMNS = ["finding", "present", "citations"]


def telling(model: Model, case: PracticeCase, other: str, n: int = 4) -> pd.DataFrame:
    """The findings that separate the answer from another lesion, as this case shows them.

    ``present`` is True for a finding the case shows and ``other`` would not give,
    False for one ``other`` would give and the case lacks. The pair's classic
    signs come first; signs of the full-blown lesion this milder case does not
    show are left out.
    """
    diff = difference(model, case.answer, other, side=case.side)
    table = case.findings.table
    seen = set(zip(table["effect"], table["structure"], strict=True))
    rows = []
    for r in diff.to_dict("records"):
        present = (r["effect"], r["structure"]) in seen
        if (r["a"] and present) or (r["b"] and not present):
            rows.append({"finding": r["finding"], "present": present, "citations": r["citations"]})
    return pd.DataFrame(rows[:n], columns=TELLING_COLUMNS)
