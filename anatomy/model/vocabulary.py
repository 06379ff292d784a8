"""The model's vocabulary: kinds, relations, effects, sides, angles, and the table schemas.

Only names and fixed sets live here (as BrainGlobe's ``descriptors.py`` holds only
vocabulary and file names): every other module takes its words from this one, so
a word is defined once. The anatomy itself is in the tables under ``anatomy/data``.
"""

from __future__ import annotations

KINDS = (
    "vertebra",
    "disc",
    "cord",
    "root",
    "plexus",
    "nerve",
    "muscle",
    "region",
    "reflex",
    "organ",
    "joint",
    "test",
)
SOURCE_KINDS = ("text", "reference")
VERDICTS = ("accurate", "imprecise", "incorrect")
# Verdicts that mean the source is wrong or loose: its note is a correction.
CORRECTED_VERDICTS = ("imprecise", "incorrect")
WEIGHTS = {"main": 1.0, "minor": 0.5}
SIDES = ("left", "right", "both")
LEG_SIDES = ("left", "right")
# The joint angles the nerve-tension model takes, and the two sides of a joint's axis a
# nerve can pass.
ANGLES = ("hip_flexion", "knee_flexion", "ankle_dorsiflexion", "neck_flexion")
AXIS_SIDES = ("behind", "in front")

# The effects a lesion produces, from the skin down to the sphincters: the order of tables.
EFFECTS = ("pain", "tingling", "numbness", "weakness", "reduced_reflex", "sphincter_dysfunction")
# One word for each effect, capitalised as a heading; ``effect_word`` gives it in a sentence.
EFFECT_LABELS = {
    "pain": "Pain",
    "tingling": "Tingling",
    "numbness": "Numbness",
    "weakness": "Weakness",
    "reduced_reflex": "Reduced reflex",
    "sphincter_dysfunction": "Bladder or bowel dysfunction",
}
# What an examiner can find that is not an effect of a compression in the findings table:
# a neurodynamic test that reproduces the pain.
POSITIVE = "positive"
# The kinds of structure that appear in a findings table (the cord, roots and nerves are the path).
FINDING_KINDS = ("cord", "root", "nerve", "muscle", "region", "reflex", "organ")
PATH_KINDS = ("cord", "root", "nerve")
# What an examiner observes: skin regions, muscles, reflexes, the bladder and bowel, and the
# neurodynamic tests (positive or negative).
OBSERVED_KINDS = ("region", "muscle", "reflex", "organ", "test")
# Which kind of structure can show which effect.
EFFECT_KINDS = {
    "pain": ("region",),
    "tingling": ("region",),
    "numbness": ("region",),
    "weakness": ("muscle",),
    "reduced_reflex": ("reflex",),
    "sphincter_dysfunction": ("organ",),
    POSITIVE: ("test",),
}
# The kinds of lesion the engine makes: a compressed root, disc or nerve, an irritated joint.
LESION_KINDS = ("root", "disc", "nerve", "joint")
# How common a lesion is, as base_rates.csv says: a small prior for localize's score.
RATES = ("common", "rare")
# Kinds whose structures are ranked in anatomical order by the ``order`` column (the
# roots below a central disc are found by it): each needs a unique whole number.
ORDERED_KINDS = ("vertebra", "disc", "root")
# Columns of free prose, where a cell may hold a line break; no other control
# character is allowed in any cell (see anatomy.model.tables.control_character).
PROSE_COLUMNS = ("description", "note", "teaching", "statement", "quote", "course")
# A quote long enough to say something and to be found only where it belongs.
MIN_QUOTE_WORDS = 4
MIN_QUOTE_CHARS = 20


def effect_word(effect: str) -> str:
    """An effect in a sentence: 'pain', 'numbness', 'weakness', 'reduced reflex'."""
    return EFFECT_LABELS[effect].lower()


def side_words(side: str) -> str:
    """'left side', 'right side' or 'both sides'."""
    return "both sides" if side == "both" else f"{side} side"


# relation: (kinds allowed as source, kinds allowed as target, weight rule)
# weight rule: "required" (main|minor), "empty", or "optional" (required from a root).
RELATIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...], str]] = {
    "exits_at": (("root",), ("disc", "vertebra"), "empty"),
    "traverses": (("root",), ("disc",), "empty"),
    "contributes_to": (("root",), ("plexus", "nerve"), "required"),
    "branches_to": (("plexus", "nerve"), ("nerve",), "empty"),
    "innervates": (("root", "plexus", "nerve"), ("muscle",), "optional"),
    "supplies_skin": (("root", "nerve"), ("region",), "required"),
    "refers_pain_to": (("root", "joint"), ("region",), "required"),
    "courses_through": (("nerve",), ("region",), "empty"),
    "tested_by": (("root", "nerve"), ("reflex",), "optional"),
    "supplies_joint": (("nerve",), ("joint",), "empty"),
    "controls": (("root",), ("organ",), "required"),
    "lies_at": (("cord",), ("disc",), "empty"),
    "contains": (("cord",), ("root",), "required"),
    "covers": (("region",), ("joint",), "empty"),
}

# Each table: its file (inside ``anatomy/data``) and its columns, (name, required).
SCHEMAS: dict[str, tuple[str, list[tuple[str, bool]]]] = {
    "structures": (
        "structures.csv",
        [
            ("id", True),
            ("kind", True),
            ("label", True),
            ("aliases", False),
            ("order", False),
            ("description", False),
        ],
    ),
    "links": (
        "links.csv",
        [
            ("source", True),
            ("relation", True),
            ("target", True),
            ("weight", False),
            ("position", False),
            ("citations", True),
            ("note", False),
        ],
    ),
    "citations": (
        "citations.csv",
        [
            ("id", True),
            ("source", True),
            ("quote", False),
            ("statement", False),
            ("locator", False),
            ("verdict", False),
            ("note", False),
            ("note_sources", False),
        ],
    ),
    "sites": (
        "sites.csv",
        [
            ("nerve", True),
            ("site", True),
            ("label", True),
            ("position", True),
            ("painful", True),
            ("aliases", False),
            ("also", False),
            ("partial", False),
            ("citations", True),
            ("note", False),
        ],
    ),
    "cases": (
        "cases.csv",
        [
            ("id", True),
            ("title", True),
            ("lesions", True),
            ("side", True),
            ("severity", True),
            ("citations", True),
            ("teaching", True),
        ],
    ),
    "zones": (
        "zones.csv",
        [
            ("zone", True),
            ("aliases", False),
            ("meets", True),
            ("lower_roots", True),
            ("default_side", True),
            ("citations", True),
            ("note", False),
        ],
    ),
    "joint_ranges": (
        "joint_ranges.csv",
        [
            ("angle", True),
            ("joint", True),
            ("label", True),
            ("minimum", True),
            ("maximum", True),
            ("positive", True),
            ("negative", True),
            ("lengthened_side", True),
            ("citations", True),
            ("note", False),
        ],
    ),
    "nerve_beds": (
        "nerve_beds.csv",
        [
            ("nerve", True),
            ("bed_mm", True),
            ("course", True),
            ("citations", True),
            ("note", False),
        ],
    ),
    "nerve_crossings": (
        "nerve_crossings.csv",
        [
            ("nerve", True),
            ("joint", True),
            ("passes", True),
            ("moment_arm_mm", True),
            ("glide", True),
            ("citations", True),
            ("note", False),
        ],
    ),
    "root_pull": (
        "root_pull.csv",
        [
            ("root", True),
            ("nerve", True),
            ("share", True),
            ("citations", True),
            ("note", False),
        ],
    ),
    "look_alikes": (
        "look_alikes.csv",
        [
            ("a", True),
            ("b", True),
            ("distinguished_by", True),
            ("citations", True),
            ("note", True),
        ],
    ),
    "base_rates": (
        "base_rates.csv",
        [
            ("lesion", True),
            ("rate", True),
            ("citations", True),
            ("note", False),
        ],
    ),
    "red_flags": (
        "red_flags.csv",
        [
            ("id", True),
            ("text", True),
            ("any_of", True),
            ("both_sides", True),
            ("citations", True),
            ("unless", False),
            ("note", False),
        ],
    ),
    "sources": (
        "sources.csv",
        [
            ("id", True),
            ("kind", True),
            ("title", True),
            ("publisher", False),
            ("year", False),
            ("doi", False),  # bare, as 10.1002/jor.20210, where the reference has one
            ("url", False),  # https address of a reference with no DOI, where one is known
            ("file", False),
            ("sha256", False),
            ("note", False),
        ],
    ),
}
# Where the tables live inside the package: the sources table and texts sit apart.
SOURCES_FOLDER = "sources"
GEOMETRY_FILE = ("geometry", "body_map.csv")
# The structures the body map does not draw, each with the reason.
NOT_DRAWN_FILE = ("geometry", "not_drawn.csv")
