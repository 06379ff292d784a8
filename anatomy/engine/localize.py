"""From findings back to the lesion: which root, disc, nerve site or joint explains them.

Clinicians reason backwards, from the pattern of findings to the level, and weigh
them: a weak muscle or a lost reflex outweighs a numb patch, which outweighs pain.
:func:`localize` does the same with the model's own graph: it compresses every
candidate lesion (:mod:`anatomy.engine.candidates`; no second copy of the anatomy),
at one severity per band, and scores what each predicts against what was found.

The evidence, weighed (one table, used by the score and shown in notebook 06)
-----------------------------------------------------------------------------

=====================  ========  ==========  ============================================
finding                explains  ruled out   why
                       (weight)  (cost)
=====================  ========  ==========  ============================================
weakness               3         3           objective: a muscle test
reduced reflex         3         3           objective, when one-sided: both ankle jerks
                                             are absent in 23% of healthy people over 60
                                             (Vrancken 2006)
sphincter dysfunction  3         3           objective: bladder and bowel
numbness               2         1           dermatomes overlap and vary (Lee 2008): a
                                             normal patch argues little against a root
positive test          1.5       1           the straight-leg raise and its relatives
tingling               1         0.5         a symptom, variable
pain                   1         0           radicular pain may come with or without
                                             back pain and is often not dermatomal
                                             (MSD; Murphy 2009): absent pain never
                                             counts against a lesion
=====================  ========  ==========  ============================================

With *O* the observed findings and *P* a candidate's predictions, summing the
weights::

    score = (explained - missed - ruled_out - parsimony) / sum of weights of O

* **explained**: findings in both *O* and *P*; **missed**: findings of *O* the
  candidate cannot give; **ruled out**: predictions the examination contradicts,
  at their cost above. A prediction is ruled out when its structure was examined
  and found normal, or, for a complete picture (a Findings object or table), when
  it is simply not among the findings.
* **parsimony**: every prediction beyond what was found costs a little,
  :data:`PARSIMONY` x its weight (pain included), so a lesion that predicts more
  than was seen (a multi-root central herniation, a nerve trunk) does not tie
  with one that predicts just what was seen.
* **prior**: a small nudge from ``base_rates.csv`` (+0.02 for a common lesion such
  as an L5 or S1 root or hip arthritis, -0.02 for a rare or contested one such as a
  central herniation, the piriformis, or a root no disc meets alone: T12, L1, S2 to
  S4), so a rare entrapment does not outrank a common root lesion on equal evidence.
  It is added to the score for ranking only (the reported score is the evidence
  alone) and is far smaller than any finding. A root, nerve or joint tried on both
  sides is two lesions and takes :data:`TWO_LESIONS` (-0.05) more, so one central
  herniation that explains both sides comes first on equal evidence.

**Objective signs first.** Candidates are ranked first by how many observed
objective signs (weakness, reduced reflex, bladder or bowel dysfunction) they
cannot explain, then by score: a lesion that cannot weaken tibialis posterior
never outranks one that explains every weak muscle.

**Central herniations are judged as what they are**: multi-root, graded (the
traversing root most), symmetric or worse on one side (:mod:`anatomy.engine.canal`),
tried both ways. On a one-sided single-root picture they predict findings on the
other side and in the roots below, which cost them their rank.

**Ties are said, not hidden.** Candidates with the same rank key share a rank
and are named in ``tied_with``: they give the same findings for these
observations (the L5 root, an L4-L5 paracentral and an L5-S1 foraminal
herniation: only imaging tells them apart). Within a rank, roots come before
discs, nerves and joints. ``tell_apart`` names the findings that would separate
a candidate from the best other one (:mod:`anatomy.engine.tell_apart`).

Neurodynamic tests are compared only when they were examined: for each
candidate and band the engine asks the tension model whether the straight-leg
raise, its crossed form, the slump or the prone knee bend turns positive
(:func:`anatomy.engine.neurodynamic.verdict`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from anatomy.engine.candidates import (
    Candidate,
    bands,
    candidate,
    candidates,
    is_central,
    lesion_label,
    prediction,
    predictions,
)
from anatomy.engine.grading import grade_name
from anatomy.engine.inputs import check_count
from anatomy.engine.neurodynamic import onset, verdict
from anatomy.engine.observations import Observations, covering_regions, observations
from anatomy.engine.tell_apart import (
    DISCRIMINATING_ORDER,
    apart_words,
    classic_signs,
    difference,
    finding_words,
    look_alike_row,
    look_alikes_of,
)
from anatomy.model import Model
from anatomy.model.vocabulary import POSITIVE

__all__ = [
    "Candidate",
    "bands",
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

# What a finding weighs when it is explained or missed, and what a prediction costs when
# the examination rules it out (see the module's table).
EVIDENCE = {
    "weakness": 3.0,
    "reduced_reflex": 3.0,
    "sphincter_dysfunction": 3.0,
    "numbness": 2.0,
    POSITIVE: 1.5,
    "tingling": 1.0,
    "pain": 1.0,
}
RULED_OUT = {
    "weakness": 3.0,
    "reduced_reflex": 3.0,
    "sphincter_dysfunction": 3.0,
    "numbness": 1.0,
    POSITIVE: 1.0,
    "tingling": 0.5,
    "pain": 0.0,
}
WHY = {
    "weakness": "objective: a muscle test",
    "reduced_reflex": "objective when one-sided: both ankle jerks go in 23% of healthy over-60s",
    "sphincter_dysfunction": "objective: bladder and bowel",
    "numbness": "dermatomes overlap and vary (Lee 2008): a normal patch argues little",
    POSITIVE: "the straight-leg raise and its relatives",
    "tingling": "a symptom, variable",
    "pain": "radicular pain is often not dermatomal (Murphy 2009): absent pain never counts",
}
OBJECTIVE = ("weakness", "reduced_reflex", "sphincter_dysfunction")
PARSIMONY = 0.05
PRIOR = {"common": 0.02, "rare": -0.02}  # base_rates.csv: a nudge, never a finding's worth
# The same lesion on both sides is two lesions: on equal evidence one midline lesion that
# explains both sides (a central herniation) comes first.
TWO_LESIONS = -0.05
KIND_ORDER = {"root": 0, "disc": 1, "nerve": 2, "joint": 3}
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


def _keyed(items: dict, obs: Observations, model: Model) -> dict:
    """A candidate's predictions keyed as the observations are: without sides when they
    have none (and always for the bladder, bowel and tests)."""
    out: dict = {}
    for (e, s, side), cites in items.items():
        key = (e, s, side if obs.sided and model.kind(s) not in ("organ", "test") else None)
        have = out.setdefault(key, [])
        have += [c for c in cites if c not in have]
    return out


def _test_items(model: Model, cand: Candidate, pred, obs: Observations, side: str):
    """The examined tests this candidate, in this band, turns positive, and the severity
    that shows it (cached per band).

    Within a band the findings stay the same but a test turns positive earlier as the
    severity rises (the straight-leg raise counts only by 70 degrees). So a test found
    positive is asked at the top of the band, and a test found negative at its bottom:
    the band can give either, and the reported severity is the one that gives it.
    """
    store = _test_cache(model)
    found_positive = {s for e, s, _ in obs.abnormal if e == POSITIVE}
    top = _band_top(model, cand, pred.severity)
    out, severity = {}, pred.severity
    for test in sorted(obs.tests):
        at = top if test in found_positive else pred.severity
        key = (cand.name, at, side, test)
        if key not in store:
            findings = cand.compress(model, at, side)
            store[key] = verdict(test, onset(findings, test, model=model)) == "positive"
        if store[key]:
            out[(POSITIVE, test, None)] = []
            severity = max(severity, at)
    return out, severity


def _band_top(model: Model, cand: Candidate, severity: float) -> float:
    """The highest severity of the band that starts at ``severity`` (same findings)."""
    higher = [b for b in bands(model, cand) if b > severity]
    if not higher:
        return 1.0
    # Just below the next edge, and never below the band: half the band if it is narrow.
    return round(higher[0] - min(0.01, (higher[0] - severity) / 2), 6)


def _test_store(model: Model) -> dict:
    return {}


def _test_cache(model: Model) -> dict:
    return model.derived(_test_store)


@dataclass
class _Match:
    cand: Candidate
    severity: float
    side: str
    explains: list
    misses: list
    contradicts: list
    unexamined: list
    citations: list
    score: float
    objective_misses: int
    prior: float = 0.0


def _score_band(model, cand, obs, pred, side) -> _Match:
    items = _keyed(pred.items, obs, model)
    tests, severity = _test_items(model, cand, pred, obs, side)
    items.update(tests)
    joints = {(e, s, sd) for e, s, sd in obs.abnormal if model.kind(s) == "joint"}
    over_joint = set()  # predictions of pain over an observed painful joint
    explains, misses = [], []
    for key in obs.abnormal:
        if key in joints:
            under = [(key[0], r, key[2]) for r in covering_regions(model, key[1])]
            hits = [k for k in under if k in items]
            over_joint |= set(hits)
            (explains if hits else misses).append(key)
        else:
            (explains if key in items else misses).append(key)
    contradicts, unexamined = [], []
    normal = set(obs.normal)
    for joint, sd in [n for n in obs.normal if model.kind(n[0]) == "joint"]:
        normal |= {(r, sd) for r in covering_regions(model, joint)}
    for key in items:
        if key in obs.abnormal or key in over_joint:
            continue
        ruled_out = obs.complete or (key[1], key[2]) in normal
        (contradicts if ruled_out else unexamined).append(key)
    gained = sum(EVIDENCE[k[0]] for k in explains)
    lost = sum(EVIDENCE[k[0]] for k in misses)
    against = sum(RULED_OUT[k[0]] for k in contradicts)
    extra = PARSIMONY * sum(EVIDENCE[k[0]] for k in contradicts + unexamined)
    total = sum(EVIDENCE[k[0]] for k in obs.abnormal)
    score = round((gained - lost - against - extra) / total, 6)
    cites = list(
        dict.fromkeys(c for k in explains for c in (items.get(k) or _joint_cites(model, items, k)))
    )
    objective = sum(1 for k in misses if k[0] in OBJECTIVE)
    return _Match(
        cand,
        severity,
        side,
        explains,
        misses,
        contradicts,
        unexamined,
        cites,
        score,
        objective,
        prior(model, cand) + (TWO_LESIONS if side == "both" and not is_central(model, cand) else 0),
    )


def _priors(model: Model) -> dict[str, float]:
    out = {}
    zones = {}
    for row in model.base_rates.to_dict("records"):
        kind, sep, zone = row["lesion"].partition(":")
        if sep and kind == "zone":
            zones[zone] = PRIOR[row["rate"]]
        else:
            out[candidate(model, row["lesion"]).name] = PRIOR[row["rate"]]
    for cand in candidates(model):
        args = dict(cand.args)
        if cand.kind == "disc" and args["zone"] in zones:
            out[cand.name] = zones[args["zone"]]
        elif cand.kind == "disc" and cand.name not in out:
            roots = cand.compress(model, 1.0, "left").roots
            if len(roots) == 1 and roots[0] in out:
                out[cand.name] = out[roots[0]]
    return out


def prior(model: Model, cand: Candidate) -> float:
    """The candidate's base-rate nudge (``base_rates.csv``): +0.02 common, -0.02 rare, else 0.

    A disc zone takes the rate of the one root it meets, so a root and its disc zones stay
    tied; far smaller than any finding, it only orders lesions the evidence cannot.
    """
    return model.derived(_priors).get(cand.name, 0.0)


def _joint_cites(model: Model, items: dict, key) -> list:
    out = []
    for region in covering_regions(model, key[1]):
        out += items.get((key[0], region, key[2]), [])
    return out


def _sides_to_try(model: Model, cand: Candidate, obs: Observations) -> list[str]:
    if is_central(model, cand):
        return ["both", "left", "right"] if obs.side == "both" else [obs.side, "both"]
    return [obs.side]


def _rank_key(m: _Match) -> tuple:
    return (m.objective_misses, -round(m.score + m.prior, 6))


def _match(model: Model, cand: Candidate, obs: Observations) -> _Match | None:
    """The band and side of a candidate that fit best; None when none explains anything.

    The highest band predicts the most, so a side whose highest band explains none of
    the findings is skipped before its other bands are computed (most candidates, for
    most findings: the first call of a session stays cheap)."""
    best = None
    for side in _sides_to_try(model, cand, obs):
        top = prediction(model, cand, side, bands(model, cand)[-1])
        if not _score_band(model, cand, obs, top, side).explains:
            continue
        for pred in predictions(model, cand, side):
            m = _score_band(model, cand, obs, pred, side)
            if best is None or _fit(m) > _fit(best):
                best = m
    return best


def _fit(m: _Match) -> tuple:
    """A band that explains something beats one that explains nothing; then the rank key;
    then the fewer unexamined predictions."""
    return (bool(m.explains), -m.objective_misses, m.score, -len(m.unexamined))


def _words(model: Model, keys, sided: bool) -> list[str]:
    order = {e: i for i, e in enumerate(DISCRIMINATING_ORDER)}
    keys = sorted(keys, key=lambda k: (order.get(k[0], 9), model.label(k[1]), k[2] or ""))
    return [finding_words(model, k, sided) for k in keys]


def localize(model: Model, findings, complete: bool | None = None, top: int | None = None):
    """Rank the lesions that could explain a set of findings, best first.

    Parameters
    ----------
    model : anatomy.Model
    findings : Findings, its ``table``, or a list of findings
        A list holds ``(effect, structure)`` or ``(effect, structure, side)``
        tuples, with ids or labels: ``[("numbness", "dorsum_of_foot"),
        ("weakness", "extensor hallucis longus")]``. See
        :mod:`anatomy.engine.observations` for the effects and structures
        (``normal`` marks something examined and normal; ``positive`` a test
        that reproduces the pain).
    complete : bool, optional
        Whether everything not listed is normal. Default: True for a Findings
        object or table, False for a list.
    top : int, optional
        Keep only the best ``top`` rows (all candidates that explain anything
        by default).

    Returns
    -------
    pandas.DataFrame
        Columns: rank, lesion, kind (root | disc | nerve | joint), score (1 is
        a perfect match), severity (the band that fits best) and its grade,
        explains, misses, predicts_unobserved (findings in words), tied_with
        (lesions of the same rank), tell_apart (for the first five rows: the
        findings that would separate it from the best other candidate) and
        citations.

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
        key=lambda m: (
            *_rank_key(m),
            KIND_ORDER[m.cand.kind],
            len(m.unexamined),
            order[m.cand.name],
        )
    )
    ranks: dict[tuple, int] = {}
    for position, m in enumerate(matches, start=1):
        ranks.setdefault(_rank_key(m), position)
    rows = []
    for i, m in enumerate(matches if top is None else matches[:top]):
        tied = [o.cand.name for o in matches if _rank_key(o) == _rank_key(m) and o is not m]
        other = next((o for o in matches if o is not m), None)
        apart = ""
        if other is not None and i < 5:
            diff = difference(model, m.cand, other.cand, side=obs.side)
            apart = apart_words(diff, lesion_label(model, other.cand))
        rows.append(
            {
                "rank": ranks[_rank_key(m)],
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


def evidence_table() -> pd.DataFrame:
    """The weights localize gives each kind of finding (for notebook 06)."""
    return pd.DataFrame(
        [
            {
                "finding": e.replace("_", " "),
                "explains or is missed": EVIDENCE[e],
                "ruled out by the examination": RULED_OUT[e],
                "objective": e in OBJECTIVE,
                "why": WHY[e],
            }
            for e in EVIDENCE
        ]
    )
