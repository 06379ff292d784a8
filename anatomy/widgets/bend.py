"""Bending the knee: pose the leg with four sliders and watch its nerves stretch.

:class:`BendExplorer` draws the leg in one FigureWidget updated in place
(``batch_update``: one message per change) and puts the same in words beside
it. It can follow an :class:`~anatomy.widgets.explorer.Explorer`'s findings.
Each change computes the pose's strains and symptoms once
(:func:`~anatomy.engine.tension.pose_state`); where each test turns positive
does not depend on the pose, so it is computed once per set of findings.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from anatomy.engine.findings import Findings
from anatomy.engine.lesions import compress_lesions
from anatomy.engine.neurodynamic import POSITIONS, TESTS, check_position, check_test, onsets
from anatomy.engine.tension import check_angles, citation_ids, pose_state, tables
from anatomy.model import Model
from anatomy.model.vocabulary import ANGLES
from anatomy.text.citations import CitationLog
from anatomy.text.words import findings_words, pose_words, preset_words
from anatomy.viz import theme
from anatomy.viz.tension_view import tension_figure, tension_parts
from anatomy.widgets import base
from anatomy.widgets.accessible import Accessible
from anatomy.widgets.explorer import Explorer
from anatomy.widgets.figure_channel import Keeper, live_figure
from anatomy.widgets.linked import Onset, Strains, replay_row
from anatomy.widgets.panels import bend_html, error_html

BEND_PRESETS = ("straight_leg_raise", "slump", "prone_knee_bend")
ASIDE = "20em"  # the strains and the tests in words need this much beside the drawing
NOTHING = "(nothing irritated)"


def check_findings_or_explorer(value):
    """(findings, explorer): one of them from what ``anatomy.bend`` was given."""
    if value is None or isinstance(value, Findings):
        return value, None
    if isinstance(value, Explorer):
        return None, value
    raise TypeError(
        "pass findings (model.compress(...)), an explorer (anatomy.explore()) or None, "
        f"not {value!r} ({type(value).__name__})"
    )


class BendExplorer(base.Shown):
    """Pose the leg and watch its nerves stretch: sliders, one FigureWidget, the same in words.

    Attributes
    ----------
    figure : plotly.graph_objects.FigureWidget
        The leg and trunk from the side; updated in place, never rebuilt.
    angles : dict
        The current hip_flexion, knee_flexion, ankle_dorsiflexion and
        neck_flexion, in degrees.
    position : str
        How the body is drawn: "supine", "sitting" or "prone".
    findings : anatomy.Findings or None
        What is irritated: the explorer's findings when following one.
    widget : ipywidgets.Box
        The whole view, as displayed.
    """

    shown_as = "bend explorer"

    def __init__(
        self,
        model: Model,
        findings=None,
        explorer: Explorer | None = None,
        presenter=False,
        log: CitationLog | None = None,
    ):
        self.model = model
        self.presenter = presenter
        self.explorer = explorer
        self.log = log
        self._own = findings
        self._quiet = base.Quiet()
        self._onsets: tuple[object, dict] | None = None  # (findings, their onsets)
        self.angles = dict.fromkeys(ANGLES, 0.0)
        self.position = "supine"
        self.last_test = None
        self.keeper = Keeper()  # before the figure: see Keeper
        self.accessible = Accessible()  # one for every view of this widget
        figure = live_figure(tension_figure(model, self.angles, self.findings, presenter=presenter))
        self.figure = self.keeper.keep(figure)  # it may be shown in several cells
        self._build_controls()
        self.table = base.panel()
        self.message = widgets.HTML()
        self.widget = self._layout()
        self._update()

    # -- what is irritated ------------------------------------------------------------------

    @property
    def findings(self):
        """The irritated roots or nerves: the explorer's, when following one."""
        if self.explorer is not None:
            return self.explorer.findings
        return self._own

    def onsets(self) -> dict:
        """Where each test turns positive for the current findings (computed once per set)."""
        findings = self.findings
        if self._onsets is None or self._onsets[0] is not findings:
            self._onsets = (findings, onsets(findings, model=self.model))
        return self._onsets[1]

    def set_findings(self, findings):
        """Irritate what these findings compress (None: a healthy leg) and update the view."""
        if findings is not None and not isinstance(findings, Findings):
            err = TypeError(f"not findings: {findings!r}; use model.compress(...)")
            self._error(err)
            raise err
        self.explorer = None
        self._own = findings
        self._set(**self._lesion_choice(findings))
        self._show_lesion_controls()
        return self._update()

    def follow(self):
        """Show the explorer's current findings (when following one)."""
        return self._update()

    def _lesion_options(self) -> list[tuple[str, str]]:
        t = tables(self.model)
        options = [(NOTHING, "")]
        options += [(f"{r} root", f"root:{r}") for r in t.roots]
        for row in self.model.sites.to_dict("records"):
            if row["nerve"] in t.nerves:
                options.append((row["label"], f"nerve:{row['nerve']}@{row['site']}"))
        return options

    def _lesion_choice(self, findings) -> dict:
        """The menu (options, value, severity) matching findings; 'given' for other findings."""
        options = self._lesion_options()
        if findings is None or not findings.lesions:
            return {"lesion_options": options, "lesion": ""}
        if len(findings.lesions) == 1:
            lesion = findings.lesions[0]
            spec = {
                "root": f"root:{lesion.target}",
                "nerve": f"nerve:{lesion.target}@{lesion.site}",
            }
            value = spec.get(lesion.kind, "")
            if value and value in {v for _, v in options}:
                return {"lesion_options": options, "lesion": value, "severity": lesion.severity}
        options.append((f"As given: {findings_words(findings, self.model)}", "given"))
        return {"lesion_options": options, "lesion": "given"}

    # -- controls -----------------------------------------------------------------------------

    def _build_controls(self) -> None:
        t = tables(self.model)
        self.sliders = {}
        for angle in ANGLES:
            low, high = t.ranges[angle]
            minus = t.words[angle][1]
            slider = widgets.IntSlider(
                value=0,
                min=int(low),
                max=int(high),
                step=1,
                description=f"{t.labels[angle]}:",
                style=base.STYLE,
                continuous_update=True,
                readout_format="d",
                layout=base.wide(),
                tooltip=f"degrees; negative is {minus}" if low < 0 else "degrees",
            )
            slider.observe(self._on_slider, names="value")
            self.sliders[angle] = slider
        self.position_control = widgets.ToggleButtons(
            options=[(words.capitalize(), key) for key, words in POSITIONS.items()],
            value="supine",
            description="Drawn:",
            style=base.STYLE,
        )
        self.position_control.observe(self._on_position, names="value")
        self.preset_buttons = {}
        for name in BEND_PRESETS:
            button = widgets.Button(description=TESTS[name].label, tooltip="go to onset")
            button.on_click(lambda _, name=name: self.preset(name))
            self.preset_buttons[name] = button
        self.neutral_button = widgets.Button(description="Neutral")
        self.neutral_button.on_click(lambda _: self.reset())
        self.lesion = base.dropdown(self._lesion_options(), "", "Irritated:")
        # Each severity means new onsets (three sweeps): update when the slider is let go.
        self.severity = base.severity_slider(0.7, continuous=False)
        self.lesion.observe(self._on_lesion, names="value")
        self.severity.observe(self._on_lesion, names="value")
        self.follow_button = widgets.Button(description="Follow the explorer")
        self.follow_button.on_click(lambda _: self.follow())
        self.source = widgets.HTML()
        self._set(**self._lesion_choice(self._own))

    def _layout(self) -> widgets.Box:
        sliders = list(self.sliders.values())
        self.slider_rows = [base.row(sliders[:2]), base.row(sliders[2:])]
        rows = [
            base.row([*self.preset_buttons.values(), self.neutral_button]),
            *self.slider_rows,
            base.row([self.lesion, self.severity, self.follow_button, self.source]),
            self.position_control,
            self.message,
        ]
        self._show_lesion_controls()
        figure = base.figure_box(self.figure, theme.tension_view(self.presenter))
        body = base.body([figure, base.aside([self.table], ASIDE)], side_by_side=True)
        return base.frame(
            [widgets.VBox(rows), body], self.presenter, self.accessible, fit=self.keeper
        )

    def compact(self, call: tuple) -> widgets.Box:
        """A compact view of this bend explorer under a call's heading: its sliders, the
        drawing and the words (the same widgets; new boxes around them)."""
        kind, what = call
        chose = preset_words(*what) if kind == "preset" else pose_words(self.model, *what)
        heading = replay_row(
            chose, "Show it again", "Put the leg back as this cell did", lambda: self.replay(call)
        )
        figure = base.figure_box(self.figure, theme.tension_view(self.presenter))
        body = base.body([figure, base.aside([self.table], ASIDE)], side_by_side=True)
        return base.frame(
            [heading, *self.slider_rows, self.message, body],
            self.presenter,
            self.accessible,
            fit=self.keeper,
            compact=True,
        )

    def replay(self, call: tuple):
        """Show again what a pose or preset call did."""
        kind, what = call
        if kind == "preset":
            return self.preset(what[0])
        angles, position = what
        return self.pose(position=position, **angles)

    def _show_lesion_controls(self) -> None:
        following = self.explorer is not None
        for control in (self.lesion, self.severity):
            control.layout.display = "none" if following else None
        for control in (self.follow_button, self.source):
            control.layout.display = None if following else "none"

    def _set(self, **values) -> None:
        """Set controls without triggering their own updates."""
        with self._quiet():
            if "lesion_options" in values:
                self.lesion.options = values.pop("lesion_options")
            for name, value in values.items():
                if name in self.sliders:
                    self.sliders[name].value = round(value)
                elif name == "position":
                    self.position_control.value = value
                else:
                    getattr(self, name).value = value

    # -- events -------------------------------------------------------------------------------

    def _on_slider(self, change) -> None:
        if self._quiet:
            return
        for angle, slider in self.sliders.items():
            if slider is change["owner"]:
                self.angles[angle] = float(change["new"])
        self.last_test = None
        self._update()

    def _on_position(self, change) -> None:
        if self._quiet:
            return
        self.position = change["new"]
        self._update()

    def _on_lesion(self, change) -> None:
        if self._quiet:
            return
        spec = self.lesion.value
        if spec == "given":
            return self._update()
        if not spec:
            self._own = None
        else:
            self._own = compress_lesions(
                self.model, spec, side="left", severity=self.severity.value
            )
        self._update()

    # -- the one code path ----------------------------------------------------------------------

    def pose(self, position: str | None = None, **angles):
        """Set some angles (degrees) and how the body is drawn, and update the view.

        Angles not given keep their value. Returns each nerve's strain in %
        (a pandas Series, to 0.01), which a notebook cell shows as a compact view
        of this bend explorer with the strains as a table. Invalid input shows
        its message in the view and raises ValueError (TypeError for a wrong type).
        """
        try:
            merged = check_angles(self.model, **{**self.angles, **angles})
            if position is not None:
                check_position(position)
        except (TypeError, ValueError) as err:
            self._error(err)
            raise
        self.angles = merged
        if position is not None:
            self.position = position
        self.last_test = None
        self._set(position=self.position, **merged)
        strains = Strains(self._update())
        strains.bender, strains.call = self, ("pose", (dict(self.angles), self.position))
        return strains

    def preset(self, test: str):
        """Put the leg where a test turns positive for what is irritated (or at its end).

        ``test`` is straight_leg_raise, slump or prone_knee_bend. Returns the
        angle of the moving joint at the onset (a number a notebook cell shows
        as a compact view of this bend explorer), or None if the test stays
        negative (the leg is then left at the end of the test). An unknown test
        shows its message and raises ValueError.
        """
        try:
            spec = TESTS[check_test(test)]
        except (TypeError, ValueError) as err:
            self._error(err)
            raise
        found = self.onsets()[test]
        angles = {**dict.fromkeys(ANGLES, 0.0), **spec.angles(found[0] if found else spec.stop)}
        self.angles = check_angles(self.model, **angles)
        self.position = spec.position
        self.last_test = (test, found)
        self._set(position=self.position, **self.angles)
        self._update()
        return Onset.made(found[0], self, ("preset", (test, found))) if found else None

    def reset(self):
        """Neutral pose, lying on the back."""
        return self.pose(position="supine", **dict.fromkeys(self.angles, 0.0))

    def _update(self):
        self.message.value = ""
        findings = self.findings
        if self.explorer is not None:
            words = findings_words(findings, self.model)
            self.source.value = f"<i>From the explorer:</i> {html.escape(words)}"
        state = pose_state(self.model, self.angles, findings)
        parts = tension_parts(
            self.model,
            findings=findings,
            position=self.position,
            presenter=self.presenter,
            state=state,
        )
        marker = parts["marker"]
        with self.figure.batch_update():
            self.figure.layout.shapes = parts["shapes"]
            self.figure.layout.annotations = parts["annotations"]
            self.figure.layout.xaxis.range = parts["ranges"]["x"]
            self.figure.layout.yaxis.range = parts["ranges"]["y"]
            trace = self.figure.data[0]
            trace.x, trace.y = marker["x"], marker["y"]
            trace.hovertext = marker["hovertext"]
            trace.marker.color = marker["color"]
        self.table.value = bend_html(self.model, state, findings, self.onsets(), self.last_test)
        if self.log is not None:
            self.log.add_findings(findings)
            self.log.add(citation_ids(self.model))
        return state.strain_series.round(2)

    def _error(self, err: Exception) -> None:
        self.message.value = error_html(err)

    # -- display ------------------------------------------------------------------------------

    def _fallback(self) -> tuple[str, str]:
        words = pose_words(self.model, self.angles, self.position)
        state = pose_state(self.model, self.angles, self.findings)
        text = f"Bend explorer: {words}; {findings_words(self.findings, self.model)}"
        tables = bend_html(self.model, state, self.findings, self.onsets(), self.last_test)
        return text, f"<p><b>Bend explorer</b>: {html.escape(words)}</p>" + tables
