"""Fault injection: each named fault in the tables is refused with its file, line and column;
each harmless variant of a table loads, and to the same model.

The faults start from ``tests/conftest.py``'s tiny data set (and, for the drawing, from
the shipped ``body_map.csv``); each is one small edit, named by what it breaks.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import anatomy
from anatomy import DataError
from anatomy.model.tables import geometry_file, line_of, not_drawn_file, read_table
from anatomy.model.vocabulary import SCHEMAS
from anatomy.viz.geometry import read_geometry
from anatomy.viz.side_view import SIDE_VIEW_COLUMNS, read_site_anchors

DIGEST = "<sha256 of tiny.txt>"  # filled in by the test from the file the fixture wrote


def load_error(tiny) -> DataError:
    data, sources, _ = tiny
    with pytest.raises(DataError) as info:
        anatomy.load_model(data, sources)
    return info.value


def where(err: DataError) -> tuple:
    return (err.file, err.line, err.column)


# (name, file, old text, new text, expected (file, line, column), words in the message)
FAULTS = [
    # -- reading -------------------------------------------------------------------------
    (
        "duplicate-column",
        "sites.csv",
        "painful,aliases",
        "aliases,aliases",
        ("sites.csv", 1, "aliases"),
        "column given twice",
    ),
    (
        "too-few-fields",
        "sites.csv",
        ",10,yes,buttock,,,c_ref,",
        ",10,yes,buttock",
        ("sites.csv", 2, "also"),
        "has 6 fields",
    ),
    (
        "unclosed-quote",
        "links.csv",
        "L5,traverses,L4-L5,,,c_ref,",
        'L5,traverses,L4-L5,,,c_ref,"oops',
        ("links.csv", 3, None),
        "never closed",
    ),
    (
        "stray-quote",
        "links.csv",
        "L5,traverses,L4-L5,,,c_ref,",
        'L5,traverses,L4-L5,,,"c"_ref,',
        ("links.csv", 3, None),
        "not a readable CSV row",
    ),
    (
        "escape-in-label",
        "structures.csv",
        "Big toe",
        "Big \x1b[31mtoe",
        ("structures.csv", 9, "label"),
        "'\\x1b'",
    ),
    (
        "bell-in-quote",
        "citations.csv",
        "goes down the leg,",
        "goes down the leg\x07,",
        ("citations.csv", 2, "quote"),
        "U+0007",
    ),
    (
        "nul-in-id",
        "cases.csv",
        "toe,A big",
        "to\x00e,A big",
        ("cases.csv", 2, "id"),
        "U+0000",
    ),
    (
        "bidi-override-in-alias",
        "structures.csv",
        ",EHL,",
        ",EHL\u202e,",
        ("structures.csv", 8, "aliases"),
        "U+202E",
    ),
    (
        "line-break-in-label",
        "structures.csv",
        "Big toe,",
        '"Big\ntoe",',
        ("structures.csv", 9, "label"),
        "a line break",
    ),
    (
        "escape-after-multi-line-note",
        "links.csv",
        "L5,exits_at,L5-S1,,,c_ref,",
        'L5,exits_at,L5-S1,,,c_ref,"one\ntwo\x1b"',
        ("links.csv", 3, "note"),
        "U+001B",
    ),
    (
        "error-after-multi-line-note",
        "links.csv",
        "L5,exits_at,L5-S1,,,c_ref,\nL5,traverses,L4-L5",
        'L5,exits_at,L5-S1,,,c_ref,"one\ntwo"\nL5,traverses,L9',
        ("links.csv", 4, "target"),
        "L9",
    ),
    # -- sources and quotes -----------------------------------------------------------------
    (
        "empty-sha256",
        "sources.csv",
        f"tiny.txt,{DIGEST}",
        "tiny.txt,",
        ("sources.csv", 2, "sha256"),
        "needs its sha256",
    ),
    (
        "sha256-not-hex",
        "sources.csv",
        f"tiny.txt,{DIGEST}",
        "tiny.txt,<sha256 of tiny.txt>g",
        ("sources.csv", 2, "sha256"),
        "64 hex digits",
    ),
    (
        "text-file-outside-sources",
        "sources.csv",
        "tiny.txt,",
        "../tiny.txt,",
        ("sources.csv", 2, "file"),
        "sources folder",
    ),
    (
        "text-file-missing",
        "sources.csv",
        "tiny.txt,",
        "gone.txt,",
        ("sources.csv", 2, "file"),
        "not found",
    ),
    (
        "one-letter-quote",
        "citations.csv",
        "The L5 root goes down the leg",
        "T",
        ("citations.csv", 2, "quote"),
        "too short",
    ),
    (
        "three-word-quote",
        "citations.csv",
        "The L5 root goes down the leg",
        "goes down the",
        ("citations.csv", 2, "quote"),
        "at least 4 words",
    ),
    # -- names, aliases and order ---------------------------------------------------------------
    (
        "alias-is-another-label",
        "structures.csv",
        "Big toe,,",
        "Big toe,Sciatic Nerve,",
        ("structures.csv", 9, "aliases"),
        "already names 'sciatic' (line 6)",
    ),
    (
        "id-is-an-earlier-alias",
        "structures.csv",
        "sciatic,nerve,Sciatic nerve,,",
        "sciatic,nerve,Sciatic nerve,big toe,",
        ("structures.csv", 9, "id"),
        "'big_toe' already names 'sciatic'",
    ),
    (
        "alias-is-another-id",
        "structures.csv",
        "sciatic,nerve,Sciatic nerve,,",
        "sciatic,nerve,Sciatic nerve,L5_S1,",
        ("structures.csv", 6, "aliases"),
        "already names 'L5-S1'",
    ),
    (
        "label-is-another-alias",
        "structures.csv",
        "Big toe,,",
        "ehl,,",
        ("structures.csv", 9, "label"),
        "'extensor_hallucis_longus' (line 8)",
    ),
    (
        "label-with-no-name",
        "structures.csv",
        "Big toe,,",
        "_,,",
        ("structures.csv", 9, "label"),
        "not a name",
    ),
    (
        "duplicate-disc-order",
        "structures.csv",
        "L5-S1 disc,,5,",
        "L5-S1 disc,,4,",
        ("structures.csv", 3, "order"),
        "already on line 2",
    ),
    (
        "root-without-order",
        "structures.csv",
        "L5 nerve root,,5,",
        "L5 nerve root,,,",
        ("structures.csv", 4, "order"),
        "needs its order",
    ),
    (
        "order-not-a-number",
        "structures.csv",
        "L5 nerve root,,5,",
        "L5 nerve root,,five,",
        ("structures.csv", 4, "order"),
        "'five' is not a whole number",
    ),
    (
        "order-for-some-nerves",
        "structures.csv",
        "sciatic,nerve,Sciatic nerve,,,",
        "sciatic,nerve,Sciatic nerve,,1,",
        ("structures.csv", 7, "order"),
        "every nerve or to none",
    ),
    (
        "zone-alias-of-another-zone",
        "zones.csv",
        "paracentral,subarticular",
        "paracentral,subarticular; MIDLINE",
        ("zones.csv", 3, "aliases"),
        "already names line 2",
    ),
    (
        "site-alias-of-another-site",
        "sites.csv",
        "buttock,,,c_ref,\n",
        "buttock,,,c_ref,\nsciatic,notch,At the notch,20,yes,Buttock,,,c_ref,\n",
        ("sites.csv", 3, "aliases"),
        "'piriformis' (line 2)",
    ),
    (
        "look-alike-pair-reversed",
        "look_alikes.csv",
        "Only in name here.\n",
        "Only in name here.\nsciatic @ piriformis,L5,numbness:big_toe,c_ref,Twice.\n",
        ("look_alikes.csv", 3, "b"),
        "already on line 2",
    ),
]


@pytest.mark.parametrize(
    ("file", "old", "new", "expected", "words"),
    [pytest.param(*fault[1:], id=fault[0]) for fault in FAULTS],
)
def test_fault_is_named(tiny, file, old, new, expected, words):
    digest = hashlib.sha256((tiny[1] / "tiny.txt").read_bytes()).hexdigest()
    tiny[2](file, old.replace(DIGEST, digest), new.replace(DIGEST, digest[:-1]))
    err = load_error(tiny)
    assert where(err) == expected, str(err)
    assert words in str(err), str(err)
    assert str(err).startswith(expected[0])


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_a_table_with_only_its_header_is_refused(tiny, name):
    data, sources, _ = tiny
    file = SCHEMAS[name][0]
    path = (sources if name == "sources" else data) / file
    path.write_text(path.read_text().splitlines()[0] + "\n")
    err = load_error(tiny)
    assert where(err) == (file, None, None), str(err)
    assert "no data row" in str(err)


def test_an_empty_file_is_refused(tiny):
    data, _, _ = tiny
    (data / "zones.csv").write_text("")
    assert where(load_error(tiny)) == ("zones.csv", 1, None)


def test_a_table_not_utf8_is_named_with_its_line(tiny):
    data, _, _ = tiny
    path = data / "structures.csv"
    path.write_bytes(path.read_bytes().replace(b"Big toe", b"Big t\xf6e"))
    err = load_error(tiny)
    assert where(err) == ("structures.csv", 9, None) and "not UTF-8" in str(err)


def test_a_source_text_not_utf8_is_named(tiny):
    """Its sha256 matches (it is the shipped file), but it is not UTF-8."""
    _, sources, edit = tiny
    text = (sources / "tiny.txt").read_bytes()
    raw = text.replace(b"big", b"b\xefg")
    (sources / "tiny.txt").write_bytes(raw)
    edit("sources.csv", hashlib.sha256(text).hexdigest(), hashlib.sha256(raw).hexdigest())
    err = load_error(tiny)
    assert (err.file, err.column) == ("tiny.txt", None) and "not UTF-8" in str(err)


# -- harmless variants: they load, to the same model ------------------------------------------


def _same_model(tiny):
    data, sources, _ = tiny
    model = anatomy.load_model(data, sources)
    assert model.roots == ["L5"] and model.disc_levels == ["L4-L5"]
    assert model.label("big_toe") == "Big toe"
    assert model.compress("L5").affected("numbness", "region") == {"big_toe"}
    return model


def _rewrite(tiny, change) -> None:
    data, sources, _ = tiny
    for path in [*data.glob("*.csv"), sources / "sources.csv"]:
        path.write_bytes(change(path.read_bytes()))


HARMLESS = {
    "utf8-bom": lambda b: b"\xef\xbb\xbf" + b,
    "crlf": lambda b: b.replace(b"\n", b"\r\n"),
    "bom-and-crlf": lambda b: b"\xef\xbb\xbf" + b.replace(b"\n", b"\r\n"),
    "no-final-newline": lambda b: b.rstrip(b"\n"),
    "blank-lines-at-the-end": lambda b: b + b"\n\n",
    "spaces-after-commas": lambda b: b.replace(b",", b", "),
}


@pytest.mark.parametrize("change", list(HARMLESS.values()), ids=list(HARMLESS))
def test_harmless_variant_of_every_table_loads(tiny, change):
    _rewrite(tiny, change)
    _same_model(tiny)


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        pytest.param(
            "links.csv", "c_ref,\n", 'c_ref,"a note\nover two lines"\n', id="multi-line-note"
        ),
        pytest.param("structures.csv", "L5,root", '"L5","root"', id="quoted-cells"),
        pytest.param(
            "structures.csv", ",EHL,", ",EHL ; ext. hallucis ;  ,", id="aliases-with-spaces"
        ),
        pytest.param(
            "structures.csv", "Big toe,,", "Big toe,big toe;BIG TOE,", id="aliases-of-its-own-label"
        ),
        pytest.param("links.csv", "c_ref,\n", "c_ref,\t tabbed \t\n", id="tabs-around-a-cell"),
    ],
)
def test_harmless_edit_loads(tiny, file, old, new):
    tiny[2](file, old, new)
    _same_model(tiny)


def test_columns_in_another_order_load(tiny):
    tiny[2]("sites.csv", "nerve,site,label", "site,nerve,label")
    tiny[2]("sites.csv", "sciatic,piriformis", "piriformis,sciatic")
    model = _same_model(tiny)
    assert model.compress_nerve("sciatic", "buttock").lesions[0].site == "piriformis"


def test_multi_line_cell_keeps_later_line_numbers(tiny):
    tiny[2]("links.csv", "L5,exits_at,L5-S1,,,c_ref,", 'L5,exits_at,L5-S1,,,c_ref,"a\nb\nc"')
    data, _, _ = tiny
    table = read_table(data / "links.csv", SCHEMAS["links"][1])
    assert [line_of(table, i) for i in range(3)] == [2, 5, 6]


# -- the drawing ------------------------------------------------------------------------------

SHIPPED = geometry_file().read_text().splitlines()


def _shape_of(structure: str, layer: str, side: str = "left", site: str = "") -> str:
    """The shape id (``s117,``) of a shipped row, so the faults follow a regenerated map."""
    for text in SHIPPED[1:]:
        cells = text.split(",")
        if cells[1] == structure and cells[4] == layer and cells[3] == side and cells[6] == site:
            return cells[0] + ","
    raise AssertionError(f"no {layer} row for {structure} on the {side}")


BIG_TOE = _shape_of("big_toe", "region")  # the left big toe's skin
MARKER = _shape_of("sciatic", "site", site="piriformis")  # where the sciatic nerve is caught
SECOND = _shape_of("big_toe", "region", side="right")


def _line(prefix: str) -> int:
    """The line number (1-based) of the first shipped drawing row starting with prefix."""
    return next(i for i, text in enumerate(SHIPPED, start=1) if text.startswith(prefix))


def _drawing(tmp_path: Path, lines: list[str], not_drawn: str | None = None):
    path = tmp_path / "body_map.csv"
    path.write_text("\n".join(lines) + "\n")
    listed = tmp_path / "not_drawn.csv"
    listed.write_text(not_drawn if not_drawn is not None else not_drawn_file().read_text())
    return path, listed


def _edit_row(prefix: str, old: str, new: str) -> list[str]:
    at = _line(prefix) - 1
    assert old in SHIPPED[at], (prefix, old)
    return [*SHIPPED[:at], SHIPPED[at].replace(old, new, 1), *SHIPPED[at + 1 :]]


def _with_path(prefix: str, path: str) -> list[str]:
    at = _line(prefix) - 1
    head = SHIPPED[at].split('"')[0]
    return [*SHIPPED[:at], f'{head}"{path}"', *SHIPPED[at + 1 :]]


def _without(structure: str, side: str | None = None) -> list[str]:
    def keep(text: str) -> bool:
        cells = text.split(",")
        return not (cells[1] == structure and (side is None or cells[3] == side))

    return [SHIPPED[0], *filter(keep, SHIPPED[1:])]


DRAWING_FAULTS = [
    (
        "nan-point",
        lambda: _edit_row(BIG_TOE, '"217.5,', '"nan,'),
        ("body_map.csv", _line(BIG_TOE), "path"),
        "finite",
    ),
    (
        "inf-point",
        lambda: _edit_row(BIG_TOE, '"217.5,', '"inf,'),
        ("body_map.csv", _line(BIG_TOE), "path"),
        "finite",
    ),
    (
        "duplicate-shape-id",
        lambda: _edit_row(SECOND, SECOND, BIG_TOE),
        ("body_map.csv", _line(SECOND), "shape"),
        f"duplicate {BIG_TOE[:-1]!r}",
    ),
    (
        "area-of-two-points",
        lambda: _with_path(BIG_TOE, "1,1 2,2"),
        ("body_map.csv", _line(BIG_TOE), "path"),
        "at least 3 points",
    ),
    (
        "marker-of-two-points",
        lambda: _edit_row(MARKER, '"605.22,254"', '"605.22,254 1,1"'),
        ("body_map.csv", _line(MARKER), "path"),
        "exactly one point",
    ),
    (
        "unknown-structure",
        lambda: _edit_row(BIG_TOE, "big_toe", "little_toe"),
        ("body_map.csv", _line(BIG_TOE), "structure"),
        "little_toe",
    ),
    (
        "region-on-one-leg",
        lambda: _without("big_toe", "right"),
        ("body_map.csv", _line(BIG_TOE), "side"),
        "left leg only",
    ),
    (
        "region-with-no-shape",
        lambda: _without("big_toe"),
        ("body_map.csv", None, "structure"),
        "region 'big_toe' has no shape",
    ),
    (
        "missing-marker",
        lambda: [t for t in SHIPPED if not t.startswith(MARKER)],
        ("body_map.csv", None, "site"),
        "no marker for sciatic at piriformis",
    ),
]


@pytest.mark.parametrize(
    ("lines", "expected", "words"),
    [pytest.param(*fault[1:], id=fault[0]) for fault in DRAWING_FAULTS],
)
def test_drawing_fault_is_named(model, tmp_path, lines, expected, words):
    path, listed = _drawing(tmp_path, lines())
    with pytest.raises(DataError) as info:
        read_geometry(model, path, listed)
    assert where(info.value) == expected, str(info.value)
    assert words in str(info.value)


@pytest.mark.parametrize(
    ("listed", "expected", "words"),
    [
        pytest.param(
            "structure,reason\n",
            ("body_map.csv", None, "structure"),
            "joint 'hip' has no shape",
            id="joint-not-listed",
        ),
        pytest.param(
            "structure,reason\nhip,x\nbig_toe,x\n",
            ("not_drawn.csv", 3, "structure"),
            "'big_toe' is drawn",
            id="listed-but-drawn",
        ),
        pytest.param(
            "structure,reason\nhip,x\nhip,y\n",
            ("not_drawn.csv", 3, "structure"),
            "already on line 2",
            id="listed-twice",
        ),
        pytest.param(
            "structure,reason\nelbow,x\n",
            ("not_drawn.csv", 2, "structure"),
            "unknown structure 'elbow'",
            id="listed-unknown",
        ),
        pytest.param(
            "structure,reason\nhip,\n",
            ("not_drawn.csv", 2, "reason"),
            "required",
            id="listed-without-reason",
        ),
    ],
)
def test_not_drawn_list_fault_is_named(model, tmp_path, listed, expected, words):
    path, not_drawn = _drawing(tmp_path, SHIPPED, listed)
    with pytest.raises(DataError) as info:
        read_geometry(model, path, not_drawn)
    assert where(info.value) == expected, str(info.value)
    assert words in str(info.value)


def test_side_view_anchor_given_twice_is_named(model, tmp_path):
    path = tmp_path / "side_view.csv"
    shipped = (geometry_file().parent / "side_view.csv").read_text()
    path.write_text(shipped + "sciatic,piriformis,notch\n")
    with pytest.raises(DataError) as info:
        read_site_anchors(model, path)
    lines = len(read_table(path, SIDE_VIEW_COLUMNS)) + 1
    assert where(info.value) == ("side_view.csv", lines, "site") and "twice" in str(info.value)
