"""The body map's colours stay apart for readers with red-green colour blindness.

Every pair of colours a reader must tell apart is simulated for deuteranopia and
protanopia (Machado, Oliveira and Fernandes 2009, severity 1.0, applied to linear
RGB) and compared in CIELAB (CIE76 Delta E); each pair must stay at least 20
apart. The colours are the ones the browser paints: an effect's colour at each
strength laid over the ground it is drawn on. Colour is never the only cue (a
hatch, a cross-hatch and outline, a diamond, a dash per effect on lines), but it
must not mislead either.

    .venv/bin/python tests/test_colour_vision.py    # prints the smallest Delta E of each pair
"""

from __future__ import annotations

import itertools
import math

import pytest

from anatomy.viz import theme

# Machado, Oliveira, Fernandes (2009), IEEE TVCG 15(6): 1291-1298, severity 1.0.
MACHADO = {
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
}
LEAST = 20.0  # CIE76 Delta E; 2.3 is a just-noticeable difference
RGB = tuple[float, float, float]


def rgb(hex_colour: str) -> RGB:
    return tuple(int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))


def over(colour: RGB, alpha: float, ground: RGB) -> RGB:
    """A colour at some opacity painted over another (what the browser shows)."""
    return tuple(alpha * c + (1 - alpha) * g for c, g in zip(colour, ground, strict=True))


def linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def gamma(c: float) -> float:
    c = min(1.0, max(0.0, c))
    return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def seen(colour: RGB, vision: str) -> RGB:
    """The colour as seen with a colour-vision deficiency (Machado's matrix, linear RGB)."""
    lin = [linear(c) for c in colour]
    rows = MACHADO[vision]
    return tuple(gamma(sum(m * c for m, c in zip(row, lin, strict=True))) for row in rows)


def lab(colour: RGB) -> tuple[float, float, float]:
    r, g, b = (linear(c) for c in colour)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def delta_e(a: RGB, b: RGB) -> float:
    """CIE76: the distance in CIELAB."""
    return math.dist(lab(a), lab(b))


def painted() -> dict[str, list[RGB]]:
    """Each lit colour as painted over its ground, at every strength, and the grounds."""
    # the effects the map draws (the bladder and bowel are named in the panels only)
    colour = {e: rgb(c) for e, c in theme.EFFECT_COLOURS.items() if e in theme.LINE_DASH}
    region, muscle = rgb(theme.NEUTRAL_FILL["region"]), rgb(theme.NEUTRAL_FILL["muscle"])
    white, skin = rgb(theme.REFLEX_FILL), rgb(theme.SILHOUETTE)
    alphas = [theme.lit_alpha(s) for s in range(1, theme.LEVELS + 1)]
    return {
        "region": [region],
        "muscle": [muscle],
        "reflex marker": [white],
        "pain": [over(colour["pain"], a, region) for a in alphas],
        "tingling": [over(colour["tingling"], a, region) for a in alphas],  # its dots
        "numbness": [over(colour["numbness"], a, region) for a in alphas],  # its hatch
        "weakness": [over(colour["weakness"], a, muscle) for a in alphas],
        "reduced reflex": [over(colour["reduced_reflex"], a, white) for a in alphas],
        # lines: full colour over the silhouette, and the unaffected nerve
        **{f"{e} line": [over(c, 1.0, skin)] for e, c in colour.items()},
        "nerve line": [rgb(theme.NEUTRAL_LINE["line"])],
    }


def pairs() -> list[tuple[str, str, list[tuple[RGB, RGB]]]]:
    """Every pair a reader must tell apart, with every combination of strengths."""
    p = painted()
    out = [
        ("pain", "region"),  # lit or not
        ("tingling", "region"),
        ("numbness", "region"),
        ("weakness", "muscle"),
        ("reduced reflex", "reflex marker"),
        ("pain", "tingling"),  # one region hurts, the next tingles, the next is numb
        ("pain", "numbness"),
        ("tingling", "numbness"),
        ("weakness", "reduced reflex"),  # side by side on the muscle panels
    ]
    lines = [f"{e} line" for e in theme.LINE_DASH] + ["nerve line"]
    out += list(itertools.combinations(lines, 2))  # a dash each, but colours apart too
    table = [(a, b, list(itertools.product(p[a], p[b]))) for a, b in out]
    # where a region hurts and tingles or is numb, the dots and the hatch show over the
    # pain's fill
    for effect, cue in (("tingling", "tingling dots"), ("numbness", "numbness hatch")):
        colour = rgb(theme.EFFECT_COLOURS[effect])
        over_fill = [
            (over(colour, theme.lit_alpha(s), fill), fill)
            for fill in p["pain"]
            for s in range(1, theme.LEVELS + 1)
        ]
        table.append((cue, "pain fill under it", over_fill))
    return table


def smallest(vision: str) -> dict[tuple[str, str], float]:
    return {
        (a, b): min(delta_e(seen(x, vision), seen(y, vision)) for x, y in combos)
        for a, b, combos in pairs()
    }


@pytest.mark.parametrize("vision", sorted(MACHADO))
def test_every_pair_stays_apart(vision):
    too_close = {pair: round(d, 1) for pair, d in smallest(vision).items() if d < LEAST}
    assert not too_close, f"under {vision}, Delta E below {LEAST}: {too_close}"


def test_the_simulation_is_machados():
    """Known values: pure red under protanopia, white unchanged, grey unchanged."""
    assert seen((1.0, 1.0, 1.0), "protanopia") == pytest.approx((1.0, 1.0, 1.0), abs=1e-3)
    assert seen((0.5, 0.5, 0.5), "deuteranopia") == pytest.approx((0.5, 0.5, 0.5), abs=2e-3)
    red = seen((1.0, 0.0, 0.0), "protanopia")
    assert red == pytest.approx((gamma(0.152286), gamma(0.114503), 0.0), abs=1e-3)
    assert delta_e((1.0, 1.0, 1.0), (0.0, 0.0, 0.0)) == pytest.approx(100.0, abs=0.01)


def test_the_old_palette_fails_as_the_issue_measured():
    """Okabe-Ito's reddish purple for weakness, over the muscle's grey, fell to 13 (deut.)."""
    purple, muscle = rgb("#CC79A7"), rgb(theme.NEUTRAL_FILL["muscle"])
    weakest = over(purple, 0.35 + 0.65 / 4, muscle)
    assert delta_e(seen(weakest, "deuteranopia"), seen(muscle, "deuteranopia")) < 14


if __name__ == "__main__":
    for vision in sorted(MACHADO):
        print(vision)
        for (a, b), d in sorted(smallest(vision).items(), key=lambda item: item[1]):
            print(f"  {d:5.1f}  {a} / {b}")
