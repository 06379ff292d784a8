"""The explorer: compress a root, disc or nerve and watch the body map light up.

``anatomy.explore()`` returns an :class:`Explorer`, which displays as one widget:

* controls: what to compress (a root; a disc level and zone; a nerve and
  site) or which joint is irritated (the hip, the sacroiliac or facet
  joints: referred pain only), the side, the severity, a preset case, reset;
* the body map as **one** ``plotly`` ``FigureWidget`` (``explorer.figure``);
* the findings as a table, and the citation panel: each quote with its
  source, or the reference, and the correction where there is one.

Every change goes through :meth:`Explorer.select`, the same path the controls
use. An update never rebuilds the figure: it sends one ``animate`` message that
replaces the data of the body map's overlay traces (what is lit, the
compression stars, the hover texts); the browser redraws only those traces.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from anatomy.engine.findings import PATH_KINDS, Findings, lesions_in_words
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
from anatomy.widgets import base
from anatomy.widgets.map_view import BodyMapView
from anatomy.widgets.panels import (
    case_citation_ids,
    case_html,
    citations_html,
    error_html,
    findings_html,
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


class Explorer:
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

    def __init__(self, model: Model, presenter: bool = False, log: CitationLog | None = None):
        self.model = model
        self.presenter = presenter
        self.log = log
        self.findings = None
        self._case = None
        self._quiet = base.Quiet()
        first = model.compress(DEFAULT["root"], severity=DEFAULT["severity"], side=DEFAULT["side"])
        self.map = BodyMapView(model, first, presenter)
        self.figure = self.map.figure
        self._build_controls()
        self.table = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.citations = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.table.add_class("anatomy-panel")
        self.citations.add_class("anatomy-panel")
        self.message = widgets.HTML()
        self.status = widgets.HTML()
        self.widget = self._layout()
        self.select(DEFAULT["root"], severity=DEFAULT["severity"], side=DEFAULT["side"])

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
        self.severity = base.severity_slider(DEFAULT["severity"], "320px")
        cases = [(NO_CASE, "")] + [
            (t, c) for c, t in zip(m.cases["id"], m.cases["title"], strict=True)
        ]
        self.case = base.dropdown(cases, "", "Case:", width="auto")
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
        sites = self.model.sites_of(nerve)
        return [(label, site) for site, label in zip(sites["site"], sites["label"], strict=True)]

    def _layout(self) -> widgets.Box:
        self.what = widgets.HBox(
            [self.root, self.level, self.zone, self.nerve, self.site, self.joint]
        )
        if self.presenter:  # compact rows: the figure must fit under them on 720 px
            self.mode.description = self.side.description = ""
            self.mode.style.button_width = "150px"
            self.side.style.button_width = "80px"
            rows = [
                widgets.HBox([self.mode, self.side, self.reset_button]),
                widgets.HBox([self.what, self.severity, self.status]),
                widgets.HBox([self.case]),
            ]
        else:
            rows = [
                widgets.HBox([self.mode, self.side]),
                widgets.HBox([self.what, self.severity, self.status]),
                widgets.HBox([self.case, self.reset_button]),
            ]
        controls = widgets.VBox([*rows, self.message])
        self._show_mode_controls()
        if self.presenter:
            for html_panel in (self.table, self.citations):
                html_panel.layout.flex = "0 0 auto"  # scroll the column; never squash a panel
            right = widgets.VBox(
                [self.table, self.citations],
                layout=widgets.Layout(width="480px", height="470px", overflow="auto"),
            )
            body = widgets.HBox([self.figure, right])
        else:
            below = widgets.HBox(
                [self.table, self.citations],
                layout=widgets.Layout(width="100%", grid_gap="16px"),
            )
            self.table.layout.width = "50%"
            self.citations.layout.width = "50%"
            body = widgets.VBox([self.figure, below])
        return base.frame([controls, body], self.presenter, self.map.accessible)

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
        self.select_case(change["new"])

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
    ):
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
        zone : str, optional
            For a disc level; unchanged if None.

        Returns
        -------
        anatomy.Findings, or None if the input was invalid (the message says why).
        """
        try:
            values = self._values_for(site, severity, side, zone)
        except (TypeError, ValueError) as err:
            self._error(err)
            return None
        self._case = None
        self._set(case="", **values)
        self._show_mode_controls()
        return self._update()

    def select_case(self, case: str):
        """Show a preset case from the source texts (an id of ``model.cases``)."""
        try:
            row = self.model.case_row(check_case(self.model, case))
        except (TypeError, ValueError) as err:
            self._error(err)
            return None
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
        return self._update()

    def reset(self):
        """Back to the starting view."""
        return self.select(DEFAULT["root"], severity=DEFAULT["severity"], side=DEFAULT["side"])

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

    def _update(self):
        try:
            findings = self._findings()
        except (TypeError, ValueError) as err:
            self._error(err)
            return None
        self.message.value = ""
        self.findings = findings
        self.map.paint(findings)
        if self.presenter:
            self.table.value = summary_html(findings)
        else:
            self.table.value = findings_html(findings)
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

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        # Readers without a kernel (GitHub, nbviewer) see the findings as text and tables.
        if self.findings is not None:
            words = lesions_in_words(self.findings.lesions)
            bundle["text/plain"] = "Explorer: " + words
            bundle["text/html"] = (
                f"<p><b>Explorer</b>: {html.escape(words)}</p>"
                + findings_html(self.findings)
                + citations_html(self.model, self.findings)
            )
        return bundle


def _status_html(findings: Findings) -> str:
    """The grade, and the effects these findings show (not every effect the grade
    allows: one root on one side never gives bladder or bowel dysfunction)."""
    if not findings.lesions:
        return ""
    severity = max(lesion.severity for lesion in findings.lesions)  # a case may mix them
    shown = set(findings.table.loc[~findings.table["kind"].isin(PATH_KINDS), "effect"])
    effects = ", ".join(effect_word(e) for e in grade(severity) if e in shown)
    return (
        f'<span class="anatomy-grade">{html.escape(grade_name(severity))}'
        f"{': ' + html.escape(effects) if effects else ''}</span>"
    )
