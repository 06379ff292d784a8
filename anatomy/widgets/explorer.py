"""The explorer: compress a root, disc or nerve and watch the body map light up.

``anatomy.explore()`` returns an :class:`Explorer`, which displays as one widget:

* controls: what to compress (a root; a disc level and zone; a nerve and
  site) or which joint is irritated (the hip, the sacroiliac or facet
  joints: referred pain only), the side, the severity, a preset case, reset;
* the body map as **one** ``plotly`` ``FigureWidget`` (``explorer.figure``),
  with its legend in words;
* the findings as a table, and the citation panel: each quote with its
  source, or the reference, and the correction where there is one.

Every change goes through one path, the one the controls use. An update never
rebuilds the figure: it sends one ``animate`` message that replaces the data
of the body map's overlay traces (what is lit, the compression stars, the hover
texts); the browser redraws only those traces.

In a notebook, :meth:`Explorer.select` and :meth:`Explorer.select_case` return
the findings as a :class:`~anatomy.widgets.linked.Selection`, which a *Try it*
cell shows as a compact view of this same explorer: its map, its controls and
a summary, the very same widgets (no second figure), so a change anywhere shows
everywhere. A bad call shows its message in the explorer and raises in its cell.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from anatomy.engine.findings import PATH_KINDS, Findings
from anatomy.engine.grading import grade, grade_name
from anatomy.engine.inputs import (
    check_case,
    check_disc,
    check_joint,
    check_nerve_site,
    check_root,
    check_severity,
    check_side,
    check_text,
    check_zone,
    is_name_of,
    parse_lesions,
    referring_joints,
)
from anatomy.model import Model
from anatomy.model.vocabulary import effect_word
from anatomy.text.citations import CitationLog
from anatomy.text.words import lesions_named
from anatomy.viz import theme
from anatomy.widgets import base
from anatomy.widgets.linked import Selection
from anatomy.widgets.map_view import BodyMapView
from anatomy.widgets.panels import (
    case_citation_ids,
    case_html,
    citations_html,
    error_html,
    findings_html,
    legend_html,
    summary_html,
)

MODES = ("root", "disc", "nerve", "joint")
DEFAULT = {
    "mode": "root",
    "root": "L5",
    "level": "L4-L5",
    "zone": "paracentral",
    "nerve": "common_fibular",
    "joint": "hip",
    "side": "left",
    "severity": 0.5,
}
NO_CASE = "(choose a case)"


class Explorer(base.Shown):
    """Controls, one FigureWidget, a findings table and citations, kept in step.

    Attributes
    ----------
    figure : plotly.graph_objects.FigureWidget
        The body map; updated in place.
    findings : anatomy.Findings
        What is currently shown.
    widget : ipywidgets.Box
        The whole explorer, as displayed.
    log : anatomy.text.citations.CitationLog or None
        Where the citations it shows are recorded (a lesson's log), if given.
    """

    shown_as = "explorer"

    def __init__(self, model: Model, presenter: bool = False, log: CitationLog | None = None):
        self.model = model
        self.presenter = presenter
        self.log = log
        self.findings = None
        self._case = None
        self._quiet = base.Quiet()
        self._sites: dict[str, list] = {}  # nerve -> its sites as drop-down options
        first = model.compress(DEFAULT["root"], severity=DEFAULT["severity"], side=DEFAULT["side"])
        self.map = BodyMapView(model, first, presenter)
        self.figure = self.map.figure
        self._build_controls()
        self.table = base.panel()
        self.citations = base.panel()
        self.summary = widgets.HTML()  # the compact views' summary
        self.legend = widgets.HTML(legend_html())
        self.message = widgets.HTML()
        self.status = widgets.HTML()
        self.widget = self._layout()
        self._apply(self._values_for(DEFAULT["root"], DEFAULT["severity"], DEFAULT["side"], None))

    # -- controls ---------------------------------------------------------------------------

    def _build_controls(self) -> None:
        m = self.model
        self.mode = widgets.ToggleButtons(
            options=[
                ("Nerve root", "root"),
                ("Disc level", "disc"),
                ("Nerve", "nerve"),
                ("Joint", "joint"),
            ],
            value="root",
            description="Compress:",
            style=base.STYLE,
        )
        self.root = base.dropdown(m.roots, DEFAULT["root"], "Root:")
        self.level = base.dropdown(m.disc_levels, DEFAULT["level"], "Disc:")
        self.zone = base.dropdown(m.zone_names, DEFAULT["zone"], "Zone:")
        self.nerve = base.dropdown(
            [(m.label(n), n) for n in m.site_nerves], DEFAULT["nerve"], "Nerve:"
        )
        self.site = base.dropdown(self._site_options(DEFAULT["nerve"]), None, "at:")
        self.joint = base.dropdown(
            [(m.label(j), j) for j in referring_joints(m)], DEFAULT["joint"], "Joint:"
        )
        self.side = widgets.ToggleButtons(
            options=["left", "right", "both"], value="left", description="Side:", style=base.STYLE
        )
        self.severity = base.severity_slider(DEFAULT["severity"])
        cases = [(NO_CASE, "")] + [
            (t, c) for c, t in zip(m.cases["id"], m.cases["title"], strict=True)
        ]
        self.case = base.dropdown(cases, "", "Case:")
        self.reset_button = widgets.Button(description="Reset", icon="", tooltip="Back to start")
        for control in (
            self.mode,
            self.root,
            self.level,
            self.zone,
            self.site,
            self.joint,
            self.side,
            self.severity,
        ):
            control.observe(self._on_control, names="value")
        self.nerve.observe(self._on_nerve, names="value")
        self.case.observe(self._on_case, names="value")
        self.reset_button.on_click(lambda _: self.reset())

    def _site_options(self, nerve: str):
        if nerve not in self._sites:
            sites = self.model.sites_of(nerve)
            pairs = zip(sites["site"], sites["label"], strict=True)
            self._sites[nerve] = [(label, site) for site, label in pairs]
        return self._sites[nerve]

    def _layout(self) -> widgets.Box:
        self.what = base.row([self.root, self.level, self.zone, self.nerve, self.site, self.joint])
        rows = [
            base.row([self.mode, self.side]),
            base.row([self.what, self.severity, self.status]),
            base.row([self.case, self.reset_button]),
        ]
        controls = widgets.VBox([*rows, self.message])
        self._show_mode_controls()
        figure = base.figure_box(self.figure, theme.view(self.presenter))
        if self.presenter:
            side = base.aside([self.table, self.legend, self.citations])
            body = base.body([figure, side], side_by_side=True)
        else:
            panels = widgets.HBox([self.table, self.citations])
            panels.add_class("anatomy-panels")
            body = base.body([figure, self.legend, panels], side_by_side=False)
        return base.frame(
            [controls, body], self.presenter, self.map.accessible, fit=self.map.keeper
        )

    def compact(self, heading: widgets.Widget) -> widgets.Box:
        """A compact view of this explorer under a heading: its controls, map and summary.

        The same widgets as the explorer's own, so it is linked both ways; only the
        boxes around them are new.
        """
        controls = base.row([self.what, self.side, self.severity, self.status])
        figure = base.figure_box(self.figure, theme.view(self.presenter))
        body = base.body([figure, base.aside([self.summary])], side_by_side=True)
        return base.frame(
            [heading, controls, self.message, body],
            self.presenter,
            self.map.accessible,
            fit=self.map.keeper,
            compact=True,
        )

    def _show_mode_controls(self) -> None:
        shown = {
            "root": (self.root,),
            "disc": (self.level, self.zone),
            "nerve": (self.nerve, self.site),
            "joint": (self.joint,),
        }[self.mode.value]
        for control in (self.root, self.level, self.zone, self.nerve, self.site, self.joint):
            control.layout.display = None if control in shown else "none"

    # -- events -----------------------------------------------------------------------------

    def _on_control(self, change) -> None:
        if self._quiet:
            return
        if change["owner"] is self.mode:
            self._show_mode_controls()
        if change["owner"] is self.zone:
            # A zone comes with the side the engine gives it: both legs for a central one.
            self._set(side=self.model.zone_row(self.zone.value)["default_side"])
        self._case = None
        self._set(case="")
        self._update()

    def _on_nerve(self, change) -> None:
        if self._quiet:
            return
        self._set(site_options=self._site_options(change["new"]))
        self._on_control({"owner": self.nerve})

    def _on_case(self, change) -> None:
        if self._quiet or not change["new"]:
            return
        self._apply_case(change["new"])

    def _set(self, **values) -> None:
        """Set controls without triggering their own updates."""
        with self._quiet():
            if "site_options" in values:
                self.site.options = values.pop("site_options")
            for name, value in values.items():
                getattr(self, name).value = value

    # -- the one code path ----------------------------------------------------------------

    def select(
        self,
        site: str,
        severity: float | None = None,
        side: str | None = None,
        zone: str | None = None,
    ) -> Selection:
        """Compress what the controls can choose, and update the view.

        Parameters
        ----------
        site : str
            A root (``"L5"``), a disc level (``"L4-L5"``, with ``zone``), a
            nerve with an optional site (``"common_fibular@fibular_head"``), or a
            joint that refers pain (``"hip"``).
        severity : float, optional
            0..1; unchanged if None.
        side : {"left", "right", "both"}, optional
            Unchanged if None, except that a new zone brings its own side (both
            for a central herniation, as the engine models it).
        zone : str, optional
            For a disc level; unchanged if None.

        Returns
        -------
        anatomy.widgets.linked.Selection
            The findings; in a notebook they show as a compact view of this explorer.

        Raises
        ------
        ValueError, TypeError
            Bad input, after the explorer has shown the message.
        """
        try:
            values = self._values_for(site, severity, side, zone)
        except (TypeError, ValueError) as err:
            self._error(err)
            raise
        return Selection.made(self._apply(values), self, ("values", self._snapshot()))

    def select_case(self, case: str) -> Selection:
        """Show a preset case from the source texts (an id of ``model.cases``).

        Returns the findings as :meth:`select` does; raises on an unknown case.
        """
        try:
            case = check_case(self.model, case)
        except (TypeError, ValueError) as err:
            self._error(err)
            raise
        return Selection.made(self._apply_case(case), self, ("case", case))

    def reset(self) -> Selection:
        """Back to the starting view."""
        return self.select(DEFAULT["root"], severity=DEFAULT["severity"], side=DEFAULT["side"])

    def replay(self, call: tuple) -> Findings:
        """Show again what a :class:`Selection` chose (its ``call``)."""
        kind, what = call
        return self._apply_case(what) if kind == "case" else self._apply(what)

    def _snapshot(self) -> dict:
        """Every control's value: what :meth:`replay` sets back."""
        names = ("mode", "root", "level", "zone", "nerve", "site", "joint", "side", "severity")
        values = {name: getattr(self, name).value for name in names}
        return {**values, "site_options": self._site_options(values["nerve"])}

    def _apply(self, values: dict) -> Findings:
        self._case = None
        self._set(case="", **values)
        self._show_mode_controls()
        return self._update(strict=True)

    def _apply_case(self, case: str) -> Findings:
        row = self.model.case_row(case)
        # The controls show the case's first lesion; the findings are the whole case.
        kind, args = parse_lesions(self.model, row["lesions"])[0]
        target = {
            "root": args.get("root"),
            "disc": args.get("level"),
            "nerve": f"{args.get('nerve')}@{args.get('site')}",
            "joint": args.get("joint"),
        }[kind]
        values = self._values_for(target, float(row["severity"]), row["side"], args.get("zone"))
        self._set(case=case, **values)
        self._show_mode_controls()
        self._case = case
        return self._update(strict=True)

    def _values_for(self, site, severity, side, zone) -> dict:
        m = self.model
        values: dict = {}
        if severity is not None:
            values["severity"] = check_severity(severity)
        if side is not None:
            values["side"] = check_side(side)
        name = check_text(site, "site", ("a root", "a disc level", "nerve@site", "a joint"))
        name = name.strip()
        if name.upper() in m.roots:
            values.update(mode="root", root=check_root(m, name))
        elif is_name_of(m, name, "joint") or name in referring_joints(m):
            values.update(mode="joint", joint=check_joint(m, name))
        elif "@" in name or is_name_of(m, name, "nerve"):
            nerve, _, where = name.partition("@")
            nerve_id, site_id, _ = check_nerve_site(m, nerve, where or None)
            values.update(
                mode="nerve",
                nerve=nerve_id,
                site_options=self._site_options(nerve_id),
                site=site_id,
            )
        else:
            try:
                level = check_disc(m, name)
            except ValueError:
                nerves = ", ".join(m.site_nerves)
                raise ValueError(
                    f"unknown site {site!r}; valid: a root ({', '.join(m.roots)}), a disc level "
                    f"({', '.join(m.disc_levels)}), a nerve ({nerves}), as 'nerve@site', or a "
                    f"joint ({', '.join(referring_joints(m))})"
                ) from None
            values.update(mode="disc", level=level)
            if zone is not None:
                values["zone"] = check_zone(m, zone)
                if side is None:
                    values["side"] = m.zone_row(values["zone"])["default_side"]
        if zone is not None and values.get("mode") != "disc":
            raise ValueError(f"a zone ({zone!r}) applies to a disc level, not to {site!r}")
        return values

    def _findings(self) -> Findings:
        m, mode = self.model, self.mode.value
        if self._case:
            return m.compress_case(self._case)
        severity, side = self.severity.value, self.side.value
        if mode == "root":
            return m.compress(self.root.value, severity=severity, side=side)
        if mode == "disc":
            return m.compress_disc(
                self.level.value, zone=self.zone.value, side=side, severity=severity
            )
        if mode == "joint":
            return m.irritate_joint(self.joint.value, side=side, severity=severity)
        return m.compress_nerve(
            self.nerve.value, site=self.site.value, side=side, severity=severity
        )

    def _update(self, strict: bool = False):
        """Compute the findings of the controls and show them everywhere.

        From a control (``strict`` False) an error becomes the message; from a
        call it is shown and raised.
        """
        try:
            findings = self._findings()
        except (TypeError, ValueError) as err:
            self._error(err)
            if strict:
                raise
            return None
        self.message.value = ""
        self.findings = findings
        self.map.paint(findings)
        if self.presenter:
            self.table.value = summary_html(self.model, findings)
        else:
            self.table.value = findings_html(self.model, findings)
        self.summary.value = summary_html(self.model, findings, lead="Now: ")
        case = case_html(self.model, self._case) if self._case else ""
        self.citations.value = case + citations_html(self.model, findings)
        self.status.value = _status_html(findings)
        if self.log is not None:
            self.log.add_findings(findings)
            if self._case:
                self.log.add(case_citation_ids(self.model, self._case))
        return findings

    def paint(self, findings) -> None:
        """Colour the map by any findings, leaving the controls and panels as they are."""
        self.map.paint(findings)

    def _error(self, err: Exception) -> None:
        self.message.value = error_html(err)

    # -- display ------------------------------------------------------------------------------

    def _fallback(self) -> tuple[str, str]:
        words = lesions_named(self.model, self.findings)
        text = f"Explorer: {words}"
        tables = findings_html(self.model, self.findings) + citations_html(
            self.model, self.findings
        )
        return text, f"<p><b>Explorer</b>: {html.escape(words)}</p>" + tables


def _status_html(findings: Findings) -> str:
    """The grade, and the effects these findings show (not every effect the grade
    allows: one root on one side never gives bladder or bowel dysfunction)."""
    if not findings.lesions:
        return ""
    severity = max(lesion.severity for lesion in findings.lesions)  # a case may mix them
    shown = {row["effect"] for row in findings.records if row["kind"] not in PATH_KINDS}
    effects = ", ".join(effect_word(e) for e in grade(severity) if e in shown)
    return (
        f'<span class="anatomy-grade">{html.escape(grade_name(severity))}'
        f"{': ' + html.escape(effects) if effects else ''}</span>"
    )
