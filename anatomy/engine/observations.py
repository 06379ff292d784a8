"""What an examiner found, checked: the input of :func:`anatomy.engine.localize.localize`.

A finding is ``(effect, structure)`` or ``(effect, structure, side)``:

* effects: pain, tingling, numbness, weakness, reduced_reflex,
  sphincter_dysfunction (the bladder or bowel), ``positive`` (a neurodynamic
  test that reproduces the pain), or ``normal`` (examined and normal; for a test,
  negative). Common words are accepted: numb, weak, paraesthesia, absent reflex,
  retention, incontinence, negative...;
* structures: a skin region, a muscle, a reflex, the bladder or bowel, a test
  (straight-leg raise, crossed straight-leg raise, slump, prone knee bend), or a
  joint for pain felt at it ("pain at the knee": the regions over the knee),
  by id, label or alias in any case.

The bladder, the bowel and the tests have no side; everything else either has a
side on every finding or on none.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from anatomy.engine.findings import Findings
from anatomy.engine.inputs import check_bool, check_text
from anatomy.errors import choice_error
from anatomy.model import Model
from anatomy.model.vocabulary import EFFECT_KINDS, EFFECTS, LEG_SIDES, OBSERVED_KINDS, POSITIVE

NORMAL = "normal"
EFFECT_ALIASES = {
    "pain": "pain",
    "painful": "pain",
    "ache": "pain",
    "tingling": "tingling",
    "paraesthesia": "tingling",
    "paresthesia": "tingling",
    "pins and needles": "tingling",
    "numbness": "numbness",
    "numb": "numbness",
    "sensory loss": "numbness",
    "hypoaesthesia": "numbness",
    "hypoesthesia": "numbness",
    "anaesthesia": "numbness",
    "anesthesia": "numbness",
    "weakness": "weakness",
    "weak": "weakness",
    "paresis": "weakness",
    "reduced reflex": "reduced_reflex",
    "reduced_reflex": "reduced_reflex",
    "reflex": "reduced_reflex",
    "absent reflex": "reduced_reflex",
    "areflexia": "reduced_reflex",
    "hyporeflexia": "reduced_reflex",
    "sphincter dysfunction": "sphincter_dysfunction",
    "sphincter_dysfunction": "sphincter_dysfunction",
    "dysfunction": "sphincter_dysfunction",
    "retention": "sphincter_dysfunction",
    "incontinence": "sphincter_dysfunction",
    "positive": POSITIVE,
    "normal": NORMAL,
    "negative": NORMAL,
    "intact": NORMAL,
}
SIDELESS = ("organ", "test")  # the bladder, bowel and tests have no side
VALID_EFFECTS = [*EFFECTS, POSITIVE, NORMAL]


@dataclass(frozen=True)
class Observations:
    """Checked findings: abnormal (effect, structure, side) and normal (structure, side).

    ``side`` is None throughout when the findings name no side, and always for the
    bladder, bowel and tests. ``complete`` says whether everything not listed is
    known to be normal.
    """

    abnormal: frozenset
    normal: frozenset
    complete: bool
    sided: bool
    tests: frozenset = frozenset()  # the neurodynamic tests examined, positive or negative

    @property
    def side(self) -> str:
        """The side a candidate lesion is compressed on to explain these findings."""
        sides = {key[2] for key in self.abnormal if key[2] is not None}
        if sides == {"left", "right"}:
            return "both"
        return sides.pop() if sides else "left"


def _table_items(model: Model, table: pd.DataFrame) -> list[tuple]:
    """The rows of a findings table as (effect, structure, side) items; the cord, roots,
    plexuses and nerves (the path, not what is observed) left out; every other row is
    checked like a list's."""
    missing = [c for c in ("structure", "effect") if c not in table.columns]
    if missing:
        raise ValueError(
            "a findings table needs the columns structure and effect (and side); "
            f"missing: {', '.join(missing)}"
        )
    sides = table["side"] if "side" in table.columns else [None] * len(table)
    items = []
    for effect, structure, side in zip(table["effect"], table["structure"], sides, strict=True):
        if model.kind_or_none(structure) in ("cord", "root", "nerve", "plexus"):
            continue
        items.append((effect, structure, side))
    return items


def observations(model: Model, findings, complete: bool | None = None) -> Observations:
    """Check and normalise what :func:`~anatomy.engine.localize.localize` accepts."""
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
    checked = [_check_item(model, *item) for item in items]
    sided = {side is not None for _, s, side in checked if model.kind(s) not in SIDELESS}
    if len(sided) > 1:
        raise ValueError(
            "give a side for every finding or for none (the bladder, bowel and tests excepted)"
        )
    for effect, structure, side in checked:
        if model.kind(structure) in SIDELESS:
            side = None
        if effect == NORMAL:
            normal.add((structure, side))
        else:
            abnormal.add((effect, structure, side))
    if not abnormal:
        raise ValueError(
            "no abnormal finding to localize: give at least one (effect, structure), "
            f"effect one of {', '.join([*EFFECTS, POSITIVE])}"
        )
    clash = {(s, side) for _, s, side in abnormal} & normal
    if clash:
        s, side = sorted(clash, key=str)[0]
        raise ValueError(f"{model.label(s)!r} is given both as normal and as affected")
    tests = {s for _, s, _ in abnormal if model.kind(s) == "test"}
    tests |= {s for s, _ in normal if model.kind(s) == "test"}
    return Observations(
        frozenset(abnormal), frozenset(normal), complete, sided == {True}, frozenset(tests)
    )


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


def observable(model: Model) -> list[str]:
    """Every structure a finding can name."""
    return [s for s in model.structures["id"] if model.kind(s) in (*OBSERVED_KINDS, "joint")]


def _effect(effect) -> str:
    key = check_text(effect, "effect of a finding", VALID_EFFECTS)
    key = key.strip().casefold().replace("-", " ").replace("_", " ")
    found = EFFECT_ALIASES.get(key) or EFFECT_ALIASES.get(key.replace(" ", "_"))
    if found is None:
        raise choice_error("finding", effect, VALID_EFFECTS)
    return found


def _structure(model: Model, structure) -> str:
    valid = observable(model)
    check_text(structure, "structure of a finding", valid)
    for name in (structure.replace("_", " "), structure):
        try:
            return model.resolve(name)
        except ValueError:
            continue
    raise choice_error("structure", structure, valid)


def _check_item(model: Model, effect, structure, side) -> tuple[str, str, str | None]:
    effect = _effect(effect)
    found = _structure(model, structure)
    kind = model.kind(found)
    if kind == "joint":
        if effect not in ("pain", NORMAL) or not covering_regions(model, found):
            regions = [j for j in model.ids("joint") if covering_regions(model, j)]
            raise ValueError(
                f"at a joint a finding is pain (felt over it) or normal, and only at "
                f"{', '.join(regions)}; not {effect} at {structure!r}"
            )
    elif kind not in OBSERVED_KINDS:
        raise ValueError(
            f"{structure!r} is a {kind}: findings are observed in skin regions, muscles, "
            f"reflexes, the bladder and bowel, and tests (valid: {', '.join(observable(model))})"
        )
    elif effect != NORMAL and kind not in EFFECT_KINDS[effect]:
        raise ValueError(
            f"{effect} is found in a {' or '.join(EFFECT_KINDS[effect])}, and "
            f"{structure!r} is a {kind}"
        )
    if side is not None:
        side = check_text(side, "side of a finding", LEG_SIDES).strip().lower()
        if side not in LEG_SIDES:
            raise choice_error("side of a finding", side, LEG_SIDES)
    return effect, found, side


def covering_regions(model: Model, joint: str) -> list[str]:
    """The skin regions over a joint (``covers`` links): where pain 'at the joint' is felt."""
    return list(model.derived(_covers).get(joint, ()))


def _covers(model: Model) -> dict[str, list[str]]:
    """Joint -> the regions over it, read once per model (localize asks it per band)."""
    out: dict[str, list[str]] = {}
    links = model.links
    for source, relation, target in zip(
        links["source"], links["relation"], links["target"], strict=True
    ):
        if relation == "covers":
            out.setdefault(target, []).append(source)
    return out
