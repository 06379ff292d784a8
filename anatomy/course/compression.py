"""Notebook 03, compressing a root: rising severity, two lesions side by side, a summary."""

from __future__ import annotations

import pandas as pd

from anatomy.course.display import Table
from anatomy.course.tables import record_findings
from anatomy.engine.findings import PATH_KINDS, Findings
from anatomy.engine.grading import grade_name
from anatomy.engine.inputs import check_severity, check_text, check_values
from anatomy.model import Model
from anatomy.model.vocabulary import EFFECTS, effect_word
from anatomy.text.citations import CitationLog
from anatomy.text.words import body_rank, down_the_leg, lesions_named, summary_rows


def targets(findings: Findings) -> pd.DataFrame:
    """The rows an examiner sees (not the roots and nerves on the way)."""
    t = findings.table
    return t[~t["kind"].isin(PATH_KINDS)]


def severity_ladder(
    model: Model,
    root: str,
    side: str = "left",
    severities=(0.2, 0.5, 0.8),
    log: CitationLog | None = None,
) -> Table:
    """What a root lesion adds as the severity rises: one row per severity."""
    rows = []
    for severity in check_values(severities, "severities", check_severity):
        f = model.compress(root, severity=severity, side=side)
        record_findings(log, f)
        t = down_the_leg(model, targets(f))
        row = {"severity": severity, "grade": grade_name(severity)}
        for effect in EFFECTS:
            names = t.loc[t["effect"] == effect, "label"].str.lower()
            row[effect_word(effect)] = ", ".join(dict.fromkeys(names)) or "none"
        rows.append(row)
    return Table(rows)


def _name(model: Model, findings: Findings) -> str:
    """A lesion by its name and severity, short enough for a column: 'L5 root, 0.8'."""
    if not findings.lesions:
        return "nothing"
    return " + ".join(
        lesions_named(model, Findings(findings.table, (lesion,))).split(",")[0]
        + f", {lesion.severity:g}"
        for lesion in findings.lesions
    )


def _default_names(model: Model, a: Findings, b: Findings) -> tuple[str, str]:
    """The lesions' names; their words (with side and severity) when the names are the
    same, and a mark when those are the same too: the two columns must differ."""
    names = (_name(model, a), _name(model, b))
    if names[0] == names[1]:
        names = (lesions_named(model, a), lesions_named(model, b))
    if names[0] == names[1]:
        names = (f"{names[0]} (first)", f"{names[1]} (second)")
    return names


def _two_names(names) -> tuple[str, str]:
    """Two different names for the two columns (a string is not two names)."""
    if isinstance(names, str) or not isinstance(names, list | tuple):
        raise TypeError(f"names must be two names, such as ('L5', 'L4'), not {names!r}")
    if len(names) != 2:
        raise ValueError(f"names must be two names, not {len(names)}: {names!r}")
    checked = tuple(check_text(n, "name", ["any text"]).strip() for n in names)
    if not all(checked) or checked[0] == checked[1]:
        raise ValueError(f"names must be two different names, not {names!r}")
    return checked


def compare(
    model: Model,
    a: Findings,
    b: Findings,
    names: tuple[str, str] | None = None,
    log: CitationLog | None = None,
) -> Table:
    """Two lesions side by side: every affected structure and effect, and where it differs.

    The ``differs`` column says which lesion alone shows the finding: this is
    how two look-alike lesions are told apart. The columns are named by the
    lesions' names; the rows go from the back down the leg.
    """
    for f in (a, b):
        if not isinstance(f, Findings):
            raise TypeError(f"compare two findings (model.compress(...)), not {f!r}")
    names = _two_names(names) if names is not None else _default_names(model, a, b)
    record_findings(log, a, b)
    ta, tb = targets(a), targets(b)
    key = ["structure", "label", "effect"]
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
    joined["effect"] = joined["effect"].map(effect_word)
    order = {effect_word(e): i for i, e in enumerate(EFFECTS)}
    joined = joined.assign(
        _o=joined["effect"].map(order),
        _d=joined["differs"].eq(""),
        _r=joined["structure"].map(body_rank(model)),
    )
    joined = joined.sort_values(["_d", "_o", "_r"], kind="stable")
    joined = joined.drop(columns=["_o", "_d", "_r", "structure"])
    return Table(joined.rename(columns={"label": "structure"}).reset_index(drop=True))


def summary(model: Model, findings: Findings, log: CitationLog | None = None) -> Table:
    """One row per effect and side: the places affected, from the back down the leg, in
    words (the text twin of a map)."""
    if not isinstance(findings, Findings):
        raise TypeError(f"summarise findings (model.compress(...)), not {findings!r}")
    record_findings(log, findings)
    return Table(summary_rows(model, findings), columns=["effect", "side", "where"])
