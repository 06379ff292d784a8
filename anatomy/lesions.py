"""Compression and propagation: from a lesion to the findings it produces.

Grading (the one place it is defined)
-------------------------------------
A compression has a *severity* from 0 to 1. Each link it acts through has a
*weight*: 1 where the root is a main contributor (or the nerve the only
supply), 0.5 where it is a minor one. An effect appears where
``severity x weight`` reaches the effect's threshold, with that product as the
finding's *intensity*:

==================  ===========  ================================================
effect              from         where
==================  ===========  ================================================
pain                above 0      where a root's pain spreads; along a painful
                                 nerve's course and territory
numbness            0.4          skin: the root's dermatome, or the nerve's
                                 territory (above 0 at a painless nerve site)
reduced_reflex      0.4          reflexes that run through the root or nerve
weakness            0.7          muscles the root or nerve supplies
==================  ===========  ================================================

So a severe L5 lesion (0.9) weakens extensor hallucis longus (L5 main, 0.9)
but not abductor hallucis (L5 minor, 0.45: below the weakness threshold), and
a root that contributes little never shows as clinical weakness.

The reflex fades with numbness, before weakness: its sensory limb runs in the
dorsal root, and a reflex change is the most objective sign of a root lesion
(MSD Manual). This departs on purpose from the first plan, which put reflexes
with weakness.

The roots and nerves on the way are lit by what they carry: a nerve on the
path of a weak muscle is listed with weakness, on the path of a numb region
with numbness. A compressed root always hurts (radicular pain). A nerve site
marked painless in ``sites.csv`` (the common fibular nerve at the fibular
head: classically a painless foot drop) gives no pain, and numbness is its
first sign. All of this is a teaching simplification: real lesions vary, and
overlap between roots makes single-root numbness patchy.

Where lesions act
-----------------
* A **root** lesion follows the root's own links: its dermatome, its pain
  pattern, the muscles and reflexes it serves.
* A **disc** herniation compresses roots by level and zone, as ``zones.csv``
  says: paracentral (subarticular) meets the root that *traverses* the level
  (L5 at L4-L5); foraminal and extraforaminal the root that *exits* there (L4
  at L4-L5); central narrows the dural sac and compresses the traversing root
  and every root below it, on both sides (the cauda equina).
* A **nerve** lesion at a site affects only what the nerve gives off at or
  below the site: branches that leave above it are spared (a common fibular
  lesion at the fibular head spares the short head of biceps femoris).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from anatomy.errors import choice_error
from anatomy.model import SIDES, WEIGHTS, Model, _split

PAIN_FROM = 0.0
NUMBNESS_FROM = 0.4
REFLEX_FROM = 0.4
WEAKNESS_FROM = 0.7

EFFECTS = ("pain", "numbness", "weakness", "reduced_reflex")
FINDING_KINDS = ("root", "nerve", "muscle", "region", "reflex")
COLUMNS = ["structure", "label", "kind", "effect", "intensity", "side", "path", "citations"]
ARROW = " → "
# The effect a root's or nerve's link produces in its target.
EFFECT_OF = {
    "refers_pain_to": "pain",
    "courses_through": "pain",
    "supplies_skin": "numbness",
    "innervates": "weakness",
    "tested_by": "reduced_reflex",
}


def shows(effect: str, intensity: float, painful: bool = True) -> bool:
    """Whether an effect of this intensity (severity x weight) appears."""
    if effect == "pain":
        return painful and intensity > PAIN_FROM
    if effect == "numbness":
        return intensity >= NUMBNESS_FROM or (not painful and intensity > 0)
    if effect == "reduced_reflex":
        return intensity >= REFLEX_FROM
    return intensity >= WEAKNESS_FROM


def grade(severity: float, painful: bool = True) -> list[str]:
    """The effects a compression of this severity produces through main links."""
    return [
        e for e in ("pain", "numbness", "reduced_reflex", "weakness") if shows(e, severity, painful)
    ]


def grade_name(severity: float) -> str:
    """A word for the grade: none, mild, moderate or severe."""
    if severity <= PAIN_FROM:
        return "none"
    if severity < NUMBNESS_FROM:
        return "mild"
    if severity < WEAKNESS_FROM:
        return "moderate"
    return "severe"


@dataclass(frozen=True)
class Lesion:
    """One compressed site: what, where, which side, how hard."""

    kind: str  # root | disc | nerve
    target: str  # root id, disc level or nerve id
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


@dataclass(frozen=True)
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

    @property
    def roots(self) -> list[str]:
        """The root ids compressed, in anatomical order of first mention."""
        seen: list[str] = []
        for lesion in self.lesions:
            seen += [r for r in lesion.roots if r not in seen]
        return seen

    @property
    def records(self) -> list[dict]:
        """The table's rows as dicts (computed once; do not modify them)."""
        cached = self.__dict__.get("_records")
        if cached is None:
            cached = self.table.to_dict("records")
            object.__setattr__(self, "_records", cached)
        return cached

    @property
    def citation_ids(self) -> list[str]:
        """Every citation id behind the findings, in order of first use."""
        seen: dict[str, None] = {}
        for ids in self.table["citations"]:
            seen.update(dict.fromkeys(ids))
        return list(seen)

    def of(self, effect: str | None = None, kind: str | None = None, side: str | None = None):
        """The rows for one effect, kind and/or side."""
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
        return _merge(rows, self.lesions + other.lesions)

    def __len__(self) -> int:
        return len(self.table)

    def summary_rows(self) -> list[tuple[str, str, str]]:
        """(effect, side, structures) for each effect and side, targets only, in words."""
        rows = []
        for effect in EFFECTS:
            for side in ("left", "right"):
                names = [
                    r["label"].lower()
                    for r in self.records
                    if r["effect"] == effect
                    and r["side"] == side
                    and r["kind"] not in ("root", "nerve")
                ]
                if names:
                    rows.append((effect.replace("_", " "), side, ", ".join(dict.fromkeys(names))))
        return rows

    def _title(self) -> str:
        what = "; ".join(
            f"{x.name}, {'both sides' if x.side == 'both' else x.side + ' side'}, "
            f"severity {x.severity:g} ({grade_name(x.severity)})"
            for x in self.lesions
        )
        return f"Findings of {what or 'nothing'}"

    def _repr_html_(self) -> str:
        import html

        rows = "".join(
            f"<tr><td>{html.escape(e)}</td><td>{html.escape(s)}</td><td>{html.escape(w)}</td></tr>"
            for e, s, w in self.summary_rows()
        )
        return (
            f"<p><b>{html.escape(self._title())}</b></p><table><thead><tr><th>effect</th>"
            f"<th>side</th><th>where</th></tr></thead><tbody>{rows}</tbody></table>"
        )

    def __repr__(self) -> str:
        lines = [self._title()] + [f"  {e} ({s}): {w}" for e, s, w in self.summary_rows()]
        return "\n".join(lines)


# --- input checking ----------------------------------------------------------------------


def check_severity(severity) -> float:
    """Severity as a float in 0..1, or a ValueError naming the value."""
    try:
        value = float(severity)
    except (TypeError, ValueError):
        raise ValueError(f"severity must be a number from 0 to 1, not {severity!r}") from None
    if not 0 <= value <= 1 or value != value:
        raise ValueError(f"severity must be from 0 to 1, not {severity!r}")
    return value


def check_side(side) -> str:
    """Side as left, right or both, or a ValueError naming the valid choices."""
    value = str(side).strip().lower()
    if value not in SIDES:
        raise choice_error("side", side, SIDES)
    return value


def _sides(side: str) -> list[str]:
    return ["left", "right"] if side == "both" else [side]


def check_root(model: Model, root) -> str:
    """Root id (case-insensitive) or a ValueError listing the valid roots."""
    name = str(root).strip().upper()
    if name not in model.roots:
        raise choice_error("root", root, model.roots)
    return name


def check_zone(model: Model, zone) -> str:
    """Zone name (aliases, any case, '_' or '-' for spaces) or a ValueError listing zones."""
    key = str(zone).strip().casefold().replace("_", " ").replace("-", " ")
    names = {}
    for row in model.zones.to_dict("records"):
        for name in [row["zone"], *_split(row["aliases"])]:
            names[name.casefold().replace("_", " ").replace("-", " ")] = row["zone"]
    if key not in names:
        raise choice_error("zone", zone, list(names))
    return names[key]


def check_disc(model: Model, level) -> str:
    """Disc level (aliases such as ``L4/L5`` accepted) or a ValueError listing the levels."""
    valid = model.disc_levels
    try:
        found = model.resolve(str(level).replace(" ", ""), "disc")
    except ValueError:
        found = None
    if found not in valid:
        raise choice_error("disc level", level, valid)
    return found


def check_nerve_site(model: Model, nerve, site) -> tuple[str, str, float]:
    """(nerve id, site id, position) or a ValueError listing nerves or that nerve's sites.

    With no site, the nerve's most proximal site is used."""
    with_sites = list(dict.fromkeys(model.sites["nerve"]))
    try:
        nerve_id = model.resolve(nerve, "nerve")
    except ValueError:
        raise choice_error("nerve", nerve, with_sites) from None
    if nerve_id not in with_sites:
        raise choice_error("nerve", nerve, with_sites)
    sites = model.sites_of(nerve_id)
    if site is None:
        row = sites.iloc[0]
        return nerve_id, row["site"], float(row["position"])
    key = str(site).strip().casefold().replace("_", " ")
    for _, row in sites.iterrows():
        names = [row["site"].replace("_", " "), *_split(row["aliases"])]
        if key in (n.casefold() for n in names):
            return nerve_id, row["site"], float(row["position"])
    raise choice_error(f"site for the {nerve_id} nerve", site, list(sites["site"]))


# --- the graph, as the engine sees it ------------------------------------------------------


class _Graph:
    """Indexes over the links table, built once per model (links as plain dicts)."""

    def __init__(self, model: Model):
        kind = model._index["kind"]
        self.parent: dict[str, str] = {}
        self.parent_link: dict[str, dict] = {}
        self.from_root: dict[str, list[dict]] = {}
        self.from_nerve: dict[str, list[dict]] = {}
        self.to_from_nerve: dict[tuple[str, str], list[dict]] = {}
        self.contrib: dict[tuple[str, str], dict] = {}
        self.traverses: dict[str, list[str]] = {}
        self.exits: dict[str, list[str]] = {}
        self.link_of: dict[tuple[str, str, str], dict] = {}
        for link in model.links.to_dict("records"):
            src, rel, tgt = link["source"], link["relation"], link["target"]
            link["cites"] = _split(link["citations"])
            link["w"] = WEIGHTS.get(link["weight"], 1.0)
            link["pos"] = float(link["position"]) if link["position"] else 0.0
            self.link_of[(src, rel, tgt)] = link
            if kind[src] == "root":
                self.from_root.setdefault(src, []).append(link)
                if rel == "contributes_to":
                    self.contrib[(src, tgt)] = link
                elif rel == "traverses":
                    self.traverses.setdefault(tgt, []).append(src)
                elif rel == "exits_at":
                    self.exits.setdefault(tgt, []).append(src)
                continue
            if rel in ("branches_to", "innervates"):
                self.parent[tgt] = src
                self.parent_link[tgt] = link
            if kind[src] == "nerve":
                self.from_nerve.setdefault(src, []).append(link)
                self.to_from_nerve.setdefault((rel, tgt), []).append(link)
        self.chains = {s: self._chain(s) for s in kind}

    def _chain(self, structure: str) -> list[str]:
        chain = []
        while structure in self.parent:
            structure = self.parent[structure]
            chain.append(structure)
        return chain[::-1]

    def chain(self, structure: str) -> list[str]:
        """Plexus and nerves from the top down to (not including) the structure."""
        return self.chains[structure]

    def via_nerve(self, root: str, relation: str, target: str) -> dict | None:
        """The link from a nerve carrying this root to the target, main links first."""
        best, best_score = None, -1.0
        for link in self.to_from_nerve.get((relation, target), []):
            contrib = self.contrib.get((root, link["source"]))
            if contrib is not None and link["w"] + contrib["w"] > best_score:
                best, best_score = link, link["w"] + contrib["w"]
        return best


def _graph(model: Model) -> _Graph:
    cached = model.__dict__.get("_graph")
    if cached is None:
        cached = _Graph(model)
        object.__setattr__(model, "_graph", cached)
    return cached


# --- propagation ---------------------------------------------------------------------------


def _path(model: Model, ids: list[str], start: str | None = None) -> str:
    labels = [model.label(i) for i in ids]
    if start:
        labels.insert(0, start)
    return ARROW.join(labels)


def _row(model, structure, effect, intensity, side, path, citations) -> dict:
    return {
        "structure": structure,
        "label": model.label(structure),
        "kind": model.kind(structure),
        "effect": effect,
        "intensity": round(min(1.0, intensity), 2),
        "side": side,
        "path": path,
        "citations": list(dict.fromkeys(citations)),
    }


@dataclass
class _Reach:
    """One target reached: the ids on the way (carriers first), effect and evidence."""

    ids: list[str]
    effect: str
    intensity: float
    cites: list[str]


def _rows(model, reaches, side, start, carrier_cites) -> list[dict]:
    """Finding rows of the targets, and of the roots and nerves that carry them."""
    rows = []
    for reach in reaches:
        target = reach.ids[-1]
        path = _path(model, reach.ids, start)
        rows.append(_row(model, target, reach.effect, reach.intensity, side, path, reach.cites))
        for i, carrier in enumerate(reach.ids[:-1]):
            if model.kind(carrier) not in ("root", "nerve"):
                continue  # a plexus is a crossroads, not a finding
            prefix = _path(model, reach.ids[: i + 1], start)
            cites = carrier_cites(carrier)
            rows.append(_row(model, carrier, reach.effect, reach.intensity, side, prefix, cites))
    return rows


def _root_rows(model: Model, root: str, severity: float, side: str, start=None, extra=()):
    """Findings rows of one root compressed on one side."""
    g = _graph(model)
    if severity <= 0:
        return []
    extra = list(extra)
    exits = [
        c
        for link in g.from_root.get(root, [])
        if link["relation"] == "exits_at"
        for c in link["cites"]
    ]
    reaches = [_Reach([root], "pain", severity, extra + exits)]  # radicular pain
    for link in g.from_root.get(root, []):
        rel, target = link["relation"], link["target"]
        effect = EFFECT_OF.get(rel)
        intensity = severity * link["w"]
        if effect is None or not shows(effect, intensity):
            continue
        cites = extra + link["cites"]
        if rel == "innervates":
            via = g.parent_link[target]
            ids = [root, *g.chain(target), target]
        else:
            via = g.via_nerve(root, "tested_by" if rel == "tested_by" else "supplies_skin", target)
            ids = [root, *g.chain(via["source"]), via["source"], target] if via else [root, target]
        if via is not None:
            cites += via["cites"]
        reaches.append(_Reach(ids, effect, intensity, cites))

    def carrier_cites(carrier: str) -> list[str]:
        if carrier == root:
            return extra + exits
        return g.contrib[(root, carrier)]["cites"]

    rows = _rows(model, reaches[1:], side, start, carrier_cites)
    return _rows(model, reaches[:1], side, start, carrier_cites) + rows


def _nerve_rows(model: Model, nerve: str, site: str, position: float, severity, side):
    """Findings rows of a nerve compressed at a position on one side."""
    g = _graph(model)
    if severity <= 0:
        return []
    sites = model.sites
    site_row = sites[(sites["nerve"] == nerve) & (sites["site"] == site)].iloc[0]
    painful = site_row["painful"] == "yes"
    start = f"{model.label(nerve)} @ {site.replace('_', ' ')}"
    site_cites = _split(site_row["citations"])
    reaches = []
    if painful:
        reaches.append(_Reach([nerve], "pain", severity, site_cites))
    carrier = {nerve: site_cites}
    # Walk the nerve from the site down, then every branch given off below it.
    stack = [(nerve, position, [nerve])]
    while stack:
        current, from_pos, trail = stack.pop()
        for link in g.from_nerve.get(current, []):
            if link["pos"] < from_pos:
                continue  # given off above the site: spared
            rel, target = link["relation"], link["target"]
            if rel == "branches_to":
                carrier[target] = carrier[current] + link["cites"]
                stack.append((target, 0.0, [*trail, target]))
                continue
            intensity = severity * link["w"]
            cites = carrier[current] + link["cites"]
            effects = [EFFECT_OF.get(rel)]
            if rel == "supplies_skin":
                effects = ["pain", "numbness"]  # an entrapped nerve hurts in its territory
            for effect in effects:
                if effect is not None and shows(effect, intensity, painful):
                    reaches.append(_Reach([*trail, target], effect, intensity, cites))
    rows = _rows(model, reaches, side, None, lambda c: carrier[c])
    for row in rows:  # paths start at the site: "Common fibular nerve @ fibular head → ..."
        row["path"] = start + row["path"][len(model.label(nerve)) :]
    return rows


_EFFECT_ORDER = {e: i for i, e in enumerate(EFFECTS)}
_KIND_ORDER = {k: i for i, k in enumerate(FINDING_KINDS)}
_SIDE_ORDER = {"left": 0, "right": 1}


def _merge(rows: list[dict], lesions: tuple[Lesion, ...]) -> Findings:
    """One row per structure, effect and side: strongest intensity, all paths and citations."""
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
    return Findings(pd.DataFrame(out, columns=COLUMNS), lesions)


def _findings(rows: list[dict], lesions: tuple[Lesion, ...]) -> Findings:
    return _merge(rows, lesions)


# --- the public entry points (called through Model) ---------------------------------------------


def compress_roots(model: Model, root, severity=0.5, side="left") -> Findings:
    """Compress one root or a list of roots (see :meth:`Model.compress`)."""
    severity = check_severity(severity)
    side = check_side(side)
    roots = [root] if isinstance(root, str) else list(root)
    if not roots:
        raise ValueError(f"name at least one root; valid roots: {', '.join(model.roots)}")
    roots = list(dict.fromkeys(check_root(model, r) for r in roots))
    rows = [row for r in roots for s in _sides(side) for row in _root_rows(model, r, severity, s)]
    lesions = tuple(Lesion("root", r, side, severity, roots=(r,)) for r in roots)
    return _findings(rows, lesions)


def _zone(model: Model, zone_id: str) -> dict:
    return model.zones.set_index("zone").loc[zone_id].to_dict()


def disc_roots(model: Model, level: str, zone: str) -> list[str]:
    """The roots a herniation at a level and zone compresses (rule from ``zones.csv``)."""
    g = _graph(model)
    level = check_disc(model, level)
    rule = _zone(model, check_zone(model, zone))
    met = (g.exits if rule["meets"] == "exits_at" else g.traverses).get(level, [])
    if rule["lower_roots"] == "yes" and met:
        lowest = min(model.roots.index(r) for r in met)
        met = list(dict.fromkeys([*met, *model.roots[lowest + 1 :]]))
    return met


def compress_disc(model: Model, level, zone="paracentral", side=None, severity=0.5) -> Findings:
    """Compress the roots a disc herniation meets (see :meth:`Model.compress_disc`)."""
    severity = check_severity(severity)
    level_id = check_disc(model, level)
    zone_id = check_zone(model, zone)
    rule = _zone(model, zone_id)
    side = check_side(side if side is not None else rule["default_side"])
    start = f"{level_id} disc ({zone_id})"
    extra = _split(rule["citations"])
    roots = disc_roots(model, level_id, zone_id)
    rows = [
        row
        for root in roots
        for s in _sides(side)
        for row in _root_rows(model, root, severity, s, start=start, extra=extra)
    ]
    lesion = Lesion("disc", level_id, side, severity, zone=zone_id, roots=tuple(roots))
    return _findings(rows, (lesion,))


def compress_nerve(model: Model, nerve, site=None, side="left", severity=0.5) -> Findings:
    """Compress a nerve at a site (see :meth:`Model.compress_nerve`)."""
    severity = check_severity(severity)
    side = check_side(side)
    nerve_id, site_id, position = check_nerve_site(model, nerve, site)
    rows = [
        row
        for s in _sides(side)
        for row in _nerve_rows(model, nerve_id, site_id, position, severity, s)
    ]
    return _findings(rows, (Lesion("nerve", nerve_id, side, severity, site=site_id),))


def parse_lesion(model: Model, spec: str) -> tuple[str, dict]:
    """Check one lesion written as ``root:L5``, ``disc:L4-L5:paracentral`` or
    ``nerve:sciatic@piriformis``; return (kind, keyword arguments) to compress it."""
    kind, _, rest = spec.strip().partition(":")
    if kind == "root":
        return "root", {"root": check_root(model, rest)}
    if kind == "disc":
        level, _, zone = rest.partition(":")
        return "disc", {
            "level": check_disc(model, level),
            "zone": check_zone(model, zone or "paracentral"),
        }
    if kind == "nerve":
        nerve, _, site = rest.partition("@")
        nerve_id, site_id, _ = check_nerve_site(model, nerve, site or None)
        return "nerve", {"nerve": nerve_id, "site": site_id}
    raise choice_error("lesion kind", kind, ("root", "disc", "nerve"))


def parse_lesions(model: Model, specs: str) -> list[tuple[str, dict]]:
    """Check several lesions joined by ``+``."""
    parts = [p for p in specs.split("+") if p.strip()]
    if not parts:
        raise ValueError(f"no lesion in {specs!r}; write e.g. 'root:L5 + disc:L4-L5:paracentral'")
    return [parse_lesion(model, p) for p in parts]


def compress_lesions(model: Model, specs: str, side="left", severity=0.5) -> Findings:
    """Findings of several lesions (see :func:`parse_lesions`), combined."""
    compressors = {"root": compress_roots, "disc": compress_disc, "nerve": compress_nerve}
    findings = [
        compressors[kind](model, **args, side=side, severity=severity)
        for kind, args in parse_lesions(model, specs)
    ]
    total = findings[0]
    for f in findings[1:]:
        total = total + f
    return total


def compress_case(model: Model, case: str) -> Findings:
    """The findings of a preset case (a row of ``model.cases``)."""
    ids = list(model.cases["id"])
    if case not in ids:
        raise choice_error("case", case, ids)
    row = model.cases.set_index("id").loc[case]
    return compress_lesions(model, row["lesions"], row["side"], float(row["severity"]))
