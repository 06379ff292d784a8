"""Back-to-knee anatomy atlas: how a compressed lumbar root shows up in the leg.

Quick start::

    import anatomy
    model = anatomy.load_model()
    findings = model.compress("L5", severity=0.8, side="left")
    findings.table          # what is affected, by which path, with citation ids
    model.cite(findings)    # the quotes and references behind them
    anatomy.nerve_tension(hip_flexion=60)         # strain of each nerve, in %
    anatomy.straight_leg_raise(findings)          # where the raise turns positive

The package is layered (``docs/design.md``); imports only go down:
``model`` (tables, rules, lookups) → ``engine`` (lesions, localize, tension) →
``text`` (words, citations, reports) → ``viz`` (plotly figures) → ``atlas`` (the
model object with compress, localize, cite) → ``widgets`` (ipywidgets) →
``course`` (teaching tables, the Lesson a notebook holds). ``import anatomy``
never imports plotly or ipywidgets: :func:`explore`, :func:`bend` and
:func:`self_check` import them when called.
"""

from anatomy.atlas import Atlas, load_model
from anatomy.engine.findings import Findings, Lesion
from anatomy.engine.grading import grade
from anatomy.engine.neurodynamic import (
    crossed_straight_leg_raise,
    prone_knee_bend,
    slump,
    straight_leg_raise,
)
from anatomy.engine.tension import nerve_tension, root_tension
from anatomy.errors import DataError
from anatomy.model import Model
from anatomy.text.report import format_findings

__version__ = "0.2.0"

__all__ = [
    "Atlas",
    "DataError",
    "Findings",
    "Lesion",
    "Model",
    "__version__",
    "bend",
    "crossed_straight_leg_raise",
    "explore",
    "format_findings",
    "grade",
    "lecture",
    "load_model",
    "nerve_tension",
    "prone_knee_bend",
    "root_tension",
    "self_check",
    "slump",
    "straight_leg_raise",
]


def explore(model=None, presenter=False):
    """The interactive explorer: controls, the body map, findings and citations.

    See :class:`anatomy.widgets.explorer.Explorer`.
    """
    from anatomy import widgets  # plotly and ipywidgets: only when a widget is asked for

    return widgets.explore(model, presenter=presenter)


def bend(findings_or_explorer=None, presenter=False, model=None):
    """The nerve-tension widget: pose the leg, watch the nerves stretch.

    Pass findings (``model.compress(...)``) or an explorer (``anatomy.explore()``) whose
    findings it should follow. See :class:`anatomy.widgets.bend.BendExplorer`.
    """
    from anatomy import widgets  # plotly and ipywidgets: only when a widget is asked for

    return widgets.bend(findings_or_explorer, presenter=presenter, model=model)


def lecture(model=None, seed=2026):
    """The lecture view: the explorer, the bend explorer and the self-check as tabs, for a
    projector (large type, one screen, no code). See :class:`anatomy.widgets.lecture.Lecture`.
    """
    from anatomy import widgets  # plotly and ipywidgets: only when a widget is asked for

    return widgets.lecture(model, seed=seed)


def self_check(model=None, n=6, seed=0, presenter=False):
    """A self-check of generated cases; the same seed gives the same cases.

    See :class:`anatomy.widgets.self_check.SelfCheck`.
    """
    from anatomy import widgets  # plotly and ipywidgets: only when a widget is asked for

    return widgets.self_check(model, n=n, seed=seed, presenter=presenter)
