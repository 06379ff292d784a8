"""Compression and propagation: from a lesion to the findings it produces.

Grading (the one place it is defined)
-------------------------------------
A compression has a *severity* from 0 to 1. Each effect starts at a threshold:

=================  =========  ==================================================
effect             from       where
=================  =========  ==================================================
pain               > 0        the root or nerve itself, its nerves, and the
                              regions its pain spreads to (root) or that it runs
                              through and supplies (nerve)
numbness           0.4        skin: the root's dermatome, or the nerve's territory
weakness           0.7        muscles the root or nerve supplies
reduced_reflex     0.7        reflexes that run through the root or nerve
=================  =========  ==================================================

The *intensity* of a finding is ``severity x weight``: weight 1 where the root
is a main contributor (or the nerve the only supply), 0.5 where it is a minor
one. So a severe L5 lesion weakens extensor hallucis longus (main) at 0.9 and
abductor hallucis (minor) at 0.45. This is a teaching simplification: real
lesions vary, and overlap between roots makes single-root numbness patchy.

Where lesions act
-----------------
* A **root** lesion follows the root's own links: its dermatome, its pain
  pattern, the muscles and reflexes it serves, and every nerve it contributes
  to (pain along the path).
* A **disc** herniation compresses roots by level and zone (Fardon 2014): a
  paracentral (subarticular) one the root that *traverses* the level (L5 at
  L4-L5); a foraminal or extraforaminal one the root that *exits* there (L4 at
  L4-L5). A central one presses the traversing root and, at half the severity,
  every root below it (the cauda equina), on both sides unless a side is given.
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
WEAKNESS_FROM = 0.7
REFLEX_FROM = 0.7
CENTRAL_BELOW_FACTOR = 0.5

EFFECTS = ("pain", "numbness", "weakness", "reduced_reflex")
FINDING_KINDS = ("root", "nerve", "muscle", "region", "reflex")
COLUMNS = ["structure", "label", "kind", "effect", "intensity", "side", "path", "citations"]
ARROW = " → "

ZONES = {
    "central": "central",
    "paracentral": "paracentral",
    "subarticular": "paracentral",
    "posterolateral": "paracentral",
    "lateral recess": "paracentral",
    "foraminal": "foraminal",
    "extraforaminal": "extraforaminal",
    "far lateral": "extraforaminal",
}


def grade(severity: float) -> list[str]:
    """The effects a compression of this severity produces, mildest first."""
    effects = []
    if severity > PAIN_FROM:
        effects.append("pain")
    if severity >= NUMBNESS_FROM:
        effects.append("numbness")
    if severity >= WEAKNESS_FROM:
        effects += ["weakness", "reduced_reflex"]
    return effects


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

    def __repr__(self) -> str:
        what = ", ".join(f"{x.name} {x.side} {x.severity:g}" for x in self.lesions) or "nothing"
        return f"<Findings of {what}: {len(self.table)} rows>"


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


def check_zone(zone) -> str:
    """Zone name, aliases folded, or a ValueError listing the zones."""
    key = str(zone).strip().lower().replace("_", " ").replace("-", " ")
    key = {"far lateral": "far lateral", "extra foraminal": "extraforaminal"}.get(key, key)
    if key not in ZONES:
        raise choice_error("zone", zone, ZONES)
    return ZONES[key]


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
    """(nerve id, site id, position) or a ValueError listing nerves or that nerve's sites."""
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
    labels = [model.label(i) if i in model._index["label"] else i for i in ids]
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


def _root_rows(model: Model, root: str, severity: float, side: str, start=None, extra=()):
    """Findings rows of one root compressed on one side."""
    g = _graph(model)
    effects = grade(severity)
    if not effects:
        return []
    extra = list(extra)
    # The root itself is cited by where it leaves the spine.
    exits = [
        c
        for link in g.from_root.get(root, [])
        if link["relation"] == "exits_at"
        for c in link["cites"]
    ]
    rows = [_row(model, root, "pain", severity, side, _path(model, [root], start), extra + exits)]
    for link in g.from_root.get(root, []):
        rel, target = link["relation"], link["target"]
        cites = extra + link["cites"]
        intensity = severity * link["w"]
        if rel == "contributes_to" and model.kind(target) == "nerve":
            path = _path(model, [root, *g.chain(target), target], start)
            rows.append(_row(model, target, "pain", intensity, side, path, cites))
            continue
        effect = {
            "refers_pain_to": "pain",
            "supplies_skin": "numbness",
            "innervates": "weakness",
            "tested_by": "reduced_reflex",
        }.get(rel)
        if effect not in effects:
            continue
        if rel == "innervates":
            via = g.parent_link[target]
            ids = [root, *g.chain(target), target]
        else:
            via = g.via_nerve(root, "tested_by" if rel == "tested_by" else "supplies_skin", target)
            ids = [root, *g.chain(via["source"]), via["source"], target] if via else [root, target]
        if via is not None:
            cites += via["cites"]
        rows.append(_row(model, target, effect, intensity, side, _path(model, ids, start), cites))
    return rows


def _nerve_rows(model: Model, nerve: str, site: str, position: float, severity, side):
    """Findings rows of a nerve compressed at a position on one side."""
    g = _graph(model)
    effects = grade(severity)
    if not effects:
        return []
    sites = model.sites
    site_row = sites[(sites["nerve"] == nerve) & (sites["site"] == site)].iloc[0]
    start = f"{model.label(nerve)} @ {site.replace('_', ' ')}"
    rows = []
    # Walk the nerve from the site down, then every branch given off below it.
    stack = [(nerve, position, [], _split(site_row["citations"]))]
    while stack:
        current, from_pos, trail, cites = stack.pop()
        rows.append(_row(model, current, "pain", severity, side, _path(model, trail, start), cites))
        for link in g.from_nerve.get(current, []):
            if link["pos"] < from_pos:
                continue  # given off above the site: spared
            rel, target = link["relation"], link["target"]
            link_cites = cites + link["cites"]
            if rel == "branches_to":
                stack.append((target, 0.0, [*trail, target], link_cites))
                continue
            path = _path(model, [*trail, target], start)
            intensity = severity * link["w"]
            if rel in ("courses_through", "supplies_skin"):
                rows.append(_row(model, target, "pain", intensity, side, path, link_cites))
            if rel == "supplies_skin" and "numbness" in effects:
                rows.append(_row(model, target, "numbness", intensity, side, path, link_cites))
            elif rel == "innervates" and "weakness" in effects:
                rows.append(_row(model, target, "weakness", intensity, side, path, link_cites))
            elif rel == "tested_by" and "reduced_reflex" in effects:
                rows.append(
                    _row(model, target, "reduced_reflex", intensity, side, path, link_cites)
                )
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


def disc_roots(model: Model, level: str, zone: str) -> list[tuple[str, float]]:
    """(root, severity factor) pairs a herniation at a level and zone compresses."""
    g = _graph(model)
    level = check_disc(model, level)
    zone = check_zone(zone)
    if zone in ("foraminal", "extraforaminal"):
        return [(r, 1.0) for r in g.exits.get(level, [])]
    traversing = g.traverses[level]
    if zone == "paracentral":
        return [(r, 1.0) for r in traversing]
    lowest = min(model.roots.index(r) for r in traversing)
    below = [r for r in model.roots[lowest + 1 :]]
    return [(r, 1.0) for r in traversing] + [(r, CENTRAL_BELOW_FACTOR) for r in below]


def compress_disc(model: Model, level, zone="paracentral", side=None, severity=0.5) -> Findings:
    """Compress the roots a disc herniation meets (see :meth:`Model.compress_disc`)."""
    severity = check_severity(severity)
    level_id = check_disc(model, level)
    zone_id = check_zone(zone)
    side = check_side(side if side is not None else ("both" if zone_id == "central" else "left"))
    g = _graph(model)
    start = f"{level_id} disc ({zone_id})"
    relation = "exits_at" if zone_id in ("foraminal", "extraforaminal") else "traverses"
    rows = []
    pairs = disc_roots(model, level_id, zone_id)
    for root, factor in pairs:
        # A root below a central herniation does not cross the level: cite the rule
        # through the traversing root's link.
        link = (
            g.link_of.get((root, relation, level_id))
            or g.link_of[(pairs[0][0], relation, level_id)]
        )
        extra = link["cites"]
        for s in _sides(side):
            rows += _root_rows(model, root, severity * factor, s, start=start, extra=extra)
    lesion = Lesion(
        "disc", level_id, side, severity, zone=zone_id, roots=tuple(r for r, _ in pairs)
    )
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
            "zone": check_zone(zone or "paracentral"),
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
