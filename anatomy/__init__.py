"""Back-to-knee anatomy atlas: how a compressed lumbar root shows up in the leg.

Quick start::

    import anatomy
    model = anatomy.load_model()
    findings = model.compress("L5", severity=0.8, side="left")
    findings.table          # what is affected, by which path, with citation ids
    model.cite(findings)    # the quotes and references behind them
    anatomy.nerve_tension(hip_flexion=60)         # strain of each nerve, in %
    anatomy.straight_leg_raise(findings)          # where the raise turns positive


The model (this package's import path) never imports plotly or ipywidgets.
"""

from anatomy.errors import DataError
from anatomy.lesions import Findings, Lesion, grade
from anatomy.model import Model, load_model
from anatomy.report import format_findings
from anatomy.tension import (
    nerve_tension,
    prone_knee_bend,
    root_tension,
    slump,
    straight_leg_raise,
)

__all__ = [
    "DataError",
    "Findings",
    "Lesion",
    "Model",
    "bend",
    "explore",
    "format_findings",
    "grade",
    "load_model",
    "nerve_tension",
    "prone_knee_bend",
    "root_tension",
    "self_check",
    "slump",
    "straight_leg_raise",
]


def explore(model=None, presenter=False):
    """The interactive explorer (imports plotly and ipywidgets only when called).

    See :func:`anatomy.explorer.explore`.
    """
    from anatomy.explorer import explore as _explore

    return _explore(model, presenter=presenter)


def bend(findings_or_explorer=None, presenter=False, model=None):
    """The nerve-tension widget: pose the leg, watch the nerves stretch (imports plotly and
    ipywidgets only when called).

    Pass findings (``model.compress(...)``) or an explorer (``anatomy.explore()``) whose
    findings it should follow. See :class:`anatomy.explorer.BendExplorer`.
    """
    from anatomy.explorer import bend as _bend

    return _bend(findings_or_explorer, presenter=presenter, model=model)


def self_check(model=None, n=6, seed=0, presenter=False):
    """A self-check of generated cases (imports plotly and ipywidgets only when called).

    See :class:`anatomy.explorer.SelfCheck`; the same seed gives the same cases.
    """
    from anatomy.explorer import self_check as _self_check

    return _self_check(model, n=n, seed=seed, presenter=presenter)


__version__ = "0.1.0"
