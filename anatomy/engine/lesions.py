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

from anatomy.engine import canal
from anatomy.engine.findings import Findings, Lesion, merge
from anatomy.engine.grading import shows
from anatomy.engine.graph import graph
from anatomy.engine.inputs import (
    check_case,
    check_disc,
    check_joint,
    check_nerve_site,
    check_root,
    check_severity,
    check_side,
    check_zone,
    parse_lesions,
)
from anatomy.engine.red_flags import rules as flag_rules
from anatomy.model import Model
from anatomy.model.tables import split_cell
from anatomy.model.vocabulary import PATH_KINDS

ARROW = " → "
# The effects a root's or nerve's link produces in its target.
EFFECTS_OF = {
    "refers_pain_to": ("pain",),
    "courses_through": ("pain",),
    "supplies_skin": ("tingling", "numbness"),
    "innervates": ("weakness",),
    "tested_by": ("reduced_reflex",),
    "controls": ("sphincter_dysfunction",),
}
PARTIAL = 0.5  # what a site reaches of a branch or target it only partly catches
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
    """Finding rows of the targets, and of the roots and nerves that carry them (with
    ``paths=False`` the targets only, with no path: all localize compares)."""
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
    model: Model,
    root: str,
    severity: float,
    side: str,
    start=None,
    extra=(),
    paths=True,
    regions=None,
):
    """Findings rows of one root compressed on one side (``paths``: see :func:`_rows`).

    ``regions``, if given, limits the skin it hurts, tingles or numbs to those regions
    (a cord segment in the conus: :data:`anatomy.engine.canal.CONUS_SKIN`). Without
    paths the rows are kept per model (localize asks the same root at the same severity
    for a root, its disc zones and every central herniation above it); they are shared,
    so a caller must not change them.
    """
    if severity <= 0:
        return []
    if not paths:
        memo = model.derived(_root_memo)
        key = (root, round(severity, 9), side, tuple(extra), regions)
        if key not in memo:
            memo[key] = _root_rows(model, root, severity, side, start, extra, paths, regions)
        return memo[key]
    return _root_rows(model, root, severity, side, start, extra, paths, regions)


def _root_memo(model: Model) -> dict:
    return {}


def _root_rows(model, root, severity, side, start, extra, paths, regions):
    g = graph(model)
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
        skin = rel in ("supplies_skin", "refers_pain_to")
        if regions is not None and skin and target not in regions:
            continue
        intensity = severity * link["w"]
        effects = [e for e in EFFECTS_OF.get(rel, ()) if shows(e, intensity)]
        if not effects:
            continue
        cites = extra + link["cites"]
        if rel == "innervates":
            via = g.parent_link[target]
            ids = [root, *g.chain(target), target]
        elif rel == "controls":
            via, ids = None, [root, target]  # through the pelvic nerves (not modelled)
        else:
            via = g.via_nerve(root, "tested_by" if rel == "tested_by" else "supplies_skin", target)
            ids = [root, *g.chain(via["source"]), via["source"], target] if via else [root, target]
        if via is not None:
            cites += via["cites"]
        reaches += [_Reach(ids, effect, intensity, cites) for effect in effects]

    def carrier_cites(carrier: str) -> list[str]:
        if carrier == root:
            return extra + exits
        return g.contrib[(root, carrier)]["cites"]

    rows = _rows(model, reaches[1:], side, start, carrier_cites, paths)
    return _rows(model, reaches[:1], side, start, carrier_cites, paths) + rows


def nerve_rows(model: Model, nerve: str, site: str, position: float, severity, side, paths=True):
    """Findings rows of a nerve compressed at a position on one side (with the nerves a site
    also catches, and at reduced strength what it only partly catches: ``sites.csv``)."""
    if severity <= 0:
        return []
    site_row = model.site_row(nerve, site)
    painful = site_row["painful"] == "yes"
    start = f"{model.label(nerve)} @ {site.replace('_', ' ')}"
    site_cites = split_cell(site_row["citations"])
    partial = set(split_cell(site_row["partial"]))
    rows = _walk(model, nerve, position, severity, side, painful, site_cites, partial, paths)
    if paths:  # paths start at the site: "Common fibular nerve @ fibular head → ..."
        for row in rows:
            row["path"] = start + row["path"][len(model.label(nerve)) :]
    for other in split_cell(site_row["also"]):
        more = _walk(
            model, other, 0.0, severity, side, painful, site_cites, partial, paths, trunk=False
        )
        if paths:
            for row in more:
                row["path"] = start + ARROW + row["path"]
        rows += more
    return rows


def _walk(model, nerve, position, severity, side, painful, site_cites, partial, paths, trunk=True):
    """Walk a nerve from a position down, then every branch given off below it."""
    g = graph(model)
    reaches = []
    if painful and trunk:
        reaches.append(_Reach([nerve], "pain", severity, site_cites))
    carrier = {nerve: site_cites}
    stack = [(nerve, position, [nerve], 1.0)]
    while stack:
        current, from_pos, trail, scale = stack.pop()
        for link in g.from_nerve.get(current, []):
            if link["pos"] < from_pos:
                continue  # given off above the site: spared
            rel, target = link["relation"], link["target"]
            part = PARTIAL if target in partial else 1.0
            if rel == "branches_to":
                carrier[target] = carrier[current] + link["cites"]
                stack.append((target, 0.0, [*trail, target], scale * part))
                continue
            intensity = severity * link["w"] * scale * part
            cites = carrier[current] + link["cites"]
            effects = EFFECTS_OF.get(rel, ())
            if rel == "supplies_skin":
                effects = ("pain", "tingling", "numbness")  # an entrapped nerve hurts there
            for effect in effects:
                # an entrapped nerve tingles as soon as it hurts (pain and paraesthesia first)
                entrapped = effect == "tingling" and intensity > 0
                if entrapped or shows(effect, intensity, painful):
                    reaches.append(_Reach([*trail, target], effect, intensity, cites))
    return _rows(model, reaches, side, None, lambda c: carrier[c], paths)


def joint_rows(model: Model, joint: str, severity: float, side: str) -> list[dict]:
    """Findings rows of an irritated joint: pain where it refers it, nothing else.

    The path names the joint's nerves (``supplies_joint``): pain from the hip felt at the
    knee travels in the articular branches of the femoral and obturator nerves.
    """
    if severity <= 0:
        return []
    g = graph(model)
    rows = []
    for (src, rel, target), link in g.link_of.items():
        if src != joint or rel != "refers_pain_to":
            continue
        intensity = severity * link["w"]
        if not shows("pain", intensity):
            continue
        via = _articular_words(model, joint, target)
        path = ARROW.join(p for p in (model.label(joint), via, model.label(target)) if p)
        rows.append(_row(model, target, "pain", intensity, side, path, link["cites"]))
    return rows


def _articular_words(model: Model, joint: str, region: str) -> str:
    """The nerves a joint's referred pain travels in, in words: those that supply the joint
    and also the region's skin or the joint under the region (the hip and the knee share the
    femoral and obturator nerves); all the joint's nerves if none does; '' if it has none."""
    g = graph(model)
    links = g.link_of
    nerves = [s for (s, rel, t) in links if rel == "supplies_joint" and t == joint]
    under = [t for (s, rel, t) in links if rel == "covers" and s == region]

    def reaches(nerve: str) -> bool:
        family = [nerve, *(n for n in g.chains if nerve in g.chain(n))]
        return any(
            (n, "supplies_skin", region) in links
            or any((n, "supplies_joint", j) in links for j in under)
            for n in family
        )

    shared = [n for n in nerves if reaches(n)] or nerves
    if not shared:
        return ""
    names = [model.label(n).replace(" nerve", "").lower() for n in shared]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{joined} nerve{'s' if len(names) > 1 else ''} (articular branches)"


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
    return merge(rows, lesions, flag_rules(model))


def disc_roots(model: Model, level: str, zone: str) -> list[str]:
    """The roots a herniation at a level and zone compresses (rule from ``zones.csv``; for a
    central one every root it reaches when large, see :mod:`anatomy.engine.canal`)."""
    g = graph(model)
    level = check_disc(model, level)
    rule = model.zone_row(check_zone(model, zone))
    if rule["lower_roots"] == "yes":
        return [root for root, _ in canal.central_roots(model, level, 1.0)]
    return list((g.exits if rule["meets"] == "exits_at" else g.traverses).get(level, []))


def compress_disc(model: Model, level, zone="paracentral", side=None, severity=0.5) -> Findings:
    """Compress the roots a disc herniation meets (:meth:`anatomy.atlas.Atlas.compress_disc`)."""
    severity = check_severity(severity)
    level_id = check_disc(model, level)
    zone_id = check_zone(model, zone)
    rule = model.zone_row(zone_id)
    side = check_side(side if side is not None else rule["default_side"])
    rows, lesions = lesion_rows(model, "disc", {"level": level_id, "zone": zone_id}, severity, side)
    return merge(rows, lesions, flag_rules(model))


def _disc_rows(model: Model, level: str, zone: str, side: str, severity: float, paths=True):
    """Rows and lesion of a herniation whose level and zone are checked ids."""
    rule = model.zone_row(zone)
    start = f"{level} disc ({zone})"
    extra = split_cell(rule["citations"])
    if rule["lower_roots"] == "yes":
        rows, roots = _central_rows(model, level, side, severity, start, extra, paths)
    else:
        roots = tuple(disc_roots(model, level, zone))
        rows = [
            row
            for root in roots
            for s in sides_of(side)
            for row in root_rows(model, root, severity, s, start, extra, paths)
        ]
    return rows, (Lesion("disc", level, side, severity, zone=zone, roots=roots),)


def _central_rows(model, level, side, severity, start, extra, paths=True):
    """A central herniation: graded roots, both sides or one side worse (module canal)."""
    conus = canal.is_conus(model, level)
    rows, reached = [], []
    for leg, scale in canal.side_scales(side).items():
        for root, pressed in canal.central_roots(model, level, severity, scale):
            if pressed <= 0:
                continue
            reached.append(root)
            if conus:  # a cord segment: its skin is the saddle, its pain the back
                here = f"{start} → {model.label('conus_medullaris')}"
                skin = canal.CONUS_SKIN
            else:
                here, skin = start, None
            rows += root_rows(model, root, pressed, leg, here, extra, paths, skin)
    if conus and paths:  # the cord is a carrier: on the path, never a compared finding
        rows += _cord_rows(model, rows, start, extra)
    return rows, tuple(r for r in model.roots if r in reached)


def _cord_rows(model: Model, rows: list[dict], start: str, extra) -> list[dict]:
    """The conus medullaris as a carrier: one row per effect and side that came through it."""
    label = model.label("conus_medullaris")
    cites = extra + canal.conus_citations(model)
    best: dict[tuple[str, str], float] = {}
    for row in rows:
        if label in row["path"] and row["kind"] != "cord":
            key = (row["effect"], row["side"])
            best[key] = max(best.get(key, 0.0), row["intensity"])
    return [
        _row(model, "conus_medullaris", effect, value, side, f"{start} → {label}", cites)
        for (effect, side), value in best.items()
    ]


def compress_nerve(model: Model, nerve, site=None, side="left", severity=0.5) -> Findings:
    """Compress a nerve at a site (see :meth:`anatomy.atlas.Atlas.compress_nerve`)."""
    severity = check_severity(severity)
    side = check_side(side)
    nerve_id, site_id, _ = check_nerve_site(model, nerve, site)
    rows, lesions = lesion_rows(
        model, "nerve", {"nerve": nerve_id, "site": site_id}, severity, side
    )
    return merge(rows, lesions, flag_rules(model))


def irritate_joint(model: Model, joint, side="left", severity=0.5) -> Findings:
    """An irritated joint: referred pain only (see :meth:`anatomy.atlas.Atlas.irritate_joint`)."""
    severity = check_severity(severity)
    side = check_side(side)
    joint_id = check_joint(model, joint)
    rows, lesions = lesion_rows(model, "joint", {"joint": joint_id}, severity, side)
    return merge(rows, lesions, flag_rules(model))


def lesion_rows(model: Model, kind: str, args: dict, severity: float, side: str, paths=True):
    """The unmerged finding rows of one lesion named by checked ids, and its Lesion.

    The walk behind every ``compress_*``, without their input checks and without a
    table: localize compresses every candidate at every band and only needs the rows
    (:func:`anatomy.engine.findings.merged_rows`), and with ``paths=False`` only the
    targets' rows, with no path (:func:`_rows`).
    """
    if kind == "root":
        root = args["root"]
        rows = [
            row for s in sides_of(side) for row in root_rows(model, root, severity, s, paths=paths)
        ]
        return rows, (Lesion("root", root, side, severity, roots=(root,)),)
    if kind == "disc":
        return _disc_rows(model, args["level"], args["zone"], side, severity, paths)
    if kind == "joint":
        joint = args["joint"]
        rows = [row for s in sides_of(side) for row in joint_rows(model, joint, severity, s)]
        return rows, (Lesion("joint", joint, side, severity),)
    nerve, site = args["nerve"], args["site"]
    position = float(model.site_row(nerve, site)["position"])
    rows = [
        row
        for s in sides_of(side)
        for row in nerve_rows(model, nerve, site, position, severity, s, paths)
    ]
    return rows, (Lesion("nerve", nerve, side, severity, site=site),)


COMPRESSORS = {
    "root": compress_roots,
    "disc": compress_disc,
    "nerve": compress_nerve,
    "joint": irritate_joint,
}


def compress_lesions(model: Model, specs: str, side="left", severity=0.5) -> Findings:
    """Findings of several lesions (``root:L5 + disc:L4-L5:central + joint:hip``), combined."""
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
