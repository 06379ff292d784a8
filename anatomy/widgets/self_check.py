"""The self-check widget: practice cases on the body map, an answer, why, and a score.

The cases and the verdicts come from :mod:`anatomy.engine.practice` and
:mod:`anatomy.text.feedback`; this module shows them. The map shows each case's
findings as an examiner finds them (no lesion marker, no path); after an answer
it shows the whole lesion.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from anatomy.engine.practice import practice_cases
from anatomy.model import Model
from anatomy.text.citations import CitationLog, cite_records
from anatomy.text.feedback import answer_sheet, check
from anatomy.text.words import lesion_label
from anatomy.viz import theme
from anatomy.widgets import base
from anatomy.widgets.map_view import BodyMapView
from anatomy.widgets.panels import citation_items, error_html

QUESTION = "Which lesion gives these findings?"


class SelfCheck:
    """Practice cases on the body map: find the lesion, check it, read why; a score at the end.

    Every step goes through :meth:`show`, :meth:`answer` and :meth:`next`, which
    the buttons call too, so a lecturer can drive it from code.

    Attributes
    ----------
    cases : list of anatomy.engine.practice.PracticeCase
    results : dict
        Case number -> the Feedback on its first answer (what the score counts).
    """

    def __init__(
        self,
        model: Model,
        n: int = 6,
        seed: int = 0,
        presenter: bool = False,
        log: CitationLog | None = None,
    ):
        self.model = model
        self.presenter = presenter
        self.seed = seed
        self.log = log
        self.cases = practice_cases(model, n=n, seed=seed)
        self.results: dict[int, object] = {}
        self.current = 0
        self.map = BodyMapView(model, self.cases[0].shown, presenter)
        self.figure = self.map.figure
        self.header = widgets.HTML()
        self.findings = base.panel()
        self.choices = widgets.RadioButtons(
            options=[],
            value=None,
            description="",
            tooltip=QUESTION,  # its accessible name
        )
        self.choices.layout.width = "auto"
        self.check_button = widgets.Button(description="Check", button_style="primary")
        self.next_button = widgets.Button(description="Next case")
        self.feedback = base.panel()
        self.check_button.on_click(lambda _: self.answer(self.choices.value))
        self.next_button.on_click(lambda _: self.next())
        question = widgets.VBox(
            [
                self.findings,
                widgets.HTML(f"<b>{QUESTION}</b>"),
                self.choices,
                widgets.HBox([self.check_button, self.next_button]),
                self.feedback,
            ],
            layout=widgets.Layout(width="480px" if presenter else "100%"),
        )
        body = (
            widgets.HBox([self.figure, question])
            if presenter
            else widgets.VBox([self.figure, question])
        )
        self.widget = base.frame([self.header, body], presenter, self.map.accessible)
        self.show(1)

    @property
    def case(self):
        """The case on screen."""
        return self.cases[self.current - 1]

    @property
    def score(self) -> tuple[int, int]:
        """(right first answers, cases answered)."""
        return sum(f.correct for f in self.results.values()), len(self.results)

    def show(self, number: int):
        """Show case ``number`` (1-based): its findings on the map and in words."""
        if isinstance(number, bool) or not isinstance(number, int):
            raise TypeError(f"case number must be a whole number, not {number!r}")
        if not 1 <= number <= len(self.cases):
            raise ValueError(f"case number must be from 1 to {len(self.cases)}, not {number!r}")
        self.current = number
        case = self.case
        self.map.paint(case.shown)
        self.findings.value = self._findings_html(case)
        self.choices.options = [(lesion_label(self.model, c), c) for c in case.choices]
        self.choices.value = None
        self.feedback.value = ""
        self.check_button.disabled = False
        self._header()
        return case

    def answer(self, choice):
        """Check an answer for the case on screen; show why and the whole lesion.

        Only the first answer to a case counts towards the score. Returns the
        Feedback, or None if no lesion was chosen.
        """
        if choice is None:
            self.feedback.value = error_html(ValueError("Choose a lesion first."))
            return None
        try:
            feedback = check(self.model, self.case, choice)
        except (TypeError, ValueError) as err:
            self.feedback.value = error_html(err)
            return None
        self.results.setdefault(self.case.number, feedback)
        if feedback.choice in self.case.choices:
            self.choices.value = feedback.choice
        self.map.paint(self.case.findings)  # now the lesion, its path and its citations
        cites = cite_records(self.model, list(feedback.citations))
        self.feedback.value = feedback._repr_html_() + citation_items(self.model, cites)
        if self.log is not None:
            self.log.add(feedback.citations)
        self._header()
        return feedback

    def next(self):
        """The next case, or the score after the last one."""
        if self.current < len(self.cases):
            return self.show(self.current + 1)
        self._header(final=True)
        return None

    def _findings_html(self, case) -> str:
        rows = "".join(
            f'<tr><td><span class="anatomy-swatch" '
            f'style="background:{theme.EFFECT_COLOURS[e.replace(" ", "_")]}"></span>'
            f"{html.escape(e)}</td><td>{html.escape(s)}</td><td>{html.escape(w)}</td></tr>"
            for e, s, w in case.rows()
        )
        return (
            f"<h4>Case {case.number}: the findings</h4>"
            '<table class="anatomy-findings"><thead><tr><th>Effect</th><th>Side</th>'
            f"<th>Where</th></tr></thead><tbody>{rows}</tbody></table>"
        )

    def _header(self, final: bool = False) -> None:
        right, answered = self.score
        total = len(self.cases)
        if final:
            self.header.value = f"<h3>Score: {right} of {total} right at the first try.</h3>" + (
                "" if answered == total else f"<p>{total - answered} not answered.</p>"
            )
            return
        self.header.value = (
            f"<h3>Self-check, case {self.current} of {total} "
            f'<span class="anatomy-grade">score {right} of {answered}</span></h3>'
        )

    def answer_sheet(self):
        """The answers, for the lecturer (see :func:`anatomy.text.feedback.answer_sheet`)."""
        return answer_sheet(self.model, self.cases)

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        case = self.case
        bundle["text/plain"] = f"Self-check (seed {self.seed}), " + repr(case)
        bundle["text/html"] = (
            f"<p><b>Self-check</b>, seed {self.seed}: {len(self.cases)} cases. "
            f"Run the notebook to answer them.</p>" + self._findings_html(case)
        )
        return bundle
