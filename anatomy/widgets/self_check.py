"""The self-check widget: practice cases on the body map, an answer, why, and a score.

The cases and the verdicts come from :mod:`anatomy.engine.practice` and
:mod:`anatomy.text.feedback`; this module shows them. The map shows each case's
findings as an examiner finds them (no lesion marker, no path); after an answer
it shows the whole lesion. After the last case comes a review: each case, the
first answer given, the answer, and buttons to go back to any case or to start
again.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from anatomy.engine.practice import practice_cases
from anatomy.model import Model
from anatomy.text.citations import CitationLog, cite_records
from anatomy.text.feedback import answer_sheet, check
from anatomy.text.words import lesion_label, summary_rows
from anatomy.viz import theme
from anatomy.widgets import base
from anatomy.widgets.map_view import BodyMapView
from anatomy.widgets.panels import citation_items, error_html, legend_html, swatch

QUESTION = "Which lesion gives these findings?"


class SelfCheck(base.Shown):
    """Practice cases on the body map: find the lesion, check it, read why; a score at the end.

    Every step goes through :meth:`show`, :meth:`answer` and :meth:`next`, which
    the buttons call too, so a lecturer can drive it from code.

    Attributes
    ----------
    cases : list of anatomy.engine.practice.PracticeCase
    results : dict
        Case number -> the Feedback on its first answer (what the score counts).
    """

    shown_as = "self-check"

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
        self.review = widgets.HTML()
        self.go_to = widgets.Dropdown(
            options=[(f"case {c.number}", c.number) for c in self.cases],
            value=None,
            description="Go back to:",
            style=base.STYLE,
            layout=base.wide(),
        )
        self.restart_button = widgets.Button(description="Start again")
        self.check_button.on_click(lambda _: self.answer(self.choices.value))
        self.next_button.on_click(lambda _: self.next())
        self.restart_button.on_click(lambda _: self.restart())
        self.go_to.observe(self._on_go_to, names="value")
        ask = [
            widgets.HTML(f"<b>{QUESTION}</b>"),
            self.choices,
            base.row([self.check_button, self.next_button]),
        ]
        # A presenter's column is one screen high: the question first, the words after.
        order = [*ask, self.feedback, self.findings] if presenter else [self.findings, *ask]
        self.question = widgets.VBox(order if presenter else [*order, self.feedback])
        self.end = widgets.VBox([self.review, base.row([self.go_to, self.restart_button])])
        figure = base.figure_box(self.figure, theme.view(presenter))
        legend = widgets.HTML(legend_html())
        if presenter:
            body = base.body([figure, base.aside([self.question, self.end])], side_by_side=True)
        else:
            body = base.body([figure, legend, self.question, self.end], side_by_side=False)
        self.widget = base.frame(
            [self.header, body], presenter, self.map.accessible, fit=self.map.keeper
        )
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
        self.question.layout.display = None
        self.end.layout.display = "none"
        self.findings.value = self._findings_html(case)
        self.choices.options = [(lesion_label(self.model, c), c) for c in case.choices]
        self.choices.value = None
        self.check_button.disabled = False
        given = self.results.get(number)
        if given is None:
            self.map.paint(case.shown)
            self.feedback.value = ""
        else:  # back to an answered case: its answer and why, again
            self._show_feedback(given)
        self._header()
        return case

    def restart(self):
        """The same cases again, from the first, with the score at zero."""
        self.results.clear()
        return self.show(1)

    def _on_go_to(self, change) -> None:
        if change["new"] is not None:
            self.show(change["new"])

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
        self._show_feedback(feedback)
        if self.log is not None:
            self.log.add(feedback.citations)
        self._header()
        return feedback

    def _show_feedback(self, feedback) -> None:
        if feedback.choice in self.case.choices:
            self.choices.value = feedback.choice
        self.map.paint(self.case.findings)  # now the lesion, its path and its citations
        cites = cite_records(self.model, list(feedback.citations))
        self.feedback.value = feedback._repr_html_() + citation_items(self.model, cites)

    def next(self):
        """The next case, or, after the last one, the score and a review of every case."""
        if self.current < len(self.cases):
            return self.show(self.current + 1)
        self._header(final=True)
        self.review.value = self._review_html()
        self.question.layout.display = "none"
        self.end.layout.display = None
        self.go_to.value = None
        return None

    def _review_html(self) -> str:
        """Each case: the first answer given, the answer, and whether it was right."""
        rows = []
        for case in self.cases:
            given = self.results.get(case.number)
            mine = lesion_label(self.model, given.choice) if given else "not answered"
            verdict = ("right" if given.correct else "not right") if given else ""
            rows.append(
                f"<tr><td>{case.number}</td><td>{html.escape(case.side)}</td>"
                f"<td>{html.escape(mine)}</td>"
                f"<td>{html.escape(lesion_label(self.model, case.answer))}</td>"
                f"<td>{verdict}</td></tr>"
            )
        return (
            '<table class="anatomy-findings"><thead><tr><th>Case</th><th>Side</th>'
            "<th>Your first answer</th><th>The lesion</th><th></th></tr></thead><tbody>"
            + "".join(rows)
            + "</tbody></table>"
        )

    def _findings_html(self, case) -> str:
        rows = "".join(
            f"<tr><td>{swatch(e.replace(' ', '_'))}"
            f"{html.escape(e)}</td><td>{html.escape(s)}</td><td>{html.escape(w)}</td></tr>"
            for e, s, w in summary_rows(self.model, case.shown)
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

    def _fallback(self) -> tuple[str, str]:
        case = self.case
        text = f"Self-check (seed {self.seed}), " + repr(case)
        return text, (
            f"<p><b>Self-check</b>, seed {self.seed}: {len(self.cases)} cases. "
            f"Run the notebook to answer them.</p>" + self._findings_html(case)
        )
