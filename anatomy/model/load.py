"""Reading and validating the tables into a :class:`~anatomy.model.model.Model`."""

from __future__ import annotations

from anatomy.errors import DataError
from anatomy.model.checks import validate_tables
from anatomy.model.loaded import Loaded
from anatomy.model.model import TABLE_NAMES, Model
from anatomy.model.tables import as_folder, data_dir, read_table, sources_dir
from anatomy.model.vocabulary import SCHEMAS


def read_model(data=None, sources=None, cls: type[Model] = Model) -> Model:
    """Read the tables and texts, check every rule of :mod:`anatomy.model.checks`.

    Parameters
    ----------
    data, sources : path, optional
        Folders of the tables and of the source texts with ``sources.csv``;
        default the package's own ``anatomy/data`` and ``anatomy/data/sources``.
    cls : type
        The Model class to build (:class:`anatomy.atlas.Atlas` for the public API).

    Raises
    ------
    anatomy.DataError
        A table is malformed; the message names file, line and column.
    """
    data = as_folder(data) if data is not None else data_dir()
    sources = as_folder(sources) if sources is not None else sources_dir()
    tables = {}
    for name, (file, columns) in SCHEMAS.items():
        folder = sources if name == "sources" else data
        tables[name] = read_table(folder / file, columns)
    loaded = Loaded(tables, _raw_texts(tables["sources"], sources))
    validate_tables(loaded)
    return cls(**{name: tables[name] for name in TABLE_NAMES}, texts=loaded.texts)


def _raw_texts(sources_table, folder) -> dict[str, bytes]:
    """The bytes of every shipped text that exists (a missing one is reported by the rules)."""
    raw = {}
    for row in sources_table.to_dict("records"):
        if row["kind"] == "text" and row["file"]:
            path = folder / row["file"]
            if path.is_file():
                raw[row["id"]] = path.read_bytes()
    return raw


__all__ = ["DataError", "read_model"]
