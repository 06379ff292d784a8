"""Errors raised by the anatomy package."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class DataError(ValueError):
    """A data table is malformed: names the file, the line and the column.

    ``line`` is the line number in the CSV file as a text editor shows it
    (the header is line 1, the first data row line 2); ``None`` for a problem
    with the whole file, such as a missing column.
    """

    def __init__(self, file: str, line: int | None, column: str | None, message: str):
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        where = file
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column '{column}'"
        super().__init__(f"{where}: {message}")


def choice_error(what: str, value: object, choices: Iterable[str]) -> ValueError:
    """A ValueError naming a bad value, the closest valid names and all valid ones."""
    choices = list(choices)
    message = f"unknown {what} {value!r}"
    close = difflib.get_close_matches(str(value), choices, n=3, cutoff=0.5)
    if close:
        message += f" (did you mean {', '.join(close)}?)"
    message += f"; valid: {', '.join(choices)}"
    return ValueError(message)
