"""The loader's rules: one ``validate_*`` function per rule, collected in a registry.

As in BrainGlobe's ``validate_atlases.py``, each rule is a small function of the
loaded tables; :func:`all_rules` lists them, in the order they run, and
:func:`validate_tables` loops over them. The rules of the nerve-tension tables are
in :mod:`anatomy.model.tension_checks`. A later rule may rely on an earlier one
(for example, that every id exists). A broken table raises
:class:`~anatomy.errors.DataError` naming its file, line and column.

The rules that need the engine (every preset case parses into lesions; every
look-alike pair names two candidate lesions) live one floor up, in
:mod:`anatomy.engine.checks`, so this floor never calls up.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

import pandas as pd

from anatomy.errors import DataError
from anatomy.model import name_checks, tension_checks
from anatomy.model.loaded import Loaded, choice_error_at, file_of, is_position, number, rows
from anatomy.model.tables import line_of, name_key, split_cell
from anatomy.model.vocabulary import (
    EFFECT_KINDS,
    KINDS,
    MIN_QUOTE_CHARS,
    MIN_QUOTE_WORDS,
    RATES,
    RELATIONS,
    SIDES,
    SOURCE_KINDS,
    VERDICTS,
    WEIGHTS,
)

# Keys that must be unique: table -> columns (one key per entry).
UNIQUE = (
    ("structures", ["id"]),
    ("sources", ["id"]),
    ("citations", ["id"]),
    ("sites", ["nerve", "site"]),
    ("cases", ["id"]),
    ("zones", ["zone"]),
    ("links", ["source", "relation", "target"]),
    ("joint_ranges", ["angle"]),
    ("joint_ranges", ["joint"]),
    ("nerve_beds", ["nerve"]),
    ("nerve_crossings", ["nerve", "joint"]),
    ("root_pull", ["root", "nerve"]),
    ("red_flags", ["id"]),
    ("base_rates", ["lesion"]),
)
# Columns that hold one of a fixed set of values: (table, column, choices, empty allowed).
CHOICES = (
    ("structures", "kind", KINDS, False),
    ("sources", "kind", SOURCE_KINDS, False),
    ("citations", "verdict", VERDICTS, True),
    ("base_rates", "rate", RATES, False),
)
# Tables whose every row names its citations.
CITED = (
    "links",
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


# --- the rules, in order ------------------------------------------------------------------


def validate_unique(loaded: Loaded) -> None:
    """Ids (or id pairs) appear once."""
    for name, columns in UNIQUE:
        table = loaded[name]
        dup = table.index[table.duplicated(columns, keep="first")]
        if len(dup):
            row = table.loc[dup[0]]
            value = " / ".join(row[c] for c in columns)
            raise DataError(
                file_of(name), line_of(table, dup[0]), columns[-1], f"duplicate {value!r}"
            )


def validate_choices(loaded: Loaded) -> None:
    """A column holds one of a fixed set of values."""
    for name, column, choices, allow_empty in CHOICES:
        table = loaded[name]
        for index, value in table[column].items():
            if value == "" and allow_empty:
                continue
            if value not in choices:
                raise DataError(
                    file_of(name),
                    line_of(table, index),
                    column,
                    f"{value!r} is not one of {list(choices)}",
                )


def validate_source_texts(loaded: Loaded) -> None:
    """Every text source names its file (beside sources.csv), which is unchanged (sha256,
    required) and readable UTF-8."""
    file = file_of("sources")
    for line, row in rows(loaded["sources"]):
        if row["kind"] != "text":
            continue
        if not row["file"]:
            raise DataError(file, line, "file", "a text source needs its file")
        if not re.fullmatch(r"[\w.-]+", row["file"]) or row["file"].strip(".") == "":
            raise DataError(
                file, line, "file", f"{row['file']!r}: name a file in the sources folder"
            )
        raw = loaded.raw_texts.get(row["id"])
        if raw is None:
            raise DataError(file, line, "file", f"{row['file']!r} not found")
        if not row["sha256"]:
            raise DataError(file, line, "sha256", "a shipped text needs its sha256")
        if not re.fullmatch(r"[0-9a-f]{64}", row["sha256"]):
            raise DataError(
                file, line, "sha256", f"{row['sha256']!r} is not a sha256 (64 hex digits)"
            )
        if hashlib.sha256(raw).hexdigest() != row["sha256"]:
            raise DataError(
                file, line, "sha256", f"{row['file']} has changed: it must stay verbatim"
            )
        try:
            loaded.texts[row["id"]] = raw.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise DataError(row["file"], None, None, f"not UTF-8 text: {err}") from None


DOI = re.compile(r"10\.\d{4,9}/\S+")
URL = re.compile(r"https://[^\s/]+\.[^\s/]+/\S*")


def validate_source_identifiers(loaded: Loaded) -> None:
    """A DOI is written bare (``10.1002/jor.20210``, no ``doi:`` or address); a URL is an
    https address. Both are optional: only what was found is written, nothing guessed."""
    file = file_of("sources")
    for line, row in rows(loaded["sources"]):
        if row["doi"] and not DOI.fullmatch(row["doi"]):
            raise DataError(
                file, line, "doi", f"{row['doi']!r} is not a bare DOI such as 10.1002/jor.20210"
            )
        if row["url"] and not URL.fullmatch(row["url"]):
            raise DataError(file, line, "url", f"{row['url']!r} is not an https:// address")


def validate_citations(loaded: Loaded) -> None:
    """Quotes are verbatim in their text; references carry a statement instead."""
    file = file_of("citations")
    sources = loaded["sources"]
    kinds = dict(zip(sources["id"], sources["kind"], strict=True))
    for line, row in rows(loaded["citations"]):
        if row["source"] not in kinds:
            raise choice_error_at(file, line, "source", "source", row["source"], kinds)
        if kinds[row["source"]] == "text":
            if not row["quote"]:
                raise DataError(file, line, "quote", "a citation of a text source needs its quote")
            if len(row["quote"]) < MIN_QUOTE_CHARS or len(row["quote"].split()) < MIN_QUOTE_WORDS:
                raise DataError(
                    file,
                    line,
                    "quote",
                    f"{row['quote']!r} is too short to quote: at least {MIN_QUOTE_WORDS} words "
                    f"and {MIN_QUOTE_CHARS} characters",
                )
            if row["quote"] not in loaded.texts[row["source"]]:
                raise DataError(
                    file, line, "quote", f"not found verbatim in {row['source']}: {row['quote']!r}"
                )
            if not row["verdict"]:
                raise DataError(file, line, "verdict", f"say how accurate it is: {VERDICTS}")
            if row["verdict"] != "accurate" and not row["note"]:
                raise DataError(file, line, "note", f"a {row['verdict']} quote needs a correction")
        else:
            if row["quote"]:
                raise DataError(file, line, "quote", "a reference is cited by statement, not quote")
            if not row["statement"]:
                raise DataError(file, line, "statement", "a reference citation needs a statement")
        for ref in split_cell(row["note_sources"]):
            if ref not in kinds:
                raise choice_error_at(file, line, "note_sources", "source", ref, kinds)


def validate_zones(loaded: Loaded) -> None:
    """Disc zones say which root they meet; their names and aliases are unique, however
    they are written (case, ``_``, ``-``, spaces)."""
    file = file_of("zones")
    seen: dict[str, tuple[str, int]] = {}
    for line, row in rows(loaded["zones"]):
        checks = (
            ("meets", ("traverses", "exits_at")),
            ("lower_roots", ("yes", "no")),
            ("default_side", SIDES),
        )
        for column, valid in checks:
            if row[column] not in valid:
                raise DataError(file, line, column, f"{row[column]!r} is not one of {list(valid)}")
        for column, name in [("zone", row["zone"])] + [
            ("aliases", a) for a in split_cell(row["aliases"])
        ]:
            zone, where = seen.setdefault(name_key(name), (row["zone"], line))
            if zone != row["zone"]:
                raise DataError(file, line, column, f"{name!r} already names line {where}")


def validate_citation_refs(loaded: Loaded) -> None:
    """Every row of a cited table names at least one citation, and each exists."""
    citation_ids = set(loaded["citations"]["id"])
    for name in CITED:
        table = loaded[name]
        for index, cell in table["citations"].items():
            ids = split_cell(cell)
            line = line_of(table, index)
            if not ids:
                raise DataError(file_of(name), line, "citations", "every row needs a citation")
            for cid in ids:
                if cid not in citation_ids:
                    raise choice_error_at(
                        file_of(name), line, "citations", "citation", cid, citation_ids
                    )


def validate_links(loaded: Loaded) -> None:
    """Links join existing structures of the right kinds, with valid weight and position."""
    file = file_of("links")
    kinds = loaded.kinds
    for line, row in rows(loaded["links"]):
        if row["relation"] not in RELATIONS:
            raise choice_error_at(file, line, "relation", "relation", row["relation"], RELATIONS)
        source_kinds, target_kinds, weight_rule = RELATIONS[row["relation"]]
        for column, allowed in (("source", source_kinds), ("target", target_kinds)):
            sid = row[column]
            if sid not in kinds:
                raise choice_error_at(file, line, column, "structure", sid, kinds)
            if kinds[sid] not in allowed:
                raise DataError(
                    file,
                    line,
                    column,
                    f"{sid!r} is a {kinds[sid]}; '{row['relation']}' takes {list(allowed)}",
                )
        from_root = kinds[row["source"]] == "root"
        weight = row["weight"]
        needs_weight = weight_rule == "required" or (weight_rule == "optional" and from_root)
        if needs_weight and weight not in WEIGHTS:
            raise DataError(file, line, "weight", f"{weight!r} is not one of {list(WEIGHTS)}")
        if not needs_weight and weight and (weight_rule == "empty" or weight not in WEIGHTS):
            raise DataError(file, line, "weight", f"{weight!r}: this link takes no weight")
        position = row["position"]
        if kinds[row["source"]] == "nerve":
            if not is_position(position):
                raise DataError(
                    file, line, "position", f"{position!r}: a nerve's link needs a position 0..100"
                )
        elif position:
            raise DataError(file, line, "position", "only links from a nerve take a position")


def parents(links: pd.DataFrame, kinds: dict[str, str]) -> dict[str, str]:
    """Child -> parent over branches_to, and muscle -> its nerve or plexus."""
    tree = links[links["relation"].isin(("branches_to", "innervates"))]
    tree = tree[tree["source"].map(kinds) != "root"]
    return dict(zip(tree["target"], tree["source"], strict=True))


def chain(structure: str, parent: dict[str, str]) -> list[str]:
    """The nerves and plexus above a structure, nearest first."""
    out = []
    while structure in parent:
        structure = parent[structure]
        out.append(structure)
    return out


def validate_tree(loaded: Loaded) -> None:
    """Each nerve has one parent and each muscle one nerve, so paths are unique."""
    file, links, kinds = file_of("links"), loaded["links"], loaded.kinds
    for relation, kind in (("branches_to", "nerve"), ("innervates", "muscle")):
        rows = links[(links["relation"] == relation) & (links["source"].map(kinds) != "root")]
        dup = rows.index[rows.duplicated("target")]
        if len(dup):
            raise DataError(
                file,
                line_of(links, dup[0]),
                "target",
                f"{rows.loc[dup[0], 'target']!r} has two parents",
            )
        have = set(rows["target"])
        for sid, skind in kinds.items():
            if skind == kind and sid not in have:
                raise DataError(file, None, "target", f"{kind} {sid!r} has no '{relation}' link")


def _contributions(links: pd.DataFrame) -> pd.DataFrame:
    return links[links["relation"] == "contributes_to"]


def validate_root_values(loaded: Loaded) -> None:
    """A root that innervates a muscle reaches it through every nerve on the way."""
    file, links, kinds = file_of("links"), loaded["links"], loaded.kinds
    contrib = _contributions(links)
    joined = set(zip(contrib["source"], contrib["target"], strict=True))
    parent = parents(links, kinds)
    innervates = links[links["relation"] == "innervates"]
    for index, row in zip(innervates.index, innervates.to_dict("records"), strict=True):
        if kinds[row["source"]] != "root":
            continue
        for nerve in chain(row["target"], parent):
            if (row["source"], nerve) not in joined:
                raise DataError(
                    file,
                    line_of(links, index),
                    "source",
                    f"{row['source']} innervates {row['target']} but does not contribute to "
                    f"{nerve!r} on its way: add '{row['source']},contributes_to,{nerve}'",
                )


def validate_chain_weights(loaded: Loaded) -> None:
    """A branch carries no more of a root than its trunk: a main root of a nerve is
    a main root of the nerve or plexus it comes from."""
    file, links = file_of("links"), loaded["links"]
    contrib = _contributions(links)
    weight = dict(
        zip(zip(contrib["source"], contrib["target"], strict=True), contrib["weight"], strict=True)
    )
    parent = parents(links, loaded.kinds)
    for index, row in zip(contrib.index, contrib.to_dict("records"), strict=True):
        up = parent.get(row["target"])
        if up is None:
            continue
        above = weight.get((row["source"], up))
        line = line_of(links, index)
        if above is None:
            raise DataError(
                file,
                line,
                "target",
                f"{row['source']} reaches {row['target']!r} but does not contribute to "
                f"{up!r} above it",
            )
        if WEIGHTS[row["weight"]] > WEIGHTS[above]:
            raise DataError(
                file,
                line,
                "weight",
                f"{row['source']} is {row['weight']} in {row['target']!r} but {above} in "
                f"{up!r}, the nerve it comes from",
            )


def validate_sites(loaded: Loaded) -> None:
    """Compression sites lie on existing nerves at a position 0..100."""
    file, kinds = file_of("sites"), loaded.kinds
    for line, row in rows(loaded["sites"]):
        if kinds.get(row["nerve"]) != "nerve":
            nerves = sorted(s for s, k in kinds.items() if k == "nerve")
            raise choice_error_at(file, line, "nerve", "nerve", row["nerve"], nerves)
        if not is_position(row["position"]):
            raise DataError(file, line, "position", f"{row['position']!r} is not 0..100")
        if row["painful"] not in ("yes", "no"):
            raise DataError(file, line, "painful", f"{row['painful']!r} is not yes or no")
        for other in split_cell(row["also"]):
            if kinds.get(other) != "nerve" or other == row["nerve"]:
                nerves = sorted(s for s, k in kinds.items() if k == "nerve")
                raise choice_error_at(file, line, "also", "other nerve", other, nerves)
        for part in split_cell(row["partial"]):
            if kinds.get(part) not in ("nerve", "region", "muscle", "reflex"):
                raise choice_error_at(file, line, "partial", "branch or target", part, kinds)


def validate_case_values(loaded: Loaded) -> None:
    """Every preset case has a valid side and a severity in (0, 1]."""
    file = file_of("cases")
    for line, row in rows(loaded["cases"]):
        if row["side"] not in SIDES:
            raise DataError(file, line, "side", f"{row['side']!r} is not one of {list(SIDES)}")
        severity = number(row["severity"])
        if severity is None or not 0 < severity <= 1:
            raise DataError(file, line, "severity", f"{row['severity']!r} is not in (0, 1]")


def validate_red_flags(loaded: Loaded) -> None:
    """Each red flag names what raises it: ``effect:structure`` (``*`` for any structure of
    the right kind) or ``any:structure`` (any finding of a structure on the path)."""
    file, kinds = file_of("red_flags"), loaded.kinds
    for line, row in rows(loaded["red_flags"]):
        if row["both_sides"] not in ("yes", "no"):
            raise DataError(file, line, "both_sides", f"{row['both_sides']!r} is not yes or no")
        items = split_cell(row["any_of"])
        if not items:
            raise DataError(file, line, "any_of", "name at least one effect:structure")
        for item in items:
            effect, sep, structure = item.partition(":")
            if not sep:
                raise DataError(file, line, "any_of", f"{item!r}: write effect:structure")
            if effect == "any":
                allowed = ("cord", "root", "nerve")
            elif effect in EFFECT_KINDS:
                allowed = EFFECT_KINDS[effect]
            else:
                raise choice_error_at(
                    file, line, "any_of", "effect", effect, [*EFFECT_KINDS, "any"]
                )
            if structure != "*" and kinds.get(structure) not in allowed:
                valid = [sid for sid, k in kinds.items() if k in allowed]
                raise choice_error_at(
                    file, line, "any_of", f"structure for {effect}", structure, valid
                )
    ids = list(loaded["red_flags"]["id"])
    for line, row in rows(loaded["red_flags"]):
        for other in split_cell(row["unless"]):
            if other not in ids or other == row["id"]:
                valid = [i for i in ids if i != row["id"]]
                raise choice_error_at(file, line, "unless", "red flag", other, valid)


def all_rules() -> list[Callable[[Loaded], None]]:
    """Every rule, in the order :func:`validate_tables` runs them."""
    return [
        name_checks.validate_not_empty,
        validate_unique,
        validate_choices,
        name_checks.validate_structure_names,
        name_checks.validate_order,
        validate_source_texts,
        validate_source_identifiers,
        validate_citations,
        validate_zones,
        validate_citation_refs,
        validate_links,
        validate_tree,
        validate_root_values,
        validate_chain_weights,
        validate_sites,
        name_checks.validate_site_names,
        validate_case_values,
        validate_red_flags,
        tension_checks.validate_joint_ranges,
        tension_checks.validate_nerve_beds,
        tension_checks.validate_nerve_crossings,
        tension_checks.validate_root_pull,
    ]


def validate_tables(loaded: Loaded) -> None:
    """Run every rule; the first broken one raises DataError."""
    for check in all_rules():
        check(loaded)
