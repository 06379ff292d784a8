"""Teaching helpers for the notebooks: tables, comparisons, cases and references.

Every notebook cell in the course is a short call into this module (or the
model, the figures and the explorer); the logic lives here, tested, not in
cells. Tables come back as pandas DataFrames with readable column names;
cards come back as small objects that show as HTML in a notebook and as text
elsewhere (``print(card)`` or a notebook read without a kernel).
"""

from __future__ import annotations

import html

import pandas as pd

from anatomy.citations import cite_records, reference_line
from anatomy.lesions import EFFECTS, Findings, disc_roots, grade_name
from anatomy.model import Model, _split

EFFECT_WORDS = {
    "pain": "pain",
    "numbness": "numbness",
    "weakness": "weakness",
    "reduced_reflex": "reduced reflex",
}
KNEE_REGIONS = ("anterior_knee", "medial_knee", "popliteal_fossa")


class Table(pd.DataFrame):
    """A DataFrame that shows every word of its cells and no index, for teaching."""

    @property
    def _constructor(self):
        return Table

    def _repr_html_(self) -> str:
        with pd.option_context("display.max_colwidth", None):
            return self.to_html(index=False, border=0, escape=True)

    def __repr__(self) -> str:
        with pd.option_context("display.max_colwidth", None, "display.width", 200):
            return self.to_string(index=False)


class Card:
    """A small piece of course content: HTML in a notebook, plain text elsewhere."""

    def __init__(self, html_text: str, text: str):
        self.html = html_text
        self.text = text

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text

    __str__ = __repr__


def _links(model: Model, relation: str, source=None, target=None) -> list[dict]:
    rows = model.links[model.links["relation"] == relation]
    if source is not None:
        rows = rows[rows["source"] == source]
    if target is not None:
        rows = rows[rows["target"] == target]
    return rows.to_dict("records")


def _labels(model: Model, ids, weights=None) -> str:
    out = []
    for i, sid in enumerate(ids):
        label = model.label(sid)
        if weights is not None and weights[i] == "minor":
            label += " (minor)"
        out.append(label)
    return ", ".join(out)


def _used(model: Model, ids) -> None:
    model.note_citations(ids)


# --- 01 the spine ----------------------------------------------------------------------------


def root_table(model: Model) -> pd.DataFrame:
    """One row per root: where it leaves, the disc it crosses, its skin, muscle and reflex."""
    rows = []
    for root in model.roots:
        exits = [link["target"] for link in _links(model, "exits_at", source=root)]
        crosses = [link["target"] for link in _links(model, "traverses", source=root)]
        skin = _links(model, "supplies_skin", source=root)
        main_skin = [link["target"] for link in skin if link["weight"] == "main"]
        muscles = _links(model, "innervates", source=root)
        key = [
            m for m in muscles if any(c.startswith("isncsci_motor") for c in _split(m["citations"]))
        ]
        reflexes = _links(model, "tested_by", source=root)
        rows.append(
            {
                "root": root,
                "leaves the spine": _exit_words(model, exits[0]) if exits else "",
                "crosses the disc": ", ".join(crosses) or "(none modelled)",
                "skin (main)": _labels(model, main_skin),
                "key muscle (ISNCSCI)": _labels(model, [m["target"] for m in key]),
                "reflex": _labels(
                    model, [r["target"] for r in reflexes], [r["weight"] for r in reflexes]
                ),
            }
        )
        _used(
            model,
            [
                c
                for link in _links(model, "exits_at", source=root)
                for c in _split(link["citations"])
            ],
        )
    return Table(rows)


def _exit_words(model: Model, target: str) -> str:
    if target == "sacrum":
        return "a sacral foramen"
    return f"the {target} foramen"


def zone_table(model: Model) -> pd.DataFrame:
    """For each disc level, the root a herniation in each zone compresses."""
    rows = []
    for level in model.disc_levels:
        row = {"disc": level}
        for zone in model.zones["zone"]:
            row[zone] = ", ".join(disc_roots(model, level, zone))
        rows.append(row)
    _used(model, [c for cell in model.zones["citations"] for c in _split(cell)])
    return Table(rows)


# --- 02 from root to leg ---------------------------------------------------------------------


def nerve_table(model: Model) -> pd.DataFrame:
    """One row per nerve: where it comes from, its roots, the muscles and skin it supplies."""
    rows = []
    parent = {link["target"]: link["source"] for link in _links(model, "branches_to")}
    for nerve in model.ids("nerve"):
        contrib = _links(model, "contributes_to", target=nerve)
        muscles = [link["target"] for link in _links(model, "innervates", source=nerve)]
        skin = [link["target"] for link in _links(model, "supplies_skin", source=nerve)]
        rows.append(
            {
                "nerve": model.label(nerve),
                "from": model.label(parent[nerve]),
                "roots": _labels(
                    model, [c["source"] for c in contrib], [c["weight"] for c in contrib]
                ).replace(" nerve root", ""),
                "muscles": _labels(model, muscles),
                "skin": _labels(model, skin),
            }
        )
        _used(model, [c for link in contrib for c in _split(link["citations"])])
    return Table(rows)


def muscle_table(model: Model) -> pd.DataFrame:
    """One row per muscle: its nerve and its roots (main and minor)."""
    rows = []
    nerve_of = {
        link["target"]: link["source"]
        for link in _links(model, "innervates")
        if model.kind(link["source"]) != "root"
    }
    for muscle in model.ids("muscle"):
        roots = _links(model, "innervates", target=muscle)
        roots = [r for r in roots if model.kind(r["source"]) == "root"]
        rows.append(
            {
                "muscle": model.label(muscle),
                "nerve": model.label(nerve_of[muscle]),
                "main roots": ", ".join(r["source"] for r in roots if r["weight"] == "main"),
                "minor roots": ", ".join(r["source"] for r in roots if r["weight"] == "minor"),
            }
        )
        _used(model, [c for r in roots for c in _split(r["citations"])])
    return Table(rows)


def knee_roots(model: Model) -> pd.DataFrame:
    """Which roots can make the knee hurt or go numb, or dull the knee jerk, and how."""
    rows = []
    for root in model.roots:
        ways = []
        for relation, words in (("refers_pain_to", "pain"), ("supplies_skin", "skin")):
            for link in _links(model, relation, source=root):
                if link["target"] in KNEE_REGIONS:
                    weight = "" if link["weight"] == "main" else " (minor)"
                    ways.append(f"{words}: {model.label(link['target']).lower()}{weight}")
                    _used(model, _split(link["citations"]))
        for link in _links(model, "tested_by", source=root, target="patellar_reflex"):
            weight = "" if link["weight"] == "main" else " (minor)"
            ways.append(f"knee jerk{weight}")
            _used(model, _split(link["citations"]))
        if ways:
            rows.append({"root": root, "how it reaches the knee": "; ".join(ways)})
    return Table(rows)


# --- 03 compressing a root -----------------------------------------------------------------------


def _targets(findings: Findings) -> pd.DataFrame:
    t = findings.table
    return t[~t["kind"].isin(["root", "nerve"])]


def severity_ladder(
    model: Model, root: str, side: str = "left", severities=(0.2, 0.5, 0.8)
) -> pd.DataFrame:
    """What a root lesion adds as the severity rises: one row per severity."""
    rows = []
    for severity in severities:
        f = model.compress(root, severity=severity, side=side)
        t = _targets(f)
        row = {"severity": severity, "grade": grade_name(severity)}
        for effect in EFFECTS:
            names = t.loc[t["effect"] == effect, "label"].str.lower()
            row[EFFECT_WORDS[effect]] = ", ".join(dict.fromkeys(names)) or "none"
        rows.append(row)
    return Table(rows)


def compare(a: Findings, b: Findings, names: tuple[str, str] | None = None) -> pd.DataFrame:
    """Two lesions side by side: every affected structure and effect, and where it differs.

    The ``differs`` column says which lesion alone shows the finding: this is
    how two look-alike lesions are told apart.
    """
    names = names or (_name(a), _name(b))
    ta, tb = _targets(a), _targets(b)
    key = ["label", "effect"]
    left = ta.groupby(key)["intensity"].max()
    right = tb.groupby(key)["intensity"].max()
    joined = pd.concat([left.rename(names[0]), right.rename(names[1])], axis=1).reset_index()
    joined[names[0]] = joined[names[0]].fillna(0.0)
    joined[names[1]] = joined[names[1]].fillna(0.0)
    only_a = (joined[names[0]] > 0) & (joined[names[1]] == 0)
    only_b = (joined[names[1]] > 0) & (joined[names[0]] == 0)
    joined["differs"] = ""
    joined.loc[only_a, "differs"] = f"only {names[0]}"
    joined.loc[only_b, "differs"] = f"only {names[1]}"
    joined["effect"] = joined["effect"].map(EFFECT_WORDS)
    order = {EFFECT_WORDS[e]: i for i, e in enumerate(EFFECTS)}
    joined = joined.assign(_o=joined["effect"].map(order), _d=joined["differs"].eq(""))
    joined = joined.sort_values(["_d", "_o", "label"]).drop(columns=["_o", "_d"])
    return Table(joined.rename(columns={"label": "structure"}).reset_index(drop=True))


def _name(findings: Findings) -> str:
    return " + ".join(lesion.name for lesion in findings.lesions) or "nothing"


def summary(findings: Findings) -> pd.DataFrame:
    """One row per effect: the structures affected, in words (the text twin of a map)."""
    t = _targets(findings)
    rows = []
    for effect in EFFECTS:
        part = t[t["effect"] == effect]
        for side in ("left", "right"):
            names = part.loc[part["side"] == side, "label"].str.lower()
            if len(names):
                rows.append(
                    {
                        "effect": EFFECT_WORDS[effect],
                        "side": side,
                        "where": ", ".join(dict.fromkeys(names)),
                    }
                )
    return Table(rows, columns=["effect", "side", "where"])


# --- 04 cases ----------------------------------------------------------------------------------


def case_card(model: Model, case: str) -> Card:
    """A case from the source texts: the passages, what the model shows, the corrections."""
    cases = model.cases.set_index("id")
    if case not in cases.index:
        raise ValueError(f"unknown case {case!r}; valid: {', '.join(cases.index)}")
    row = cases.loc[case]
    findings = model.compress_case(case)
    quotes = [c for c in cite_records(model, _split(row["citations"]))]
    _used(model, [c["id"] for c in quotes])
    parts_html = [f"<h4>{html.escape(row['title'])}</h4>"]
    parts_text = [row["title"], "=" * len(row["title"])]
    for c in quotes:
        if c["kind"] == "text":
            parts_html.append(
                f'<blockquote>"{html.escape(c["quote"])}"<br><small>'
                f"{html.escape(c['source_title'])}, "
                f"{html.escape(c['locator'])}</small></blockquote>"
            )
            parts_text.append(f'"{c["quote"]}" ({c["source_title"]}, {c["locator"]})')
            if c["note"]:
                label = "Correction" if c["verdict"] in ("imprecise", "incorrect") else "Note"
                parts_html.append(
                    f"<p><b>{label} ({html.escape(c['verdict'])}):</b> {html.escape(c['note'])}</p>"
                )
                parts_text.append(f"  {label} ({c['verdict']}): {c['note']}")
        else:
            parts_html.append(
                f"<p><i>Reference:</i> {html.escape(c['statement'])} "
                f"<small>({html.escape(reference_line(model, c['source']))})"
                f"</small></p>"
            )
            parts_text.append(
                f"  Reference: {c['statement']} ({reference_line(model, c['source'])})"
            )
    lesion = "; ".join(
        f"{x.name}, {x.side}, severity {x.severity:g} ({grade_name(x.severity)})"
        for x in findings.lesions
    )
    parts_html.append(
        f"<p><b>In the model:</b> {html.escape(lesion)}. {html.escape(row['teaching'])}</p>"
    )
    parts_text.append(f"In the model: {lesion}. {row['teaching']}")
    table = summary(findings)
    parts_html.append(table.to_html(index=False, escape=True, border=0))
    parts_text.append(table.to_string(index=False))
    return Card("\n".join(parts_html), "\n".join(parts_text))


# --- 06 self-check: from findings back to the lesion ------------------------------------------


def localize_table(model: Model, findings, top: int = 6, complete: bool | None = None):
    """The best candidate lesions for some findings, in words (see :meth:`Model.localize`)."""
    from anatomy.selfcheck import lesion_label

    ranked = model.localize(findings, complete=complete, top=top)
    rows = [
        {
            "rank": r["rank"],
            "lesion": lesion_label(model, r["lesion"]),
            "score": round(r["score"], 2),
            "grade": r["grade"],
            "explains": f"{len(r['explains'])} of {len(r['explains']) + len(r['misses'])}",
            "not observed": _few(r["predicts_unobserved"]),
            "tell apart": r["tell_apart"],
        }
        for r in ranked.to_dict("records")
    ]
    return Table(rows, columns=list(rows[0]) if rows else None)


def _few(items: list[str], n: int = 4) -> str:
    if not items:
        return "nothing"
    more = f" and {len(items) - n} more" if len(items) > n else ""
    return "; ".join(items[:n]) + more


def look_alike_table(model: Model) -> pd.DataFrame:
    """The classic look-alike pairs: what tells each apart, and why."""
    from anatomy.selfcheck import lesion_label

    rows = []
    for r in model.look_alikes.to_dict("records"):
        telling = [
            f"{EFFECT_WORDS[effect]}: {model.label(structure).lower()}"
            for effect, _, structure in (i.partition(":") for i in _split(r["distinguished_by"]))
        ]
        _used(model, _split(r["citations"]))
        rows.append(
            {
                "lesion": lesion_label(model, r["a"]),
                "look-alike": lesion_label(model, r["b"]),
                "told apart by": "; ".join(telling),
                "why": r["note"],
            }
        )
    return Table(rows)


def tell_apart_table(model: Model, a: str, b: str, side: str = "left") -> pd.DataFrame:
    """Every finding one lesion gives and the other does not (see :meth:`Model.tell_apart`)."""
    from anatomy.selfcheck import lesion_label

    diff = model.tell_apart(a, b, side=side)
    la, lb = lesion_label(model, a), lesion_label(model, b)
    rows = [
        {
            "finding": r["finding"],
            "only in": la if r["a"] else lb,
            "cited": ", ".join(r["citations"]),
        }
        for r in diff.to_dict("records")
    ]
    return Table(rows, columns=["finding", "only in", "cited"])


# --- references ----------------------------------------------------------------------------------


def references(model: Model) -> Card:
    """The sources and references behind everything this notebook used, numbered."""
    used = model.used_citations
    sources: dict[str, list[str]] = {}
    for record in cite_records(model, used):
        sources.setdefault(record["source"], []).append(record["id"])
        for ref in _split(record["note_sources"]):
            sources.setdefault(ref, [])
    items_html, items_text = [], []
    kinds = model._index["source"]
    order = sorted(sources, key=lambda s: (kinds[s]["kind"] != "text", reference_line(model, s)))
    for i, source in enumerate(order, start=1):
        line = reference_line(model, source)
        count = len(sources[source])
        used_words = f" (cited {count} time{'s' if count != 1 else ''})" if count else ""
        items_html.append(f"<li>{html.escape(line)}{html.escape(used_words)}</li>")
        items_text.append(f"{i}. {line}{used_words}")
    return Card("<ol>" + "".join(items_html) + "</ol>", "\n".join(items_text))
