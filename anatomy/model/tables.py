"""Reading the tidy tables: where they are, their shape, and how a cell is split.

Every file the package reads lives inside it (``anatomy/data``) and is found with
:mod:`importlib.resources`, so a wheel or a plain ``pip install .`` works as well as
an editable checkout. A table is read as text (no type guessing); the checks in
:mod:`anatomy.model.checks` turn doubtful cells into clear errors.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from importlib import resources
from pathlib import Path

import pandas as pd

from anatomy.errors import DataError
from anatomy.model.vocabulary import (
    GEOMETRY_FILE,
    NOT_DRAWN_FILE,
    PROSE_COLUMNS,
    SOURCES_FOLDER,
)

# Characters that change how text shows instead of being text: the bidirectional
# overrides and isolates, and the line and paragraph separators.
_INVISIBLE = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029")


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


def not_drawn_file():
    """The table of structures the body map leaves out, with the reason for each."""
    folder, name = NOT_DRAWN_FILE
    return data_dir() / folder / name


def as_folder(path) -> object:
    """A folder given as a str or Path, or a Traversable, as something to join and open."""
    return Path(path) if isinstance(path, str | Path) else path


def split_cell(cell: str) -> list[str]:
    """Split a ``;``-separated cell into its non-empty, stripped parts."""
    return [part.strip() for part in str(cell).split(";") if part.strip()]


def name_key(name: str) -> str:
    """How a name is matched: any case, ``_`` or ``-`` for a space, spaces collapsed.

    Two names with the same key are the same name to every lookup, so the loader
    refuses two structures (or two sites of a nerve, or two zones) sharing one."""
    return " ".join(str(name).casefold().replace("_", " ").replace("-", " ").split())


def control_character(text: str, line_breaks: bool = False) -> int | None:
    """The index of the first control character in ``text`` (None if there is none).

    Control characters are Unicode's ``Cc`` (escape, bell, NUL, DEL...) and the
    characters that reorder or break displayed text (bidirectional overrides, line
    and paragraph separators). With ``line_breaks``, a ``\\n`` (or ``\\r\\n``) is text.
    """
    for i, ch in enumerate(text):
        if line_breaks and (ch == "\n" or (ch == "\r" and text[i + 1 : i + 2] == "\n")):
            continue
        if ch in _INVISIBLE or unicodedata.category(ch) == "Cc":
            return i
    return None


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + "".join(sorted(_INVISIBLE)) + "]")


def printable(text: str) -> str:
    """Text with every control character but line breaks and tabs removed (for a terminal)."""
    return _CONTROL.sub("", str(text).replace("\r\n", "\n"))


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
        # strict: a stray or unclosed quote is an error, not a cell that eats the next rows.
        reader = csv.reader(io.StringIO(text, newline=""), strict=True, skipinitialspace=True)
        rows, starts, previous = [], [], 0
        for row in reader:
            rows.append(row)
            starts.append(previous + 1)
            previous = reader.line_num
    except UnicodeDecodeError as err:
        line = path.read_bytes()[: err.start].count(b"\n") + 1
        raise DataError(
            name, line, None, f"not UTF-8 text: {err.reason} at byte {err.start}"
        ) from None
    except csv.Error as err:
        problem = str(err)
        if "unexpected end of data" in problem:
            problem = "a quoted cell that starts in this row is never closed"
        raise DataError(name, previous + 1, None, f"not a readable CSV row: {problem}") from None
    if not rows:
        raise DataError(name, 1, None, "empty file: the header row is missing")
    header = [h.strip() for h in rows[0]]
    expected = [c for c, _ in columns]
    if len(set(header)) != len(header):
        twice = next(c for c in header if header.count(c) > 1)
        raise DataError(name, 1, twice, "column given twice")
    for column in expected:
        if column not in header:
            raise DataError(name, 1, column, f"missing column; expected {expected}")
    unknown = [c for c in header if c not in expected]
    if unknown:
        raise DataError(name, 1, unknown[0], f"unexpected column; expected {expected}")
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
        _check_controls(name, header, row, number)
        body.append([cell.strip().replace("\r\n", "\n") for cell in row])
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


def _check_controls(name: str, header: list[str], row: list[str], first_line: int) -> None:
    """DataError at the exact line and column of a control character in a row's cells
    (white space around a cell, tabs and line breaks included, is not part of it)."""
    line = first_line
    for column, cell in zip(header, row, strict=True):
        lead = len(cell) - len(cell.lstrip())
        at = control_character(cell.strip(), line_breaks=column in PROSE_COLUMNS)
        if at is not None:
            at += lead
            ch = cell[at]
            where = f"at character {at + 1}"
            if ch in "\r\n":
                problem = f"a line break {where}: only {', '.join(PROSE_COLUMNS)} cells hold them"
            else:
                problem = f"control character {ch!r} (U+{ord(ch):04X}) {where}: write plain text"
            raise DataError(name, line + cell[:at].count("\n"), column, problem)
        line += cell.count("\n")
