"""Red flags: findings that need urgent care, raised whenever they appear, at any severity.

The rules are data (``red_flags.csv``): each flag names the findings that raise it
(``effect:structure``, ``*`` for any structure of the right kind, or
``any:structure`` for a structure on the path, such as the conus medullaris) and
whether they must be on both sides. A :class:`~anatomy.engine.findings.Findings`
carries the rules of its model, so ``findings.red_flags`` stays right when
findings are added together.
"""

from __future__ import annotations

from dataclasses import dataclass

from anatomy.model import Model
from anatomy.model.tables import split_cell
from anatomy.model.vocabulary import EFFECT_KINDS


@dataclass(frozen=True)
class RedFlag:
    """One red flag: what it says, what raises it, and its citations."""

    id: str
    text: str
    items: tuple[tuple[str, str], ...]  # (effect or "any", structure or "*")
    both_sides: bool
    citations: tuple[str, ...]
    unless: tuple[str, ...] = ()  # flags that, when raised, say this one already

    def matches(self, record: dict) -> bool:
        """Whether a findings row is one of the findings that raise this flag."""
        for effect, structure in self.items:
            if effect != "any" and record["effect"] != effect:
                continue
            if structure == record["structure"]:
                return True
            if structure == "*" and record["kind"] in EFFECT_KINDS.get(effect, ()):
                return True  # any structure of the kind the effect is found in, not the path
        return False

    def raised_by(self, records: list[dict]) -> bool:
        """Whether these findings raise the flag."""
        sides = {r["side"] for r in records if self.matches(r)}
        return sides == {"left", "right"} if self.both_sides else bool(sides)


def _rules(model: Model) -> tuple[RedFlag, ...]:
    out = []
    for row in model.red_flags.to_dict("records"):
        items = tuple(tuple(item.partition(":")[::2]) for item in split_cell(row["any_of"]))
        out.append(
            RedFlag(
                row["id"],
                row["text"],
                items,
                row["both_sides"] == "yes",
                tuple(split_cell(row["citations"])),
                tuple(split_cell(row["unless"])),
            )
        )
    return tuple(out)


def rules(model: Model) -> tuple[RedFlag, ...]:
    """The model's red-flag rules (read once per model)."""
    return model.derived(_rules)
