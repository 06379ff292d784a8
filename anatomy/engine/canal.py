"""A central herniation: what a disc pressing into the middle of the canal compresses.

A paracentral, foraminal or far-lateral herniation meets one root on one side
(``zones.csv``). A central one narrows the dural sac, and what it meets depends
on the level and on its size. The rule, written once here:

**Below the conus (L2-L3 to L5-S1): the cauda equina.**

============================  ==============================================
roots                         compressed at
============================  ==============================================
the traversing root           the herniation's severity *s*
the roots below it, to S1     *s* x :data:`BELOW` (0.6): less, they lie further
                              from the disc
the sacral roots that serve   nothing below :data:`CAUDA_FROM` (0.7)
the bladder and bowel
(S2 to S4, ``controls``)
from :data:`CAUDA_FROM`       a large herniation fills the sac: every root in
                              it, S1 to S4 included, at *s*
============================  ==============================================

(Pressing the sacral roots at *s* while S1 stayed at *s* x 0.6 gave a cauda
equina syndrome with weak toe flexors and a strong calf: a picture no patient
has, found by the clinical review.)

So a mild or moderate central L4-L5 herniation hurts and tingles in the L5
territory (both legs when it is symmetric) and gives no saddle or sphincter
signs; a severe one is a cauda equina syndrome: saddle numbness, bladder and
bowel dysfunction (Gardner et al. 2011: it follows a large central herniation;
most central protrusions cause nothing of the kind).

**At the conus (T12-L1 and L1-L2, ``conus_medullaris lies_at``).** The cord ends
between L1 and L2 in the average adult (Dawodu), on average at the lower third of
L1, anywhere from mid T12 to upper L3 (Saifuddin 1998): at T12-L1 a central disc
meets the conus in most adults, at L1-L2 in many. The model gives both levels the
conus picture. There the canal holds the sacral segments and the epiconus
(``conus_medullaris contains``: S1 to S4 main, L5 minor): they are compressed at
*s* x the link's weight from any severity, so bladder and bowel fail early, the
saddle goes numb symmetrically and the ankle jerks fade, while the knee jerks
(L3, L4) are kept (Dawodu, Table 1). Left out, and said in the case and the
notebooks: the lumbar roots running beside the conus (a mixed conus and cauda
lesion, what an L1-L2 disc meets in adults whose cord ends higher) and the upper
motor neurone signs a cord lesion can add (brisk reflexes, an upgoing plantar).
A model of the roots beside the conus was tried: a central L1-L2 herniation then
outranked the lower levels on Dawodu's cauda equina column, and the conus lost
its own column to L5-S1, which no textbook supports.

**Sides.** ``side="both"`` is symmetric. A central herniation is usually worse on
one side (Dawodu: cauda equina syndrome is usually asymmetric): ``side="left"``
or ``"right"`` compresses that side at *s* and the other at *s* x
:data:`OTHER_SIDE` (0.5). A conus lesion is usually symmetric; the same rule
applies if a side is given.

The bladder and bowel are supplied from both sides: their dysfunction appears
only when their roots are lost on both sides (:func:`anatomy.engine.findings.merge`).
"""

from __future__ import annotations

from anatomy.engine.graph import graph
from anatomy.model import Model
from anatomy.model.tables import split_cell

BELOW = 0.6  # roots below the traversing one, to S1: less pressed
OTHER_SIDE = 0.5  # the less affected side of a one-sided central herniation
CAUDA_FROM = 0.7  # a central herniation reaches the sacral roots only when it is large
FACTORS = (BELOW, OTHER_SIDE, BELOW * OTHER_SIDE)  # for the severity bands of localize
# The skin a conus lesion hurts, tingles or numbs: the perianal saddle, and the back.
# Dawodu (Medscape), Table 4: "mostly normal lower extremity"; Table 1: numbness
# "more localized to perianal area". Its reflexes, muscles and sphincters are kept.
CONUS_SKIN = ("saddle", "lower_back")


def _canal(model: Model) -> dict:
    """The links the canal rules read, looked up once per model (localize asks them for
    every central candidate at every band)."""
    links = model.links
    conus = links[links["source"] == "conus_medullaris"]
    return {
        "levels": list(conus.loc[conus["relation"] == "lies_at", "target"]),
        "contains": [
            (root, 0.5 if weight == "minor" else 1.0)
            for root, weight in zip(
                conus.loc[conus["relation"] == "contains", "target"],
                conus.loc[conus["relation"] == "contains", "weight"],
                strict=True,
            )
        ],
        "sacral": list(dict.fromkeys(links.loc[links["relation"] == "controls", "source"])),
        "cites": list(dict.fromkeys(c for cell in conus["citations"] for c in split_cell(cell))),
    }


def conus_citations(model: Model) -> list[str]:
    """Every citation of the conus medullaris' own links (where it lies, what it holds)."""
    return list(model.derived(_canal)["cites"])


def conus_levels(model: Model) -> list[str]:
    """The discs at which the conus medullaris lies."""
    return list(model.derived(_canal)["levels"])


def sphincter_roots(model: Model) -> list[str]:
    """The roots that serve the bladder and bowel (``controls`` links)."""
    return list(model.derived(_canal)["sacral"])


def side_scales(side: str) -> dict[str, float]:
    """How hard each leg's roots are pressed: {'left': 1, 'right': 0.5} for side='left'."""
    if side == "both":
        return {"left": 1.0, "right": 1.0}
    other = "right" if side == "left" else "left"
    return {side: 1.0, other: OTHER_SIDE}


def central_roots(
    model: Model, level: str, severity: float, scale: float = 1.0
) -> list[tuple[str, float]]:
    """(root, severity) each root of one leg gets from a central herniation at ``level``.

    ``severity`` is the herniation's (it decides whether the sacral roots are reached);
    ``scale`` is how hard this leg is pressed (:func:`side_scales`).
    """
    g = graph(model)
    traversing = g.traverses.get(level, [])
    if level in conus_levels(model):
        out: dict[str, float] = {}
        for root, weight in model.derived(_canal)["contains"]:
            pressed = severity * scale * weight
            out[root] = max(out.get(root, 0.0), pressed)
        return sorted(out.items(), key=lambda item: model.roots.index(item[0]))
    if not traversing:
        return []
    sacral = set(sphincter_roots(model))
    first = min(model.roots.index(r) for r in traversing)
    out = [(root, severity * scale) for root in traversing]
    for root in model.roots[first + 1 :]:
        if root in traversing:
            continue
        if severity >= CAUDA_FROM:  # it fills the sac: every root in it is pressed alike
            out.append((root, severity * scale))
        elif root not in sacral:
            out.append((root, severity * scale * BELOW))
    return out


def is_conus(model: Model, level: str) -> bool:
    """Whether a central herniation at this level presses on the conus medullaris."""
    return level in conus_levels(model)
