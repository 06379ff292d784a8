"""Grading: which effects a compression of a given severity produces (the one place).

A compression has a *severity* from 0 to 1. Each link it acts through has a
*weight*: 1 where the root is a main contributor (or the nerve the only
supply), 0.5 where it is a minor one. An effect appears where
``severity x weight`` reaches the effect's threshold, with that product as the
finding's *intensity*:

=====================  ========  ============================================
effect                 from      where
=====================  ========  ============================================
pain                   above 0   where a root's pain spreads; along a painful
                                 nerve's course and territory; where an
                                 irritated joint refers it
tingling               0.2       skin: the root's dermatome; a nerve's
                                 territory from above 0 (an entrapped nerve
                                 tingles as soon as it hurts)
numbness               0.4       the same skin
reduced_reflex         0.4       reflexes that run through the root or nerve
sphincter_dysfunction  0.4       the bladder and bowel, when their roots are
                                 lost on both sides
weakness               0.7       muscles the root or nerve supplies
=====================  ========  ============================================

Tingling (paraesthesia) comes before numbness, as in a compressed nerve the
irritative symptoms come before the loss of function (RCEM, entrapment
syndromes; the model applies the same order to roots). A tingling skin area
stays listed when it also goes numb. The bladder and bowel have a nerve
supply from both sides, so one side's loss is made up by the other: their
dysfunction is shown only when the roots of both sides are compressed.

So a severe L5 lesion (0.9) weakens extensor hallucis longus (L5 main, 0.9)
but not abductor hallucis (L5 minor, 0.45: below the weakness threshold), and
a root that contributes little never shows as clinical weakness.

The reflex fades with numbness, before weakness: its sensory limb runs in the
dorsal root (Gray's Anatomy, citation ``reflex_dorsal_root``), and a reflex
change is the most objective sign of a root lesion (MSD Manual,
``reflex_afferent``). This departs on purpose from the first plan, which put reflexes
with weakness.

The roots and nerves on the way are lit by what they carry: a nerve on the
path of a weak muscle is listed with weakness, on the path of a numb region
with numbness. A compressed root usually hurts (radicular pain), and the model
always shows its pain; painless root lesions exist (a painless L5 foot drop),
and so do painful ones without a deficit. A nerve site
marked painless in ``sites.csv`` (the common fibular nerve at the fibular
head: classically a painless foot drop) gives no pain, and numbness is its
first sign. All of this is a teaching simplification: real lesions vary, and
overlap between roots makes single-root numbness patchy.
"""

from __future__ import annotations

import functools
import math

from anatomy.model.vocabulary import WEIGHTS

PAIN_FROM = 0.0
TINGLING_FROM = 0.2
NUMBNESS_FROM = 0.4
REFLEX_FROM = 0.4
SPHINCTER_FROM = 0.4
WEAKNESS_FROM = 0.7
THRESHOLDS = (TINGLING_FROM, NUMBNESS_FROM, REFLEX_FROM, SPHINCTER_FROM, WEAKNESS_FROM)
# The order in which a growing lesion adds its effects.
GRADE_ORDER = (
    "pain",
    "tingling",
    "numbness",
    "reduced_reflex",
    "sphincter_dysfunction",
    "weakness",
)


def shows(effect: str, intensity: float, painful: bool = True) -> bool:
    """Whether an effect of this intensity (severity x weight) appears."""
    if effect == "pain":
        return painful and intensity > PAIN_FROM
    if effect == "tingling":
        return intensity >= TINGLING_FROM or (not painful and intensity > 0)
    if effect == "numbness":
        return intensity >= NUMBNESS_FROM or (not painful and intensity > 0)
    if effect == "reduced_reflex":
        return intensity >= REFLEX_FROM
    if effect == "sphincter_dysfunction":
        return intensity >= SPHINCTER_FROM
    return intensity >= WEAKNESS_FROM


def grade(severity: float, painful: bool = True) -> list[str]:
    """The effects a compression of this severity can produce through main links (the
    bladder and bowel only when both sides are compressed). ``severity`` is 0..1."""
    if isinstance(severity, bool) or not isinstance(severity, int | float):
        raise TypeError(f"severity must be a number from 0 to 1, not {severity!r}")
    if not 0 <= severity <= 1:
        raise ValueError(f"severity must be from 0 to 1, not {severity!r}")
    return [e for e in GRADE_ORDER if shows(e, severity, painful)]


def grade_name(severity: float) -> str:
    """A word for the grade: none, mild, moderate or severe."""
    if severity <= PAIN_FROM:
        return "none"
    if severity < NUMBNESS_FROM:
        return "mild"
    if severity < WEAKNESS_FROM:
        return "moderate"
    return "severe"


def severity_bands(factors=(), gates=()) -> list[float]:
    """One severity per band of the grading, lowest first.

    Between two thresholds (each divided by each link weight, and by each extra
    ``factor`` a lesion applies, such as a central herniation's lesser roots) what a
    lesion produces does not change, so one severity per band shows every picture a
    lesion can give: the lower edge of each band, and half the first edge for the
    band below it. ``gates`` are severities at which a lesion starts to reach more
    (a large central herniation reaching the sacral roots).
    """
    return list(_bands(tuple(factors), tuple(gates)))


@functools.lru_cache(maxsize=64)
def _bands(factors: tuple, gates: tuple) -> tuple[float, ...]:
    scales = {w * f for w in WEIGHTS.values() for f in (1.0, *factors)}
    # Rounded up: an edge just below the true one (0.2 / 0.6 = 0.333333) would miss the
    # band's own picture (0.333333 x 0.6 < 0.2: no tingling).
    edges = {
        math.ceil(threshold / scale * 1e6) / 1e6
        for threshold in THRESHOLDS
        for scale in scales
        if 0 < threshold / scale <= 1
    }
    edges |= {round(g, 6) for g in gates if 0 < g <= 1}
    edges = sorted(edges)
    return (round(edges[0] / 2, 6), *edges)


def band_of(severity: float) -> float:
    """The band representative a severity belongs to."""
    bands = severity_bands()
    return max([b for b in bands[1:] if b <= severity] or [bands[0]])
