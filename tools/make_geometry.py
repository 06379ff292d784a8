"""Draw the schematic body map and write it to ``anatomy/data/geometry/body_map.csv``.

The drawing is ours: a leg is described in *leg coordinates* (``y`` height from
the sole, 0 at the ankle's lowest point; ``u`` across the leg from its medial,
0, to its lateral, 1, edge), so a region is simply a band of the leg
(``y0..y1`` by ``u0..u1``) and the regions tile the silhouette without gaps.
The same description is mirrored for the two legs and placed in five panels:

    spine (seen from behind) | skin front | skin back | muscles front | muscles back

In a front view the patient's right leg is on the viewer's left; in a back view
the patient's left leg is. Every shape names the structure id it draws, so the
figure module can colour it from the findings.

Where a compression is starred is drawn here too: a ``site`` row for each nerve
site and for each disc level in each zone of ``zones.csv`` (the zone's offset from
the midline is a drawing choice, :data:`ZONE_OFFSET`), and ``label`` rows for the
L and R under each leg.

Run ``.venv/bin/python tools/make_geometry.py`` after changing the drawing; the
CSV is what the package reads (``anatomy.viz.geometry`` validates it on load).
"""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "anatomy" / "data" / "geometry" / "body_map.csv"
ZONES = ROOT / "anatomy" / "data" / "zones.csv"
# How far from the disc's middle (figure units) a herniation in each zone is starred.
ZONE_OFFSET = {"central": 0, "paracentral": 9, "foraminal": 22, "extraforaminal": 32}
LABEL_Y = -54  # the L and R under each leg
LABEL_SPREAD = 28  # from a leg panel's midline to the middle of each leg

# Panel centres (x) in figure units; the body's midline sits at each centre.
PANELS = {
    "spine": 60,
    "skin_front": 205,
    "skin_back": 345,
    "muscle_front": 485,
    "muscle_back": 625,
}

# Distance from the body midline of the medial and lateral edges of a leg, by height.
# Above the crotch (y > 205) the medial edge is the midline itself.
MEDIAL = [
    (-40, 15),
    (-30, 9),
    (-10, 7),
    (5, 9),
    (15, 14),
    (22, 18),
    (25, 19),
    (40, 17),
    (60, 14),
    (85, 13),
    (110, 15),
    (125, 16),
    (140, 14),
    (170, 9),
    (200, 3),
    (205, 0),
    (310, 0),
]
LATERAL = [
    (-40, 33),
    (-30, 40),
    (-10, 44),
    (5, 42),
    (15, 35),
    (22, 31),
    (25, 30),
    (40, 31),
    (60, 36),
    (85, 39),
    (105, 38),
    (118, 37),
    (140, 41),
    (180, 47),
    (220, 52),
    (245, 56),
    (262, 54),
    (282, 48),
    (300, 47),
    (310, 47),
]


# The foot, seen from above (front panels) or from below (back panels), hanging below the
# ankle: (distance from midline, height) of the left foot; the big toe is medial.
FOOT_MEDIAL = [
    (19, 25),
    (16, 12),
    (13, -2),
    (12.5, -14),
    (12.2, -24),
    (13, -34),
    (15.5, -39),
    (19, -39.5),
    (21.5, -34),
    (22.5, -26),
    (24.5, -31),
    (26, -35),
    (29, -34),
    (33, -31),
    (36, -28.5),
    (39, -26.5),
]
FOOT_LATERAL = [(30, 25), (33, 12), (36.5, 0), (40, -10), (41, -20), (39, -26.5)]
FOOT_PARTS = {
    "dorsum": [
        (19, 25),
        (30, 25),
        (31.6, 18),
        (34.6, 6),
        (37.5, -14),
        (26, -14),
        (22, -14),
        (12.5, -14),
        (13, -2),
        (16, 12),
    ],
    "lateral": [
        (30, 25),
        (33, 12),
        (36.5, 0),
        (40, -10),
        (41, -20),
        (39, -26.5),
        (36, -28.5),
        (37.5, -14),
        (34.6, 6),
        (31.6, 18),
    ],
    "big_toe": [
        (12.5, -14),
        (22, -14),
        (22.5, -26),
        (21.5, -34),
        (19, -39.5),
        (15.5, -39),
        (13, -34),
        (12.2, -24),
    ],
    "web": [(22, -14), (26, -14), (25.5, -22), (24.5, -26), (22.5, -26)],
    "toes": [
        (26, -14),
        (37.5, -14),
        (36, -28.5),
        (33, -31),
        (29, -34),
        (26, -35),
        (24.5, -31),
        (24.5, -26),
        (25.5, -22),
    ],
    "heel": [(19, 25), (30, 25), (31.6, 18), (33.2, 10), (16.6, 10), (16, 12)],
    "sole": [(16.6, 10), (33.2, 10), (34.6, 6), (37.5, -14), (12.5, -14), (13, -2)],
    "abductor_hallucis": [(14, 8), (18, 8), (18.5, -12), (13.5, -12), (13.3, -2)],
    "plantar_intrinsics": [(20, 4), (33, 4), (35, -11), (20, -11)],
}


def _edge(points, y):
    ys, xs = zip(*points, strict=True)
    return float(np.interp(y, ys, xs))


def leg_point(y: float, u: float) -> tuple[float, float]:
    """(distance from midline, height) of a point in leg coordinates."""
    m, lat = _edge(MEDIAL, y), _edge(LATERAL, y)
    return m + u * (lat - m), y


def band(y0, y1, u0, u1, steps=10):
    """The outline of a band of the leg, following its curved edges."""
    ys = np.linspace(y0, y1, steps)
    left = [leg_point(y, u0) for y in ys]
    right = [leg_point(y, u1) for y in ys[::-1]]
    return left + right


def polyline(points):
    """A nerve's course through (y, u) points, densified along the leg's curves."""
    out = []
    for (y0, u0), (y1, u1) in itertools.pairwise(points):
        for t in np.linspace(0, 1, 6)[:-1]:
            out.append(leg_point(y0 + t * (y1 - y0), u0 + t * (u1 - u0)))
    out.append(leg_point(*points[-1]))
    return out


# --- the drawing, for one leg --------------------------------------------------------------
# view: (structure, y0, y1, u0, u1) bands; several bands may draw one structure.

SKIN_FRONT = [
    ("groin", 215, 250, 0.0, 0.75),
    ("anterior_thigh", 130, 215, 0.25, 0.75),
    ("medial_thigh", 135, 215, 0.0, 0.25),
    ("lateral_thigh", 130, 250, 0.75, 1.0),
    ("anterior_knee", 105, 130, 0.3, 0.75),
    ("medial_knee", 100, 135, 0.0, 0.3),
    ("lateral_leg", 25, 105, 0.5, 1.0),
    ("medial_leg", 25, 100, 0.0, 0.5),
]
SKIN_BACK = [
    ("lower_back", 262, 300, 0.0, 1.0),
    ("buttock", 205, 262, 0.15, 1.0),
    ("saddle", 205, 240, 0.0, 0.15),
    ("buttock", 240, 262, 0.0, 0.15),
    ("posterior_thigh", 135, 205, 0.2, 0.8),
    ("medial_thigh", 135, 205, 0.0, 0.2),
    ("lateral_thigh", 135, 205, 0.8, 1.0),
    ("popliteal_fossa", 105, 135, 0.2, 0.8),
    ("calf", 25, 105, 0.15, 0.75),
    ("lateral_leg", 25, 105, 0.75, 1.0),
    ("medial_leg", 25, 105, 0.0, 0.15),
]
# The foot's regions: (structure, part of FOOT_PARTS).
FOOT_FRONT = [
    ("dorsum_of_foot", "dorsum"),
    ("lateral_foot", "lateral"),
    ("big_toe", "big_toe"),
    ("first_web_space", "web"),
    ("dorsum_of_foot", "toes"),
]
FOOT_BACK = [
    ("heel", "heel"),
    ("sole", "sole"),
    ("lateral_foot", "lateral"),
    ("big_toe", "big_toe"),
    ("sole", "web"),
    ("sole", "toes"),
]
FOOT_MUSCLES = [
    ("abductor_hallucis", "abductor_hallucis"),
    ("plantar_intrinsics", "plantar_intrinsics"),
]
MUSCLE_FRONT = [
    ("iliopsoas", 218, 242, 0.3, 0.58),
    ("quadriceps", 125, 212, 0.3, 0.92),
    ("adductors", 160, 212, 0.05, 0.27),
    ("tibialis_anterior", 62, 104, 0.4, 0.6),
    ("extensor_hallucis_longus", 28, 60, 0.4, 0.6),
    ("extensor_digitorum_longus", 30, 100, 0.62, 0.76),
    ("fibularis_longus_brevis", 45, 104, 0.79, 0.97),
]
MUSCLE_BACK = [
    ("gluteus_medius", 264, 288, 0.35, 0.95),
    ("piriformis", 249, 259, 0.15, 0.8),
    ("gluteus_maximus", 206, 246, 0.1, 0.97),
    ("medial_hamstrings", 125, 200, 0.08, 0.42),
    ("biceps_femoris_long_head", 152, 200, 0.5, 0.9),
    ("biceps_femoris_short_head", 122, 149, 0.55, 0.9),
    ("gastrocnemius_soleus", 48, 112, 0.15, 0.85),
    ("tibialis_posterior", 27, 45, 0.12, 0.42),
]
NERVES_FRONT = {
    "femoral": [(252, 0.5), (232, 0.47), (214, 0.45)],
    "obturator": [(234, 0.12), (214, 0.12), (175, 0.1)],
    "lateral_femoral_cutaneous": [(254, 0.86), (232, 0.88), (165, 0.88)],
    "saphenous": [(214, 0.42), (170, 0.22), (125, 0.12), (70, 0.2), (28, 0.22), (10, 0.2)],
    "common_fibular": [(122, 1.0), (110, 0.9)],
    "deep_fibular": [(110, 0.9), (95, 0.66), (45, 0.55), (10, 0.42), (-14, 0.4)],
    "superficial_fibular": [(110, 0.9), (70, 0.84), (30, 0.72), (5, 0.66), (-16, 0.7)],
}
NERVES_BACK = {
    "superior_gluteal": [(283, 0.2), (276, 0.6)],
    "inferior_gluteal": [(256, 0.12), (236, 0.45)],
    "sciatic": [(262, 0.28), (240, 0.45), (200, 0.5), (140, 0.5)],
    "posterior_femoral_cutaneous": [(256, 0.32), (205, 0.34), (135, 0.32)],
    "tibial": [(140, 0.5), (110, 0.5), (60, 0.45), (28, 0.3), (12, 0.35)],
    "common_fibular": [(140, 0.54), (120, 0.93)],
    "lateral_sural_cutaneous": [(120, 0.9), (85, 0.96)],
    "sural": [(114, 0.5), (70, 0.7), (30, 0.86), (5, 0.93), (-18, 0.93)],
    "medial_plantar": [(12, 0.35), (-6, 0.25), (-22, 0.22)],
    "lateral_plantar": [(12, 0.4), (-6, 0.62), (-20, 0.8)],
}
# Reflexes: (reflex, panel, y, u); compression sites: (nerve, site, panel, y, u).
REFLEXES = [
    ("patellar_reflex", "muscle_front", 116, 0.55),
    ("medial_hamstring_reflex", "muscle_back", 122, 0.2),
    ("achilles_reflex", "muscle_back", 30, 0.55),
]
SITES = [
    ("sciatic", "piriformis", "muscle_back", 254, 0.36),
    ("femoral", "pelvis", "muscle_front", 268, 0.42),
    ("femoral", "inguinal_ligament", "muscle_front", 246, 0.5),
    ("lateral_femoral_cutaneous", "inguinal_ligament", "muscle_front", 248, 0.87),
    ("obturator", "obturator_canal", "muscle_front", 228, 0.12),
    ("tibial", "popliteal_fossa", "muscle_back", 120, 0.5),
    ("tibial", "tarsal_tunnel", "muscle_back", 18, 0.33),
    ("common_fibular", "fibular_head", "muscle_front", 114, 0.95),
]

# --- the spine panel (posterior view), in panel units around its centre -------------------

VERTEBRAE = ["T12", "L1", "L2", "L3", "L4", "L5"]
V_HEIGHT, D_HEIGHT, TOP = 16, 5, 298


def spine_levels():
    """y ranges of each vertebra and disc, top down; sacrum below L5-S1."""
    levels, y = {}, TOP
    for i, v in enumerate(VERTEBRAE):
        levels[f"vertebra_{v}"] = (y - V_HEIGHT, y)
        y -= V_HEIGHT
        below = VERTEBRAE[i + 1] if i + 1 < len(VERTEBRAE) else "S1"
        levels[f"{v}-{below}"] = (y - D_HEIGHT, y)
        y -= D_HEIGHT
    levels["sacrum"] = (y - 62, y)
    return levels


def spine_shapes():
    """Vertebrae, discs, canal and plexus outlines; roots as lines, both sides."""
    rows = []
    lv = spine_levels()
    for sid, (y0, y1) in lv.items():
        if sid == "sacrum":
            pts = [(-22, y1), (22, y1), (8, y0), (-8, y0)]
            rows.append((sid, "mid", "vertebra", pts, True))
        elif sid.startswith("vertebra_"):
            pts = [(-17, y0), (17, y0), (17, y1), (-17, y1)]
            rows.append((sid, "mid", "vertebra", pts, True))
        else:
            pts = [
                (-20, y0),
                (20, y0),
                (21, (y0 + y1) / 2),
                (20, y1),
                (-20, y1),
                (-21, (y0 + y1) / 2),
            ]
            rows.append((sid, "mid", "disc", pts, True))
    rows.append(("", "mid", "canal", [(-6, 304), (6, 304), (6, 150), (-6, 150)], True))
    disc_mid = {k: (v[0] + v[1]) / 2 for k, v in lv.items() if "-" in k}
    sac_top = lv["sacrum"][1]
    for sign, side in ((-1, "left"), (1, "right")):
        # The patient's left is the viewer's left in a view from behind.
        rows.append(("lumbar_plexus", side, "plexus", _ellipse(sign * 44, 228, 9, 24), True))
        rows.append(("sacral_plexus", side, "plexus", _ellipse(sign * 40, 150, 9, 16), True))
        roots = ["T12", "L1", "L2", "L3", "L4", "L5"]
        for i, root in enumerate(roots):
            exit_disc = f"{root}-{roots[i + 1] if i + 1 < len(roots) else 'S1'}"
            y_exit = disc_mid[exit_disc] + 6
            above = f"{VERTEBRAE[i - 1]}-{root}" if i > 0 else None
            y_start = disc_mid[above] + 8 if above else 306
            target = (sign * 38, 228) if root != "L5" else (sign * 34, 158)
            pts = [
                (sign * 6, y_start),
                (sign * 10, y_exit + 4),
                (sign * 24, y_exit),
                ((sign * 24 + target[0]) / 2, (y_exit + target[1]) / 2 + 3),
                target,
            ]
            rows.append((root, side, "root", pts, False))
        for k, root in enumerate(["S1", "S2", "S3", "S4"]):
            y_f = sac_top - 12 - 14 * k
            y_start = disc_mid["L4-L5"] - 2 if root == "S1" else sac_top + 2
            pts = [
                (sign * 6, y_start),
                (sign * 8, y_f + 6),
                (sign * 12, y_f),
                (sign * 24, y_f - 4),
                (sign * 32, 152),
            ]
            rows.append((root, side, "root", pts, False))
    return rows, lv


SPINE_SCALE = (1.3, 1.42)  # the spine is drawn larger than the body, to be legible


def spine_point(cx, x, y):
    """Spine coordinates -> figure coordinates: scaled about the top of the panel."""
    sx, sy = SPINE_SCALE
    return round(cx + sx * x, 2), round(310 - sy * (310 - y), 2)


def _ellipse(cx, cy, rx, ry, n=16):
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    return list(zip(cx + rx * np.cos(t), cy + ry * np.sin(t), strict=True))


def silhouette():
    """The outline of the lower trunk, one leg and its foot, in leg coordinates."""
    ys = np.linspace(25, 310, 48)
    medial = [leg_point(y, 0) for y in ys[::-1]]
    lateral = [leg_point(y, 1) for y in ys]
    return medial + FOOT_MEDIAL[1:] + FOOT_LATERAL[::-1][1:-1] + lateral


def place(points, panel, side):
    """Leg coordinates -> figure coordinates for one panel and leg."""
    front = panel in ("skin_front", "muscle_front")
    # Front view: the patient's left leg is on the viewer's right.
    sign = (1 if side == "left" else -1) * (1 if front else -1)
    cx = PANELS[panel]
    return [(round(cx + sign * x, 2), round(y, 2)) for x, y in points]


def rows():
    out = []
    shape = 0

    def add(structure, panel, side, layer, pts, closed, site=""):
        nonlocal shape
        shape += 1
        path = " ".join(f"{x:g},{y:g}" for x, y in pts)
        out.append([f"s{shape:03d}", structure, panel, side, layer, int(closed), site, path])

    for panel in ("skin_front", "skin_back", "muscle_front", "muscle_back"):
        for side in ("left", "right"):
            add("", panel, side, "outline", place(silhouette(), panel, side), True)
    spine, _ = spine_shapes()
    cx = PANELS["spine"]
    for structure, side, layer, pts, closed in spine:
        add(
            structure,
            "spine",
            side,
            layer,
            [spine_point(cx, x, y) for x, y in pts],
            closed,
        )
    for panel, bands, layer in (
        ("skin_front", SKIN_FRONT, "region"),
        ("skin_back", SKIN_BACK, "region"),
        ("muscle_front", MUSCLE_FRONT, "muscle"),
        ("muscle_back", MUSCLE_BACK, "muscle"),
    ):
        for side in ("left", "right"):
            for structure, y0, y1, u0, u1 in bands:
                add(structure, panel, side, layer, place(band(y0, y1, u0, u1), panel, side), True)
    for panel, parts, layer in (
        ("skin_front", FOOT_FRONT, "region"),
        ("skin_back", FOOT_BACK, "region"),
        ("muscle_back", FOOT_MUSCLES, "muscle"),
    ):
        for side in ("left", "right"):
            for structure, part in parts:
                add(structure, panel, side, layer, place(FOOT_PARTS[part], panel, side), True)
    for panel, nerves in (("muscle_front", NERVES_FRONT), ("muscle_back", NERVES_BACK)):
        for side in ("left", "right"):
            for structure, course in nerves.items():
                add(structure, panel, side, "nerve", place(polyline(course), panel, side), False)
    for side in ("left", "right"):
        for reflex, panel, y, u in REFLEXES:
            add(reflex, panel, side, "reflex", place([leg_point(y, u)], panel, side), False)
        for nerve, site, panel, y, u in SITES:
            add(nerve, panel, side, "site", place([leg_point(y, u)], panel, side), False, site)
    discs = {r[1]: r[7] for r in out if r[4] == "disc"}
    for side, sign in (("left", -1), ("right", 1)):  # seen from behind: left is left
        for disc, path in discs.items():
            pts = [tuple(float(v) for v in pair.split(",")) for pair in path.split()]
            cx = sum(p[0] for p in pts) / len(pts)
            cy = sum(p[1] for p in pts) / len(pts)
            for zone in zone_names():
                point = (round(cx + sign * ZONE_OFFSET[zone], 2), round(cy, 2))
                add(disc, "spine", side, "site", [point], False, zone)
    # The L and R under each leg; a front view shows the patient's right on the left.
    for side, x in (("left", 40), ("right", 80)):
        add("", "spine", side, "label", [(x, LABEL_Y)], False)
    for panel in ("skin_front", "skin_back", "muscle_front", "muscle_back"):
        front = panel.endswith("front")
        for side in ("right", "left") if front else ("left", "right"):  # left to right on screen
            sign = (1 if side == "left" else -1) * (1 if front else -1)
            add("", panel, side, "label", [(PANELS[panel] + sign * LABEL_SPREAD, LABEL_Y)], False)
    return out


def zone_names() -> list[str]:
    """The zones of ``zones.csv``; each needs an offset in ZONE_OFFSET."""
    with ZONES.open(newline="", encoding="utf-8-sig") as handle:
        names = [row["zone"] for row in csv.DictReader(handle)]
    missing = [z for z in names if z not in ZONE_OFFSET]
    if missing:
        raise SystemExit(f"give each zone its offset in ZONE_OFFSET: {missing}")
    return names


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["shape", "structure", "panel", "side", "layer", "closed", "site", "path"])
        writer.writerows(rows())
    print(f"wrote {OUT} ({len(rows())} shapes)")


if __name__ == "__main__":
    main()
