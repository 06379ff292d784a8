"""The explorer: compress a root, disc or nerve and watch the body map light up.

The only module that imports ipywidgets. ``anatomy.explore()`` returns an
:class:`Explorer`, which displays as one widget:

* controls: what to compress (a root; a disc level and zone; a nerve and
  site), the side, the severity, a preset case from the source texts, reset;
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
import plotly.graph_objects as go

from anatomy import figures
from anatomy.citations import cite_records, reference_line
from anatomy.lesions import (
    EFFECTS,
    check_disc,
    check_nerve_site,
    check_root,
    check_severity,
    check_side,
    check_zone,
    grade,
    grade_name,
    parse_lesions,
)
from anatomy.model import Model, load_model
from anatomy.selfcheck import answer_sheet, check, lesion_label, practice_cases

MODES = ("root", "disc", "nerve")
EFFECT_WORDS = figures.EFFECT_LABELS
DEFAULT = {
    "mode": "root",
    "root": "L5",
    "level": "L4-L5",
    "zone": "paracentral",
    "nerve": "common_fibular",
    "side": "left",
    "severity": 0.5,
}
NO_CASE = "(choose a case)"


def explore(model: Model | None = None, presenter: bool = False) -> Explorer:
    """An explorer on the model (loaded if not given); ``presenter`` for a projector."""
    return Explorer(model if model is not None else load_model(), presenter=presenter)


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
    """

    def __init__(self, model: Model, presenter: bool = False):
        self.model = model
        self.presenter = presenter
        self.findings = None
        self._case = None
        self._busy = False
        view = figures.PRESENTER if presenter else figures.NORMAL
        # The figure starts drawn with the first findings, so no update precedes its display.
        first = model.compress(DEFAULT["root"], severity=DEFAULT["severity"], side=DEFAULT["side"])
        self.figure = go.FigureWidget(figures.body_map(model, first, presenter=presenter))
        _share_state(self.figure)
        self._overlay = figures.overlay(model, first, presenter)
        self._animated = figures.map_state(model, presenter).animated
        self._build_controls(view)
        self.table = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.citations = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.table.add_class("anatomy-panel")
        self.citations.add_class("anatomy-panel")
        self.message = widgets.HTML()
        self.status = widgets.HTML()
        self.widget = self._layout()
        self.select(DEFAULT["root"], severity=DEFAULT["severity"], side=DEFAULT["side"])

    # -- controls ---------------------------------------------------------------------------

    def _build_controls(self, view) -> None:
        m = self.model

        def wide():
            return widgets.Layout(width="auto")  # one Layout per widget: display is per widget

        style = {"description_width": "initial"}
        nerves = list(dict.fromkeys(m.sites["nerve"]))
        zones = list(m.zones["zone"])
        self.mode = widgets.ToggleButtons(
            options=[("Nerve root", "root"), ("Disc level", "disc"), ("Nerve", "nerve")],
            value="root",
            description="Compress:",
            style=style,
        )
        self.root = widgets.Dropdown(
            options=m.roots, value=DEFAULT["root"], description="Root:", style=style, layout=wide()
        )
        self.level = widgets.Dropdown(
            options=m.disc_levels,
            value=DEFAULT["level"],
            description="Disc:",
            style=style,
            layout=wide(),
        )
        self.zone = widgets.Dropdown(
            options=zones, value=DEFAULT["zone"], description="Zone:", style=style, layout=wide()
        )
        self.nerve = widgets.Dropdown(
            options=[(m.label(n), n) for n in nerves],
            value=DEFAULT["nerve"],
            description="Nerve:",
            style=style,
            layout=wide(),
        )
        self.site = widgets.Dropdown(
            options=self._site_options(DEFAULT["nerve"]),
            description="at:",
            style=style,
            layout=wide(),
        )
        self.side = widgets.ToggleButtons(
            options=["left", "right", "both"], value="left", description="Side:", style=style
        )
        self.severity = widgets.FloatSlider(
            value=DEFAULT["severity"],
            min=0,
            max=1,
            step=0.05,
            description="Severity:",
            style=style,
            continuous_update=False,
            readout_format=".2f",
            layout=widgets.Layout(width="320px"),
        )
        cases = [(NO_CASE, "")] + [
            (t, c) for c, t in zip(m.cases["id"], m.cases["title"], strict=True)
        ]
        self.case = widgets.Dropdown(
            options=cases,
            value="",
            description="Case:",
            style=style,
            layout=widgets.Layout(width="auto"),
        )
        self.reset_button = widgets.Button(description="Reset", icon="", tooltip="Back to start")
        for control in (
            self.mode,
            self.root,
            self.level,
            self.zone,
            self.site,
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
        font = 19 if self.presenter else 14
        self.what = widgets.HBox([self.root, self.level, self.zone, self.nerve, self.site])
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
            for panel in (self.table, self.citations):
                panel.layout.flex = "0 0 auto"  # scroll the column; never squash a panel
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
        box = widgets.VBox([controls, body])
        box.add_class("anatomy-explorer")
        box.add_class("presenter" if self.presenter else "normal")
        style = widgets.HTML(_STYLE.replace("FONT", str(font)))
        return widgets.VBox([style, box])

    def _show_mode_controls(self) -> None:
        mode = self.mode.value
        shown = {
            "root": (self.root,),
            "disc": (self.level, self.zone),
            "nerve": (self.nerve, self.site),
        }[mode]
        for control in (self.root, self.level, self.zone, self.nerve, self.site):
            control.layout.display = None if control in shown else "none"

    # -- events -----------------------------------------------------------------------------

    def _on_control(self, change) -> None:
        if self._busy:
            return
        if change["owner"] is self.mode:
            self._show_mode_controls()
        self._case = None
        self._set(case="")
        self._update()

    def _on_nerve(self, change) -> None:
        if self._busy:
            return
        self._set(site_options=self._site_options(change["new"]))
        self._on_control({"owner": self.nerve})

    def _on_case(self, change) -> None:
        if self._busy or not change["new"]:
            return
        self.select_case(change["new"])

    def _set(self, **values) -> None:
        """Set controls without triggering their own updates."""
        self._busy = True
        try:
            if "site_options" in values:
                self.site.options = values.pop("site_options")
            for name, value in values.items():
                getattr(self, name).value = value
        finally:
            self._busy = False

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
            A root (``"L5"``), a disc level (``"L4-L5"``, with ``zone``), or a
            nerve with an optional site (``"common_fibular@fibular_head"``).
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
        except ValueError as err:
            self._error(err)
            return None
        self._case = None
        self._set(case="", **values)
        self._show_mode_controls()
        return self._update()

    def select_case(self, case: str):
        """Show a preset case from the source texts (an id of ``model.cases``)."""
        cases = self.model.cases.set_index("id")
        if case not in cases.index:
            self._error(ValueError(f"unknown case {case!r}; valid: {', '.join(cases.index)}"))
            return None
        row = cases.loc[case]
        # The controls show the case's first lesion; the findings are the whole case.
        kind, args = parse_lesions(self.model, row["lesions"])[0]
        target = {
            "root": args.get("root"),
            "disc": args.get("level"),
            "nerve": f"{args.get('nerve')}@{args.get('site')}",
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
        name = str(site).strip()
        if name.upper() in m.roots:
            values.update(mode="root", root=check_root(m, name))
        elif "@" in name or _is_nerve(m, name):
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
                nerves = ", ".join(dict.fromkeys(m.sites["nerve"]))
                raise ValueError(
                    f"unknown site {site!r}; valid: a root ({', '.join(m.roots)}), a disc level "
                    f"({', '.join(m.disc_levels)}) or a nerve ({nerves}), as 'nerve@site'"
                ) from None
            values.update(mode="disc", level=level)
            if zone is not None:
                values["zone"] = check_zone(m, zone)
        if zone is not None and values.get("mode") != "disc":
            raise ValueError(f"a zone ({zone!r}) applies to a disc level, not to {site!r}")
        return values

    def _findings(self):
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
        return m.compress_nerve(
            self.nerve.value, site=self.site.value, side=side, severity=severity
        )

    def _update(self):
        try:
            findings = self._findings()
        except ValueError as err:
            self._error(err)
            return None
        self.message.value = ""
        self.findings = findings
        self._paint(findings)
        if self.presenter:
            self.table.value = summary_html(self.model, findings)
        else:
            self.table.value = findings_html(self.model, findings)
        case = case_html(self.model, self._case) if self._case else ""
        self.citations.value = case + citations_html(self.model, findings)
        self.status.value = _status_html(findings)
        return findings

    def _paint(self, findings) -> None:
        """One update message with the new data of the overlay traces, if anything changed."""
        data = figures.overlay(self.model, findings, self.presenter)
        if data != self._overlay:
            sent = [to_send(old, new) for old, new in zip(self._overlay, data, strict=True)]
            self._overlay = data
            apply_overlay(self.figure, sent, self._animated)

    def paint(self, findings) -> None:
        """Colour the map by any findings, leaving the controls and panels as they are.

        The self-check uses it to show a case's findings without their lesion."""
        self._paint(findings)

    def _error(self, err: Exception) -> None:
        self.message.value = (
            f'<div class="anatomy-error" role="alert">{html.escape(str(err))}</div>'
        )

    # -- display ------------------------------------------------------------------------------

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        # Readers without a kernel (GitHub, nbviewer) see the findings as text and tables.
        if self.findings is not None:
            bundle["text/plain"] = "Explorer: " + _lesion_words(self.findings)
            bundle["text/html"] = (
                f"<p><b>Explorer</b>: {html.escape(_lesion_words(self.findings))}</p>"
                + findings_html(self.model, self.findings)
                + citations_html(self.model, self.findings)
            )
        return bundle


def _share_state(figure: go.FigureWidget) -> None:
    """Let the widget's synced state be the figure's live property dicts.

    plotly's FigureWidget syncs ``_widget_layout`` and ``_widget_data`` once, at
    construction, and afterwards sends only update messages. A browser view
    that connects later (Voila connects after the whole notebook has run) gets
    the synced state, and so would miss every update. Pointing the traits at
    the same dicts that updates change in place keeps that state current,
    without resending the figure on each change. Assigning equal values sends
    no message.
    """
    figure._widget_layout = figure._layout
    figure._widget_data = figure._data


# Redraw the given traces at once, without a full redraw of the figure afterwards.
REDRAW_TRACES_ONLY = {
    "frame": {"duration": 0, "redraw": False},
    "transition": {"duration": 0},
    "mode": "immediate",
}


def to_send(old: dict, new: dict) -> dict:
    """What to send for a trace that had ``old`` data and gets ``new``.

    * Hover text that did not change: nothing (``{}``). The trace keeps its
      text; it is still redrawn, which keeps the block in drawing order.
    * An overlay that drew something and now has nothing: one gap (``None``).
      A trace with no data at all is hidden by plotly.js and skipped by its
      partial redraw, which would leave its old drawing on screen; with a gap
      it is redrawn once, as nothing. Overlays that stay empty stay hidden and
      cost nothing.
    * Otherwise all of the new data, as it is.
    """
    if "hovertext" in new and new == old:
        return {}
    if "x" in new and not new["x"] and any(v is not None for v in old.get("x", ())):
        return {**new, "x": [None], "y": [None]}
    return new


def apply_overlay(figure: go.FigureWidget, data: list[dict], traces: list[int]) -> None:
    """Replace some traces' data in a FigureWidget: its Python state and every browser view.

    Sends one ``animate`` message with no transition and no redraw after it.
    In the browser, plotly.js then redraws only these traces (a partial redraw
    that keeps them in trace order, so ``traces`` must be a contiguous block).
    ``plotly_update`` or ``plotly_restyle`` would redraw the whole figure: the
    widget's front end adds a private key to every such update, and plotly.js
    treats an unknown key as a full recalculation (plotly 7.1, measured by
    ``benchmarks/browser.py``). The values, our own lists and texts, are
    written into the figure's own property dicts without plotly.py's validation,
    as ``figure.data[i]`` reads them back; a test checks that the result equals
    a freshly built, validated figure.
    """
    for index, values in zip(traces, data, strict=True):
        figure._data[index].update(values)
    figure._send_animate_msg(data, None, list(traces), REDRAW_TRACES_ONLY)


def _is_nerve(model: Model, name: str) -> bool:
    try:
        model.resolve(name, "nerve")
    except ValueError:
        return False
    return True


def _lesion_words(findings) -> str:
    parts = []
    for lesion in findings.lesions:
        side = "both sides" if lesion.side == "both" else f"{lesion.side} side"
        parts.append(
            f"{lesion.name}, {side}, severity {lesion.severity:g} ({grade_name(lesion.severity)})"
        )
    return "; ".join(parts) or "nothing compressed"


def _status_html(findings) -> str:
    if not findings.lesions:
        return ""
    lesion = findings.lesions[0]
    effects = ", ".join(EFFECT_WORDS[e].lower() for e in grade(lesion.severity))
    return (
        f'<span class="anatomy-grade">{html.escape(grade_name(lesion.severity))}'
        f"{': ' + html.escape(effects) if effects else ''}</span>"
    )


# --- HTML panels (escaped; used by the explorer and by notebooks read without a kernel) -----


def summary_html(model: Model, findings) -> str:
    """The findings in a few large lines, one per effect: for a projector."""
    table = findings.table
    head = f"<h4>{html.escape(_lesion_words(findings))}</h4>"
    lines = []
    for effect in EFFECTS:
        rows = table[(table["effect"] == effect) & ~table["kind"].isin(["root", "nerve"])]
        if rows.empty:
            continue
        names = ", ".join(dict.fromkeys(rows["label"].str.lower()))
        colour = figures.EFFECT_COLOURS[effect]
        lines.append(
            f'<p><span class="anatomy-swatch" style="background:{colour}"></span>'
            f"<b>{html.escape(EFFECT_WORDS[effect])}:</b> {html.escape(names)}</p>"
        )
    return head + ("".join(lines) or "<p>Nothing is affected.</p>")


def findings_html(model: Model, findings) -> str:
    """The findings as an HTML table: effect, structure, side, intensity, path, citations."""
    table = findings.table
    head = f"<h4>Findings: {html.escape(_lesion_words(findings))}</h4>"
    if table.empty:
        return head + "<p>Nothing is affected at severity 0.</p>"
    number = {cid: i + 1 for i, cid in enumerate(findings.citation_ids)}
    records = findings.records
    rows = []
    for effect in EFFECTS:
        for row in records:
            if row["effect"] != effect or row["kind"] in ("root", "nerve"):
                continue
            colour = figures.EFFECT_COLOURS[effect]
            refs = ", ".join(f"[{number[c]}]" for c in row["citations"])
            rows.append(
                "<tr>"
                f'<td><span class="anatomy-swatch" style="background:{colour}"></span>'
                f"{html.escape(EFFECT_WORDS[effect])}</td>"
                f"<td>{html.escape(row['label'])}</td><td>{html.escape(row['side'])}</td>"
                f"<td>{row['intensity']:.2f}</td>"
                f'<td class="anatomy-path">{html.escape(short_path(row["path"]))}</td>'
                f"<td>{html.escape(refs)}</td></tr>"
            )
    along = ", ".join(dict.fromkeys(r["label"] for r in records if r["kind"] in ("root", "nerve")))
    return (
        head + '<table class="anatomy-findings"><thead><tr><th>Effect</th><th>Structure</th>'
        "<th>Side</th><th>Intensity</th><th>Path</th><th>Cited</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
        + (f"<p><b>Along the way:</b> {html.escape(along)}</p>" if along else "")
    )


def case_html(model: Model, case: str) -> str:
    """A preset case: its title, what it teaches, and the source passages it rests on."""
    row = model.cases.set_index("id").loc[case]
    ids = [c.strip() for c in row["citations"].split(";") if c.strip()]
    return (
        f'<div class="anatomy-case"><h4>Case: {html.escape(row["title"])}</h4>'
        f"<p>{html.escape(row['teaching'])}</p>"
        + _citation_items(model, cite_records(model, ids), tag="ul")
        + "</div>"
    )


def _citation_items(model: Model, records: list[dict], tag: str = "ol") -> str:
    items = []
    for i, c in enumerate(records, start=1):
        if c["kind"] == "text":
            body = (
                f'<blockquote>"{html.escape(c["quote"])}"</blockquote>'
                f'<div class="anatomy-source">{html.escape(c["source_title"])}, '
                f"{html.escape(c['locator'])}</div>"
            )
        else:
            body = (
                f"<div>{html.escape(c['statement'])}</div>"
                f'<div class="anatomy-source">{html.escape(reference_line(model, c["source"]))}'
                f"{'; ' + html.escape(c['locator']) if c['locator'] else ''}</div>"
            )
        if c["note"]:
            label = "Correction" if c["verdict"] in ("imprecise", "incorrect") else "Note"
            body += (
                f'<div class="anatomy-correction"><b>{label} ({html.escape(c["verdict"])})'
                f":</b> {html.escape(c['note'])}</div>"
            )
        number = f' value="{i}"' if tag == "ol" else ""
        items.append(f'<li{number} id="cite-{html.escape(c["id"])}">{body}</li>')
    return f'<{tag} class="anatomy-citations">' + "".join(items) + f"</{tag}>"


def short_path(path: str) -> str:
    """A path for a narrow table: 'L5 → Sciatic → Common fibular → Top of the foot'."""
    return path.replace(" nerve root", "").replace(" nerve", "").replace(" plexus", " plexus")


def citations_html(model: Model, findings) -> str:
    """Each citation: the quote and its source, or the reference; the correction if any."""
    if findings.table.empty:
        return ""
    records = cite_records(model, findings)
    return "<h4>Citations</h4>" + _citation_items(model, records)


_STYLE = """<style>
.anatomy-explorer { font-size: FONTpx; }
.anatomy-explorer .widget-html-content { line-height: 1.35; }
.anatomy-panel { max-height: 440px; overflow-y: auto; padding-right: 6px; }
.anatomy-explorer.presenter .anatomy-panel { max-height: none; }
.anatomy-explorer h4 { font-size: 1.1em; margin: 0.4em 0; }
.anatomy-explorer .widget-label, .anatomy-explorer .widget-toggle-button,
.anatomy-explorer select, .anatomy-explorer .widget-readout, .anatomy-explorer button {
  font-size: FONTpx; }
.anatomy-findings { border-collapse: collapse; width: 100%; }
.anatomy-findings th, .anatomy-findings td { border-bottom: 1px solid #ccc; padding: 2px 6px;
  text-align: left; vertical-align: top; }
.anatomy-path { font-size: 0.85em; color: #333; }
.anatomy-swatch { display: inline-block; width: 0.8em; height: 0.8em; margin-right: 0.3em;
  border: 1px solid #333; }
.anatomy-citations blockquote { margin: 0.2em 0 0.1em 0; padding-left: 0.6em;
  border-left: 3px solid #0072B2; font-style: italic; }
.anatomy-source { font-size: 0.85em; color: #333; }
.anatomy-correction { background: #FFF4D6; border-left: 3px solid #E69F00; padding: 2px 6px;
  margin: 0.2em 0 0.5em 0; }
.anatomy-error { background: #FDE2E2; border-left: 4px solid #D55E00; padding: 4px 8px; }
.anatomy-grade { font-weight: bold; margin-left: 1em; }
.anatomy-case { background: #EEF5FB; border-left: 4px solid #0072B2; padding: 2px 8px;
  margin-bottom: 0.5em; }
.anatomy-feedback { padding: 2px 8px; margin: 0.3em 0; }
.anatomy-feedback.right { background: #E3F4EC; border-left: 4px solid #009E73; }
.anatomy-feedback.not-right { background: #FBE9DD; border-left: 4px solid #D55E00; }
.anatomy-explorer .widget-radio-box label { font-size: FONTpx; }
</style>"""


# --- bending the knee: the nerve-tension widget -------------------------------------------------
#
# Self-contained on purpose (the explorer above is edited elsewhere): BendExplorer poses the leg
# with four sliders, draws it in one FigureWidget updated in place, and puts the same in words
# beside it. It can follow an Explorer's findings.

BEND_PRESETS = ("straight_leg_raise", "slump", "prone_knee_bend")
NOTHING = "(nothing irritated)"


def bend(findings_or_explorer=None, presenter: bool = False, model: Model | None = None):
    """A BendExplorer for findings, or following an Explorer's findings; None for a healthy leg."""
    explorer = findings_or_explorer if isinstance(findings_or_explorer, Explorer) else None
    findings = None if explorer is not None else findings_or_explorer
    if findings is not None and not hasattr(findings, "lesions"):
        raise ValueError(
            "pass findings (model.compress(...)), an explorer (anatomy.explore()) or None, "
            f"not {findings_or_explorer!r}"
        )
    if model is None:
        model = explorer.model if explorer is not None else load_model()
    return BendExplorer(model, findings=findings, explorer=explorer, presenter=presenter)


class BendExplorer:
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

    def __init__(
        self, model: Model, findings=None, explorer: Explorer | None = None, presenter=False
    ):
        from anatomy import tension

        self.model = model
        self.presenter = presenter
        self.explorer = explorer
        self._own = findings
        self._busy = False
        self.angles = dict.fromkeys(tension.ANGLES, 0.0)
        self.position = "supine"
        self.last_test = None
        self.figure = go.FigureWidget(
            figures.tension_figure(model, self.angles, self.findings, presenter=presenter)
        )
        _share_state(self.figure)
        self._build_controls()
        self.table = widgets.HTML(layout=widgets.Layout(width="330px"))
        self.table.add_class("anatomy-panel")
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

    def set_findings(self, findings):
        """Irritate what these findings compress (None: a healthy leg) and update the view."""
        if findings is not None and not hasattr(findings, "lesions"):
            self._error(ValueError(f"not findings: {findings!r}; use model.compress(...)"))
            return None
        self.explorer = None
        self._own = findings
        self._set(**self._lesion_choice(findings))
        self._show_lesion_controls()
        return self._update()

    def _lesion_options(self) -> list[tuple[str, str]]:
        from anatomy import tension

        t = tension.tables(self.model)
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
        options.append((f"As given: {_lesion_words(findings)}", "given"))
        return {"lesion_options": options, "lesion": "given"}

    # -- controls -----------------------------------------------------------------------------

    def _build_controls(self) -> None:
        from anatomy import tension

        t = tension.tables(self.model)
        style = {"description_width": "initial"}
        self.sliders = {}
        for angle in tension.ANGLES:
            low, high = t.ranges[angle]
            minus = t.words[angle][1]
            slider = widgets.IntSlider(
                value=0,
                min=int(low),
                max=int(high),
                step=1,
                description=f"{t.labels[angle]}:",
                style=style,
                continuous_update=True,
                readout_format="d",
                layout=widgets.Layout(width="330px"),
                tooltip=f"degrees; negative is {minus}" if low < 0 else "degrees",
            )
            slider.observe(self._on_slider, names="value")
            self.sliders[angle] = slider
        self.position_control = widgets.ToggleButtons(
            options=[(words.capitalize(), key) for key, words in tension.POSITIONS.items()],
            value="supine",
            description="Drawn:",
            style=style,
        )
        self.position_control.observe(self._on_position, names="value")
        self.preset_buttons = {}
        for name in BEND_PRESETS:
            button = widgets.Button(description=tension.TESTS[name].label, tooltip="go to onset")
            button.on_click(lambda _, name=name: self.preset(name))
            self.preset_buttons[name] = button
        self.neutral_button = widgets.Button(description="Neutral")
        self.neutral_button.on_click(lambda _: self.reset())
        self.lesion = widgets.Dropdown(
            options=self._lesion_options(),
            value="",
            description="Irritated:",
            style=style,
            layout=widgets.Layout(width="auto"),
        )
        self.severity = widgets.FloatSlider(
            value=0.7,
            min=0,
            max=1,
            step=0.05,
            description="Severity:",
            style=style,
            continuous_update=False,
            readout_format=".2f",
            layout=widgets.Layout(width="280px"),
        )
        self.lesion.observe(self._on_lesion, names="value")
        self.severity.observe(self._on_lesion, names="value")
        self.follow_button = widgets.Button(description="Follow the explorer")
        self.follow_button.on_click(lambda _: self._update())
        self.source = widgets.HTML()
        self._set(**self._lesion_choice(self._own))

    def _layout(self) -> widgets.Box:
        font = 19 if self.presenter else 14
        sliders = list(self.sliders.values())
        rows = [
            widgets.HBox(
                [*self.preset_buttons.values(), self.neutral_button],
                layout=widgets.Layout(flex_flow="row wrap"),
            ),
            widgets.HBox(sliders[:2], layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HBox(sliders[2:], layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HBox(
                [self.lesion, self.severity, self.follow_button, self.source],
                layout=widgets.Layout(flex_flow="row wrap"),
            ),
            self.position_control,
            self.message,
        ]
        self._show_lesion_controls()
        body = widgets.HBox([self.figure, self.table], layout=widgets.Layout(flex_flow="row wrap"))
        box = widgets.VBox([widgets.VBox(rows), body])
        box.add_class("anatomy-explorer")
        box.add_class("presenter" if self.presenter else "normal")
        return widgets.VBox([widgets.HTML(_STYLE.replace("FONT", str(font))), box])

    def _show_lesion_controls(self) -> None:
        following = self.explorer is not None
        for control in (self.lesion, self.severity):
            control.layout.display = "none" if following else None
        for control in (self.follow_button, self.source):
            control.layout.display = None if following else "none"

    def _set(self, **values) -> None:
        """Set controls without triggering their own updates."""
        busy, self._busy = self._busy, True
        try:
            if "lesion_options" in values:
                self.lesion.options = values.pop("lesion_options")
            for name, value in values.items():
                if name in self.sliders:
                    self.sliders[name].value = round(value)
                elif name == "position":
                    self.position_control.value = value
                else:
                    getattr(self, name).value = value
        finally:
            self._busy = busy

    # -- events -------------------------------------------------------------------------------

    def _on_slider(self, change) -> None:
        if self._busy:
            return
        for angle, slider in self.sliders.items():
            if slider is change["owner"]:
                self.angles[angle] = float(change["new"])
        self.last_test = None
        self._update()

    def _on_position(self, change) -> None:
        if self._busy:
            return
        self.position = change["new"]
        self._update()

    def _on_lesion(self, change) -> None:
        if self._busy:
            return
        spec = self.lesion.value
        if spec == "given":
            return self._update()
        if not spec:
            self._own = None
        else:
            from anatomy.lesions import compress_lesions

            self._own = compress_lesions(
                self.model, spec, side="left", severity=self.severity.value
            )
        self._update()

    # -- the one code path ----------------------------------------------------------------------

    def pose(self, position: str | None = None, **angles):
        """Set some angles (degrees) and how the body is drawn, and update the view.

        Angles not given keep their value. Returns each nerve's strain in %
        (a pandas Series, to 0.01), or None if the input was invalid (the
        message says why).
        """
        from anatomy import tension
        from anatomy.errors import choice_error

        try:
            merged = tension.check_angles(self.model, **{**self.angles, **angles})
            if position is not None and position not in tension.POSITIONS:
                raise choice_error("position", position, tension.POSITIONS)
        except ValueError as err:
            self._error(err)
            return None
        self.angles = merged
        if position is not None:
            self.position = position
        self.last_test = None
        self._set(position=self.position, **merged)
        return self._update()

    def preset(self, test: str):
        """Put the leg where a test turns positive for what is irritated (or at its end).

        ``test`` is straight_leg_raise, slump or prone_knee_bend. Returns the
        angle of the moving joint at the onset, or None if the test stays
        negative (the leg is then left at the end of the test).
        """
        from anatomy import tension
        from anatomy.errors import choice_error

        if test not in tension.TESTS:
            self._error(choice_error("test", test, tension.TESTS))
            return None
        spec = tension.TESTS[test]
        found = tension.onset(self.findings, test, model=self.model)
        angles = {
            **dict.fromkeys(tension.ANGLES, 0.0),
            **spec.angles(found[0] if found else spec.stop),
        }
        self.angles = tension.check_angles(self.model, **angles)
        self.position = spec.position
        self.last_test = (test, found)
        self._set(position=self.position, **self.angles)
        self._update()
        return found[0] if found else None

    def reset(self):
        """Neutral pose, lying on the back."""
        return self.pose(position="supine", **dict.fromkeys(self.angles, 0.0))

    def _update(self):
        from anatomy import tension

        self.message.value = ""
        findings = self.findings
        if self.explorer is not None:
            self.source.value = f"<i>From the explorer:</i> {html.escape(_lesion_words(findings))}"
        parts = figures.tension_parts(
            self.model, self.angles, findings, self.position, self.presenter
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
        self.table.value = bend_html(self.model, self.angles, findings, self.last_test)
        return tension.nerve_tension(model=self.model, **self.angles).round(2)

    def _error(self, err: Exception) -> None:
        self.message.value = (
            f'<div class="anatomy-error" role="alert">{html.escape(str(err))}</div>'
        )

    # -- display ------------------------------------------------------------------------------

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        words = figures.pose_words(self.model, self.angles, self.position)
        bundle["text/plain"] = f"Bend explorer: {words}; {_lesion_words(self.findings)}"
        bundle["text/html"] = f"<p><b>Bend explorer</b>: {html.escape(words)}</p>" + bend_html(
            self.model, self.angles, self.findings, self.last_test
        )
        return bundle


def _lesion_words_or_none(findings) -> str:
    return _lesion_words(findings) if findings is not None else "nothing irritated"


def bend_html(model: Model, angles: dict, findings=None, last_test=None) -> str:
    """The tension view in words: each nerve's strain, each irritated root's pull against its
    tolerance, and where each test turns positive."""
    from anatomy import tension

    strains = tension.nerve_tension(model=model, **angles)
    rows = "".join(
        f"<tr><td>{html.escape(model.label(n))}</td><td>{html.escape(tension.strain_words(v))}"
        f"</td></tr>"
        for n, v in strains.items()
    )
    parts = [
        f"<h4>Strain of each nerve</h4><table class='anatomy-findings'><thead><tr><th>Nerve</th>"
        f"<th>Strain</th></tr></thead><tbody>{rows}</tbody></table>"
    ]
    if findings is None or not findings.lesions:
        irritated = []
    else:
        irritated = figures.threshold_lines(
            model, tension.symptoms(findings, model=model, **angles)
        )
    parts.append(f"<h4>Irritated: {html.escape(_lesion_words_or_none(findings))}</h4>")
    if irritated:
        parts.append("<ul>" + "".join(f"<li>{html.escape(x)}</li>" for x in irritated) + "</ul>")
    skipped = tension.sensitisation(findings, model=model).not_modelled
    if skipped:
        names = ", ".join(model.label(n) for n in skipped)
        parts.append(
            f"<p>Not in the tension model (no test here loads it): {html.escape(names)}.</p>"
        )
    if last_test is not None:
        test, found = last_test
        spec = tension.TESTS[test]
        if found is None:
            shown = f"{spec.label}: negative to the end of the test."
        else:
            shown = f"{spec.label}: shown where it turns positive, {found[0]:.0f}°."
        parts.append(f"<p><b>{html.escape(shown)}</b></p>")
    lines = tension.tests_in_words(findings, model=model)
    parts.append(
        "<h4>The tests</h4><ul>" + "".join(f"<li>{html.escape(x)}</li>" for x in lines) + "</ul>"
    )
    parts.append(
        f"<p class='anatomy-source'>A teaching model: a healthy nerve takes "
        f"{tension.HEALTHY_TOLERANCE:g}% strain; an irritated one less (see notebook 05).</p>"
    )
    return "".join(parts)


# --- the self-check ------------------------------------------------------------------------


def self_check(
    model: Model | None = None, n: int = 6, seed: int = 0, presenter: bool = False
) -> SelfCheck:
    """A self-check of ``n`` cases drawn with ``seed`` (see :mod:`anatomy.selfcheck`)."""
    return SelfCheck(model if model is not None else load_model(), n, seed, presenter)


class SelfCheck:
    """Practice cases on the body map: find the lesion, check it, read why; a score at the end.

    The map shows each case's findings as an examiner finds them (no lesion
    marker, no path); after an answer it shows the whole lesion. Every step
    goes through :meth:`show`, :meth:`answer` and :meth:`next`, which the
    buttons call too, so a lecturer can drive it from code.

    Attributes
    ----------
    cases : list of anatomy.selfcheck.PracticeCase
    results : dict
        Case number -> the Feedback on its first answer (what the score counts).
    """

    def __init__(self, model: Model, n: int = 6, seed: int = 0, presenter: bool = False):
        self.model = model
        self.presenter = presenter
        self.seed = seed
        self.cases = practice_cases(model, n=n, seed=seed)
        self.results: dict[int, object] = {}
        self.current = 0
        self._map = Explorer(model, presenter=presenter)  # its figure and painter
        self.figure = self._map.figure
        font = 19 if presenter else 14
        self.header = widgets.HTML()
        self.findings = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.findings.add_class("anatomy-panel")
        self.choices = widgets.RadioButtons(options=[], value=None, description="")
        self.choices.layout.width = "auto"
        self.check_button = widgets.Button(description="Check", button_style="primary")
        self.next_button = widgets.Button(description="Next case")
        self.feedback = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.feedback.add_class("anatomy-panel")
        self.check_button.on_click(lambda _: self.answer(self.choices.value))
        self.next_button.on_click(lambda _: self.next())
        question = widgets.VBox(
            [
                self.findings,
                widgets.HTML("<b>Which lesion gives these findings?</b>"),
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
        box = widgets.VBox([self.header, body])
        box.add_class("anatomy-explorer")
        box.add_class("presenter" if presenter else "normal")
        style = widgets.HTML(_STYLE.replace("FONT", str(font)))
        self.widget = widgets.VBox([style, box])
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
        if not 1 <= int(number) <= len(self.cases):
            raise ValueError(f"case number must be from 1 to {len(self.cases)}, not {number!r}")
        self.current = int(number)
        case = self.case
        self._map.paint(case.shown)
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
            self.feedback.value = (
                '<div class="anatomy-error" role="alert">Choose a lesion first.</div>'
            )
            return None
        try:
            feedback = check(self.model, self.case, choice)
        except ValueError as err:
            self.feedback.value = (
                f'<div class="anatomy-error" role="alert">{html.escape(str(err))}</div>'
            )
            return None
        self.results.setdefault(self.case.number, feedback)
        if feedback.choice in self.case.choices:
            self.choices.value = feedback.choice
        self._map.paint(self.case.findings)  # now the lesion, its path and its citations
        cites = cite_records(self.model, list(feedback.citations))
        self.feedback.value = feedback._repr_html_() + _citation_items(self.model, cites)
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
            f'style="background:{figures.EFFECT_COLOURS[e.replace(" ", "_")]}"></span>'
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
        """The answers, for the lecturer (see :func:`anatomy.selfcheck.answer_sheet`)."""
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
