"""From findings back to the lesion: which root, disc or nerve site explains them.

Clinicians reason backwards, from the pattern of pain, numbness, weakness and
reflexes to the level. :func:`localize` does the same with the model's own
graph: it compresses every candidate lesion with :mod:`anatomy.engine.lesions`
(there is no second copy of the anatomy) and ranks the candidates by how well
what they predict matches what was observed.

Candidates
----------
Every root, every disc level in every zone (named ``L4-L5 paracentral``), and
every nerve site of ``sites.csv`` (named ``common_fibular @ fibular_head``).
A lesion is a single site on one side (both sides when the findings are on
both).

What is compared
----------------
Only what an examiner observes: pain or numbness in a skin region, weakness of
a muscle, a reduced reflex. Roots and nerves are the hidden path; they are not
findings. Each candidate is compressed at one severity from each *band* of
:func:`anatomy.engine.grading.severity_bands`; the band that matches best is
kept and reported.

Scoring
-------
With the observed findings *O* and a candidate's predicted findings *P*::

    score = (|O and P| - |O not in P| - |P contradicted|) / |O|

It is 1 when the candidate explains everything and contradicts nothing, and
falls by ``1/|O|`` for each observed finding it cannot explain and for each
prediction the observations rule out. A prediction is ruled out when the
structure was observed as normal, or, for a complete picture, when it is
simply not among the findings. A :class:`~anatomy.engine.findings.Findings`
object (or its table) is a complete picture: everything it does not list is
normal. A list of findings is not: structures it does not mention were not
examined, and a prediction about them costs nothing. They are listed in
``predicts_unobserved``: what to examine next.

Candidates with equal scores are ranked together and named in ``tied_with``:
an L4-L5 paracentral herniation and the L5 root give the same findings, and
only imaging tells them apart. Within a tie the candidate with fewer
unexamined predictions comes first (the simpler explanation), then roots
before discs before nerves. ``tell_apart`` names the findings that would
separate a candidate from the best other one, from :func:`difference`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from anatomy.engine.candidates import Candidate, candidate, candidates, prediction, predictions
from anatomy.engine.findings import Findings
from anatomy.engine.grading import grade_name, severity_bands
from anatomy.engine.inputs import check_bool, check_count, check_text
from anatomy.engine.tell_apart import (
    DISCRIMINATING_ORDER,
    apart_words,
    classic_signs,
    difference,
    finding_words,
    look_alike_row,
    look_alikes_of,
)
from anatomy.errors import choice_error
from anatomy.model import Model
from anatomy.model.vocabulary import EFFECT_KINDS, EFFECTS, LEG_SIDES, OBSERVED_KINDS

__all__ = [
    "Candidate",
    "candidate",
    "candidates",
    "classic_signs",
    "difference",
    "finding_words",
    "localize",
    "look_alike_row",
    "look_alikes_of",
    "observations",
]

NORMAL = "normal"
EFFECT_ALIASES = {
    "pain": "pain",
    "painful": "pain",
    "numbness": "numbness",
    "numb": "numbness",
    "sensory loss": "numbness",
    "weakness": "weakness",
    "weak": "weakness",
    "reduced reflex": "reduced_reflex",
    "reduced_reflex": "reduced_reflex",
    "reflex": "reduced_reflex",
    "normal": NORMAL,
}
KIND_ORDER = {"root": 0, "disc": 1, "nerve": 2}
LOCALIZE_COLUMNS = [
    "rank",
    "lesion",
    "kind",
    "score",
    "severity",
    "grade",
    "explains",
    "misses",
    "predicts_unobserved",
    "tied_with",
    "tell_apart",
    "citations",
]


# --- observations -----------------------------------------------------------------------


@dataclass(frozen=True)
class Observations:
    """Checked findings: abnormal (effect, structure, side) and normal (structure, side).

    ``side`` is None throughout when the findings name no side. ``complete`` says
    whether everything not listed is known to be normal.
    """

    abnormal: frozenset
    normal: frozenset
    complete: bool
    sided: bool

    @property
    def side(self) -> str:
        """The side a candidate lesion is compressed on to explain these findings."""
        sides = {key[2] for key in self.abnormal if key[2] is not None}
        if sides == {"left", "right"}:
            return "both"
        return sides.pop() if sides else "left"


def _table_items(model: Model, table: pd.DataFrame) -> list[tuple]:
    """The rows of a findings table as (effect, structure, side) items, roots and nerves
    (the path, not what is observed) left out; every other row is checked like a list's."""
    missing = [c for c in ("structure", "effect") if c not in table.columns]
    if missing:
        raise ValueError(
            "a findings table needs the columns structure and effect (and side); "
            f"missing: {', '.join(missing)}"
        )
    sides = table["side"] if "side" in table.columns else [None] * len(table)
    items = []
    for effect, structure, side in zip(table["effect"], table["structure"], sides, strict=True):
        if model.kind_or_none(structure) in ("root", "nerve", "plexus"):
            continue
        items.append((effect, structure, side))
    return items


def observations(model: Model, findings, complete: bool | None = None) -> Observations:
    """Check and normalise what :func:`localize` accepts (see there)."""
    if complete is not None:
        check_bool(complete, "complete")
    if isinstance(findings, Findings):
        findings = findings.table
    if isinstance(findings, pd.DataFrame):
        items = _table_items(model, findings)
        complete = True if complete is None else complete
    elif isinstance(findings, list | tuple):
        items = [_item(obs) for obs in findings]
        complete = False if complete is None else complete
    else:
        raise TypeError(
            "findings must be a Findings object, its table, or a list of (effect, structure) "
            f"or (effect, structure, side), not {findings!r} ({type(findings).__name__})"
        )
    abnormal, normal = set(), set()
    sided = {side is not None for _, _, side in items}
    if len(sided) > 1:
        raise ValueError("give a side for every finding or for none")
    for effect, structure, side in items:
        effect, structure, side = _check_item(model, effect, structure, side)
        if effect == NORMAL:
            normal.add((structure, side))
        else:
            abnormal.add((effect, structure, side))
    if not abnormal:
        raise ValueError(
            "no abnormal finding to localize: give at least one (effect, structure), "
            f"effect one of {', '.join(EFFECTS)}"
        )
    clash = {(s, side) for _, s, side in abnormal} & normal
    if clash:
        s, side = sorted(clash, key=str)[0]
        raise ValueError(f"{model.label(s)!r} is given both as normal and as affected")
    return Observations(frozenset(abnormal), frozenset(normal), complete, sided == {True})


def _item(obs) -> tuple:
    """One finding of a list: TypeError if it is not a tuple (or list), ValueError for a
    tuple of the wrong length."""
    if not isinstance(obs, list | tuple):
        raise TypeError(
            "a finding is a tuple (effect, structure) or (effect, structure, side), "
            f"not {obs!r} ({type(obs).__name__})"
        )
    if len(obs) not in (2, 3):
        raise ValueError(
            f"a finding is (effect, structure) or (effect, structure, side), not {obs!r}"
        )
    return (obs[0], obs[1], obs[2] if len(obs) == 3 else None)


def _check_item(model: Model, effect, structure, side) -> tuple[str, str, str | None]:
    key = check_text(effect, "effect of a finding", [*EFFECTS, NORMAL])
    key = key.strip().casefold().replace("-", " ")
    if key not in EFFECT_ALIASES:
        raise choice_error("finding", effect, [*EFFECTS, NORMAL])
    effect = EFFECT_ALIASES[key]
    observable = [s for s in model.structures["id"] if model.kind(s) in OBSERVED_KINDS]
    check_text(structure, "structure of a finding", observable)
    try:
        found = model.resolve(structure.replace("_", " "))
    except ValueError:
        try:
            found = model.resolve(structure)
        except ValueError:
            raise choice_error("structure", structure, observable) from None
    kind = model.kind(found)
    if kind not in OBSERVED_KINDS:
        raise ValueError(
            f"{structure!r} is a {kind}: findings are observed in skin regions, muscles and "
            f"reflexes (valid: {', '.join(observable)})"
        )
    if effect != NORMAL and kind not in EFFECT_KINDS[effect]:
        raise ValueError(
            f"{effect} is found in a {' or '.join(EFFECT_KINDS[effect])}, and "
            f"{structure!r} is a {kind}"
        )
    if side is not None:
        side = check_text(side, "side of a finding", LEG_SIDES).strip().lower()
        if side not in LEG_SIDES:
            raise choice_error("side of a finding", side, LEG_SIDES)
    return effect, found, side


# --- predictions -------------------------------------------------------------------------


def _keyed(items: dict, sided: bool) -> dict:
    if sided:
        return items
    out: dict = {}
    for (e, s, _), cites in items.items():
        have = out.setdefault((e, s, None), [])
        have += [c for c in cites if c not in have]
    return out


@dataclass
class _Match:
    cand: Candidate
    severity: float
    explains: list
    misses: list
    contradicts: list
    unexamined: list
    citations: list

    @property
    def score(self) -> float:
        n = len(self.explains) + len(self.misses)
        return round((len(self.explains) - len(self.misses) - len(self.contradicts)) / n, 6)


def _match(model: Model, cand: Candidate, obs: Observations) -> _Match | None:
    """The band of a candidate that fits best; None when no band explains anything.

    The highest band predicts the most, so a candidate whose highest band explains
    none of the findings is dropped before its other bands are computed."""
    top = prediction(model, cand, obs.side, severity_bands()[-1])
    if not any(k in obs.abnormal for k in _keyed(top.items, obs.sided)):
        return None
    best = None
    for pred in predictions(model, cand, obs.side):
        items = _keyed(pred.items, obs.sided)
        explains = [k for k in items if k in obs.abnormal]
        misses = [k for k in obs.abnormal if k not in items]
        contradicts, unexamined = [], []
        for k in items:
            if k in obs.abnormal:
                continue
            ruled_out = obs.complete or (k[1], k[2]) in obs.normal
            (contradicts if ruled_out else unexamined).append(k)
        cites = list(dict.fromkeys(c for k in explains for c in items[k]))
        m = _Match(cand, pred.severity, explains, misses, contradicts, unexamined, cites)
        if best is None or _fit(m) > _fit(best):
            best = m
    return best


def _fit(m: _Match) -> tuple:
    """A band that explains something beats one that explains nothing; then the score;
    then the fewer unexamined predictions."""
    return (bool(m.explains), m.score, -len(m.unexamined))


def _words(model: Model, keys, sided: bool) -> list[str]:
    order = {e: i for i, e in enumerate(DISCRIMINATING_ORDER)}
    keys = sorted(keys, key=lambda k: (order[k[0]], model.label(k[1]), k[2] or ""))
    return [finding_words(model, k, sided) for k in keys]


def localize(model: Model, findings, complete: bool | None = None, top: int | None = None):
    """Rank the lesions that could explain a set of findings, best first.

    Parameters
    ----------
    model : anatomy.Model
    findings : Findings, its ``table``, or a list of findings
        A list holds ``(effect, structure)`` or ``(effect, structure, side)``
        tuples, with ids or labels: ``[("numbness", "dorsum_of_foot"),
        ("weakness", "extensor hallucis longus")]``. The effect is pain,
        numbness, weakness, reduced_reflex, or ``normal`` for a structure
        examined and found normal. Roots and nerves in a Findings table are
        skipped: they are the path, not what is observed.
    complete : bool, optional
        Whether everything not listed is normal. Default: True for a Findings
        object or table, False for a list.
    top : int, optional
        Keep only the best ``top`` rows (all candidates that explain anything
        by default).

    Returns
    -------
    pandas.DataFrame
        Columns: rank, lesion, kind (root | disc | nerve), score (1 is a
        perfect match), severity (the band that fits best) and its grade,
        explains, misses, predicts_unobserved (lists of findings in words),
        tied_with (lesions with the same score), tell_apart (for the first
        five rows: the findings that would separate it from the best other
        candidate) and citations.

    Raises
    ------
    TypeError
        Findings, ``complete`` or ``top`` of the wrong type.
    ValueError
        An unknown effect or structure (with the closest valid names), an
        effect a structure cannot show, or no abnormal finding at all.
    """
    if top is not None:
        check_count(top, "top")
    obs = observations(model, findings, complete)
    matches = [_match(model, c, obs) for c in candidates(model)]
    matches = [m for m in matches if m is not None and m.explains]
    order = {c.name: i for i, c in enumerate(candidates(model))}
    matches.sort(
        key=lambda m: (-m.score, len(m.unexamined), KIND_ORDER[m.cand.kind], order[m.cand.name])
    )
    rows = []
    ranks: dict[float, int] = {}
    for position, m in enumerate(matches, start=1):
        ranks.setdefault(m.score, position)
    for i, m in enumerate(matches if top is None else matches[:top]):
        tied = [o.cand.name for o in matches if o.score == m.score and o is not m]
        other = next((o for o in matches if o is not m), None)
        apart = ""
        if other is not None and i < 5:
            diff = difference(model, m.cand, other.cand, side=obs.side)
            apart = apart_words(diff, m.cand.name, other.cand.name)
        rows.append(
            {
                "rank": ranks[m.score],
                "lesion": m.cand.name,
                "kind": m.cand.kind,
                "score": m.score,
                "severity": m.severity,
                "grade": grade_name(m.severity),
                "explains": _words(model, m.explains, obs.sided),
                "misses": _words(model, m.misses, obs.sided),
                "predicts_unobserved": _words(model, m.contradicts + m.unexamined, obs.sided),
                "tied_with": tied,
                "tell_apart": apart,
                "citations": m.citations,
            }
        )
    return pd.DataFrame(rows, columns=LOCALIZE_COLUMNS)
