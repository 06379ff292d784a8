"""The widgets (ipywidgets and plotly's FigureWidget): explorer, bend explorer, self-check.

Imports go down only (:mod:`anatomy.atlas`, :mod:`anatomy.viz`, :mod:`anatomy.text`,
:mod:`anatomy.engine`, :mod:`anatomy.model`). ``import anatomy`` does not import
this package: :func:`anatomy.explore` and the others import it when called.
"""

from __future__ import annotations

from anatomy.atlas import Atlas, load_model
from anatomy.engine.inputs import check_bool
from anatomy.text.citations import CitationLog
from anatomy.widgets.bend import BendExplorer, check_findings_or_explorer
from anatomy.widgets.explorer import Explorer
from anatomy.widgets.lecture import Lecture
from anatomy.widgets.self_check import SelfCheck


def check_model(model) -> Atlas:
    """The model given, or the shipped one when None; TypeError for anything else."""
    if model is None:
        return load_model()
    if not isinstance(model, Atlas):
        raise TypeError(f"model must come from anatomy.load_model(), not {model!r}")
    return model


def _check_log(log) -> CitationLog | None:
    if log is not None and not isinstance(log, CitationLog):
        raise TypeError(f"log must be a CitationLog or None, not {log!r}")
    return log


def explore(model=None, presenter: bool = False, log=None) -> Explorer:
    """An explorer on the model (loaded if not given); ``presenter`` for a projector."""
    presenter = check_bool(presenter, "presenter")
    return Explorer(check_model(model), presenter=presenter, log=_check_log(log))


def bend(findings_or_explorer=None, presenter: bool = False, model=None, log=None):
    """A BendExplorer for findings, or following an Explorer's findings; None for a healthy leg."""
    findings, explorer = check_findings_or_explorer(findings_or_explorer)
    presenter = check_bool(presenter, "presenter")
    if model is None and explorer is not None:
        model = explorer.model
    return BendExplorer(
        check_model(model),
        findings=findings,
        explorer=explorer,
        presenter=presenter,
        log=_check_log(log),
    )


def self_check(model=None, n: int = 6, seed: int = 0, presenter: bool = False, log=None):
    """A self-check of ``n`` cases drawn with ``seed`` (see :mod:`anatomy.engine.practice`)."""
    presenter = check_bool(presenter, "presenter")
    return SelfCheck(check_model(model), n, seed, presenter, log=_check_log(log))


def lecture(model=None, seed: int = 2026, n: int = 6, log=None) -> Lecture:
    """The lecture view: explorer, bend explorer and self-check as tabs, for a projector."""
    return Lecture(check_model(model), seed=seed, n=n, log=_check_log(log))


__all__ = [
    "BendExplorer",
    "Explorer",
    "Lecture",
    "SelfCheck",
    "bend",
    "explore",
    "lecture",
    "self_check",
]
