"""Every colour and size of the figures and widgets, in one place.

Effects use the Okabe–Ito palette, which stays distinguishable with every
common colour-vision deficiency; the tension figure uses a sequential blue scale
(light to dark), also safe. The widgets' CSS (:mod:`anatomy.widgets.base`) takes
its colours and font sizes from here too.
"""

from __future__ import annotations

from dataclasses import dataclass

# --- effects -------------------------------------------------------------------------------

EFFECT_COLOURS = {
    "pain": "#D55E00",  # vermillion
    "tingling": "#56B4E9",  # sky blue
    "numbness": "#0072B2",  # blue
    "weakness": "#CC79A7",  # reddish purple
    "reduced_reflex": "#009E73",  # bluish green
    "sphincter_dysfunction": "#E69F00",  # orange (panels only: the organs are not drawn)
}
LESION_COLOUR = "#F0E442"  # Okabe-Ito yellow, with a black outline
MIN_ALPHA = 0.35  # the weakest lit effect is still clearly visible
LEVELS = 4  # a lit colour comes in this many strengths: intensity (0, 1] in quarters

# --- the neutral body map --------------------------------------------------------------------

SILHOUETTE = "#F3F1EE"
OUTLINE = "#8A8A8A"
NEUTRAL_FILL = {"region": "#E4E4E4", "muscle": "#D6D2CF", "disc": "#EFE6C8", "plexus": "#ECECEC"}
NEUTRAL_LINE = {"region": "#B8B8B8", "muscle": "#8F8A86", "line": "#A8A8A8"}  # line: nerves, roots
VERTEBRA_FILL, VERTEBRA_LINE = "#D3D3D3", "#6E6E6E"
CANAL_FILL = "rgba(120, 120, 120, 0.12)"
REFLEX_FILL, REFLEX_LINE = "#FFFFFF", "#333333"
STAR_LINE = "#000000"
TEXT = "#111111"
LABEL_TEXT = "#222222"
PAPER = "#FFFFFF"
FONT_FAMILY = "Arial, Helvetica, sans-serif"
SANKEY_PATH_COLOUR = "rgba(160,160,160,0.4)"
SANKEY_NODE = {"root": "#555555", "plexus": "#555555", "other": "#8A8A8A"}
SANKEY_ALPHA = 0.55


@dataclass(frozen=True)
class View:
    """Sizes of the body map for normal and presenter (projector) use."""

    font: int
    title_font: int
    line: float
    lit_line: float
    region_line: float
    height: int
    width: int
    marker: int
    star: float  # compression star radius, figure units
    reflex: float  # reflex diamond half-height, figure units


NORMAL = View(
    font=13,
    title_font=15,
    line=1.8,
    lit_line=3.6,
    region_line=0.6,
    height=520,
    width=900,
    marker=13,
    star=7.0,
    reflex=5.5,
)
PRESENTER = View(
    font=18,
    title_font=17,
    line=2.6,
    lit_line=5.5,
    region_line=1.0,
    height=470,
    width=740,
    marker=18,
    star=9.0,
    reflex=7.0,
)


def view(presenter: bool) -> View:
    """The body map's sizes for a mode."""
    return PRESENTER if presenter else NORMAL


# --- the tension figure ------------------------------------------------------------------------

TENSION_SCALE = [  # light to dark blue: sequential in lightness, safe with colour-vision deficiency
    [0.0, "rgb(198,219,239)"],
    [0.25, "rgb(107,174,214)"],
    [0.5, "rgb(33,113,181)"],
    [0.75, "rgb(8,81,156)"],
    [1.0, "rgb(8,48,107)"],
]
SLACK_COLOUR = "#8C8C8C"
SYMPTOM_COLOUR = EFFECT_COLOURS["pain"]  # vermillion: where it hurts, as on the body map
QUIET_STAR = "#FFFFFF"
BODY_FILL, BODY_LINE = "#E6E1DC", "#A39C95"
SUPPORT_FILL, SUPPORT_LINE = "#F1EFEC", "#B5B0AB"
CORD_COLOUR = "#6E6E6E"
LEADER_COLOUR = "#555555"
MARKER_LINE = "#333333"
CALLOUT_GROUND = "rgba(255,255,255,0.85)"


@dataclass(frozen=True)
class TensionView:
    """Sizes of the tension figure, normal and presenter."""

    font: int
    nerve: float
    height: int
    width: int
    star: float
    label: float  # px from the nerve to its label


TENSION_NORMAL = TensionView(font=13, nerve=5, height=450, width=620, star=40, label=58)
TENSION_PRESENTER = TensionView(font=18, nerve=7, height=500, width=780, star=50, label=72)


def tension_view(presenter: bool) -> TensionView:
    """The tension figure's sizes for a mode."""
    return TENSION_PRESENTER if presenter else TENSION_NORMAL


# --- widgets (HTML panels and controls) -----------------------------------------------------------

WIDGET_FONT = {False: 14, True: 19}  # px: normal, presenter
PANEL_MAX_HEIGHT = 440  # px: a findings or citation panel scrolls beyond this
CSS_COLOURS = {
    "quote_rule": EFFECT_COLOURS["numbness"],
    "muted_text": "#333333",
    "table_rule": "#cccccc",
    "correction_ground": "#FFF4D6",
    "correction_rule": "#E69F00",  # Okabe-Ito orange
    "error_ground": "#FDE2E2",
    "error_rule": EFFECT_COLOURS["pain"],
    "case_ground": "#EEF5FB",
    "case_rule": EFFECT_COLOURS["numbness"],
    "right_ground": "#E3F4EC",
    "right_rule": EFFECT_COLOURS["reduced_reflex"],
    "wrong_ground": "#FBE9DD",
    "wrong_rule": EFFECT_COLOURS["pain"],
    "swatch_line": "#333333",
}


def rgba(hex_colour: str, alpha: float) -> str:
    """'#RRGGBB' and an opacity as a plotly rgba() string."""
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r}, {g}, {b}, {alpha:.2f})"


def lit_colour(effect: str, strength: int) -> str:
    """The fill (or line) colour of an effect at a colour strength 1..LEVELS."""
    return rgba(EFFECT_COLOURS[effect], MIN_ALPHA + (1 - MIN_ALPHA) * strength / LEVELS)


def drawing_layout(font: int, x_range, y_range, x_domain=None) -> dict:
    """The layout every drawing shares: one font, white ground, hidden fixed axes at equal
    scale (a drawing, not a chart), no dragging, the closest point's hover."""
    xaxis = {"range": list(x_range), "visible": False, "fixedrange": True}
    if x_domain is not None:
        xaxis["domain"] = list(x_domain)
    return {
        "font": {"size": font, "family": FONT_FAMILY, "color": TEXT},
        "paper_bgcolor": PAPER,
        "plot_bgcolor": PAPER,
        "xaxis": xaxis,
        "yaxis": {
            "range": list(y_range),
            "visible": False,
            "fixedrange": True,
            "scaleanchor": "x",
            "scaleratio": 1,
        },
        "dragmode": False,
        "hovermode": "closest",
    }
