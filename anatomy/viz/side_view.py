"""The body seen from the side, posed by the tension model's angles: a drawing, in mm.

Standing frame: the hip joint at the origin, y up, x to the front. The skeleton
gives the joints, the outline directions and the waypoints each nerve is drawn
through; :func:`place` turns the frame for lying on the back, sitting or lying
face down. Where a compressed nerve site is drawn comes from
``anatomy/data/geometry/side_view.csv`` (one anchor of the skeleton per site), so a
site added to ``sites.csv`` needs its anchor there.
"""

from __future__ import annotations

import math

from anatomy.errors import DataError
from anatomy.model import Model
from anatomy.model.tables import data_dir, line_of, read_table
from anatomy.viz import theme

SEGMENT = {"trunk": 540, "neck": 100, "head": 95, "thigh": 440, "leg": 430, "foot": 210}
ROOT_LEVEL = {"L2": 300, "L3": 265, "L4": 230, "L5": 195, "S1": 160, "S2": 130, "S3": 105}
SPINE_X = -70  # the spinal canal, behind the trunk's axis (body frame, mm)
TENSION_NERVES = ("sciatic", "tibial", "common_fibular", "femoral")
# Axis ranges (mm) for each position: the body fills the plot.
TENSION_RANGES = {
    "supine": ((-900, 1150), (-190, 1150)),
    "prone": ((-900, 1150), (-190, 1150)),
    "sitting": ((-640, 1150), (-560, 960)),
}
LABEL_SIDE = {  # which side of its limb each nerve's label goes
    "sciatic": "back_thigh",
    "tibial": "back_leg",
    "common_fibular": "front_leg",
    "femoral": "front_thigh",
}


def _direction(angle: float) -> tuple[float, float]:
    """A unit vector at ``angle`` degrees from straight down, turning towards the front."""
    a = math.radians(angle)
    return math.sin(a), -math.cos(a)


def _add(p, v, scale=1.0):
    return p[0] + v[0] * scale, p[1] + v[1] * scale


def _along(a, b, fraction):
    return a[0] + (b[0] - a[0]) * fraction, a[1] + (b[1] - a[1]) * fraction


def place(point, position: str) -> tuple[float, float]:
    """Body frame (standing: y up, x to the front) to the figure, for a position.

    Also turns direction vectors, as the map is linear.
    """
    x, y = point
    if position == "supine":  # head to the left, front facing up
        return -y, x
    if position == "prone":  # head to the left, front facing down
        return -y, -x
    return x, y  # sitting: upright


def tension_skeleton(angles: dict[str, float]) -> dict[str, tuple[float, float]]:
    """The joints, outline directions and nerve waypoints of the posed body (body frame, mm).

    Standing frame: the hip joint at the origin, y up, x to the front. Hip
    flexion turns the thigh forward, knee flexion turns the leg back,
    dorsiflexion turns the foot up, neck flexion turns the head forward.
    """
    h, k = angles["hip_flexion"], angles["knee_flexion"]
    d, n = angles["ankle_dorsiflexion"], angles["neck_flexion"]
    s = SEGMENT
    up_neck = (math.sin(math.radians(n)), math.cos(math.radians(n)))
    hip = (0.0, 0.0)
    neck = (-10.0, s["trunk"] + 10.0)
    head = _add(neck, up_neck, s["neck"] + s["head"] * 0.8)
    thigh, leg, foot = _direction(h), _direction(h - k), _direction(h - k + 90 + d)
    knee = _add(hip, thigh, s["thigh"])
    ankle = _add(knee, leg, s["leg"])
    toe = _add(ankle, foot, s["foot"])
    heel = _add(ankle, foot, -50)
    front_thigh, front_leg = _direction(h + 90), _direction(h - k + 90)
    back_thigh = (-front_thigh[0], -front_thigh[1])
    back_leg = (-front_leg[0], -front_leg[1])
    sole, top = _direction(h - k + d), _direction(h - k + 180 + d)
    behind_knee = _add(knee, _add(back_thigh, back_leg), 26)
    return {
        "hip": hip,
        "neck": neck,
        "head": head,
        "face": _add(head, (up_neck[1], -up_neck[0]), s["head"] * 1.05),
        "knee": knee,
        "ankle": ankle,
        "toe": toe,
        "heel": heel,
        "front_thigh": front_thigh,
        "back_thigh": back_thigh,
        "front_leg": front_leg,
        "back_leg": back_leg,
        "sole_side": sole,
        "top_side": top,
        "cord_top": _add(neck, up_neck, 40),
        "cord_bottom": (float(SPINE_X), 300.0),
        "notch": (-85.0, 75.0),
        "behind_hip": (-65.0, -10.0),
        "thigh_back_1": _add(_along(hip, knee, 0.3), back_thigh, 45),
        "thigh_back_2": _add(_along(hip, knee, 0.6), back_thigh, 42),
        "split": _add(_along(hip, knee, 0.86), back_thigh, 38),
        "behind_knee": behind_knee,
        "calf_1": _add(_along(knee, ankle, 0.35), back_leg, 36),
        "calf_2": _add(_along(knee, ankle, 0.75), back_leg, 26),
        "behind_ankle": _add(ankle, back_leg, 26),
        "sole": _add(_along(ankle, toe, 0.5), sole, 20),
        "outer_knee": _add(knee, back_leg, 34),
        "fibular_neck": _add(_along(knee, ankle, 0.13), front_leg, 4),
        "shin_1": _add(_along(knee, ankle, 0.35), front_leg, 26),
        "shin_2": _add(_along(knee, ankle, 0.8), front_leg, 22),
        "front_ankle": _add(ankle, front_leg, 26),
        "dorsum": _add(_along(ankle, toe, 0.5), top, 18),
        "psoas": (0.0, 170.0),
        "front_hip": (60.0, 10.0),
        "thigh_front_1": _add(_along(hip, knee, 0.3), front_thigh, 48),
        "thigh_front_2": _add(_along(hip, knee, 0.65), front_thigh, 45),
        "front_knee": _add(_along(hip, knee, 0.98), front_thigh, 48),
    }


NERVE_PATHS = {
    "cord": ("cord_top", "cord_bottom"),
    "sciatic": ("spine_L5", "notch", "behind_hip", "thigh_back_1", "thigh_back_2", "split"),
    "tibial": ("split", "behind_knee", "calf_1", "calf_2", "behind_ankle", "sole"),
    "common_fibular": (
        "split",
        "outer_knee",
        "fibular_neck",
        "shin_1",
        "shin_2",
        "front_ankle",
        "dorsum",
    ),
    "femoral": ("spine_L3", "psoas", "front_hip", "thigh_front_1", "thigh_front_2", "front_knee"),
}
NERVE_LABEL_AT = {
    "sciatic": "thigh_back_2",
    "tibial": "calf_2",
    "common_fibular": "shin_1",
    "femoral": "thigh_front_1",
}


def posed_points(angles: dict[str, float]) -> dict[str, tuple[float, float]]:
    points = tension_skeleton(angles)
    for root, level in ROOT_LEVEL.items():
        points[f"spine_{root}"] = (float(SPINE_X), float(level))
    return points


def polyline(points, closed: bool = False) -> str:
    head, *rest = points
    path = f"M{head[0]:.1f},{head[1]:.1f}" + "".join(f"L{x:.1f},{y:.1f}" for x, y in rest)
    return path + ("Z" if closed else "")


def _limb(a, b, wa: float, wb: float) -> list[tuple[float, float]]:
    """A tapered band from a to b, half-widths wa and wb (a limb's outline)."""
    length = math.hypot(b[0] - a[0], b[1] - a[1]) or 1.0
    nx, ny = -(b[1] - a[1]) / length, (b[0] - a[0]) / length
    return [
        (a[0] + nx * wa, a[1] + ny * wa),
        (b[0] + nx * wb, b[1] + ny * wb),
        (b[0] - nx * wb, b[1] - ny * wb),
        (a[0] - nx * wa, a[1] - ny * wa),
    ]


def _circle(centre, r: float, name: str, fill: str, line: str, width: float) -> dict:
    x, y = centre
    return {
        "type": "circle",
        "x0": x - r,
        "y0": y - r,
        "x1": x + r,
        "y1": y + r,
        "fillcolor": fill,
        "line": {"color": line, "width": width},
        "layer": "below",
        "name": name,
    }


def body_shapes(pts: dict, position: str) -> list[dict]:
    """The support, the trunk, neck, head, thigh, leg and foot as filled outlines."""

    def at(p):
        return place(p, position)

    trunk = [(-120, -70), (105, -70), (115, 300), (120, 470), (80, 550), (-90, 550), (-125, 400)]
    neck_band = _limb(pts["neck"], pts["head"], 45, 40)
    pieces = {
        "trunk": trunk,
        "neck": neck_band,
        "thigh": _limb(pts["hip"], pts["knee"], 80, 55),
        "leg": _limb(pts["knee"], pts["ankle"], 50, 32),
        "foot": [
            _add(pts["heel"], pts["sole_side"], 30),
            _add(pts["toe"], pts["sole_side"], 12),
            _add(pts["toe"], pts["top_side"], 10),
            _add(pts["ankle"], pts["top_side"], 36),
            _add(pts["heel"], pts["top_side"], 25),
        ],
    }
    shapes = [_support(position)]
    for name, outline in pieces.items():
        shapes.append(
            {
                "type": "path",
                "path": polyline([at(p) for p in outline], closed=True),
                "fillcolor": theme.BODY_FILL,
                "line": {"color": theme.BODY_LINE, "width": 1},
                "layer": "below",
                "name": name,
            }
        )
    shapes.append(_circle(at(pts["hip"]), 78, "hip", theme.BODY_FILL, theme.BODY_FILL, 0))
    shapes.append(_circle(at(pts["knee"]), 54, "knee", theme.BODY_FILL, theme.BODY_FILL, 0))
    shapes.append(_circle(at(pts["ankle"]), 33, "ankle", theme.BODY_FILL, theme.BODY_FILL, 0))
    shapes.append(
        _circle(at(pts["head"]), SEGMENT["head"], "head", theme.BODY_FILL, theme.BODY_LINE, 1)
    )
    shapes.append(
        {
            "type": "path",
            "path": polyline([at(pts["head"]), at(pts["face"])]),
            "line": {"color": theme.BODY_LINE, "width": 3},
            "layer": "below",
            "name": "face",
        }
    )
    return shapes


def _support(position: str) -> dict:
    """The table (lying) or the chair (sitting) as one shape."""
    if position == "sitting":
        path = "M-300,-85L330,-85L330,-125L-300,-125Z M-280,-125L-280,-480 M310,-125L310,-480"
    elif position == "supine":
        path = "M-900,-125L60,-125L60,-170L-900,-170Z"  # under the trunk; the leg is free
    else:
        path = "M-900,-125L60,-125L60,-170L-900,-170Z"
    return {
        "type": "path",
        "path": path,
        "fillcolor": theme.SUPPORT_FILL,
        "line": {"color": theme.SUPPORT_LINE, "width": 2},
        "layer": "below",
        "name": "support",
    }


SIDE_VIEW_COLUMNS = [("nerve", True), ("site", True), ("anchor", True)]


def read_site_anchors(model: Model, path=None) -> dict[tuple[str, str], str]:
    """(nerve, site) -> the skeleton point a compressed site is drawn at; checked.

    Every site of a nerve the tension model stretches needs one (DataError otherwise).
    """
    path = path if path is not None else data_dir() / "geometry" / "side_view.csv"
    table = read_table(path, SIDE_VIEW_COLUMNS)
    known = set(
        posed_points(
            dict.fromkeys(
                ("hip_flexion", "knee_flexion", "ankle_dorsiflexion", "neck_flexion"), 0.0
            )
        )
    )
    sites = set(zip(model.sites["nerve"], model.sites["site"], strict=True))
    anchors = {}
    for index, row in zip(table.index, table.to_dict("records"), strict=True):
        line = line_of(table, index)
        if (row["nerve"], row["site"]) not in sites:
            raise DataError(path.name, line, "site", f"{row['nerve']} has no site {row['site']!r}")
        if row["anchor"] not in known:
            raise DataError(path.name, line, "anchor", f"{row['anchor']!r} is not a skeleton point")
        if (row["nerve"], row["site"]) in anchors:
            raise DataError(path.name, line, "site", f"{row['nerve']} at {row['site']} twice")
        anchors[(row["nerve"], row["site"])] = row["anchor"]
    beds = set(model.nerve_beds["nerve"])
    for nerve, site in sorted(sites):
        if nerve in beds and (nerve, site) not in anchors:
            raise DataError(path.name, None, "site", f"no anchor for {nerve} at {site}")
    return anchors


def site_anchors(model: Model) -> dict[tuple[str, str], str]:
    """The shipped anchors, read once per model."""
    return model.derived(read_site_anchors)
