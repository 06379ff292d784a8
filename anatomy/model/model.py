"""The validated model: the tables, and the lookups built on them. Lookups only.

:class:`Model` holds the tables as loaded and answers questions about them (a label,
a kind, the roots in order, what a name or alias means). It never calls the engine:
the object :func:`anatomy.load_model` returns is an :class:`anatomy.atlas.Atlas`, a
Model defined above the engine that adds ``compress``, ``localize`` and ``cite``.

Its caches are declared: the lookup index is a ``functools.cached_property``, and
values that upper floors derive from the tables (the engine's graph, localize's
candidates) are kept by :meth:`Model.derived`, keyed by the function that builds
them. Nothing else is ever attached to a model.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

import pandas as pd

from anatomy.errors import choice_error
from anatomy.model.tables import name_key, split_cell

T = TypeVar("T")
TABLE_NAMES = (
    "structures",
    "links",
    "citations",
    "sources",
    "sites",
    "cases",
    "zones",
    "look_alikes",
    "joint_ranges",
    "nerve_beds",
    "nerve_crossings",
    "root_pull",
    "red_flags",
    "base_rates",
)


@dataclass(frozen=True, repr=False, eq=False)
class Model:
    """The validated anatomical model: pandas tables plus the lookups built on them.

    Attributes
    ----------
    structures, links, citations, sources, sites, cases, zones, look_alikes : pandas.DataFrame
        The tables as loaded (text columns), one row one fact.
    joint_ranges, nerve_beds, nerve_crossings, root_pull : pandas.DataFrame
        The tables of the nerve-tension model (:mod:`anatomy.engine.tension`).
    red_flags : pandas.DataFrame
        Which findings raise which red flag (:mod:`anatomy.engine.red_flags`).
    base_rates : pandas.DataFrame
        Which lesions are common or rare, for localize's prior.
    texts : dict
        Source id -> full text of each shipped source.
    """

    structures: pd.DataFrame
    links: pd.DataFrame
    citations: pd.DataFrame
    sources: pd.DataFrame
    sites: pd.DataFrame
    cases: pd.DataFrame
    zones: pd.DataFrame
    look_alikes: pd.DataFrame
    texts: dict
    joint_ranges: pd.DataFrame
    nerve_beds: pd.DataFrame
    nerve_crossings: pd.DataFrame
    root_pull: pd.DataFrame
    red_flags: pd.DataFrame
    base_rates: pd.DataFrame
    # Values derived from the tables by upper floors, keyed by their builder (see derived()).
    _derived: dict = field(default_factory=dict, init=False, repr=False)

    def __repr__(self) -> str:
        sizes = ", ".join(f"{len(getattr(self, name))} {name}" for name in TABLE_NAMES)
        return f"<anatomy.Model: {sizes}>"

    def derived(self, build: Callable[[Model], T]) -> T:
        """``build(self)``, computed once per model and kept (the declared cache).

        The engine keeps its graph and its candidate lesions here. A model's tables
        are read-only after loading: nothing re-checks or re-derives an edited table.
        To try a change, copy ``anatomy/data``, edit the CSV files and load them with
        ``anatomy.load_model(data_dir=...)``, which checks them. ``build`` must be a
        module-level function: it is the cache key.
        """
        if "<" in build.__qualname__:  # a lambda or a nested function: a new key each call
            raise TypeError(f"derived() needs a module-level function, not {build!r}")
        memo = self._derived
        if build not in memo:
            memo[build] = build(self)
        return memo[build]

    # -- lookups ------------------------------------------------------------------------

    @cached_property
    def _index(self) -> dict:
        s = self.structures
        names: dict[str, str] = {}
        for row in s.to_dict("records"):
            for name in [row["id"], row["label"], *split_cell(row["aliases"])]:
                names.setdefault(name_key(name), row["id"])
        ids: dict[str, list[str]] = {}
        for kind, rows in s.groupby("kind", sort=False):
            if rows["order"].ne("").all():
                rows = rows.assign(_o=rows["order"].astype(int)).sort_values("_o", kind="stable")
            ids[kind] = list(rows["id"])
        crossed = set(self.links.loc[self.links["relation"] == "traverses", "target"])
        return {
            "citation": {row["id"]: row for row in self.citations.to_dict("records")},
            "source": {row["id"]: row for row in self.sources.to_dict("records")},
            "ids": ids,
            "disc_levels": [d for d in ids.get("disc", []) if d in crossed],
            "label": dict(zip(s["id"], s["label"], strict=True)),
            "kind": dict(zip(s["id"], s["kind"], strict=True)),
            "names": names,
            # Rows by key as plain dicts: the engine looks these up for every lesion it
            # compresses (localize compresses every candidate), so no pandas per lookup.
            "site": {(r["nerve"], r["site"]): r for r in self.sites.to_dict("records")},
            "zone": {r["zone"]: r for r in self.zones.to_dict("records")},
            "case": {r["id"]: r for r in self.cases.to_dict("records")},
        }

    def ids(self, kind: str) -> list[str]:
        """Structure ids of one kind, in anatomical order where there is one."""
        return list(self._index["ids"].get(kind, []))

    @property
    def roots(self) -> list[str]:
        """Root ids from T12 to S4."""
        return self.ids("root")

    @property
    def disc_levels(self) -> list[str]:
        """Disc levels that can be compressed (those a root crosses)."""
        return list(self._index["disc_levels"])

    @property
    def zone_names(self) -> list[str]:
        """The disc zones, as ``zones.csv`` lists them."""
        return list(self.zones["zone"])

    @property
    def site_nerves(self) -> list[str]:
        """The nerves with a compression site, in the order of ``sites.csv``."""
        return list(dict.fromkeys(self.sites["nerve"]))

    def label(self, structure: str) -> str:
        """The readable label of a structure id."""
        return self._index["label"][structure]

    def kind(self, structure: str) -> str:
        """The kind (root, nerve, muscle...) of a structure id."""
        return self._index["kind"][structure]

    def kind_or_none(self, structure: str) -> str | None:
        """The kind of a structure id, or None for an unknown id."""
        return self._index["kind"].get(structure)

    def citation(self, citation_id: str) -> dict:
        """One row of ``citations.csv`` as a dict (a copy)."""
        return dict(self._index["citation"][citation_id])

    def source(self, source_id: str) -> dict:
        """One row of ``sources.csv`` as a dict (a copy)."""
        return dict(self._index["source"][source_id])

    def resolve(self, name: str, kind: str | tuple[str, ...] | None = None) -> str:
        """The structure id for an id, label or alias; ValueError if unknown.

        Case, ``_``, ``-`` and spaces do not matter (``Dorsum of foot`` is
        ``dorsum_of_foot``): the loader makes sure no two structures share a name
        written that way (:mod:`anatomy.model.name_checks`)."""
        kinds = (kind,) if isinstance(kind, str) else kind
        names = self._index["names"]
        key = name_key(name)
        found = names.get(key)
        if found is not None and (kinds is None or self.kind(found) in kinds):
            return found
        what = kinds[0] if kinds and len(kinds) == 1 else "structure"
        valid = [s for s in self.structures["id"] if kinds is None or self.kind(s) in kinds]
        raise choice_error(what, name, valid)

    def sites_of(self, nerve: str) -> pd.DataFrame:
        """The compression sites of one nerve, proximal first."""
        rows = self.sites[self.sites["nerve"] == nerve]
        return rows.assign(_p=rows["position"].astype(float)).sort_values("_p").drop(columns="_p")

    def site_row(self, nerve: str, site: str) -> dict:
        """One row of ``sites.csv`` as a dict (a copy)."""
        return dict(self._index["site"][(nerve, site)])

    def zone_row(self, zone: str) -> dict:
        """One row of ``zones.csv`` as a dict (a copy; without the zone column)."""
        row = dict(self._index["zone"][zone])
        del row["zone"]
        return row

    def case_row(self, case: str) -> dict:
        """One row of ``cases.csv`` as a dict (a copy, with its id)."""
        return dict(self._index["case"][case])
