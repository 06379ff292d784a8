"""From findings back to the lesion: which root, disc or nerve site explains them.

Clinicians reason backwards, from the pattern of pain, numbness, weakness and
reflexes to the level. :func:`localize` does the same with the model's own
graph: it compresses every candidate lesion with :mod:`anatomy.lesions` (there
is no second copy of the anatomy) and ranks the candidates by how well what
they predict matches what was observed.

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
findings. Each candidate is compressed at one severity from each *band*:
between two thresholds of the grading in :mod:`anatomy.lesions` what a lesion
produces does not change, so one severity per band shows every picture the
lesion can give. The band that matches best is kept and reported.

Scoring
-------
With the observed findings *O* and a candidate's predicted findings *P*::

    score = (|O and P| - |O not in P| - |P contradicted|) / |O|

It is 1 when the candidate explains everything and contradicts nothing, and
falls by ``1/|O|`` for each observed finding it cannot explain and for each
prediction the observations rule out. A prediction is ruled out when the
structure was observed as normal, or, for a complete picture, when it is
simply not among the findings. A :class:`~anatomy.lesions.Findings` object
(or its table) is a complete picture: everything it does not list is normal.
A list of findings is not: structures it does not mention were not examined,
and a prediction about them costs nothing. They are listed in
``predicts_unobserved``: what to examine next.

Candidates with equal scores are ranked together and named in ``tied_with``:
an L4-L5 paracentral herniation and the L5 root give the same findings, and
only imaging tells them apart. Within a tie the candidate with fewer
unexamined predictions comes first (the simpler explanation), then roots
before discs before nerves. ``tell_apart`` names the findings that would
separate a candidate from the best other one, from :func:`tell_apart`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from anatomy.errors import choice_error
from anatomy.lesions import (
    EFFECTS,
    NUMBNESS_FROM,
    REFLEX_FROM,
    WEAKNESS_FROM,
    Findings,
    compress_disc,
    compress_nerve,
    compress_roots,
    grade_name,
)
from anatomy.model import WEIGHTS, Model, _split

OBSERVED_KINDS = ("region", "muscle", "reflex")
# Which kind of structure can show which effect.
EFFECT_KINDS = {
    "pain": ("region",),
    "numbness": ("region",),
    "weakness": ("muscle",),
    "reduced_reflex": ("reflex",),
}
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
# The order in which findings tell lesions apart: objective signs first.
DISCRIMINATING_ORDER = ("weakness", "reduced_reflex", "numbness", "pain")
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


@dataclass(frozen=True)
class Candidate:
    """A lesion localize can propose: its name, kind and how to compress it."""

    name: str  # L5 | L4-L5 paracentral | common_fibular @ fibular_head
    kind: str  # root | disc | nerve
    args: tuple[tuple[str, str], ...]

    def compress(self, model: Model, severity: float, side: str) -> Findings:
        """The findings of this lesion at a severity and side."""
        args = dict(self.args)
        if self.kind == "root":
            return compress_roots(model, args["root"], severity=severity, side=side)
        if self.kind == "disc":
            return compress_disc(model, args["level"], args["zone"], side=side, severity=severity)
        return compress_nerve(model, args["nerve"], args["site"], side=side, severity=severity)


def candidates(model: Model) -> list[Candidate]:
    """Every root, disc level and zone, and nerve site, in anatomical order."""
    cached = model.__dict__.get("_candidates")
    if cached is None:
        cached = [Candidate(r, "root", (("root", r),)) for r in model.roots]
        cached += [
            Candidate(f"{level} {zone}", "disc", (("level", level), ("zone", zone)))
            for level in model.disc_levels
            for zone in model.zones["zone"]
        ]
        cached += [
            Candidate(f"{n} @ {s}", "nerve", (("nerve", n), ("site", s)))
            for n, s in zip(model.sites["nerve"], model.sites["site"], strict=True)
        ]
        object.__setattr__(model, "_candidates", cached)
    return list(cached)


def candidate(model: Model, name) -> Candidate:
    """The candidate named ``L5``, ``L4-L5 paracentral`` or ``common_fibular @ fibular_head``
    (also ``root:L5``, ``disc:L4-L5:paracentral``, ``nerve:common_fibular@fibular_head``)."""
    if isinstance(name, Candidate):
        return name
    key = _name_key(str(name))
    by_key = {_name_key(c.name): c for c in candidates(model)}
    for c in list(by_key.values()):
        spec = {
            "root": f"root:{c.name}",
            "disc": "disc:" + c.name.replace(" ", ":"),
            "nerve": "nerve:" + c.name.replace(" @ ", "@"),
        }[c.kind]
        by_key.setdefault(_name_key(spec), c)
    if key not in by_key:
        raise choice_error("lesion", name, [c.name for c in candidates(model)])
    return by_key[key]


def _name_key(name: str) -> str:
    return "".join(name.casefold().replace("_", " ").split())


def severity_bands() -> list[float]:
    """One severity per band of the grading, lowest first: the lower edge of each band
    (half the first threshold for the band below it)."""
    edges = sorted(
        {
            round(threshold / weight, 6)
            for threshold in (NUMBNESS_FROM, REFLEX_FROM, WEAKNESS_FROM)
            for weight in WEIGHTS.values()
            if 0 < threshold / weight <= 1
        }
    )
    return [round(edges[0] / 2, 6), *edges]


def band_of(severity: float) -> float:
    """The band representative a severity belongs to."""
    bands = severity_bands()
    return max([b for b in bands[1:] if b <= severity] or [bands[0]])


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


def observations(model: Model, findings, complete: bool | None = None) -> Observations:
    """Check and normalise what :func:`localize` accepts (see there)."""
    if isinstance(findings, Findings):
        findings = findings.table
    if isinstance(findings, pd.DataFrame):
        missing = [c for c in ("structure", "effect") if c not in findings.columns]
        if missing:
            raise ValueError(
                f"a findings table needs the columns structure and effect (and side); "
                f"missing: {', '.join(missing)}"
            )
        rows = findings[findings["structure"].map(lambda s: _kind(model, s) in OBSERVED_KINDS)]
        items = [
            (e, s, side)
            for e, s, side in zip(
                rows["effect"],
                rows["structure"],
                rows["side"] if "side" in rows else [None] * len(rows),
                strict=True,
            )
        ]
        complete = True if complete is None else complete
    else:
        items = [_item(obs) for obs in findings]
        complete = False if complete is None else complete
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
    if isinstance(obs, str) or not hasattr(obs, "__len__") or len(obs) not in (2, 3):
        raise ValueError(
            f"a finding is (effect, structure) or (effect, structure, side), not {obs!r}"
        )
    return (obs[0], obs[1], obs[2] if len(obs) == 3 else None)


def _kind(model: Model, structure: str) -> str | None:
    return model._index["kind"].get(structure)


def _check_item(model: Model, effect, structure, side) -> tuple[str, str, str | None]:
    key = str(effect).strip().casefold().replace("-", " ")
    if key not in EFFECT_ALIASES:
        raise choice_error("finding", effect, [*EFFECTS, NORMAL])
    effect = EFFECT_ALIASES[key]
    observable = [s for s in model.structures["id"] if _kind(model, s) in OBSERVED_KINDS]
    try:
        found = model.resolve(str(structure).replace("_", " "))
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
        side = str(side).strip().lower()
        if side not in ("left", "right"):
            raise choice_error("side of a finding", side, ("left", "right"))
    return effect, found, side


# --- predictions -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Prediction:
    """What one candidate at one severity predicts: key -> citations."""

    items: dict  # (effect, structure, side) -> list of citation ids
    severity: float


def predictions(model: Model, cand: Candidate, side: str) -> list[_Prediction]:
    """The findings a candidate predicts in each severity band (cached per model)."""
    cache = model.__dict__.setdefault("_predictions", {})
    key = (cand.name, side)
    if key not in cache:
        out = []
        for severity in severity_bands():
            table = cand.compress(model, severity, side).table
            rows = table[table["kind"].isin(OBSERVED_KINDS)]
            items = {
                (e, s, sd): list(c)
                for e, s, sd, c in zip(
                    rows["effect"], rows["structure"], rows["side"], rows["citations"], strict=True
                )
            }
            out.append(_Prediction(items, severity))
        cache[key] = out
    return cache[key]


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


def _match(model: Model, cand: Candidate, obs: Observations) -> _Match:
    best = None
    normal_structures = obs.normal
    for pred in predictions(model, cand, obs.side):
        items = _keyed(pred.items, obs.sided)
        explains = [k for k in items if k in obs.abnormal]
        misses = [k for k in obs.abnormal if k not in items]
        contradicts, unexamined = [], []
        for k in items:
            if k in obs.abnormal:
                continue
            ruled_out = obs.complete or (k[1], k[2]) in normal_structures
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
    return [_word(model, k, sided) for k in keys]


def _word(model: Model, key, sided: bool) -> str:
    effect, structure, side = key
    text = f"{effect.replace('_', ' ')}: {model.label(structure)}"
    return f"{text} ({side})" if sided and side else text


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
    ValueError
        An unknown effect or structure (with the closest valid names), an
        effect a structure cannot show, or no abnormal finding at all.
    """
    obs = observations(model, findings, complete)
    matches = [_match(model, c, obs) for c in candidates(model)]
    matches = [m for m in matches if m.explains]
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
            apart = _apart_words(diff, m.cand.name, other.cand.name)
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
        model.note_citations(m.citations)
    return pd.DataFrame(rows, columns=LOCALIZE_COLUMNS)


# --- telling two lesions apart --------------------------------------------------------------


TELL_APART_COLUMNS = ["finding", "effect", "structure", "a", "b", "citations"]


def tell_apart(model: Model, a, b, side: str = "left") -> pd.DataFrame:
    """The findings one lesion gives and the other does not, at full severity.

    See :func:`difference` for the columns; this public form also records the
    citations as used, for a notebook's references.
    """
    table = difference(model, a, b, side)
    for ids in table["citations"]:
        model.note_citations(ids)
    return table


def difference(model: Model, a, b, side: str = "left") -> pd.DataFrame:
    """The findings one lesion gives and the other does not, at full severity.

    Parameters
    ----------
    a, b : str
        Lesion names as :func:`localize` writes them (``L5``,
        ``L4-L5 paracentral``, ``common_fibular @ fibular_head``).
    side : {"left", "right", "both"}

    Returns
    -------
    pandas.DataFrame
        One row per discriminating finding: the classic signs of the pair
        first where ``look_alikes.csv`` has it, then objective signs (weakness,
        reduced reflex) before numbness and pain; with ``a`` and ``b`` True
        where that lesion gives it, and the citations behind it. Empty when
        the two lesions give the same findings (only imaging tells them apart).
    """
    a, b = candidate(model, a), candidate(model, b)
    pa = predictions(model, a, side)[-1].items
    pb = predictions(model, b, side)[-1].items
    sided = side == "both"
    keys = [k for k in {**pa, **pb} if (k in pa) != (k in pb)]
    order = {e: i for i, e in enumerate(DISCRIMINATING_ORDER)}
    structure_order = {s: i for i, s in enumerate(model.structures["id"])}
    classic = classic_signs(model, a.name, b.name)
    keys.sort(
        key=lambda k: (
            f"{k[0]}:{k[1]}" not in classic,
            order[k[0]],
            structure_order[k[1]],
            k[2],
        )
    )
    rows = [
        {
            "finding": _word(model, k, sided),
            "effect": k[0],
            "structure": k[1],
            "a": k in pa,
            "b": k in pb,
            "citations": list(pa.get(k) or pb.get(k)),
        }
        for k in keys
    ]
    return pd.DataFrame(rows, columns=TELL_APART_COLUMNS)


def look_alike_row(model: Model, a, b) -> dict | None:
    """The row of ``look_alikes.csv`` that pairs two lesions (either way round), or None."""
    key = {candidate(model, a).name, candidate(model, b).name}
    for row in model.look_alikes.to_dict("records"):
        if {candidate(model, row["a"]).name, candidate(model, row["b"]).name} == key:
            return row
    return None


def classic_signs(model: Model, a, b) -> list[str]:
    """The ``effect:structure`` signs ``look_alikes.csv`` names for a pair (empty if none)."""
    row = look_alike_row(model, a, b)
    return _split(row["distinguished_by"]) if row else []


def _apart_words(diff: pd.DataFrame, a: str, b: str, n: int = 3) -> str:
    if diff.empty:
        return f"same findings as {b}: only imaging tells them apart"
    parts = []
    for row in diff.head(n).to_dict("records"):
        who = a if row["a"] else b
        parts.append(f"{row['finding']} ({who} only)")
    return f"against {b}: " + "; ".join(parts)
