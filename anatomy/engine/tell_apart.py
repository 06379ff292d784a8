"""Telling two lesions apart: the findings one gives and the other does not.

The classic signs of a look-alike pair (``look_alikes.csv``) come first, then
objective signs (weakness, reduced reflex) before numbness and pain.
"""

from __future__ import annotations

import pandas as pd

from anatomy.engine.candidates import candidate, predictions
from anatomy.model import Model
from anatomy.model.tables import split_cell
from anatomy.model.vocabulary import effect_word

# The order in which findings tell lesions apart: objective signs first.
DISCRIMINATING_ORDER = (
    "weakness",
    "reduced_reflex",
    "sphincter_dysfunction",
    "numbness",
    "positive",
    "tingling",
    "pain",
)


def finding_words(model: Model, key, sided: bool) -> str:
    """One finding in words: 'numbness: Top of the foot (left)'."""
    effect, structure, side = key
    word = "positive" if effect == "positive" else effect_word(effect)
    text = f"{word}: {model.label(structure)}"
    return f"{text} ({side})" if sided and side else text


TELL_APART_COLUMNS = ["finding", "effect", "structure", "a", "b", "citations"]


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
    if a == b:
        raise ValueError(f"tell apart two different lesions, not {a.name!r} twice")
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
            "finding": finding_words(model, k, sided),
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
    return split_cell(row["distinguished_by"]) if row else []


def look_alikes_of(model: Model, name: str) -> list[str]:
    """The lesions ``look_alikes.csv`` pairs with this one."""
    key = candidate(model, name).name
    out = []
    for a, b in zip(model.look_alikes["a"], model.look_alikes["b"], strict=True):
        a, b = candidate(model, a).name, candidate(model, b).name
        if key in (a, b):
            out.append(b if key == a else a)
    return out


def apart_words(diff: pd.DataFrame, b: str, n: int = 3) -> str:
    """The first ``n`` findings of :func:`difference` that tell a lesion from ``b`` (named
    in words): ``against B — only this: weakness: Gluteus medius — only that: …``."""
    if diff.empty:
        return f"same findings as {b}: only imaging tells them apart"
    rows = diff.head(n).to_dict("records")
    this = [row["finding"] for row in rows if row["a"]]
    that = [row["finding"] for row in rows if not row["a"]]
    parts = [f"only this: {'; '.join(this)}"] if this else []
    parts += [f"only that: {'; '.join(that)}"] if that else []
    return f"against {b} — " + " — ".join(parts)
