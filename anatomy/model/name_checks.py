"""The loader's rules that keep names and order unambiguous, and tables filled.

A lookup takes the first structure a name matches; a sort takes roots in the
order the table gives them. So two structures sharing an alias, a label or an
``order`` would not fail anywhere: they would quietly change which lesion
``localize`` ranks first, or which roots lie below a central disc. These rules,
listed by :func:`anatomy.model.checks.all_rules`, refuse such tables instead.
"""

from __future__ import annotations

from anatomy.errors import DataError
from anatomy.model.loaded import Loaded, file_of, rows
from anatomy.model.tables import name_key, split_cell
from anatomy.model.vocabulary import ORDERED_KINDS, SCHEMAS

# Why each table needs rows; a table not named here needs them too (an empty file is a
# truncated file), with the general reason.
WHY_ROWS = {
    "nerve_beds": "the tension model needs at least one nerve bed",
    "root_pull": "without them no neurodynamic test can ever turn positive",
    "look_alikes": "the self-check and localize name the classic look-alikes from it",
    "cases": "the explorer's case menu and the self-check draw on it",
}
# Tables that may hold no row at all.
MAY_BE_EMPTY: tuple[str, ...] = ()


def validate_not_empty(loaded: Loaded) -> None:
    """Every table has at least one data row (a header alone is refused)."""
    for name in SCHEMAS:
        if name in MAY_BE_EMPTY or len(loaded[name]):
            continue
        why = WHY_ROWS.get(name, "the model is incomplete without it")
        raise DataError(file_of(name), None, None, f"no data row, only the header: {why}")


def validate_structure_names(loaded: Loaded) -> None:
    """Each id, label and alias names one structure, however it is written (case, ``_``,
    ``-``, spaces): a shared name would make a lookup pick one of them silently."""
    file = file_of("structures")
    seen: dict[str, tuple[str, int]] = {}
    for line, row in rows(loaded["structures"]):
        for column, names in (
            ("id", [row["id"]]),
            ("label", [row["label"]]),
            ("aliases", split_cell(row["aliases"])),
        ):
            for name in names:
                key = name_key(name)
                if not key:
                    raise DataError(file, line, column, f"{name!r} is not a name")
                owner = seen.setdefault(key, (row["id"], line))
                if owner[0] != row["id"]:
                    raise DataError(
                        file,
                        line,
                        column,
                        f"{name!r} already names {owner[0]!r} (line {owner[1]}); "
                        "each id, label and alias must name one structure",
                    )


def validate_order(loaded: Loaded) -> None:
    """``order`` is a whole number, unique within its kind, given for every structure of a
    kind or for none, and always for the kinds ranked by it (vertebrae, discs, roots)."""
    file = file_of("structures")
    by_kind: dict[str, dict[int, int]] = {}
    first: dict[str, tuple[bool, int]] = {}
    for line, row in rows(loaded["structures"]):
        kind, cell = row["kind"], row["order"]
        has = cell != ""
        if not has and kind in ORDERED_KINDS:
            raise DataError(
                file, line, "order", f"a {kind} needs its order (a whole number, top to bottom)"
            )
        had, where = first.setdefault(kind, (has, line))
        if has != had:
            raise DataError(
                file,
                line,
                "order",
                f"give an order to every {kind} or to none (line {where} "
                f"{'has' if had else 'has none'})",
            )
        if not has:
            continue
        try:
            value = int(cell)
        except ValueError:
            raise DataError(file, line, "order", f"{cell!r} is not a whole number") from None
        seen = by_kind.setdefault(kind, {})
        if value in seen:
            raise DataError(
                file,
                line,
                "order",
                f"{kind} order {value} is already on line {seen[value]}: two {kind}s in one "
                "place would reorder them silently",
            )
        seen[value] = line


def validate_site_names(loaded: Loaded) -> None:
    """Each site name and alias names one site of its nerve, however it is written."""
    file = file_of("sites")
    seen: dict[tuple[str, str], tuple[str, int]] = {}
    for line, row in rows(loaded["sites"]):
        for column, names in (("site", [row["site"]]), ("aliases", split_cell(row["aliases"]))):
            for name in names:
                owner = seen.setdefault((row["nerve"], name_key(name)), (row["site"], line))
                if owner[0] != row["site"]:
                    raise DataError(
                        file,
                        line,
                        column,
                        f"{name!r} already names the {row['nerve']} site {owner[0]!r} "
                        f"(line {owner[1]})",
                    )
