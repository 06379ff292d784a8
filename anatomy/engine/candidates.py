"""The lesions localize can propose, and what each predicts in each band of severity.

Every root, every disc level in every zone (named ``L4-L5 paracentral``), every
nerve site of ``sites.csv`` (named ``common_fibular @ fibular_head``) and every joint that
refers pain (named by its id, ``hip``). Each is
compressed with the same engine as ``compress`` (no second copy of the anatomy),
once per band of :func:`anatomy.engine.grading.severity_bands`; the predictions are
kept per model.
"""

from __future__ import annotations

from dataclasses import dataclass

from anatomy.engine import canal
from anatomy.engine.findings import Findings, merged_rows
from anatomy.engine.grading import severity_bands
from anatomy.engine.inputs import check_side, check_text, referring_joints
from anatomy.engine.lesions import (
    PARTIAL,
    compress_disc,
    compress_nerve,
    compress_roots,
    irritate_joint,
    lesion_rows,
)
from anatomy.errors import choice_error
from anatomy.model import Model
from anatomy.model.vocabulary import OBSERVED_KINDS


@dataclass(frozen=True)
class Candidate:
    """A lesion localize can propose: its name, kind and how to compress it."""

    name: str  # L5 | L4-L5 paracentral | common_fibular @ fibular_head | hip
    kind: str  # root | disc | nerve | joint
    args: tuple[tuple[str, str], ...]

    def compress(self, model: Model, severity: float, side: str) -> Findings:
        """The findings of this lesion at a severity and side."""
        args = dict(self.args)
        if self.kind == "root":
            return compress_roots(model, args["root"], severity=severity, side=side)
        if self.kind == "disc":
            return compress_disc(model, args["level"], args["zone"], side=side, severity=severity)
        if self.kind == "joint":
            return irritate_joint(model, args["joint"], side=side, severity=severity)
        return compress_nerve(model, args["nerve"], args["site"], side=side, severity=severity)

    def rows(self, model: Model, severity: float, side: str) -> list[dict]:
        """The merged rows of what this lesion shows (no table, no paths, no carriers:
        what localize compares; ``side`` a checked side)."""
        rows, _ = lesion_rows(model, self.kind, dict(self.args), severity, side, paths=False)
        return merged_rows(rows)

    @property
    def spec(self) -> str:
        """The lesion as ``root:L5``, ``disc:L4-L5:paracentral``, ``nerve:tibial@tarsal_tunnel``."""
        return {
            "root": f"root:{self.name}",
            "disc": "disc:" + self.name.replace(" ", ":"),
            "nerve": "nerve:" + self.name.replace(" @ ", "@"),
            "joint": f"joint:{self.name}",
        }[self.kind]


def _all_candidates(model: Model) -> tuple[Candidate, ...]:
    out = [Candidate(r, "root", (("root", r),)) for r in model.roots]
    out += [
        Candidate(f"{level} {zone}", "disc", (("level", level), ("zone", zone)))
        for level in model.disc_levels
        for zone in model.zone_names
    ]
    out += [
        Candidate(f"{n} @ {s}", "nerve", (("nerve", n), ("site", s)))
        for n, s in zip(model.sites["nerve"], model.sites["site"], strict=True)
    ]
    out += [Candidate(j, "joint", (("joint", j),)) for j in referring_joints(model)]
    return tuple(out)


def candidates(model: Model) -> list[Candidate]:
    """Every root, disc level and zone, nerve site and joint, in anatomical order."""
    return list(model.derived(_all_candidates))


def _by_key(model: Model) -> dict[str, Candidate]:
    by_key = {_name_key(c.name): c for c in candidates(model)}
    for c in candidates(model):
        by_key.setdefault(_name_key(c.spec), c)
    return by_key


def candidate(model: Model, name) -> Candidate:
    """The candidate named ``L5``, ``L4-L5 paracentral`` or ``common_fibular @ fibular_head``
    (also ``root:L5``, ``disc:L4-L5:paracentral``, ``nerve:common_fibular@fibular_head``)."""
    if isinstance(name, Candidate):
        return name
    names = [c.name for c in candidates(model)]
    key = _name_key(check_text(name, "lesion", names))
    found = model.derived(_by_key).get(key)
    if found is None:
        raise choice_error("lesion", name, names)
    return found


def _name_key(name: str) -> str:
    return "".join(name.casefold().replace("_", " ").split())


@dataclass(frozen=True)
class Prediction:
    """What one candidate at one severity predicts: (effect, structure, side) -> citations.

    No findings table: localize builds one (``Candidate.compress``) only for a band whose
    neurodynamic tests it must ask, which keeps its first call cheap.
    """

    items: dict  # (effect, structure, side) -> list of citation ids
    severity: float


def _prediction_store(model: Model) -> dict:
    return {}


def is_central(model: Model, cand: Candidate) -> bool:
    """Whether a candidate is a central herniation (judged as multi-root, graded, two-sided)."""
    return cand.kind == "disc" and model.zone_row(dict(cand.args)["zone"])["lower_roots"] == "yes"


def bands(model: Model, cand: Candidate) -> list[float]:
    """The severities at which a candidate shows every picture it can give."""
    if is_central(model, cand):
        return severity_bands(canal.FACTORS, gates=(canal.CAUDA_FROM,))
    if cand.kind == "nerve":
        return severity_bands((PARTIAL,))
    return severity_bands()


def prediction(model: Model, cand: Candidate, side: str, severity: float) -> Prediction:
    """What a candidate predicts at one severity and side (kept per model)."""
    side = check_side(side)  # what compress_* checked before predictions skipped them
    cache = model.derived(_prediction_store)
    key = (cand.name, side, severity)
    if key not in cache:
        items = {
            (r["effect"], r["structure"], r["side"]): list(r["citations"])
            for r in cand.rows(model, severity, side)
            if r["kind"] in OBSERVED_KINDS
        }
        cache[key] = Prediction(items, severity)
    return cache[key]


def predictions(model: Model, cand: Candidate, side: str) -> list[Prediction]:
    """The findings a candidate predicts in each severity band, lowest first.

    A higher severity never removes a finding (a property test holds it), so the
    last band predicts the most.
    """
    return [prediction(model, cand, side, severity) for severity in bands(model, cand)]


def lesion_label(model: Model, name) -> str:
    """A lesion in words: ``L5 root``, ``L4-L5 disc, paracentral``,
    ``Common fibular nerve at the fibular head``, ``Hip joint``."""
    cand = candidate(model, name)
    args = dict(cand.args)
    if cand.kind == "root":
        return f"{cand.name} root"
    if cand.kind == "disc":
        return f"{args['level']} disc, {args['zone']}"
    if cand.kind == "joint":
        return model.label(args["joint"])
    return model.site_row(args["nerve"], args["site"])["label"]
