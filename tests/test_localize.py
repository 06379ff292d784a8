"""From findings back to the lesion: localize, tell_apart and the look-alike pairs."""

from __future__ import annotations

import pytest

import anatomy
from anatomy.engine import grading
from anatomy.engine import localize as loc
from anatomy.errors import DataError

SEVERITIES = (0.1, 0.3, 0.5, 0.75, 0.9, 1.0)


def _is_first(table, name) -> bool:
    """The lesion is ranked first, or shares the first rank only with lesions that
    give exactly the same findings (an honest tie, named in ``tied_with``)."""
    row = table[table["lesion"] == name]
    assert len(row) == 1, name
    row = row.iloc[0]
    if row["rank"] != 1 or row["score"] != 1.0:
        return False
    above = table.iloc[: int(row.name)]
    return all(
        other["score"] == 1.0 and name in other["tied_with"] for other in above.to_dict("records")
    )


@pytest.mark.parametrize("side", ["left", "right"])
@pytest.mark.parametrize("severity", SEVERITIES)
def test_every_root_and_nerve_site_is_localized_first(model, severity, side):
    for cand in loc.candidates(model):
        if cand.kind == "disc":
            continue
        table = model.localize(cand.compress(model, severity, side))
        assert _is_first(table, cand.name), (cand.name, severity, side, table.head(3))


def test_roots_are_first_outright_except_identical_pictures(model):
    # A root shares the first rank only with the disc zones that meet it: the same
    # findings, which only imaging tells apart; the table says so, it does not pick one.
    for root in model.roots:
        table = model.localize(model.compress(root, 0.9))
        first = table.iloc[0]
        assert first["lesion"] == root
        for other in first["tied_with"]:
            assert model.tell_apart(root, other).empty, (root, other)
            assert loc.candidate(model, other).kind == "disc"


@pytest.mark.parametrize("severity", [0.3, 0.6, 0.9])
def test_every_disc_is_in_the_first_rank(model, severity):
    for cand in loc.candidates(model):
        if cand.kind != "disc":
            continue
        table = model.localize(cand.compress(model, severity, "left"))
        assert _is_first(table, cand.name), (cand.name, severity)


def test_l5_root_and_l4_l5_paracentral_disc_are_an_honest_tie(model):
    table = model.localize(model.compress("L5", 0.8))
    first = table.iloc[0]
    assert first["lesion"] == "L5"
    assert {"L4-L5 paracentral", "L5-S1 foraminal"} <= set(first["tied_with"])
    assert "only imaging" in first["tell_apart"]
    disc = table[table["lesion"] == "L4-L5 paracentral"].iloc[0]
    assert disc["rank"] == 1 and disc["score"] == 1.0
    # The next lesion down does not tie: it misses or contradicts something.
    assert table[table["rank"] > 1].iloc[0]["score"] < 1.0


def test_columns_and_the_band_found(model):
    table = model.localize(model.compress("S1", 0.5, side="right"))
    assert list(table.columns) == loc.LOCALIZE_COLUMNS
    first = table.iloc[0]
    assert (first["lesion"], first["kind"], first["severity"], first["grade"]) == (
        "S1",
        "root",
        0.4,
        "moderate",
    )
    assert "reduced reflex: Achilles reflex (right)" in first["explains"]
    assert first["misses"] == [] and first["predicts_unobserved"] == []
    assert set(first["citations"]) <= set(model.citations["id"]) and first["citations"]
    assert table["rank"].is_monotonic_increasing


def test_findings_table_and_findings_give_the_same_ranking(model):
    f = model.compress_nerve("tibial", "tarsal_tunnel", severity=0.9)
    a, b = model.localize(f), model.localize(f.table)
    assert list(a["lesion"]) == list(b["lesion"])
    assert a.iloc[0]["lesion"] == "tibial @ tarsal_tunnel"


def test_a_short_list_by_ids_and_labels_keeps_look_alikes_together(model):
    table = model.localize(
        [("numbness", "Top of the foot"), ("weakness", "extensor_hallucis_longus")]
    )
    # Both explain it; the simpler explanation (the nerve predicts less that was not
    # examined) comes first, and what L5 also predicts is what to examine next.
    assert table.iloc[0]["lesion"] == "common_fibular @ fibular_head"
    l5 = table[table["lesion"] == "L5"].iloc[0]
    assert l5["misses"] == [] and l5["rank"] > 1
    assert "weakness: Gluteus medius" in l5["predicts_unobserved"]
    assert "Gluteus medius" in table.iloc[0]["tell_apart"]


def test_a_normal_finding_rules_a_lesion_out(model):
    base = [("numbness", "dorsum_of_foot"), ("weakness", "tibialis_anterior")]
    spared = model.localize([*base, ("normal", "gluteus_medius"), ("normal", "lower_back")])
    assert spared.iloc[0]["lesion"] == "common_fibular @ fibular_head"
    # The sciatic nerve at piriformis also spares gluteus medius: still in the running,
    # just behind, and the hamstrings are what would tell it apart.
    sciatic = spared[spared["lesion"] == "sciatic @ piriformis"].iloc[0]
    assert sciatic["misses"] == [] and sciatic["rank"] == 2
    assert "Biceps femoris" in spared.iloc[0]["tell_apart"]
    l5 = spared[spared["lesion"] == "L5"].iloc[0]
    assert l5["score"] < 1 and l5["rank"] > 1
    weak_hip = model.localize([*base, ("weakness", "gluteus_medius")])
    assert weak_hip.iloc[0]["lesion"] == "L5"
    fibular = weak_hip[weak_hip["lesion"] == "common_fibular @ fibular_head"].iloc[0]
    assert "weakness: Gluteus medius" in fibular["misses"]


def test_numbness_alone_on_the_outer_thigh_is_meralgia(model):
    table = model.localize([("numbness", "lateral_thigh"), ("pain", "lateral_thigh")])
    first = table.iloc[0]
    assert first["lesion"] == "lateral_femoral_cutaneous @ inguinal_ligament"
    assert first["rank"] == 1 and first["tied_with"] == []
    # Others explain it too, but only by predicting much more that was not examined.
    for other in table.iloc[1:4].to_dict("records"):
        assert len(other["predicts_unobserved"]) > len(first["predicts_unobserved"])


def test_sides_are_kept(model):
    table = model.localize(model.compress("L4", 0.8, side="right"))
    assert "(right)" in table.iloc[0]["explains"][0]
    both = model.localize(model.compress_disc("L4-L5", "central", severity=0.9))
    assert both.iloc[0]["lesion"] == "L4-L5 central"
    right_only = model.localize(
        [("numbness", "sole", "right"), ("weakness", "calf muscles", "right")]
    )
    assert all("(right)" in w for w in right_only.iloc[0]["explains"])


def test_top_limits_the_rows(model):
    assert len(model.localize(model.compress("L3", 0.8), top=3)) == 3


@pytest.mark.parametrize("row", range(6))
def test_look_alikes_are_told_apart_by_the_named_findings(model, row):
    pair = model.look_alikes.iloc[row]
    diff = model.tell_apart(pair["a"], pair["b"])
    given = {(r["effect"], r["structure"]): (r["a"], r["b"]) for r in diff.to_dict("records")}
    for item in pair["distinguished_by"].split(";"):
        effect, structure = item.split(":")
        assert (effect, structure) in given, (pair["a"], pair["b"], item)
        assert sum(given[(effect, structure)]) == 1
    # And localize, given the full picture of either, ranks it above the other.
    for first, second in ((pair["a"], pair["b"]), (pair["b"], pair["a"])):
        findings = loc.candidate(model, first).compress(model, 0.9, "left")
        scores = model.localize(findings).set_index("lesion")["score"]
        # A lesion that explains none of the findings is not listed at all.
        assert scores[first] > scores.get(second, -1), (first, second)


def test_every_classic_pair_is_in_the_table(model):
    pairs = set(zip(model.look_alikes["a"], model.look_alikes["b"], strict=True))
    for pair in [
        ("L5", "common_fibular @ fibular_head"),
        ("L3", "femoral @ inguinal_ligament"),
        ("L4", "femoral @ inguinal_ligament"),
        ("L2", "lateral_femoral_cutaneous @ inguinal_ligament"),
        ("L3", "lateral_femoral_cutaneous @ inguinal_ligament"),
        ("S1", "tibial @ popliteal_fossa"),
    ]:
        assert pair in pairs


def test_identical_lesions_have_nothing_to_tell_apart(model):
    assert model.tell_apart("L5", "disc:L4-L5:paracentral").empty
    diff = model.tell_apart("L5", "common_fibular@fibular_head")
    assert diff.iloc[0]["effect"] == "weakness"  # objective signs first
    assert diff["citations"].map(len).min() > 0


@pytest.mark.parametrize(
    ("findings", "words"),
    [
        ([("numbnes", "sole")], ["unknown finding 'numbnes'", "did you mean numbness"]),
        ([("numbness", "soles")], ["unknown structure 'soles'", "did you mean sole"]),
        ([("pain", "sciatic")], ["'sciatic' is a nerve", "skin regions, muscles, reflexes"]),
        ([("weakness", "sole")], ["weakness is found in a muscle", "'sole' is a region"]),
        ([("normal", "sole")], ["no abnormal finding"]),
        ([("pain", "sole", "left"), ("pain", "heel")], ["a side for every finding or for none"]),
        ([("pain", "sole", "up")], ["unknown side of a finding 'up'", "left, right"]),
        ([("pain", "sole"), ("normal", "sole")], ["both as normal and as affected"]),
    ],
)
def test_bad_findings_are_named(model, findings, words):
    with pytest.raises(ValueError) as info:
        model.localize(findings)
    for w in words:
        assert w in str(info.value)


def test_unknown_lesion_names_the_closest(model):
    with pytest.raises(ValueError, match=r"unknown lesion 'L5 paracentral'.*did you mean"):
        model.tell_apart("L5 paracentral", "L5")


def test_severity_bands_follow_the_grading(model):
    # Thresholds 0.2, 0.4 and 0.7 over weights 1 and 0.5; above 0.8 nothing new appears.
    assert grading.severity_bands() == [0.1, 0.2, 0.4, 0.7, 0.8]
    assert [grading.band_of(s) for s in (0.05, 0.3, 0.69, 0.75, 1.0)] == [0.1, 0.2, 0.4, 0.7, 0.8]
    # A central herniation's lesser roots and its gate at 0.7 add bands of their own.
    central = loc.candidate(model, "L4-L5 central")
    assert {0.333334, 0.666667, 0.7} <= set(loc.bands(model, central))
    # Each edge is at or just above its true value, so the band shows its own picture.
    assert all(b * 0.6 >= 0.2 for b in loc.bands(model, central) if b > 0.3)


@pytest.mark.parametrize(
    ("old", "new", "column", "words"),
    [
        ("L5,sciatic @ piriformis", "L6,sciatic @ piriformis", "a", "unknown lesion 'L6'"),
        ("L5,sciatic @ piriformis", "L5,L5", "b", "same lesion"),
        ("numbness:big_toe", "weakness:big_toe", "distinguished_by", "structure for weakness"),
        ("numbness:big_toe", "tickling:big_toe", "distinguished_by", "unknown effect"),
    ],
)
def test_broken_look_alike_row_is_named(tiny, old, new, column, words):
    data, sources, edit = tiny
    edit("look_alikes.csv", old, new)
    with pytest.raises(DataError) as info:
        anatomy.load_model(data, sources)
    err = info.value
    assert (err.file, err.line, err.column) == ("look_alikes.csv", 2, column), str(err)
    assert words in str(err)


def test_a_poor_candidate_is_listed_at_the_band_where_it_explains_something(model):
    # An obturator palsy: at every band the L3 root brings more pain than it explains,
    # so it scores below zero; it is still listed, low, at a band that explains some.
    table = model.localize(model.compress_nerve("obturator", severity=0.9)).set_index("lesion")
    l3 = table.loc["L3"]
    assert l3["severity"] >= 0.4 and "numbness: Inner thigh (left)" in l3["explains"]
    assert l3["score"] < table.loc["obturator @ obturator_canal", "score"] == 1.0
