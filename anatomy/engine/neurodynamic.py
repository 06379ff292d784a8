"""The neurodynamic tests: where the straight-leg raise, crossed straight-leg raise, slump
and prone knee bend reproduce the pain.

Each test is a starting pose and one moving angle (:data:`TESTS`). :func:`onset`
sweeps that angle, in steps of :data:`STEP` degrees and then by bisection, until
an irritated root or nerve of the findings reaches its tolerance
(:mod:`anatomy.engine.tension`). :func:`verdict` reads the onset as a clinician
does: the straight-leg raise counts as positive only when it reproduces the
pain by 70 degrees (Pesonen 2021); pain that first comes beyond is "not
positive": tightness at the end of the raise is the normal response (Chawla).

With the tables shipped, a moderate-to-severe L5 or S1 lesion (severity 0.5 to
1) turns the straight-leg raise positive between about 69 and 31 degrees; a
mild one does not; L2, L3 and L4 lesions turn the prone knee bend positive. The
crossed straight-leg raise raises the painless leg: the dural sac passes only
part of that pull (:data:`CROSSED_TRANSFER`, a teaching approximation) to the
irritated roots of the other side, so it turns positive only for the most
irritated roots: uncommon but telling, as its accuracy shows (sensitivity
0.29, specificity 0.88; Devillé 2000). A nerve caught in the leg is not pulled
by raising the other leg. The angle at which a test turns positive says how
irritable the root is, not how large its deficit is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from anatomy.engine.tension import (
    check_angle,
    check_angles,
    load_on,
    sensitisation,
    strains_of,
    tables,
    tolerance,
)
from anatomy.errors import choice_error

STEP = 0.5  # degrees between the angles a sweep tries before it narrows down the onset
CROSSED_TRANSFER = 0.6  # of the well leg's pull, what reaches the roots of the other side
# The slump's last degrees of knee extension: healthy people stop short of straight and feel
# a pull there (Johnson and Chiarello 1997), so symptoms first felt within them do not count.
SLUMP_END_RANGE = 10.0

# How a figure draws the body for each position: the model's angles are the same.
POSITIONS = {
    "supine": "lying on the back",
    "sitting": "sitting",
    "prone": "lying face down",
}


@dataclass(frozen=True)
class NeurodynamicTest:
    """A neurodynamic test: a starting pose and the one angle it moves."""

    name: str
    label: str
    position: str
    pose: tuple[tuple[str, float], ...]
    sweep: str
    start: float
    stop: float
    roots: str  # what it tests, in words
    positive_up_to: float | None = None  # beyond this angle symptoms do not count as positive
    positive_down_to: float | None = None  # a falling sweep: below this, they do not count
    transfer: float = 1.0  # share of the pull that reaches the irritated roots (crossed test)

    def angles(self, value: float | None = None) -> dict[str, float]:
        """The pose, with the swept angle at ``value`` (or its start)."""
        angles = dict(self.pose)
        angles[self.sweep] = self.start if value is None else value
        return angles


TESTS = {
    "straight_leg_raise": NeurodynamicTest(
        "straight_leg_raise",
        "Straight-leg raise",
        "supine",
        (("hip_flexion", 0.0), ("knee_flexion", 0.0), ("ankle_dorsiflexion", 0.0)),
        "hip_flexion",
        0.0,
        90.0,
        "L5 and S1 (and L4), through the sciatic nerve",
        positive_up_to=70.0,
    ),
    "crossed_straight_leg_raise": NeurodynamicTest(
        "crossed_straight_leg_raise",
        "Crossed straight-leg raise",
        "supine",
        (("hip_flexion", 0.0), ("knee_flexion", 0.0), ("ankle_dorsiflexion", 0.0)),
        "hip_flexion",
        0.0,
        90.0,
        "the roots of the other side, through the dural sac: a large herniation",
        positive_up_to=70.0,
        transfer=CROSSED_TRANSFER,
    ),
    "slump": NeurodynamicTest(
        "slump",
        "Slump",
        "sitting",
        (("hip_flexion", 90.0), ("ankle_dorsiflexion", 0.0), ("neck_flexion", 45.0)),
        "knee_flexion",
        90.0,
        0.0,
        "L4 to S1, through the sciatic nerve, with the neck bent",
        positive_down_to=SLUMP_END_RANGE,
    ),
    "prone_knee_bend": NeurodynamicTest(
        "prone_knee_bend",
        "Prone knee bend",
        "prone",
        (("hip_flexion", 0.0), ("ankle_dorsiflexion", 0.0), ("neck_flexion", 0.0)),
        "knee_flexion",
        0.0,
        130.0,
        "L2, L3 and L4, through the femoral nerve",
    ),
}


def check_test(test) -> str:
    """A test name of :data:`TESTS`, or an error listing them."""
    if not isinstance(test, str) or test not in TESTS:
        raise choice_error("test", test, TESTS)
    return test


def check_position(position) -> str:
    """A drawing position of :data:`POSITIONS`, or an error listing them."""
    if not isinstance(position, str) or position not in POSITIONS:
        raise choice_error("position", position, POSITIONS)
    return position


def _first_symptomatic(t, sens: dict[str, float], angles: dict[str, float], transfer=1.0):
    """The most strained irritated structure past its tolerance, or None. With a transfer
    below 1 (the crossed test) only roots feel it, through the dural sac."""
    strains = strains_of(t, angles)
    worst, margin = None, 0.0
    for structure, s in sens.items():
        if transfer < 1.0 and structure not in t.pulls:
            continue  # a nerve in the leg is not pulled by raising the other leg
        over = transfer * load_on(t, structure, strains) / tolerance(s)
        if over >= 1.0 and over >= margin:
            worst, margin = structure, over
    return worst


def onset(
    findings, test: str = "straight_leg_raise", side=None, model=None, **pose
) -> tuple[float, str] | None:
    """Where a test turns positive: (angle of the moving joint, structure that hurts), or None.

    Parameters
    ----------
    findings : anatomy.Findings or None
    test : {"straight_leg_raise", "slump", "prone_knee_bend"}
    side : {"left", "right"}, optional
    **pose
        Angles held during the test, replacing the test's own (for example
        ``ankle_dorsiflexion=20`` for Bragard's sign). The moving angle
        cannot be set.

    Returns
    -------
    tuple or None
        None when the test stays negative to its end: a healthy leg, or an
        irritation too mild for this test.
    """
    spec = TESTS[check_test(test)]
    if spec.sweep in pose:
        raise ValueError(f"the {spec.label.lower()} moves {spec.sweep}; it cannot be held fixed")
    angles = spec.angles()
    angles.update(pose)
    angles = check_angles(model, **angles)
    t = tables(model)
    sens = sensitisation(findings, side, model).structures
    if not sens:
        return None
    direction = 1.0 if spec.stop >= spec.start else -1.0
    span = abs(spec.stop - spec.start)
    steps = math.ceil(span / STEP)
    previous = spec.start
    for k in range(steps + 1):
        value = spec.start + direction * min(k * STEP, span)
        angles[spec.sweep] = value
        hit = _first_symptomatic(t, sens, angles, spec.transfer)
        if hit is None:
            previous = value
            continue
        if k == 0:
            return round(value, 1), hit
        low, high = previous, value  # not yet, then positive: narrow down the onset
        for _ in range(20):
            middle = (low + high) / 2
            angles[spec.sweep] = middle
            if _first_symptomatic(t, sens, angles, spec.transfer) is None:
                low = middle
            else:
                high = middle
        # Report the first tenth of a degree at which symptoms are present.
        shown = math.floor(high * 10) / 10 if direction < 0 else math.ceil(high * 10) / 10
        angles[spec.sweep] = shown
        return round(shown, 1), _first_symptomatic(t, sens, angles, spec.transfer)
    return None


def verdict(test: str, found) -> str:
    """How a test reads: "positive", "not positive" (symptoms only beyond the angle that
    counts, such as 70 degrees for the straight-leg raise) or "negative"."""
    spec = TESTS[check_test(test)]
    if found is None:
        return "negative"
    if spec.positive_up_to is not None and found[0] > spec.positive_up_to:
        return "not positive"
    if spec.positive_down_to is not None and found[0] < spec.positive_down_to:
        return "not positive"
    return "positive"


def positive_angle(findings, test: str, side=None, model=None, **pose) -> float | None:
    """The angle at which a test turns positive, or None when it is negative or not positive."""
    found = onset(findings, test, side=side, model=model, **pose)
    return found[0] if verdict(test, found) == "positive" else None


def onsets(findings, side=None, model=None) -> dict[str, tuple[float, str] | None]:
    """Every test's onset for some findings (they do not depend on the pose)."""
    return {name: onset(findings, name, side=side, model=model) for name in TESTS}


def straight_leg_raise(
    findings=None, ankle_dorsiflexion=0.0, neck_flexion=0.0, side=None, model=None
) -> float | None:
    """The hip flexion (degrees) at which the straight-leg raise turns positive, or None.

    The leg is raised with the knee straight from 0 to 90 degrees. It is positive
    when it reproduces the pain by 70 degrees: an irritated L5 or S1 root turns it
    positive, the earlier the more irritable the root (not the larger its
    deficit). None means negative: a healthy leg, a mild irritation, or pain that
    first comes beyond 70 degrees (not positive; :func:`onset` gives that angle).
    Pull the foot up (``ankle_dorsiflexion=20``, Bragard's sign) or bend the neck
    to sensitise it. Anything but findings or None raises TypeError.
    """
    return positive_angle(
        findings,
        "straight_leg_raise",
        side=side,
        model=model,
        ankle_dorsiflexion=ankle_dorsiflexion,
        neck_flexion=neck_flexion,
    )


def crossed_straight_leg_raise(findings=None, side=None, model=None) -> float | None:
    """The hip flexion (degrees) of the painless leg at which raising it reproduces the pain in
    the other leg, or None (negative, or not by 70 degrees).

    ``side`` is the affected leg (by default every lesion counts). Only roots respond (a
    nerve caught in the leg is not pulled by the other leg), and only the most irritable
    ones: a positive crossed test is uncommon and argues for a herniated disc.
    """
    return positive_angle(findings, "crossed_straight_leg_raise", side=side, model=model)


def prone_knee_bend(
    findings=None, hip_flexion=0.0, neck_flexion=0.0, side=None, model=None
) -> float | None:
    """The knee flexion (degrees) at which the prone knee bend turns positive, or None.

    Lying face down with the hip in neutral (or extended: a negative
    ``hip_flexion``), the knee is bent from 0 to 130 degrees. It stretches the
    femoral nerve, so it tests L2, L3 and L4.
    """
    if check_angle(model, "hip_flexion", hip_flexion) > 0:
        raise ValueError(
            f"the prone knee bend keeps the hip in neutral or extension (0 or less), "
            f"not {hip_flexion!r}"
        )
    found = onset(
        findings,
        "prone_knee_bend",
        side=side,
        model=model,
        hip_flexion=hip_flexion,
        neck_flexion=neck_flexion,
    )
    return None if found is None else found[0]


def slump(
    findings=None, neck_flexion=45.0, ankle_dorsiflexion=0.0, side=None, model=None
) -> float | None:
    """The knee flexion (degrees) at which the slump test turns positive, or None.

    Sitting (hip at 90 degrees) with the neck bent forward, the knee is
    straightened from 90 to 0: the larger the angle returned, the earlier
    symptoms start. Lifting the head (``neck_flexion=0``) delays them for a
    nerve problem: the test's structural differentiation. Symptoms first felt
    within the last :data:`SLUMP_END_RANGE` degrees of extension do not count
    (None): healthy people stop short of straight there too (:func:`onset`
    still gives that angle).
    """
    return positive_angle(
        findings,
        "slump",
        side=side,
        model=model,
        neck_flexion=neck_flexion,
        ankle_dorsiflexion=ankle_dorsiflexion,
    )
