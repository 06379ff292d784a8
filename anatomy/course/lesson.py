"""A notebook's lesson: every teaching table, figure and widget, and the references they cite.

A notebook holds one ``lesson = course.Lesson(model)``. Each method shows one
thing (a table, a card, a figure, a widget) and records in ``lesson.log`` the
citations it shows; ``lesson.references()`` at the end lists their sources.
Nothing is recorded anywhere else: the model stays a model, and two lessons in
one kernel keep separate references.
"""

from __future__ import annotations

from anatomy import widgets
from anatomy.atlas import Atlas
from anatomy.course import cases, compression, leg, reasoning, references, spine, tension
from anatomy.course.display import Card, Table
from anatomy.course.tables import record, record_findings
from anatomy.engine.findings import Findings
from anatomy.engine.tension import citation_ids
from anatomy.text.citations import CitationLog
from anatomy.viz.body_map import body_map
from anatomy.viz.pathways import pathways


class Lesson:
    """The course's teaching calls for one notebook, with the citations they show.

    Parameters
    ----------
    model : anatomy.Atlas
        From :func:`anatomy.load_model`.

    Attributes
    ----------
    log : anatomy.text.citations.CitationLog
        Every citation shown so far, in order of first use.
    """

    def __init__(self, model: Atlas):
        if not isinstance(model, Atlas):
            raise TypeError(f"a lesson needs the model from anatomy.load_model(), not {model!r}")
        self.model = model
        self.log = CitationLog()

    def __repr__(self) -> str:
        return f"<Lesson: {len(self.log)} citations shown>"

    # -- 01 the spine --------------------------------------------------------------------------

    def root_table(self) -> Table:
        """One row per root: where it leaves, the disc it crosses, skin, key muscle, reflex."""
        return spine.root_table(self.model, self.log)

    def zone_table(self) -> Table:
        """For each disc level, the root a herniation in each zone compresses."""
        return spine.zone_table(self.model, self.log)

    def central_ladder(self, level: str, severities=(0.3, 0.5, 0.7, 0.9)) -> Table:
        """A central herniation at one disc level as it grows: roots, findings, red flags."""
        return spine.central_ladder(self.model, level, severities, self.log)

    def body_map(self, findings: Findings | None = None, panels=None, presenter=False):
        """A static body map of some findings (see :func:`anatomy.viz.body_map`)."""
        record_findings(self.log, findings)
        return body_map(self.model, findings, presenter=presenter, panels=panels)

    # -- 02 from root to leg --------------------------------------------------------------------

    def nerve_table(self) -> Table:
        """One row per nerve: where it comes from, its roots, muscles and skin."""
        return leg.nerve_table(self.model, self.log)

    def muscle_table(self) -> Table:
        """One row per muscle: its nerve and its main and minor roots."""
        return leg.muscle_table(self.model, self.log)

    def knee_roots(self) -> Table:
        """Which roots reach the knee, and how."""
        return leg.knee_roots(self.model, self.log)

    def pathways(self, findings: Findings | None = None, side: str | None = None):
        """Root -> plexus -> nerve -> target as a Sankey (see :func:`anatomy.viz.pathways`)."""
        record_findings(self.log, findings)
        return pathways(self.model, findings, side=side)

    # -- 03 compressing a root ------------------------------------------------------------------

    def summary(self, findings: Findings) -> Table:
        """One row per effect and side: the structures affected, in words."""
        return compression.summary(self.model, findings, self.log)

    def compare(self, a: Findings, b: Findings, names=None) -> Table:
        """Two lesions side by side, and which findings only one of them gives."""
        return compression.compare(self.model, a, b, names, self.log)

    def severity_ladder(self, root: str, side: str = "left", severities=(0.2, 0.5, 0.8)) -> Table:
        """What a root lesion adds as the severity rises."""
        return compression.severity_ladder(self.model, root, side, severities, self.log)

    # -- any notebook: the sources themselves -------------------------------------------------

    def quote(self, *citation_ids: str, title: str | None = None) -> Card:
        """Citations as a reader meets them: the verbatim passage and any correction beside
        it, or the textbook fact and its named reference."""
        return cases.quote_card(self.model, citation_ids, title, self.log)

    def red_flag_table(self) -> Table:
        """The red flags the model raises, what raises each, and what it means."""
        return reasoning.red_flag_table(self.model, self.log)

    # -- 04 cases -------------------------------------------------------------------------------

    def case_card(self, case: str) -> Card:
        """A case of the source texts: its passages, what the model shows, the corrections."""
        return cases.case_card(self.model, case, self.log)

    # -- 05 bending the knee --------------------------------------------------------------------

    def knee_table(self) -> Table:
        """Each nerve's strain as the knee bends with the hip straight, flexed or extended."""
        return tension.knee_table(self.model, self.log)

    def sweep_table(self, angle: str, values, **held) -> Table:
        """One angle stepped through some values, others held: each nerve's strain."""
        return tension.sweep_table(self.model, angle, values, self.log, **held)

    def roots_table(self, roots=("L3", "L4", "L5"), severity: float = 0.7) -> Table:
        """A healthy leg and each root compressed alike: where each test turns positive."""
        return tension.roots_table(self.model, roots, severity, log=self.log)

    def threshold_ladder(self, root: str, severities=(0.3, 0.5, 0.7, 0.9, 1.0)) -> Table:
        """Where each test turns positive as one root is compressed harder."""
        return tension.threshold_ladder(self.model, root, severities, log=self.log)

    # -- 06 reasoning back ----------------------------------------------------------------------

    def localize_table(self, findings, top: int = 6, complete: bool | None = None) -> Table:
        """The best candidate lesions for some findings, in words."""
        return reasoning.localize_table(self.model, findings, top, complete, self.log)

    def evidence_weights(self) -> Table:
        """What each kind of finding weighs when localize reasons back, and why."""
        return reasoning.evidence_weights()

    def look_alike_table(self) -> Table:
        """The classic look-alike pairs and what tells each apart."""
        return reasoning.look_alike_table(self.model, self.log)

    def tell_apart_table(self, a: str, b: str, side: str = "left") -> Table:
        """Every finding one lesion gives and the other does not."""
        return reasoning.tell_apart_table(self.model, a, b, side, self.log)

    # -- the widgets ----------------------------------------------------------------------------

    def explore(self, presenter: bool = False):
        """The explorer; the citations it shows are recorded in this lesson."""
        return widgets.explore(self.model, presenter=presenter, log=self.log)

    def bend(self, findings_or_explorer=None, presenter: bool = False):
        """The bend explorer; the citations it shows are recorded in this lesson."""
        record(self.log, citation_ids(self.model))
        return widgets.bend(findings_or_explorer, presenter, model=self.model, log=self.log)

    def self_check(self, n: int = 6, seed: int = 0, presenter: bool = False):
        """The self-check; the citations of its feedback are recorded in this lesson."""
        return widgets.self_check(self.model, n=n, seed=seed, presenter=presenter, log=self.log)

    # -- the end ----------------------------------------------------------------------------

    def references(self) -> Card:
        """The sources behind every citation this lesson has shown, numbered."""
        return references.references(self.model, self.log)
