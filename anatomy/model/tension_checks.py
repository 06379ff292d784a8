"""The loader's rules for the nerve-tension tables (joint ranges, nerve beds, crossings,
root pull): one rule per function, listed by :func:`anatomy.model.checks.all_rules`."""

from __future__ import annotations

from anatomy.errors import DataError
from anatomy.model.loaded import Loaded, choice_error_at, file_of, number, rows
from anatomy.model.tables import line_of
from anatomy.model.vocabulary import ANGLES, AXIS_SIDES, WEIGHTS


def _contributions(links):
    return links[links["relation"] == "contributes_to"]


def validate_joint_ranges(loaded: Loaded) -> None:
    """Each angle of the tension model has one range, in numbers, with neutral (0) inside it."""
    file, ranges = file_of("joint_ranges"), loaded["joint_ranges"]
    for line, row in rows(ranges):
        if row["angle"] not in ANGLES:
            raise DataError(file, line, "angle", f"{row['angle']!r} is not one of {list(ANGLES)}")
        low, high = number(row["minimum"]), number(row["maximum"])
        for column, value in (("minimum", low), ("maximum", high)):
            if value is None:
                raise DataError(file, line, column, f"{row[column]!r} is not a number of degrees")
        if not low <= 0 <= high or low == high:
            raise DataError(
                file, line, "maximum", f"the range {low:g}..{high:g} must contain neutral (0)"
            )
        if row["lengthened_side"] not in AXIS_SIDES:
            raise DataError(
                file,
                line,
                "lengthened_side",
                f"{row['lengthened_side']!r} is not one of {list(AXIS_SIDES)}",
            )
    missing = [a for a in ANGLES if a not in set(ranges["angle"])]
    if missing:
        raise DataError(file, None, "angle", f"no range for {missing}")


def validate_nerve_beds(loaded: Loaded) -> None:
    """Nerve beds belong to existing nerves and have a positive length."""
    file, kinds = file_of("nerve_beds"), loaded.kinds
    for line, row in rows(loaded["nerve_beds"]):
        if kinds.get(row["nerve"]) != "nerve":
            nerves = sorted(s for s, k in kinds.items() if k == "nerve")
            raise choice_error_at(file, line, "nerve", "nerve", row["nerve"], nerves)
        length = number(row["bed_mm"])
        if length is None or length <= 0:
            raise DataError(file, line, "bed_mm", f"{row['bed_mm']!r} is not a length in mm > 0")


def validate_nerve_crossings(loaded: Loaded) -> None:
    """Each crossing names a nerve with a bed, a joint with a range, a side, an arm and a glide;
    every nerve bed crosses at least one joint."""
    file = file_of("nerve_crossings")
    crossings, beds = loaded["nerve_crossings"], loaded["nerve_beds"]
    joints = list(loaded["joint_ranges"]["joint"])
    for line, row in rows(crossings):
        if row["nerve"] not in set(beds["nerve"]):
            raise choice_error_at(file, line, "nerve", "nerve bed", row["nerve"], beds["nerve"])
        if row["joint"] not in joints:
            raise choice_error_at(file, line, "joint", "joint", row["joint"], joints)
        if row["passes"] not in AXIS_SIDES:
            raise DataError(
                file, line, "passes", f"{row['passes']!r} is not one of {list(AXIS_SIDES)}"
            )
        arm = number(row["moment_arm_mm"])
        if arm is None or arm <= 0:
            raise DataError(
                file, line, "moment_arm_mm", f"{row['moment_arm_mm']!r} is not a distance in mm > 0"
            )
        glide = number(row["glide"])
        if glide is None or not 0 <= glide < 1:
            raise DataError(file, line, "glide", f"{row['glide']!r} is not a share from 0 to <1")
    crossing = set(crossings["nerve"])
    for index, nerve in beds["nerve"].items():
        if nerve not in crossing:
            raise DataError(
                file_of("nerve_beds"),
                line_of(beds, index),
                "nerve",
                f"{nerve!r} crosses no joint in {file}",
            )


def validate_root_pull(loaded: Loaded) -> None:
    """A root is pulled only by a nerve with a bed that it really joins (a contributes_to link)."""
    file, pull, kinds = file_of("root_pull"), loaded["root_pull"], loaded.kinds
    beds = set(loaded["nerve_beds"]["nerve"])
    contrib = _contributions(loaded["links"])
    joined = set(zip(contrib["source"], contrib["target"], strict=True))
    for line, row in rows(pull):
        if kinds.get(row["root"]) != "root":
            roots = [s for s, k in kinds.items() if k == "root"]
            raise choice_error_at(file, line, "root", "root", row["root"], roots)
        if row["nerve"] not in beds:
            raise choice_error_at(file, line, "nerve", "nerve bed", row["nerve"], beds)
        if row["share"] not in WEIGHTS:
            raise DataError(file, line, "share", f"{row['share']!r} is not one of {list(WEIGHTS)}")
        if (row["root"], row["nerve"]) not in joined:
            raise DataError(
                file,
                line,
                "nerve",
                f"{row['root']} does not join the {row['nerve']} nerve in links.csv "
                "(no contributes_to link), so that nerve cannot pull on it",
            )
