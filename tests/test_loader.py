"""The loader accepts the shipped data and rejects broken tables with file, line and column."""

from __future__ import annotations

import pytest

import anatomy
from anatomy import DataError


def test_shipped_model_loads_with_its_tables(model):
    for name in ("structures", "links", "citations", "sources", "sites", "cases"):
        assert len(getattr(model, name)) > 0, name
    assert {"id", "source", "quote", "note"} <= set(model.citations.columns)
    assert model.roots == ["T12", "L1", "L2", "L3", "L4", "L5", "S1", "S2", "S3", "S4"]
    assert model.disc_levels == ["T12-L1", "L1-L2", "L2-L3", "L3-L4", "L4-L5", "L5-S1"]


def test_tiny_fixture_is_valid(tiny):
    data, sources, _ = tiny
    model = anatomy.load_model(data, sources)
    f = model.compress("L5", severity=0.5)
    assert f.affected("numbness", "region") == {"big_toe"}


def load_error(tiny) -> DataError:
    data, sources, _ = tiny
    with pytest.raises(DataError) as info:
        anatomy.load_model(data, sources)
    return info.value


# (file, old text, new text, expected file, line, column, words in the message)
BROKEN = [
    pytest.param(
        "links.csv",
        "citations,note",
        "cites,note",
        "links.csv",
        1,
        "citations",
        "missing column",
        id="missing-column",
    ),
    pytest.param(
        "sources.csv",
        "2020,10.1000/tiny.1,",
        "2020,doi:10.1000/tiny.1,",
        "sources.csv",
        3,
        "doi",
        "not a bare DOI",
        id="doi-with-prefix",
    ),
    pytest.param(
        "sources.csv",
        "2020,10.1000/tiny.1,,",
        "2020,,www.example.org/tiny,",
        "sources.csv",
        3,
        "url",
        "not an https:// address",
        id="url-without-scheme",
    ),
    pytest.param(
        "links.csv",
        "L5,supplies_skin,big_toe,main,,c_quote,",
        "L5,supplies_skin,big_toe,main,,,",
        "links.csv",
        11,
        "citations",
        "required",
        id="uncited-link",
    ),
    pytest.param(
        "links.csv",
        "L5,supplies_skin,big_toe",
        "L5,supplies_skin,little_toe",
        "links.csv",
        11,
        "target",
        "little_toe",
        id="unknown-structure",
    ),
    pytest.param(
        "links.csv",
        "L5,supplies_skin,big_toe",
        "L5,tickles,big_toe",
        "links.csv",
        11,
        "relation",
        "tickles",
        id="unknown-relation",
    ),
    pytest.param(
        "links.csv",
        "L5,supplies_skin,big_toe,main",
        "L5,supplies_skin,big_toe,strong",
        "links.csv",
        11,
        "weight",
        "strong",
        id="bad-weight",
    ),
    pytest.param(
        "links.csv",
        "deep_fibular,innervates,extensor_hallucis_longus,,40",
        "deep_fibular,innervates,extensor_hallucis_longus,,",
        "links.csv",
        9,
        "position",
        "position",
        id="nerve-link-without-position",
    ),
    pytest.param(
        "links.csv",
        "sciatic,branches_to,deep_fibular,,70",
        "sciatic,branches_to,deep_fibular,,170",
        "links.csv",
        8,
        "position",
        "170",
        id="position-out-of-range",
    ),
    pytest.param(
        "links.csv",
        "L5,supplies_skin,big_toe,main,,c_quote",
        "L5,supplies_skin,big_toe,main,,c_missing",
        "links.csv",
        11,
        "citations",
        "c_missing",
        id="unknown-citation",
    ),
    pytest.param(
        "links.csv",
        "L5,contributes_to,deep_fibular,main,,c_ref,\n",
        "",
        "links.csv",
        9,
        "source",
        "deep_fibular",
        id="root-skips-a-nerve-on-its-way",
    ),
    pytest.param(
        "links.csv",
        "L5,supplies_skin,big_toe,main,,c_quote,",
        "L5,supplies_skin,sciatic,main,,c_quote,",
        "links.csv",
        11,
        "target",
        "is a nerve",
        id="wrong-kind",
    ),
    pytest.param(
        "citations.csv",
        "The L5 root goes down the leg",
        "The L5 root goes up the leg",
        "citations.csv",
        2,
        "quote",
        "not found verbatim",
        id="quote-not-verbatim",
    ),
    pytest.param(
        "citations.csv",
        "c_ref,tiny_ref,,The L5 root supplies the big toe.",
        "c_ref,tiny_ref,,",
        "citations.csv",
        3,
        "statement",
        "statement",
        id="reference-without-statement",
    ),
    pytest.param(
        "citations.csv",
        "line 1,accurate,,",
        "line 1,imprecise,,",
        "citations.csv",
        2,
        "note",
        "correction",
        id="imprecise-without-correction",
    ),
    pytest.param(
        "structures.csv",
        "big_toe,region,Big toe",
        "L5,region,Big toe",
        "structures.csv",
        9,
        "id",
        "duplicate",
        id="duplicate-id",
    ),
    pytest.param(
        "structures.csv",
        "big_toe,region",
        "big_toe,tendon",
        "structures.csv",
        9,
        "kind",
        "tendon",
        id="unknown-kind",
    ),
    pytest.param(
        "sites.csv",
        "sciatic,piriformis,Sciatic nerve under piriformis,10",
        "sciatic,piriformis,Sciatic nerve under piriformis,ten",
        "sites.csv",
        2,
        "position",
        "ten",
        id="bad-site-position",
    ),
    pytest.param(
        "cases.csv",
        "root:L5,left,0.5",
        "root:L9,left,0.5",
        "cases.csv",
        2,
        "lesions",
        "L9",
        id="case-with-unknown-root",
    ),
    pytest.param(
        "cases.csv",
        "root:L5,left,0.5",
        "root:L5,left,1.5",
        "cases.csv",
        2,
        "severity",
        "1.5",
        id="case-severity-out-of-range",
    ),
    pytest.param(
        "sites.csv",
        ",10,yes,",
        ",10,sometimes,",
        "sites.csv",
        2,
        "painful",
        "sometimes",
        id="bad-painful-flag",
    ),
    pytest.param(
        "zones.csv",
        "foraminal,,exits_at",
        "foraminal,,leaves_at",
        "zones.csv",
        4,
        "meets",
        "leaves_at",
        id="zone-meets-unknown",
    ),
    pytest.param(
        "zones.csv",
        "foraminal,,exits_at",
        "foraminal,midline,exits_at",
        "zones.csv",
        4,
        "aliases",
        "already names line 2",
        id="zone-alias-twice",
    ),
    pytest.param(
        "links.csv",
        "L5,contributes_to,sciatic,main",
        "L5,contributes_to,sciatic,minor",
        "links.csv",
        6,
        "weight",
        "minor in 'sciatic'",
        id="branch-outweighs-trunk",
    ),
    pytest.param(
        "tiny.txt",
        "big toe",
        "little toe",
        "sources.csv",
        2,
        "sha256",
        "verbatim",
        id="source-text-changed",
    ),
    pytest.param(
        "links.csv",
        "L5,supplies_skin,big_toe,main,,c_quote,",
        "L5,supplies_skin,big_toe,main,,c_quote,,extra",
        "links.csv",
        11,
        "note",
        "has 8 fields",
        id="malformed-csv-row",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "where", "line", "column", "words"), BROKEN)
def test_broken_table_is_named(tiny, file, old, new, where, line, column, words):
    tiny[2](file, old, new)
    err = load_error(tiny)
    assert (err.file, err.line, err.column) == (where, line, column), str(err)
    assert words in str(err)
    assert str(err).startswith(where)


def test_missing_table_is_named(tiny):
    data, _, _ = tiny
    (data / "sites.csv").unlink()
    assert load_error(tiny).file == "sites.csv"


def test_every_muscle_and_nerve_has_one_supply(model):
    links = model.links
    kinds = dict(zip(model.structures["id"], model.structures["kind"], strict=True))
    non_root = links[links["source"].map(kinds) != "root"]
    for kind, relation in (("muscle", "innervates"), ("nerve", "branches_to")):
        supplied = non_root.loc[non_root["relation"] == relation, "target"]
        assert sorted(supplied) == sorted(model.ids(kind)), kind


def test_every_root_leaves_the_spine_and_has_a_dermatome(model):
    links = model.links
    for root in model.roots:
        mine = links[links["source"] == root]
        assert (mine["relation"] == "exits_at").sum() == 1, root
        assert (mine["relation"] == "supplies_skin").any(), root
        assert (mine["relation"] == "refers_pain_to").any(), root


def test_lookup_by_alias_and_label(model):
    assert model.resolve("common peroneal nerve") == "common_fibular"
    assert model.resolve("Knee jerk") == "patellar_reflex"
    assert model.resolve("L4/L5", "disc") == "L4-L5"
    with pytest.raises(ValueError, match="did you mean"):
        model.resolve("comon fibular", "nerve")


def test_blank_line_inside_a_table_is_named(tiny):
    tiny[2]("links.csv", "L5,traverses,L4-L5,,,c_ref,\n", "L5,traverses,L4-L5,,,c_ref,\n\n")
    err = load_error(tiny)
    assert (err.file, err.line) == ("links.csv", 4)
