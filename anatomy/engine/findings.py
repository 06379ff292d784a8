"""What a compression produces: :class:`Lesion` and :class:`Findings`."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from anatomy.engine.grading import grade_name
from anatomy.engine.red_flags import RedFlag
from anatomy.errors import choice_error
from anatomy.model.vocabulary import EFFECTS, FINDING_KINDS, PATH_KINDS, effect_word, side_words

COLUMNS = ["structure", "label", "kind", "effect", "intensity", "side", "path", "citations"]
SPHINCTER = "sphincter_dysfunction"


@dataclass(frozen=True)
class Lesion:
    """One compressed site: what, where, which side, how hard."""

    kind: str  # root | disc | nerve | joint
    target: str  # root id, disc level, nerve id or joint id
    side: str
    severity: float
    zone: str | None = None  # for a disc
    site: str | None = None  # for a nerve
    roots: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """A short name: ``L5``, ``L4-L5 paracentral`` or ``common_fibular @ fibular_head``."""
        if self.kind == "disc":
            return f"{self.target} {self.zone}"
        if self.kind == "nerve":
            return f"{self.target} @ {self.site}"
        return self.target

    def words(self) -> str:
        """The lesion in words: 'L5, left side, severity 0.5 (moderate)'."""
        return (
            f"{self.name}, {side_words(self.side)}, "
            f"severity {self.severity:g} ({grade_name(self.severity)})"
        )


def lesions_in_words(lesions) -> str:
    """Several lesions in words, '; '-joined, or 'nothing compressed'."""
    return "; ".join(lesion.words() for lesion in lesions) or "nothing compressed"


@dataclass(frozen=True, eq=False)
class Findings:
    """What a compression produces.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per affected structure, effect and side, with the columns
        structure, label, kind, effect, intensity, side, path, citations.
    lesions : tuple of Lesion
        What was compressed.
    """

    table: pd.DataFrame
    lesions: tuple[Lesion, ...] = field(default=())
    flag_rules: tuple[RedFlag, ...] = field(default=(), repr=False)

    @property
    def red_flags(self) -> list[str]:
        """Plain-language red flags these findings raise (empty when none): cauda equina
        and conus medullaris syndromes, weakness in both legs. See ``red_flags.csv``."""
        return [flag.text for flag in self.flags]

    @cached_property
    def flags(self) -> list[RedFlag]:
        """The red flags raised, with their citations (a warning that a graver flag
        already says, its ``unless``, is left out; computed once, like :attr:`records`)."""
        raised = [flag for flag in self.flag_rules if flag.raised_by(self.records)]
        ids = {flag.id for flag in raised}
        return [flag for flag in raised if not ids & set(flag.unless)]

    @property
    def roots(self) -> list[str]:
        """The root ids compressed, in anatomical order of first mention."""
        seen: list[str] = []
        for lesion in self.lesions:
            seen += [r for r in lesion.roots if r not in seen]
        return seen

    @cached_property
    def records(self) -> list[dict]:
        """The table's rows as dicts (computed once; do not modify them)."""
        return self.table.to_dict("records")

    @property
    def citation_ids(self) -> list[str]:
        """Every citation id behind the findings, in order of first use, then those of the
        red flags they raise (a flag said in words is cited like a finding)."""
        seen: dict[str, None] = {}
        for ids in self.table["citations"]:
            seen.update(dict.fromkeys(ids))
        for flag in self.flags:
            seen.update(dict.fromkeys(flag.citations))
        return list(seen)

    def of(self, effect: str | None = None, kind: str | None = None, side: str | None = None):
        """The rows for one effect, kind and/or side (ValueError for one that no finding
        can have: an empty answer must mean 'none', not a typo)."""
        for name, value, valid in (
            ("effect", effect, EFFECTS),
            ("kind", kind, FINDING_KINDS),
            ("side", side, ("left", "right")),
        ):
            if value is not None and value not in valid:
                raise choice_error(name, value, valid)
        t = self.table
        if effect is not None:
            t = t[t["effect"] == effect]
        if kind is not None:
            t = t[t["kind"] == kind]
        if side is not None:
            t = t[t["side"] == side]
        return t

    def affected(self, effect: str | None = None, kind: str | None = None) -> set[str]:
        """The structure ids with a finding (of an effect and kind, if given)."""
        return set(self.of(effect, kind)["structure"])

    def __add__(self, other: Findings) -> Findings:
        """Several lesions together: the strongest effect wins; paths and citations merge."""
        if not isinstance(other, Findings):
            return NotImplemented
        rows = self.table.to_dict("records") + other.table.to_dict("records")
        return merge(rows, self.lesions + other.lesions, self.flag_rules or other.flag_rules)

    def __len__(self) -> int:
        return len(self.table)

    def summary_rows(self) -> list[tuple[str, str, str]]:
        """(effect, side, structures) for each effect and side, targets only, in words.

        The bladder and bowel have one line, "both sides": they are shown only when the
        roots of both sides are lost, and a one-sided bladder would be misread.
        """
        rows = []
        for effect in EFFECTS:
            if effect == SPHINCTER:
                organs = [r for r in self.records if r["effect"] == effect and r["kind"] == "organ"]
                if organs:
                    labels = dict.fromkeys(r["label"].lower() for r in organs)
                    rows.append((effect_word(effect), "both sides", ", ".join(labels)))
                continue
            for side in ("left", "right"):
                names = [
                    r["label"].lower()
                    for r in self.records
                    if r["effect"] == effect and r["side"] == side and r["kind"] not in PATH_KINDS
                ]
                if names:
                    rows.append((effect_word(effect), side, ", ".join(dict.fromkeys(names))))
        return rows

    def _title(self) -> str:
        what = "; ".join(lesion.words() for lesion in self.lesions)
        return f"Findings of {what or 'nothing'}"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(e)}</td><td>{html.escape(s)}</td><td>{html.escape(w)}</td></tr>"
            for e, s, w in self.summary_rows()
        )
        flags = "".join(
            f'<p role="alert"><b>Red flag:</b> {html.escape(text)}</p>' for text in self.red_flags
        )
        return (
            f"<p><b>{html.escape(self._title())}</b></p>{flags}<table><thead><tr><th>effect</th>"
            f"<th>side</th><th>where</th></tr></thead><tbody>{rows}</tbody></table>"
        )

    def __repr__(self) -> str:
        lines = [self._title()] + [f"RED FLAG: {text}" for text in self.red_flags]
        lines += [f"  {e} ({s}): {w}" for e, s, w in self.summary_rows()]
        return "\n".join(lines)


_EFFECT_ORDER = {e: i for i, e in enumerate(EFFECTS)}
_KIND_ORDER = {k: i for i, k in enumerate(FINDING_KINDS)}
_SIDE_ORDER = {"left": 0, "right": 1}


def _bilateral_sphincters(rows: list[dict]) -> list[dict]:
    """Drop bladder and bowel findings (and the roots carrying them) unless that organ is
    affected on both sides: each side's supply makes up for the other's loss."""
    sides: dict[str, set] = {}
    for row in rows:
        if row["effect"] == SPHINCTER and row["kind"] == "organ":
            sides.setdefault(row["structure"], set()).add(row["side"])
    both = {organ for organ, seen in sides.items() if seen == {"left", "right"}}
    return [
        row
        for row in rows
        if row["effect"] != SPHINCTER
        or (row["structure"] in both if row["kind"] == "organ" else both)
    ]


def merge(rows: list[dict], lesions: tuple[Lesion, ...], flag_rules=()) -> Findings:
    """One row per structure, effect and side: strongest intensity, all paths and citations."""
    return Findings(pd.DataFrame(merged_rows(rows), columns=COLUMNS), lesions, tuple(flag_rules))


def merged_rows(rows: list[dict]) -> list[dict]:
    """The rows of :func:`merge`'s table as dicts, in its order (no DataFrame built:
    localize compares every candidate at every band, and a table each cost more than
    the walk that made the rows)."""
    rows = _bilateral_sphincters(rows)
    merged: dict[tuple[str, str, str], dict] = {}
    for row in sorted(rows, key=lambda r: -r["intensity"]):
        key = (row["structure"], row["effect"], row["side"])
        have = merged.get(key)
        if have is None:
            merged[key] = {**row, "path": [row["path"]], "citations": list(row["citations"])}
            continue
        if row["path"] not in have["path"]:
            have["path"].append(row["path"])
        have["citations"] += [c for c in row["citations"] if c not in have["citations"]]
    out = sorted(
        merged.values(),
        key=lambda r: (
            _SIDE_ORDER[r["side"]],
            _EFFECT_ORDER[r["effect"]],
            _KIND_ORDER[r["kind"]],
            -r["intensity"],
            r["label"],
        ),
    )
    for row in out:
        row["path"] = " | ".join(row["path"])
    return out
