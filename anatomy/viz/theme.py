"""Every colour and size of the figures and widgets, in one place.

The effects' colours were chosen so that every pair a reader must tell apart
stays at least 20 apart (CIE76 Delta E) under simulated deuteranopia and
protanopia (Machado, Oliveira and Fernandes 2009, severity 1), as painted over
their ground at every strength; ``tests/test_colour_vision.py`` computes it from
the values below. Colour is never the only cue: numbness is a hatch, weakness a
cross-hatch with a black outline, tingling a dotted pattern, a reduced reflex a
diamond, and each effect has a dash style on nerve lines. The tension figure uses a sequential blue
scale (light to dark), also safe. The widgets' CSS (:mod:`anatomy.widgets.base`)
takes its colours and font sizes from here too.
"""

from __future__ import annotations

from dataclasses import dataclass

# --- effects -------------------------------------------------------------------------------

EFFECT_COLOURS = {
    "pain": "#CC3311",  # red (Paul Tol's vibrant scheme)
    "tingling": "#33BBEE",  # cyan (Tol vibrant)
    "numbness": "#332288",  # indigo (Tol muted)
    "weakness": "#882255",  # wine (Tol muted)
    "reduced_reflex": "#E69F00",  # orange (Okabe-Ito)
    "sphincter_dysfunction": "#555555",  # dark grey (panels only: the organs are not drawn)
}
LESION_COLOUR = "#F0E442"  # Okabe-Ito yellow, with a black outline
MIN_ALPHA = 0.5  # the weakest lit effect is still clearly visible (and 20 Delta E off its ground)
LEVELS = 4  # a lit area comes in this many strengths: intensity (0, 1] in quarters
# The second cue of each effect. Tingling is a pattern of dots and numbness a hatch, both
# drawn over the skin (so pain's fill stays visible under them where they are found
# together); weakness a white cross-hatch on the muscle's fill, with a black outline; on
# nerve lines each effect has its own dash, drawn in full colour (the strength is in the
# skin and muscles the nerve reaches, and in the table).
TINGLING_DOTS = {"shape": ".", "size": 7, "solidity": 0.4}
NUMBNESS_HATCH = {"shape": "/", "size": 8, "solidity": 0.5}
WEAKNESS_HATCH = {"shape": "x", "size": 7, "solidity": 0.25, "fgcolor": "#FFFFFF"}
WEAKNESS_OUTLINE = "#000000"
LINE_DASH = {
    "weakness": "solid",
    "numbness": "dash",
    "tingling": "longdash",
    "pain": "dot",
    "reduced_reflex": "dashdot",
}
# What a reader must tell apart by colour alone (the test's pairs): each lit colour from the
# ground it is painted on, the skin's three effects from one another (and tingling's dots
# and numbness's hatch from the pain under them), weakness from a reduced reflex (side by
# side on the muscle panels), and every effect from every other on a line.

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
SANKEY_SPARED = "#A0A0A0"  # the legend's square for a pathway the findings do not use
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
    toolbar: int  # px above the panels for plotly's toolbar
    legend: int  # px to the right of the drawing for the legend (static figures)


NORMAL = View(
    font=13,
    title_font=15,
    line=1.8,
    lit_line=3.6,
    region_line=0.6,
    height=506,
    width=826,
    marker=13,
    star=7.0,
    reflex=5.5,
    toolbar=28,
    legend=200,
)
PRESENTER = View(
    font=20,
    title_font=20,
    line=2.6,
    lit_line=5.5,
    region_line=1.0,
    height=490,
    width=790,
    marker=18,
    star=9.0,
    reflex=7.0,
    toolbar=34,
    legend=250,
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

WIDGET_FONT = {False: 14, True: 20}  # px: normal, presenter (read from the back of a room)
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


def lit_alpha(strength: int) -> float:
    """The opacity of a lit area at a colour strength 1..LEVELS."""
    return MIN_ALPHA + (1 - MIN_ALPHA) * strength / LEVELS


def lit_colour(effect: str, strength: int) -> str:
    """The fill colour of an effect at a colour strength 1..LEVELS."""
    return rgba(EFFECT_COLOURS[effect], lit_alpha(strength))


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
