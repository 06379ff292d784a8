"""Compression and propagation: from a lesion to the findings it produces.

What each severity produces is defined once, in :mod:`anatomy.engine.grading`.

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

These are pure functions of (model, inputs); :class:`anatomy.atlas.Atlas` calls
them as ``model.compress(...)``.
"""

from __future__ import annotations

from dataclasses import dataclass

from anatomy.engine.findings import PATH_KINDS, Findings, Lesion, merge
from anatomy.engine.grading import shows
from anatomy.engine.graph import graph
from anatomy.engine.inputs import (
    check_case,
    check_disc,
    check_nerve_site,
    check_root,
    check_severity,
    check_side,
    check_zone,
    parse_lesions,
)
from anatomy.model import Model
from anatomy.model.tables import split_cell

ARROW = " → "
# The effect a root's or nerve's link produces in its target.
EFFECT_OF = {
    "refers_pain_to": "pain",
    "courses_through": "pain",
    "supplies_skin": "numbness",
    "innervates": "weakness",
    "tested_by": "reduced_reflex",
}
SMALLEST = 0.01  # intensities are shown to 2 decimals; a finding never reads as 0.00


def sides_of(side: str) -> list[str]:
    """The legs a side names: ['left', 'right'] for both."""
    return ["left", "right"] if side == "both" else [side]


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
        "intensity": max(SMALLEST, round(min(1.0, intensity), 2)),
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


def _rows(model, reaches, side, start, carrier_cites, paths=True) -> list[dict]:
    """Finding rows of the targets, and of the roots and nerves that carry them
    (with ``paths=False``: the targets only, with no path, which is all localize compares)."""
    rows = []
    for reach in reaches:
        target = reach.ids[-1]
        if not paths:
            rows.append(_row(model, target, reach.effect, reach.intensity, side, "", reach.cites))
            continue
        path = _path(model, reach.ids, start)
        rows.append(_row(model, target, reach.effect, reach.intensity, side, path, reach.cites))
        for i, carrier in enumerate(reach.ids[:-1]):
            if model.kind(carrier) not in PATH_KINDS:
                continue  # a plexus is a crossroads, not a finding
            prefix = _path(model, reach.ids[: i + 1], start)
            cites = carrier_cites(carrier)
            rows.append(_row(model, carrier, reach.effect, reach.intensity, side, prefix, cites))
    return rows


def root_rows(
    model: Model, root: str, severity: float, side: str, start=None, extra=(), paths=True
):
    """Findings rows of one root compressed on one side (``paths``: see :func:`_rows`)."""
    g = graph(model)
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

    rows = _rows(model, reaches[1:], side, start, carrier_cites, paths)
    return _rows(model, reaches[:1], side, start, carrier_cites, paths) + rows


def nerve_rows(model: Model, nerve: str, site: str, position: float, severity, side, paths=True):
    """Findings rows of a nerve compressed at a position on one side (``paths``: see
    :func:`_rows`)."""
    g = graph(model)
    if severity <= 0:
        return []
    site_row = model.site_row(nerve, site)
    painful = site_row["painful"] == "yes"
    start = f"{model.label(nerve)} @ {site.replace('_', ' ')}"
    site_cites = split_cell(site_row["citations"])
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
    rows = _rows(model, reaches, side, None, lambda c: carrier[c], paths)
    if not paths:
        return rows
    for row in rows:  # paths start at the site: "Common fibular nerve @ fibular head → ..."
        row["path"] = start + row["path"][len(model.label(nerve)) :]
    return rows


# --- the entry points (called through the Atlas) --------------------------------------------------


def _root_list(model: Model, root) -> list[str]:
    if isinstance(root, str):
        return [root]
    if isinstance(root, list | tuple):
        if not root:
            raise ValueError(f"name at least one root; valid roots: {', '.join(model.roots)}")
        return list(root)
    raise TypeError(
        f"root must be a root name or a list of them, not {root!r} ({type(root).__name__}); "
        f"valid roots: {', '.join(model.roots)}"
    )


def compress_roots(model: Model, root, severity=0.5, side="left") -> Findings:
    """Compress one root or a list of roots (see :meth:`anatomy.atlas.Atlas.compress`)."""
    roots = _root_list(model, root)
    severity = check_severity(severity)
    side = check_side(side)
    roots = list(dict.fromkeys(check_root(model, r) for r in roots))
    rows = [row for r in roots for s in sides_of(side) for row in root_rows(model, r, severity, s)]
    lesions = tuple(Lesion("root", r, side, severity, roots=(r,)) for r in roots)
    return merge(rows, lesions)


def lesion_rows(
    model: Model, kind: str, args: dict, severity: float, side: str, paths: bool = True
) -> list[dict]:
    """The unmerged finding rows of one lesion whose names are already checked ids.

    The same walk as :func:`compress_roots`, :func:`compress_disc` and
    :func:`compress_nerve`, without their input checks and without building a
    table: ``localize`` compresses every candidate lesion at every severity band,
    and each table costs more than the walk itself. With ``paths=False`` only the
    targets' rows, with no path (what localize compares).
    """
    sides = sides_of(side)
    if kind == "root":
        root = args["root"]
        return [row for s in sides for row in root_rows(model, root, severity, s, paths=paths)]
    if kind == "disc":
        level, zone = args["level"], args["zone"]
        start = f"{level} disc ({zone})"
        extra = split_cell(model.zone_row(zone)["citations"])
        return [
            row
            for root in disc_roots(model, level, zone)
            for s in sides
            for row in root_rows(model, root, severity, s, start, extra, paths)
        ]
    nerve, site = args["nerve"], args["site"]
    position = float(model.site_row(nerve, site)["position"])
    return [
        row for s in sides for row in nerve_rows(model, nerve, site, position, severity, s, paths)
    ]


def disc_roots(model: Model, level: str, zone: str) -> list[str]:
    """The roots a herniation at a level and zone compresses (rule from ``zones.csv``)."""
    g = graph(model)
    level = check_disc(model, level)
    rule = model.zone_row(check_zone(model, zone))
    met = (g.exits if rule["meets"] == "exits_at" else g.traverses).get(level, [])
    if rule["lower_roots"] == "yes" and met:
        lowest = min(model.roots.index(r) for r in met)
        met = list(dict.fromkeys([*met, *model.roots[lowest + 1 :]]))
    return met


def compress_disc(model: Model, level, zone="paracentral", side=None, severity=0.5) -> Findings:
    """Compress the roots a disc herniation meets (:meth:`anatomy.atlas.Atlas.compress_disc`)."""
    severity = check_severity(severity)
    level_id = check_disc(model, level)
    zone_id = check_zone(model, zone)
    rule = model.zone_row(zone_id)
    side = check_side(side if side is not None else rule["default_side"])
    roots = disc_roots(model, level_id, zone_id)
    rows = lesion_rows(model, "disc", {"level": level_id, "zone": zone_id}, severity, side)
    lesion = Lesion("disc", level_id, side, severity, zone=zone_id, roots=tuple(roots))
    return merge(rows, (lesion,))


def compress_nerve(model: Model, nerve, site=None, side="left", severity=0.5) -> Findings:
    """Compress a nerve at a site (see :meth:`anatomy.atlas.Atlas.compress_nerve`)."""
    severity = check_severity(severity)
    side = check_side(side)
    nerve_id, site_id, position = check_nerve_site(model, nerve, site)
    rows = [
        row
        for s in sides_of(side)
        for row in nerve_rows(model, nerve_id, site_id, position, severity, s)
    ]
    return merge(rows, (Lesion("nerve", nerve_id, side, severity, site=site_id),))


COMPRESSORS = {"root": compress_roots, "disc": compress_disc, "nerve": compress_nerve}


def compress_lesions(model: Model, specs: str, side="left", severity=0.5) -> Findings:
    """Findings of several lesions (``root:L5 + disc:L4-L5:central``...), combined."""
    findings = [
        COMPRESSORS[kind](model, **args, side=side, severity=severity)
        for kind, args in parse_lesions(model, specs)
    ]
    total = findings[0]
    for f in findings[1:]:
        total = total + f
    return total


def compress_case(model: Model, case: str) -> Findings:
    """The findings of a preset case (a row of ``model.cases``)."""
    row = model.case_row(check_case(model, case))
    return compress_lesions(model, row["lesions"], row["side"], float(row["severity"]))
