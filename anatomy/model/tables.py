"""Reading the tidy tables: where they are, their shape, and how a cell is split.

Every file the package reads lives inside it (``anatomy/data``) and is found with
:mod:`importlib.resources`, so a wheel or a plain ``pip install .`` works as well as
an editable checkout. A table is read as text (no type guessing); the checks in
:mod:`anatomy.model.checks` turn doubtful cells into clear errors.
"""

from __future__ import annotations

import csv
import io
from importlib import resources
from pathlib import Path

import pandas as pd

from anatomy.errors import DataError
from anatomy.model.vocabulary import GEOMETRY_FILE, SOURCES_FOLDER


def data_dir():
    """The package's own data folder (a Traversable; a real folder in any normal install)."""
    return resources.files("anatomy") / "data"


def sources_dir():
    """The folder of the shipped source texts and ``sources.csv``."""
    return data_dir() / SOURCES_FOLDER


def geometry_file():
    """The body map's drawing table."""
    folder, name = GEOMETRY_FILE
    return data_dir() / folder / name


def as_folder(path) -> object:
    """A folder given as a str or Path, or a Traversable, as something to join and open."""
    return Path(path) if isinstance(path, str | Path) else path


def split_cell(cell: str) -> list[str]:
    """Split a ``;``-separated cell into its non-empty, stripped parts."""
    return [part.strip() for part in str(cell).split(";") if part.strip()]


def line_of(table: pd.DataFrame, index) -> int:
    """The file line a data row starts on, as a text editor shows it (header: line 1).

    The reader stores each row's line (a quoted cell may span lines); a table built
    in code, without them, counts one line per row.
    """
    lines = table.attrs.get("lines")
    if lines is not None and 0 <= int(index) < len(lines):
        return lines[int(index)]
    return int(index) + 2


def read_table(path, columns: list[tuple[str, bool]]) -> pd.DataFrame:
    """Read one CSV table as text and check its shape, columns and required cells.

    A UTF-8 byte-order mark and Windows line ends are accepted. Raises DataError
    naming the file, line and column of the first problem.
    """
    name = path.name
    if not path.is_file():
        raise DataError(name, None, None, f"file not found at {path}")
    try:
        text = path.read_bytes().decode("utf-8-sig")
        reader = csv.reader(io.StringIO(text, newline=""))
        rows, starts, previous = [], [], 0
        for row in reader:
            rows.append(row)
            starts.append(previous + 1)
            previous = reader.line_num
    except (UnicodeDecodeError, csv.Error) as err:
        raise DataError(name, None, None, f"not a readable UTF-8 CSV table: {err}") from None
    if not rows:
        raise DataError(name, 1, None, "empty file: the header row is missing")
    header = [h.strip() for h in rows[0]]
    expected = [c for c, _ in columns]
    for column in expected:
        if column not in header:
            raise DataError(name, 1, column, f"missing column; expected {expected}")
    unknown = [c for c in header if c not in expected]
    if unknown:
        raise DataError(name, 1, unknown[0], f"unexpected column; expected {expected}")
    if len(set(header)) != len(header):
        twice = next(c for c in header if header.count(c) > 1)
        raise DataError(name, 1, twice, "column given twice")
    while len(rows) > 1 and not any(cell.strip() for cell in rows[-1]):
        rows.pop()  # blank lines at the end of the file
        starts.pop()
    body, lines = [], []
    for row, number in zip(rows[1:], starts[1:], strict=True):
        if not any(cell.strip() for cell in row):
            raise DataError(name, number, None, "blank line inside the table")
        if len(row) != len(header):
            column = header[-1] if len(row) > len(header) else header[len(row)]
            raise DataError(
                name, number, column, f"has {len(row)} fields; the header has {len(header)}"
            )
        body.append([cell.strip() for cell in row])
        lines.append(number)
    table = pd.DataFrame(body, columns=header, dtype=str)
    table = table[expected] if list(table.columns) != expected else table
    table.attrs["lines"] = lines
    for column, required in columns:
        if required:
            empty = table.index[table[column] == ""]
            if len(empty):
                raise DataError(
                    name, line_of(table, empty[0]), column, "empty, but a value is required"
                )
    return table
