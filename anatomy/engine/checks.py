"""Loader rules that need the engine: preset cases and look-alike pairs name real lesions.

They run after the tables' own rules (:mod:`anatomy.model.checks`), from
:func:`anatomy.atlas.load_model`; like those, each is one small function, listed by
:func:`all_rules` in the order they run.
"""

from __future__ import annotations

from collections.abc import Callable

from anatomy.engine.candidates import candidate
from anatomy.engine.inputs import parse_lesions
from anatomy.errors import DataError
from anatomy.model import Model
from anatomy.model.loaded import choice_error_at, file_of
from anatomy.model.tables import line_of, split_cell
from anatomy.model.vocabulary import EFFECT_KINDS


def validate_cases(model: Model) -> None:
    """Every preset case parses into lesions the model can compress."""
    file, cases = file_of("cases"), model.cases
    for index, spec in cases["lesions"].items():
        try:
            parse_lesions(model, spec)
        except ValueError as err:
            raise DataError(file, line_of(cases, index), "lesions", str(err)) from None


def validate_look_alikes(model: Model) -> None:
    """Look-alike pairs name two different lesions localize can propose, once each, and each
    telling finding is an effect a structure of the right kind can show."""
    file, table = file_of("look_alikes"), model.look_alikes
    seen: dict[frozenset, int] = {}
    for index, row in zip(table.index, table.to_dict("records"), strict=True):
        line = line_of(table, index)
        names = []
        for column in ("a", "b"):
            try:
                names.append(candidate(model, row[column]).name)
            except ValueError as err:
                raise DataError(file, line, column, str(err)) from None
        if names[0] == names[1]:
            raise DataError(file, line, "b", f"{row['b']!r} is the same lesion as a")
        pair = frozenset(names)
        if pair in seen:
            raise DataError(file, line, "b", f"this pair is already on line {seen[pair]}")
        seen[pair] = line
        for item in split_cell(row["distinguished_by"]):
            effect, _, structure = item.partition(":")
            if effect not in EFFECT_KINDS:
                raise choice_error_at(
                    file, line, "distinguished_by", "effect", effect, EFFECT_KINDS
                )
            if model.kind_or_none(structure) not in EFFECT_KINDS[effect]:
                valid = [s for s in model.structures["id"] if model.kind(s) in EFFECT_KINDS[effect]]
                raise choice_error_at(
                    file, line, "distinguished_by", f"structure for {effect}", structure, valid
                )


def validate_base_rates(model: Model) -> None:
    """A base rate names a root, a candidate lesion, or ``zone:<zone>``."""
    file, table = file_of("base_rates"), model.base_rates
    for index, name in table["lesion"].items():
        line = line_of(table, index)
        kind, sep, zone = name.partition(":")
        if sep and kind == "zone":
            if zone not in model.zone_names:
                raise choice_error_at(file, line, "lesion", "zone", zone, model.zone_names)
            continue
        try:
            candidate(model, name)
        except ValueError as err:
            raise DataError(file, line, "lesion", str(err)) from None


def all_rules() -> list[Callable[[Model], None]]:
    """The engine's loader rules, in the order they run."""
    return [validate_cases, validate_look_alikes, validate_base_rates]


def validate_model(model: Model) -> None:
    """Run every engine rule; the first broken one raises DataError."""
    for check in all_rules():
        check(model)
