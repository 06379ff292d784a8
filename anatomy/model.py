"""Load, validate and look up the anatomical model.

The anatomy lives in tidy CSV tables under ``anatomy/data/`` and the cited
texts under ``assets/sources/``. :func:`load_model` reads them, checks every
rule below and returns a :class:`Model`; a broken table raises
:class:`~anatomy.errors.DataError` naming its file, line and column.

Each ``validate_*`` function checks one rule. They run in order, so a later
rule can rely on the earlier ones (for example, that every id exists).
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from anatomy.errors import DataError, choice_error

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
SOURCES_DIR = PACKAGE_DIR.parent / "assets" / "sources"

KINDS = ("vertebra", "disc", "root", "plexus", "nerve", "muscle", "region", "reflex", "joint")
SOURCE_KINDS = ("text", "reference")
VERDICTS = ("accurate", "imprecise", "incorrect")
WEIGHTS = {"main": 1.0, "minor": 0.5}
SIDES = ("left", "right", "both")
# The joint angles the nerve-tension model takes (anatomy.tension), and the two sides of a
# joint's axis a nerve can pass.
ANGLES = ("hip_flexion", "knee_flexion", "ankle_dorsiflexion", "neck_flexion")
AXIS_SIDES = ("behind", "in front")

# relation: (kinds allowed as source, kinds allowed as target, weight rule)
# weight rule: "required" (main|minor), "empty", or "optional".
RELATIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...], str]] = {
    "exits_at": (("root",), ("disc", "vertebra"), "empty"),
    "traverses": (("root",), ("disc",), "empty"),
    "contributes_to": (("root",), ("plexus", "nerve"), "required"),
    "branches_to": (("plexus", "nerve"), ("nerve",), "empty"),
    "innervates": (("root", "plexus", "nerve"), ("muscle",), "optional"),
    "supplies_skin": (("root", "nerve"), ("region",), "required"),
    "refers_pain_to": (("root",), ("region",), "required"),
    "courses_through": (("nerve",), ("region",), "empty"),
    "tested_by": (("root", "nerve"), ("reflex",), "optional"),
    "supplies_joint": (("nerve",), ("joint",), "empty"),
}

# Each table: file name and its columns, (name, required).
SCHEMAS: dict[str, tuple[str, list[tuple[str, bool]]]] = {
    "structures": (
        "structures.csv",
        [
            ("id", True),
            ("kind", True),
            ("label", True),
            ("aliases", False),
            ("order", False),
            ("description", False),
        ],
    ),
    "links": (
        "links.csv",
        [
            ("source", True),
            ("relation", True),
            ("target", True),
            ("weight", False),
            ("position", False),
            ("citations", True),
            ("note", False),
        ],
    ),
    "citations": (
        "citations.csv",
        [
            ("id", True),
            ("source", True),
            ("quote", False),
            ("statement", False),
            ("locator", False),
            ("verdict", False),
            ("note", False),
            ("note_sources", False),
        ],
    ),
    "sites": (
        "sites.csv",
        [
            ("nerve", True),
            ("site", True),
            ("label", True),
            ("position", True),
            ("painful", True),
            ("aliases", False),
            ("citations", True),
            ("note", False),
        ],
    ),
    "cases": (
        "cases.csv",
        [
            ("id", True),
            ("title", True),
            ("lesions", True),
            ("side", True),
            ("severity", True),
            ("citations", True),
            ("teaching", True),
        ],
    ),
    "zones": (
        "zones.csv",
        [
            ("zone", True),
            ("aliases", False),
            ("meets", True),
            ("lower_roots", True),
            ("default_side", True),
            ("citations", True),
            ("note", False),
        ],
    ),
    "joint_ranges": (
        "joint_ranges.csv",
        [
            ("angle", True),
            ("joint", True),
            ("label", True),
            ("minimum", True),
            ("maximum", True),
            ("positive", True),
            ("negative", True),
            ("lengthened_side", True),
            ("citations", True),
            ("note", False),
        ],
    ),
    "nerve_beds": (
        "nerve_beds.csv",
        [
            ("nerve", True),
            ("bed_mm", True),
            ("course", True),
            ("citations", True),
            ("note", False),
        ],
    ),
    "nerve_crossings": (
        "nerve_crossings.csv",
        [
            ("nerve", True),
            ("joint", True),
            ("passes", True),
            ("moment_arm_mm", True),
            ("glide", True),
            ("citations", True),
            ("note", False),
        ],
    ),
    "root_pull": (
        "root_pull.csv",
        [
            ("root", True),
            ("nerve", True),
            ("share", True),
            ("citations", True),
            ("note", False),
        ],
    ),
    "look_alikes": (
        "look_alikes.csv",
        [
            ("a", True),
            ("b", True),
            ("distinguished_by", True),
            ("citations", True),
            ("note", True),
        ],
    ),
    "sources": (
        "sources.csv",
        [
            ("id", True),
            ("kind", True),
            ("title", True),
            ("publisher", False),
            ("year", False),
            ("file", False),
            ("sha256", False),
            ("note", False),
        ],
    ),
}


def _split(cell: str) -> list[str]:
    """Split a ``;``-separated cell into its non-empty, stripped parts."""
    return [part.strip() for part in str(cell).split(";") if part.strip()]


def _line(index: int) -> int:
    """The file line of a data row (header is line 1)."""
    return int(index) + 2


def read_table(path: Path, columns: list[tuple[str, bool]]) -> pd.DataFrame:
    """Read one CSV table as text and check its shape, columns and required cells."""
    name = path.name
    if not path.is_file():
        raise DataError(name, None, None, f"file not found at {path}")
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
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
    while len(rows) > 1 and not any(cell.strip() for cell in rows[-1]):
        rows.pop()  # blank lines at the end of the file
    body = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            raise DataError(name, number, None, "blank line inside the table")
        if len(row) != len(header):
            column = header[-1] if len(row) > len(header) else header[len(row)]
            raise DataError(
                name, number, column, f"has {len(row)} fields; the header has {len(header)}"
            )
        body.append([cell.strip() for cell in row])
    table = pd.DataFrame(body, columns=header, dtype=str)
    for column, required in columns:
        if required:
            empty = table.index[table[column] == ""]
            if len(empty):
                raise DataError(name, _line(empty[0]), column, "empty, but a value is required")
    return table


# --- one rule per function -------------------------------------------------------------


def validate_unique(table: pd.DataFrame, file: str, columns: list[str]) -> None:
    """Ids (or id pairs) appear once."""
    dup = table.index[table.duplicated(columns, keep="first")]
    if len(dup):
        row = table.loc[dup[0]]
        value = " / ".join(row[c] for c in columns)
        raise DataError(file, _line(dup[0]), columns[-1], f"duplicate {value!r}")


def validate_choice(table: pd.DataFrame, file: str, column: str, choices, allow_empty=False):
    """A column holds one of a fixed set of values."""
    for index, value in table[column].items():
        if value == "" and allow_empty:
            continue
        if value not in choices:
            raise DataError(file, _line(index), column, f"{value!r} is not one of {list(choices)}")


def validate_sources(sources: pd.DataFrame, sources_dir: Path) -> dict[str, str]:
    """Every text source has its file, unchanged (sha256); returns id -> text."""
    file = "sources.csv"
    texts: dict[str, str] = {}
    for index, row in enumerate(sources.to_dict("records")):
        if row["kind"] != "text":
            continue
        if not row["file"]:
            raise DataError(file, _line(index), "file", "a text source needs its file")
        path = sources_dir / row["file"]
        if not path.is_file():
            raise DataError(
                file, _line(index), "file", f"{row['file']!r} not found in {sources_dir}"
            )
        raw = path.read_bytes()
        if row["sha256"] and hashlib.sha256(raw).hexdigest() != row["sha256"]:
            raise DataError(
                file, _line(index), "sha256", f"{row['file']} has changed: it must stay verbatim"
            )
        texts[row["id"]] = raw.decode("utf-8")
    return texts


def validate_citations(citations: pd.DataFrame, sources: pd.DataFrame, texts: dict[str, str]):
    """Quotes are verbatim in their text; references carry a statement instead."""
    file = "citations.csv"
    kinds = dict(zip(sources["id"], sources["kind"], strict=True))
    for index, row in enumerate(citations.to_dict("records")):
        line = _line(index)
        if row["source"] not in kinds:
            raise choice_error_at(file, line, "source", "source", row["source"], kinds)
        if kinds[row["source"]] == "text":
            if not row["quote"]:
                raise DataError(file, line, "quote", "a citation of a text source needs its quote")
            if row["quote"] not in texts[row["source"]]:
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
        for ref in _split(row["note_sources"]):
            if ref not in kinds:
                raise choice_error_at(file, line, "note_sources", "source", ref, kinds)


def choice_error_at(file, line, column, what, value, choices) -> DataError:
    """A DataError for a value that is not among the valid ids."""
    return DataError(file, line, column, str(choice_error(what, value, sorted(choices))))


def validate_citation_refs(table: pd.DataFrame, file: str, citation_ids: set[str]) -> None:
    """Every row names at least one citation, and each exists."""
    for index, cell in table["citations"].items():
        ids = _split(cell)
        if not ids:
            raise DataError(file, _line(index), "citations", "every row needs a citation")
        for cid in ids:
            if cid not in citation_ids:
                raise choice_error_at(
                    file, _line(index), "citations", "citation", cid, citation_ids
                )


def validate_links(links: pd.DataFrame, kinds: dict[str, str]) -> None:
    """Links join existing structures of the right kinds, with valid weight and position."""
    file = "links.csv"
    for index, row in enumerate(links.to_dict("records")):
        line = _line(index)
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
            if not _is_position(position):
                raise DataError(
                    file, line, "position", f"{position!r}: a nerve's link needs a position 0..100"
                )
        elif position:
            raise DataError(file, line, "position", "only links from a nerve take a position")


def _is_position(value: str) -> bool:
    try:
        return 0 <= float(value) <= 100
    except ValueError:
        return False


def validate_tree(links: pd.DataFrame, kinds: dict[str, str]) -> None:
    """Each nerve has one parent and each muscle one nerve, so paths are unique."""
    file = "links.csv"
    for relation, kind in (("branches_to", "nerve"), ("innervates", "muscle")):
        rows = links[(links["relation"] == relation) & (links["source"].map(kinds) != "root")]
        dup = rows.index[rows.duplicated("target")]
        if len(dup):
            raise DataError(
                file, _line(dup[0]), "target", f"{rows.loc[dup[0], 'target']!r} has two parents"
            )
        have = set(rows["target"])
        for sid, skind in kinds.items():
            if skind == kind and sid not in have:
                raise DataError(file, None, "target", f"{kind} {sid!r} has no '{relation}' link")


def validate_root_values(links: pd.DataFrame, kinds: dict[str, str]) -> None:
    """A root that innervates a muscle reaches it through every nerve on the way."""
    file = "links.csv"
    contrib = set(
        zip(
            links.loc[links["relation"] == "contributes_to", "source"],
            links.loc[links["relation"] == "contributes_to", "target"],
            strict=True,
        )
    )
    parent = _parents(links, kinds)
    innervates = links[links["relation"] == "innervates"]
    for index, row in zip(innervates.index, innervates.to_dict("records"), strict=True):
        if kinds[row["source"]] != "root":
            continue
        for nerve in _chain(row["target"], parent):
            if (row["source"], nerve) not in contrib:
                raise DataError(
                    file,
                    _line(index),
                    "source",
                    f"{row['source']} innervates {row['target']} but does not contribute to "
                    f"{nerve!r} on its way: add '{row['source']},contributes_to,{nerve}'",
                )


def _parents(links: pd.DataFrame, kinds: dict[str, str]) -> dict[str, str]:
    """Child -> parent over branches_to, and muscle -> its nerve or plexus."""
    tree = links[links["relation"].isin(("branches_to", "innervates"))]
    tree = tree[tree["source"].map(kinds) != "root"]
    return dict(zip(tree["target"], tree["source"], strict=True))


def _chain(structure: str, parent: dict[str, str]) -> list[str]:
    """The nerves and plexus above a structure, nearest first."""
    chain = []
    while structure in parent:
        structure = parent[structure]
        chain.append(structure)
    return chain


def validate_sites(sites: pd.DataFrame, kinds: dict[str, str]) -> None:
    """Compression sites lie on existing nerves at a position 0..100."""
    file = "sites.csv"
    for index, row in enumerate(sites.to_dict("records")):
        if kinds.get(row["nerve"]) != "nerve":
            nerves = sorted(s for s, k in kinds.items() if k == "nerve")
            raise choice_error_at(file, _line(index), "nerve", "nerve", row["nerve"], nerves)
        if not _is_position(row["position"]):
            raise DataError(file, _line(index), "position", f"{row['position']!r} is not 0..100")
        if row["painful"] not in ("yes", "no"):
            raise DataError(file, _line(index), "painful", f"{row['painful']!r} is not yes or no")


def validate_zones(zones: pd.DataFrame) -> None:
    """Disc zones say which root they meet; their names and aliases are unique."""
    file = "zones.csv"
    seen: dict[str, int] = {}
    for index, row in enumerate(zones.to_dict("records")):
        line = _line(index)
        checks = (
            ("meets", ("traverses", "exits_at")),
            ("lower_roots", ("yes", "no")),
            ("default_side", SIDES),
        )
        for column, valid in checks:
            if row[column] not in valid:
                raise DataError(file, line, column, f"{row[column]!r} is not one of {list(valid)}")
        for name in [row["zone"], *_split(row["aliases"])]:
            key = name.casefold()
            if key in seen:
                raise DataError(file, line, "aliases", f"{name!r} already names line {seen[key]}")
            seen[key] = line


def validate_chain_weights(links: pd.DataFrame, kinds: dict[str, str]) -> None:
    """A branch carries no more of a root than its trunk: a main root of a nerve is
    a main root of the nerve or plexus it comes from."""
    file = "links.csv"
    contrib = links[links["relation"] == "contributes_to"]
    weight = dict(
        zip(zip(contrib["source"], contrib["target"], strict=True), contrib["weight"], strict=True)
    )
    parent = _parents(links, kinds)
    for index, row in zip(contrib.index, contrib.to_dict("records"), strict=True):
        up = parent.get(row["target"])
        if up is None:
            continue
        above = weight.get((row["source"], up))
        if above is None:
            raise DataError(
                file,
                _line(index),
                "target",
                f"{row['source']} reaches "
                f"{row['target']!r} but does not contribute to {up!r} above it",
            )
        if WEIGHTS[row["weight"]] > WEIGHTS[above]:
            raise DataError(
                file,
                _line(index),
                "weight",
                f"{row['source']} is {row['weight']} in "
                f"{row['target']!r} but {above} in {up!r}, the nerve it comes from",
            )


def validate_cases(model: Model) -> None:
    """Every preset case parses into lesions the model can compress."""
    from anatomy.lesions import parse_lesions

    file = "cases.csv"
    for index, row in enumerate(model.cases.to_dict("records")):
        line = _line(index)
        try:
            parse_lesions(model, row["lesions"])
        except ValueError as err:
            raise DataError(file, line, "lesions", str(err)) from None
        if row["side"] not in SIDES:
            raise DataError(file, line, "side", f"{row['side']!r} is not one of {list(SIDES)}")
        try:
            severity = float(row["severity"])
        except ValueError:
            severity = -1.0
        if not 0 < severity <= 1:
            raise DataError(file, line, "severity", f"{row['severity']!r} is not in (0, 1]")


def _number(value: str) -> float | None:
    try:
        number = float(value)
    except ValueError:
        return None
    return number if number == number and abs(number) != float("inf") else None


def validate_joint_ranges(ranges: pd.DataFrame) -> None:
    """Each angle of the tension model has one range, in numbers, with neutral (0) inside it."""
    file = "joint_ranges.csv"
    for index, row in enumerate(ranges.to_dict("records")):
        line = _line(index)
        if row["angle"] not in ANGLES:
            raise DataError(file, line, "angle", f"{row['angle']!r} is not one of {list(ANGLES)}")
        low, high = _number(row["minimum"]), _number(row["maximum"])
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


def validate_nerve_beds(beds: pd.DataFrame, kinds: dict[str, str]) -> None:
    """Nerve beds belong to existing nerves and have a positive length."""
    file = "nerve_beds.csv"
    for index, row in enumerate(beds.to_dict("records")):
        line = _line(index)
        if kinds.get(row["nerve"]) != "nerve":
            nerves = sorted(s for s, k in kinds.items() if k == "nerve")
            raise choice_error_at(file, line, "nerve", "nerve", row["nerve"], nerves)
        length = _number(row["bed_mm"])
        if length is None or length <= 0:
            raise DataError(file, line, "bed_mm", f"{row['bed_mm']!r} is not a length in mm > 0")


def validate_nerve_crossings(
    crossings: pd.DataFrame, beds: pd.DataFrame, ranges: pd.DataFrame
) -> None:
    """Each crossing names a nerve with a bed, a joint with a range, a side, an arm and a glide;
    every nerve bed crosses at least one joint."""
    file = "nerve_crossings.csv"
    joints = list(ranges["joint"])
    for index, row in enumerate(crossings.to_dict("records")):
        line = _line(index)
        if row["nerve"] not in set(beds["nerve"]):
            raise choice_error_at(file, line, "nerve", "nerve bed", row["nerve"], beds["nerve"])
        if row["joint"] not in joints:
            raise choice_error_at(file, line, "joint", "joint", row["joint"], joints)
        if row["passes"] not in AXIS_SIDES:
            raise DataError(
                file, line, "passes", f"{row['passes']!r} is not one of {list(AXIS_SIDES)}"
            )
        arm = _number(row["moment_arm_mm"])
        if arm is None or arm <= 0:
            raise DataError(
                file, line, "moment_arm_mm", f"{row['moment_arm_mm']!r} is not a distance in mm > 0"
            )
        glide = _number(row["glide"])
        if glide is None or not 0 <= glide < 1:
            raise DataError(file, line, "glide", f"{row['glide']!r} is not a share from 0 to <1")
    crossing = set(crossings["nerve"])
    for index, nerve in beds["nerve"].items():
        if nerve not in crossing:
            raise DataError(
                "nerve_beds.csv", _line(index), "nerve", f"{nerve!r} crosses no joint in {file}"
            )


def validate_root_pull(
    pull: pd.DataFrame, beds: pd.DataFrame, links: pd.DataFrame, kinds: dict[str, str]
) -> None:
    """A root is pulled only by a nerve with a bed that it really joins (a contributes_to link)."""
    file = "root_pull.csv"
    joins = links.loc[links["relation"] == "contributes_to", ["source", "target"]]
    joined = set(zip(joins["source"], joins["target"], strict=True))
    for index, row in enumerate(pull.to_dict("records")):
        line = _line(index)
        if kinds.get(row["root"]) != "root":
            roots = [s for s, k in kinds.items() if k == "root"]
            raise choice_error_at(file, line, "root", "root", row["root"], roots)
        if row["nerve"] not in set(beds["nerve"]):
            raise choice_error_at(file, line, "nerve", "nerve bed", row["nerve"], beds["nerve"])
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


def validate_look_alikes(model: Model) -> None:
    """Look-alike pairs name two different lesions localize can propose, and each
    telling finding is an effect a structure of the right kind can show."""
    from anatomy.localize import EFFECT_KINDS, candidate

    file = "look_alikes.csv"
    for index, row in enumerate(model.look_alikes.to_dict("records")):
        line = _line(index)
        names = []
        for column in ("a", "b"):
            try:
                names.append(candidate(model, row[column]).name)
            except ValueError as err:
                raise DataError(file, line, column, str(err)) from None
        if names[0] == names[1]:
            raise DataError(file, line, "b", f"{row['b']!r} is the same lesion as a")
        for item in _split(row["distinguished_by"]):
            effect, _, structure = item.partition(":")
            if effect not in EFFECT_KINDS:
                raise choice_error_at(
                    file, line, "distinguished_by", "effect", effect, EFFECT_KINDS
                )
            kind = model._index["kind"].get(structure)
            if kind not in EFFECT_KINDS[effect]:
                valid = [s for s, k in model._index["kind"].items() if k in EFFECT_KINDS[effect]]
                raise choice_error_at(
                    file, line, "distinguished_by", f"structure for {effect}", structure, valid
                )


# --- the model -------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class Model:
    """The validated anatomical model: pandas tables plus the lookups built on them.

    Attributes
    ----------
    structures, links, citations, sources, sites, cases, zones, look_alikes : pandas.DataFrame
        The tables as loaded (text columns), one row one fact.
    joint_ranges, nerve_beds, nerve_crossings, root_pull : pandas.DataFrame
        The tables of the nerve-tension model (:mod:`anatomy.tension`).
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

    def __repr__(self) -> str:
        sizes = ", ".join(
            f"{len(getattr(self, name))} {name}"
            for name in (
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
            )
        )
        return f"<anatomy.Model: {sizes}>"

    # -- lookups ------------------------------------------------------------------------

    def ids(self, kind: str) -> list[str]:
        """Structure ids of one kind, in anatomical order where there is one."""
        return list(self._index["ids"].get(kind, []))

    @property
    def roots(self) -> list[str]:
        """Root ids from T12 to S3."""
        return self.ids("root")

    @property
    def disc_levels(self) -> list[str]:
        """Disc levels that can be compressed (those a root crosses)."""
        return list(self._index["disc_levels"])

    def label(self, structure: str) -> str:
        """The readable label of a structure id."""
        return self._index["label"][structure]

    def kind(self, structure: str) -> str:
        """The kind (root, nerve, muscle...) of a structure id."""
        return self._index["kind"][structure]

    def resolve(self, name: str, kind: str | tuple[str, ...] | None = None) -> str:
        """The structure id for an id, label or alias (any case); ValueError if unknown."""
        kinds = (kind,) if isinstance(kind, str) else kind
        names = self._index["names"]
        key = str(name).strip().casefold()
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

    # -- compression: the public API (the engine lives in anatomy.lesions) ---------------

    def compress(self, root, severity: float = 0.5, side: str = "left"):
        """Compress one nerve root, or several (a list), on one side or both.

        Parameters
        ----------
        root : str or list of str
            Root id such as ``"L5"`` (T12 to S3), or a list for several roots.
        severity : float
            0..1. See :mod:`anatomy.lesions` for what each grade adds.
        side : {"left", "right", "both"}

        Returns
        -------
        anatomy.lesions.Findings
        """
        from anatomy import lesions

        return self._noted(lesions.compress_roots(self, root, severity=severity, side=side))

    def compress_disc(self, level: str, zone: str = "paracentral", side=None, severity=0.5):
        """Compress the root(s) a herniated disc meets, by level and zone.

        ``zone`` is central, paracentral (also subarticular, posterolateral),
        foraminal or extraforaminal (also far lateral); ``model.zones`` has the
        rule of each. ``side`` defaults to the zone's own default: "both" for a
        central herniation, "left" for the others.
        """
        from anatomy import lesions

        return self._noted(
            lesions.compress_disc(self, level, zone=zone, side=side, severity=severity)
        )

    def compress_nerve(self, nerve: str, site: str | None = None, side="left", severity=0.5):
        """Compress a peripheral nerve at a named site; only what lies below is affected."""
        from anatomy import lesions

        return self._noted(
            lesions.compress_nerve(self, nerve, site=site, side=side, severity=severity)
        )

    def compress_case(self, case: str):
        """The findings of a preset case from the source texts (see ``model.cases``)."""
        from anatomy import lesions

        return self._noted(lesions.compress_case(self, case))

    def localize(self, findings, complete: bool | None = None, top: int | None = None):
        """Rank the lesions (roots, disc levels and zones, nerve sites) that explain findings.

        ``findings`` is a Findings object, its table, or a list such as
        ``[("numbness", "dorsum_of_foot"), ("weakness", "extensor_hallucis_longus")]``.
        See :func:`anatomy.localize.localize` for the scoring and the columns.
        """
        from anatomy import localize

        return localize.localize(self, findings, complete=complete, top=top)

    def tell_apart(self, a: str, b: str, side: str = "left"):
        """The findings that separate two lesions (see :func:`anatomy.localize.tell_apart`)."""
        from anatomy import localize

        return localize.tell_apart(self, a, b, side=side)

    def note_citations(self, ids) -> None:
        """Record citation ids as used (for a notebook's references)."""
        used = self.__dict__.setdefault("_used", {})
        used.update(dict.fromkeys(ids))

    @property
    def used_citations(self) -> list[str]:
        """The citation ids of every finding and table made with this model, in order."""
        return list(self.__dict__.get("_used", {}))

    def _noted(self, findings):
        self.note_citations(findings.citation_ids)
        return findings

    def cite(self, findings) -> pd.DataFrame:
        """The citations behind a set of findings, in order of first use."""
        from anatomy.citations import cite

        return cite(self, findings)

    # -- derived indexes (built once, cached on the frozen instance) ----------------------

    @property
    def _index(self) -> dict:
        cached = self.__dict__.get("_cache")
        if cached is None:
            cached = _build_index(self)
            object.__setattr__(self, "_cache", cached)
        return cached


def _build_index(model: Model) -> dict:
    s = model.structures
    names: dict[str, str] = {}
    for row in s.to_dict("records"):
        for name in [row["id"], row["label"], *_split(row["aliases"])]:
            names.setdefault(name.casefold(), row["id"])
    ids: dict[str, list[str]] = {}
    for kind, rows in s.groupby("kind", sort=False):
        if rows["order"].ne("").all():
            rows = rows.assign(_o=rows["order"].astype(int)).sort_values("_o", kind="stable")
        ids[kind] = list(rows["id"])
    crossed = set(model.links.loc[model.links["relation"] == "traverses", "target"])
    return {
        "citation": {row["id"]: row for row in model.citations.to_dict("records")},
        "source": {row["id"]: row for row in model.sources.to_dict("records")},
        "ids": ids,
        "disc_levels": [d for d in ids.get("disc", []) if d in crossed],
        "label": dict(zip(s["id"], s["label"], strict=True)),
        "kind": dict(zip(s["id"], s["kind"], strict=True)),
        "names": names,
    }


def load_model(data_dir: Path | str | None = None, sources_dir: Path | str | None = None) -> Model:
    """Load and validate the model.

    Parameters
    ----------
    data_dir, sources_dir : path, optional
        Where the tables and the source texts are; default the package's own
        ``anatomy/data`` and the repository's ``assets/sources``.

    Raises
    ------
    anatomy.DataError
        A table is malformed; the message names file, line and column.
    """
    data_dir = Path(data_dir) if data_dir is not None else DATA_DIR
    sources_dir = Path(sources_dir) if sources_dir is not None else SOURCES_DIR
    tables = {}
    for name, (file, columns) in SCHEMAS.items():
        folder = sources_dir if name == "sources" else data_dir
        tables[name] = read_table(folder / file, columns)
    s, links, cit = tables["structures"], tables["links"], tables["citations"]
    src, sites, cases = tables["sources"], tables["sites"], tables["cases"]
    zones, look_alikes = tables["zones"], tables["look_alikes"]
    ranges, beds = tables["joint_ranges"], tables["nerve_beds"]
    crossings, pull = tables["nerve_crossings"], tables["root_pull"]

    validate_unique(s, "structures.csv", ["id"])
    validate_choice(s, "structures.csv", "kind", KINDS)
    validate_unique(src, "sources.csv", ["id"])
    validate_choice(src, "sources.csv", "kind", SOURCE_KINDS)
    validate_unique(cit, "citations.csv", ["id"])
    validate_choice(cit, "citations.csv", "verdict", VERDICTS, allow_empty=True)
    validate_unique(sites, "sites.csv", ["nerve", "site"])
    validate_unique(cases, "cases.csv", ["id"])
    texts = validate_sources(src, sources_dir)
    validate_citations(cit, src, texts)
    citation_ids = set(cit["id"])
    validate_unique(zones, "zones.csv", ["zone"])
    validate_zones(zones)
    cited = (
        (links, "links.csv"),
        (sites, "sites.csv"),
        (cases, "cases.csv"),
        (zones, "zones.csv"),
        (look_alikes, "look_alikes.csv"),
        (ranges, "joint_ranges.csv"),
        (beds, "nerve_beds.csv"),
        (crossings, "nerve_crossings.csv"),
        (pull, "root_pull.csv"),
    )
    for table, file in cited:
        validate_citation_refs(table, file, citation_ids)
    kinds = dict(zip(s["id"], s["kind"], strict=True))
    validate_links(links, kinds)
    validate_unique(links, "links.csv", ["source", "relation", "target"])
    validate_tree(links, kinds)
    validate_root_values(links, kinds)
    validate_chain_weights(links, kinds)
    validate_sites(sites, kinds)
    validate_unique(ranges, "joint_ranges.csv", ["angle"])
    validate_unique(ranges, "joint_ranges.csv", ["joint"])
    validate_joint_ranges(ranges)
    validate_unique(beds, "nerve_beds.csv", ["nerve"])
    validate_nerve_beds(beds, kinds)
    validate_unique(crossings, "nerve_crossings.csv", ["nerve", "joint"])
    validate_nerve_crossings(crossings, beds, ranges)
    validate_unique(pull, "root_pull.csv", ["root", "nerve"])
    validate_root_pull(pull, beds, links, kinds)
    model = Model(
        s, links, cit, src, sites, cases, zones, look_alikes, texts, ranges, beds, crossings, pull
    )
    validate_cases(model)
    validate_look_alikes(model)
    return model
