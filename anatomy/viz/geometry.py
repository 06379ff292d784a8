"""The body map's drawing: ``anatomy/data/geometry/body_map.csv``, read and checked.

The drawing is ours (made by ``tools/make_geometry.py``): one row per shape,
naming the structure it draws, its panel, side and layer, and its points. Where
a compression is marked is drawing too: a ``site`` row for each nerve site (the
nerve and its site) and for each disc level in each zone of ``zones.csv`` (the
disc and the zone), on each side; ``label`` rows say where the L and R under
each leg go. The drawing code reads all of them from here, so a zone or a site
added to the tables needs its marker drawn, and a missing one is reported when
the drawing is loaded, naming what is missing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from anatomy.errors import DataError
from anatomy.model import Model
from anatomy.model.tables import geometry_file, line_of, not_drawn_file, read_table

PANELS = ("spine", "skin_front", "skin_back", "muscle_front", "muscle_back")
LAYERS = (
    "outline",
    "vertebra",
    "disc",
    "canal",
    "plexus",
    "region",
    "muscle",
    "nerve",
    "root",
    "reflex",
    "site",
    "label",
)
DYNAMIC = ("region", "muscle", "nerve", "root", "disc")  # layers the findings can light
COLUMNS = [
    ("shape", True),
    ("structure", False),
    ("panel", True),
    ("side", True),
    ("layer", True),
    ("closed", True),
    ("site", False),
    ("path", True),
]
X_RANGE, Y_RANGE = (-8, 702), (-62, 350)
# Where on each leg a structure can be drawn: findings on the left or right leg.
LEG_SIDES = ("left", "right")
# The fewest points a shape needs: an area 3, a line 2; a marker or label is one point.
ONE_POINT = ("site", "label")
NOT_DRAWN_COLUMNS = [("structure", True), ("reason", True)]


def _points(path: str) -> list[tuple[float, float]]:
    pts = []
    for pair in path.split():
        xy = pair.split(",")
        if len(xy) != 2:
            raise ValueError(pair)
        x, y = float(xy[0]), float(xy[1])
        if not (math.isfinite(x) and math.isfinite(y)):
            raise ValueError(pair)
        pts.append((x, y))
    if not pts:
        raise ValueError(path)
    return pts


@dataclass(frozen=True, eq=False)
class Geometry:
    """The checked drawing: its rows (with ``points``) and what they mark."""

    table: pd.DataFrame

    @cached_property
    def rows(self) -> list[dict]:
        return self.table.to_dict("records")

    def markers(self, structure: str, site: str, sides) -> list[tuple[float, float]]:
        """Where a compression of ``structure`` at ``site`` is starred, on these sides."""
        return [
            r["points"][0]
            for r in self.rows
            if r["layer"] == "site"
            and r["structure"] == structure
            and r["site"] == site
            and r["side"] in sides
        ]

    def side_labels(self) -> list[tuple[float, float, str]]:
        """(x, y, 'L' or 'R') under each leg of each panel."""
        return [
            (*(_plain(v) for v in r["points"][0]), "L" if r["side"] == "left" else "R")
            for r in self.rows
            if r["layer"] == "label"
        ]


def _plain(value: float) -> float | int:
    """A whole number as an int (as the drawing wrote it), other numbers as they are."""
    return int(value) if float(value).is_integer() else value


def _check_point_count(name: str, line: int, row: dict, count: int) -> None:
    if row["layer"] in ONE_POINT:
        need, ok = "exactly one point", count == 1
    elif row["closed"] == "1":
        need, ok = "at least 3 points (a closed area)", count >= 3
    elif row["layer"] in ("nerve", "root"):
        need, ok = "at least 2 points (a line)", count >= 2
    else:
        return
    if not ok:
        raise DataError(name, line, "path", f"a {row['layer']} shape needs {need}, not {count}")


def read_geometry(model: Model, path=None, not_drawn=None) -> Geometry:
    """Read and check the drawing against the model; DataError naming file, line and column.

    ``not_drawn`` is the table of structures left out on purpose (default: the
    shipped ``geometry/not_drawn.csv``)."""
    path = path if path is not None else geometry_file()
    table = read_table(path, COLUMNS)
    name = path.name
    ids = set(model.structures["id"])
    points = []
    for index, row in zip(table.index, table.to_dict("records"), strict=True):
        line = line_of(table, index)
        for column, valid in (
            ("panel", PANELS),
            ("layer", LAYERS),
            ("side", ("left", "right", "mid")),
            ("closed", ("0", "1")),
        ):
            if row[column] not in valid:
                raise DataError(name, line, column, f"{row[column]!r} is not one of {list(valid)}")
        if row["structure"] and row["structure"] not in ids:
            raise DataError(name, line, "structure", f"unknown structure {row['structure']!r}")
        if row["layer"] in (*DYNAMIC, "reflex", "site") and not row["structure"]:
            raise DataError(name, line, "structure", f"a {row['layer']} shape needs its structure")
        try:
            points.append(_points(row["path"]))
        except ValueError:
            raise DataError(name, line, "path", "points must read 'x,y x,y ...' (finite)") from None
        _check_point_count(name, line, row, len(points[-1]))
    dup = table.index[table.duplicated("shape")]
    if len(dup):
        raise DataError(
            name, line_of(table, dup[0]), "shape", f"duplicate {table.loc[dup[0], 'shape']!r}"
        )
    table = table.assign(points=points)
    _check_markers(model, table, name)
    _check_drawn(model, table, name, not_drawn if not_drawn is not None else not_drawn_file())
    return Geometry(table)


def read_not_drawn(model: Model, path=None) -> dict[str, str]:
    """The structures the map leaves out on purpose, with the reason
    (``geometry/not_drawn.csv``; checked as :func:`read_geometry` reads the map)."""
    path = path if path is not None else not_drawn_file()
    table = read_table(path, NOT_DRAWN_COLUMNS)
    ids = set(model.structures["id"])
    out = {}
    for index, row in zip(table.index, table.to_dict("records"), strict=True):
        if row["structure"] not in ids:
            raise DataError(
                path.name, line_of(table, index), "structure", f"unknown {row['structure']!r}"
            )
        out[row["structure"]] = row["reason"]
    return out


def _check_drawn(model: Model, table: pd.DataFrame, name: str, not_drawn_path) -> None:
    """Every structure is drawn (on both legs, if on a leg) or listed as not drawn, once."""
    shapes = table[~table["layer"].isin(ONE_POINT) & (table["structure"] != "")]
    drawn = set(shapes["structure"])
    for structure, rows in shapes.groupby("structure", sort=False):
        legs = set(rows["side"]) & set(LEG_SIDES)
        if legs and legs != set(LEG_SIDES):
            first = line_of(table, rows.index[0])
            missing = next(s for s in LEG_SIDES if s not in legs)
            raise DataError(
                name,
                first,
                "side",
                f"{structure!r} is drawn on the {legs.pop()} leg only: a finding on the "
                f"{missing} would not show; draw it there too",
            )
    listed = read_table(not_drawn_path, NOT_DRAWN_COLUMNS)
    skipped: dict[str, int] = {}
    ids = list(model.structures["id"])
    for index, structure in listed["structure"].items():
        line = line_of(listed, index)
        where = not_drawn_path.name
        if structure not in ids:
            raise DataError(where, line, "structure", f"unknown structure {structure!r}")
        if structure in drawn:
            raise DataError(where, line, "structure", f"{structure!r} is drawn in {name}")
        if structure in skipped:
            raise DataError(
                where, line, "structure", f"{structure!r} is already on line {skipped[structure]}"
            )
        skipped[structure] = line
    for structure in ids:
        if structure not in drawn and structure not in skipped:
            raise DataError(
                name,
                None,
                "structure",
                f"{model.kind(structure)} {structure!r} has no shape: draw it "
                f"(tools/make_geometry.py) or list it in {not_drawn_path.name} with the reason",
            )


def _check_markers(model: Model, table: pd.DataFrame, name: str) -> None:
    """Every nerve site and every disc level in every zone has its marker on both legs."""
    sites = table[table["layer"] == "site"]
    have = set(zip(sites["structure"], sites["site"], sites["side"], strict=True))
    wanted = [(n, s) for n, s in zip(model.sites["nerve"], model.sites["site"], strict=True)]
    wanted += [(level, zone) for level in model.disc_levels for zone in model.zone_names]
    for structure, site in wanted:
        for side in LEG_SIDES:
            if (structure, site, side) not in have:
                raise DataError(
                    name,
                    None,
                    "site",
                    f"no marker for {structure} at {site} on the {side}: draw it "
                    "(tools/make_geometry.py) so a compression there can be shown",
                )


def geometry(model: Model) -> Geometry:
    """The shipped drawing, checked against a model (read once per model)."""
    return model.derived(read_geometry)
