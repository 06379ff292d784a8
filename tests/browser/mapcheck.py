"""Is the body map in the page what the findings table says? Points to probe, and what
must be painted there.

For every drawn structure the test takes a point well inside it (an area) or on it
and clear of other lines (a nerve or root), from the drawing itself, and asks the
page which overlay traces plotly.js painted there (``helpers.PAINTED``). What must
be painted follows from the table: each effect of an area at its strength, the most
severe effect of a line, a reduced reflex on its diamond; where areas overlap (a
reflex diamond on a muscle) the point must show what each of them shows.
"""

from __future__ import annotations

import math
from functools import cache

import anatomy
from anatomy.model.vocabulary import EFFECT_LABELS
from anatomy.viz import map_state as mstate

MODEL = anatomy.load_model()
EDGE = 1.2  # figure units kept from any area's edge
CLEAR = 6.0  # figure units kept from any other line


def _inside(x: float, y: float, xs: list, ys: list) -> bool:
    inside = False
    n = len(xs)
    for i in range(n):
        x1, y1, x2, y2 = xs[i], ys[i], xs[(i + 1) % n], ys[(i + 1) % n]
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def _to_segment(x: float, y: float, a: tuple, b: tuple) -> float:
    (x1, y1), (x2, y2) = a, b
    dx, dy = x2 - x1, y2 - y1
    t = (
        0.0
        if dx == dy == 0
        else max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    )
    return math.hypot(x - (x1 + t * dx), y - (y1 + t * dy))


def _to_ring(x: float, y: float, xs: list, ys: list) -> float:
    pts = list(zip(xs, ys, strict=True))
    return min(_to_segment(x, y, a, b) for a, b in zip(pts, pts[1:] + pts[:1], strict=True))


@cache
def shapes(presenter: bool = False):
    """(name, kind, panel, xs, ys) of every polygon or line an overlay can draw."""
    state = mstate.map_state(MODEL, presenter)
    out = []
    for r in state.rows:
        kind = mstate.KIND_OF_LAYER.get(r["layer"])
        if kind is None:
            continue
        xs, ys = state.rings[r["shape"]]
        out.append((f"{r['structure']}|{r['side']}", kind, r["panel"], list(xs), list(ys)))
    return out


@cache
def probes(presenter: bool = False) -> list[tuple[str, str, float, float, tuple[str, ...]]]:
    """(structure|side, kind, x, y, names covering the point) for each drawn structure."""
    drawn = shapes(presenter)
    areas = [s for s in drawn if s[1] != "line"]
    out, done = [], set()
    for name, kind, panel, xs, ys in drawn:
        if name in done:
            continue
        if kind == "line":
            others = [s for s in drawn if s[1] == "line" and s[0] != name and s[2] == panel]
            middle = len(xs) // 2
            order = sorted(range(len(xs) - 1), key=lambda i: abs(i - middle))
            for i in order:
                x, y = (xs[i] + xs[i + 1]) / 2, (ys[i] + ys[i + 1]) / 2
                if all(_to_ring(x, y, s[3], s[4] + []) > CLEAR for s in others if len(s[3]) > 1):
                    out.append((name, kind, x, y, (name,)))
                    done.add(name)
                    break
            continue
        ring_x, ring_y = xs[:-1], ys[:-1]
        cx, cy = sum(ring_x) / len(ring_x), sum(ring_y) / len(ring_y)
        low_x, high_x, low_y, high_y = min(xs), max(xs), min(ys), max(ys)
        grid = [
            (low_x + (high_x - low_x) * i / 12, low_y + (high_y - low_y) * j / 12)
            for i in range(1, 12)
            for j in range(1, 12)
        ]
        for x, y in sorted([(cx, cy), *grid], key=lambda p: math.hypot(p[0] - cx, p[1] - cy)):
            if not _inside(x, y, ring_x, ring_y) or _to_ring(x, y, ring_x, ring_y) < EDGE:
                continue
            near = [
                s for s in areas if s[2] == panel and _to_ring(x, y, s[3][:-1], s[4][:-1]) < EDGE
            ]
            if near:
                continue
            covering = tuple(
                sorted(
                    {s[0] for s in areas if s[2] == panel and _inside(x, y, s[3][:-1], s[4][:-1])}
                )
            )
            out.append((name, kind, x, y, covering))
            done.add(name)
            break
    return out


def must_paint(rows) -> dict[str, set[str]]:
    """structure|side -> the overlay traces that must paint it, from the table's rows."""
    effects: dict[str, dict[str, float]] = {}
    for structure, side, effect, intensity in rows:
        found = effects.setdefault(f"{structure}|{side}", {})
        found[effect] = max(found.get(effect, 0.0), intensity)
    kinds = {s[0]: s[1] for s in shapes()}
    out: dict[str, set[str]] = {}
    for name, found in effects.items():
        kind = kinds.get(name)
        if kind is None:
            continue  # not drawn on the map (a plexus, the bladder)
        names = set()
        for effect, intensity in mstate.shown_effects(kind, found):
            label = EFFECT_LABELS[effect]
            if kind == "line":
                names.add(f"{label} (line)")
            else:
                level = mstate.level(intensity)
                names.add(f"{label}, strength {level} of 4 ({kind})")
        out[name] = names
    return out


def mismatches(page_painted: list[list[str]], rows, presenter: bool = False) -> list[str]:
    """Where the painted map and the table disagree, in words (empty when they agree)."""
    wanted = must_paint(rows)
    problems = []
    for (name, kind, _x, _y, covering), got in zip(probes(presenter), page_painted, strict=True):
        want = set().union(*(wanted.get(n, set()) for n in covering))
        if kind == "line":
            want = {w for w in want if w.endswith("(line)")}
        else:
            want = {w for w in want if not w.endswith("(line)")}
        if set(got) != want:
            problems.append(f"{name}: painted {sorted(got)}, the table says {sorted(want)}")
    return problems


def points(presenter: bool = False) -> list[list]:
    """The probes as [x, y, kind] for helpers.painted."""
    return [[x, y, "line" if kind == "line" else "area"] for _, kind, x, y, _ in probes(presenter)]
