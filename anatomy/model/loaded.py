"""What the loader's rules read: the tables as loaded, and small helpers they share."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from anatomy.errors import DataError, choice_error
from anatomy.model.tables import line_of
from anatomy.model.vocabulary import SCHEMAS


@dataclass
class Loaded:
    """The tables as read, the source texts, and the structure kinds once known."""

    tables: dict[str, pd.DataFrame]
    raw_texts: dict[str, bytes]  # source id -> the shipped file's bytes
    texts: dict[str, str] = field(default_factory=dict)  # filled by validate_source_texts

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    @property
    def kinds(self) -> dict[str, str]:
        s = self.tables["structures"]
        return dict(zip(s["id"], s["kind"], strict=True))


def file_of(name: str) -> str:
    """The file name of a table."""
    return SCHEMAS[name][0]


def choice_error_at(file, line, column, what, value, choices) -> DataError:
    """A DataError for a value that is not among the valid ids."""
    return DataError(file, line, column, str(choice_error(what, value, sorted(choices))))


def number(value: str) -> float | None:
    """A finite number, or None."""
    try:
        number = float(value)
    except ValueError:
        return None
    return number if number == number and abs(number) != float("inf") else None


def is_position(value: str) -> bool:
    """A position along a nerve: a number from 0 (proximal) to 100 (distal)."""
    found = number(value)
    return found is not None and 0 <= found <= 100


def rows(table: pd.DataFrame):
    """(line, row) for each data row."""
    for index, row in zip(table.index, table.to_dict("records"), strict=True):
        yield line_of(table, index), row
