"""The compression engine: zones, root against nerve lesions, grading, sides, bad input."""

from __future__ import annotations

import math

import pytest

from anatomy.engine.findings import COLUMNS
from anatomy.engine.grading import grade
from anatomy.model.vocabulary import EFFECTS, FINDING_KINDS


def all_lesions(model):
    """Every root, disc level x zone and nerve site, at a severe grade."""
    for root in model.roots:
        yield f"root {root}", model.compress(root, severity=0.9)
    for level in model.disc_levels:
        for zone in ("central", "paracentral", "foraminal", "extraforaminal"):
            yield f"disc {level} {zone}", model.compress_disc(level, zone=zone, severity=0.9)
    for nerve, site in zip(model.sites["nerve"], model.sites["site"], strict=True):
        yield f"nerve {nerve}@{site}", model.compress_nerve(nerve, site=site, severity=0.9)
    for joint in ("hip", "sacroiliac_joint", "facet_joints"):
        yield f"joint {joint}", model.irritate_joint(joint, severity=0.9)


def test_findings_table_has_the_public_columns(model):
    f = model.compress("L4", severity=0.8, side="left")
    assert list(f.table.columns) == COLUMNS
    assert f.roots == ["L4"]
    # one root on one side: every effect but the bladder and bowel, which need both sides
    assert set(f.table["effect"]) == set(EFFECTS) - {"sphincter_dysfunction"}
    assert set(f.table["kind"]) <= set(FINDING_KINDS)


def test_every_finding_row_is_cited_and_in_range(model):
    known = set(model.citations["id"])
    for name, f in all_lesions(model):
        assert len(f) > 0, name
        for _, row in f.table.iterrows():
            assert row["citations"], f"{name}: {row['label']} {row['effect']} has no citation"
            assert set(row["citations"]) <= known
            assert 0 < row["intensity"] <= 1, (name, row["label"])
            assert row["side"] in ("left", "right")
        cited = model.cite(f)
        assert list(cited["id"]) == f.citation_ids
        assert (cited["quote"] != "").sum() + (cited["statement"] != "").sum() == len(cited)


@pytest.mark.parametrize(
    ("level", "traversing", "exiting"),
    [
        ("T12-L1", "L1", "T12"),
        ("L1-L2", "L2", "L1"),
        ("L2-L3", "L3", "L2"),
        ("L3-L4", "L4", "L3"),
        ("L4-L5", "L5", "L4"),
        ("L5-S1", "S1", "L5"),
    ],
)
def test_zone_rule_at_every_level(model, level, traversing, exiting):
    """Fardon's zones and the exit rule: paracentral meets the traversing root, foraminal
    and far-lateral the exiting one (Gray's; Radiopaedia: the exiting root leaves above
    its disc)."""
    for zone in ("paracentral", "subarticular", "posterolateral"):
        assert model.compress_disc(level, zone=zone).roots == [traversing]
    for zone in ("foraminal", "extraforaminal", "far lateral", "far_lateral"):
        assert model.compress_disc(level, zone=zone).roots == [exiting]
    central = model.compress_disc(level, zone="central", severity=0.8)
    assert set(central.table["side"]) == {"left", "right"}
    if level in ("T12-L1", "L1-L2"):  # the conus: its sacral segments and the epiconus
        assert central.roots == ["L5", "S1", "S2", "S3", "S4"]
        return
    assert central.roots[0] == traversing  # the traversing root first...
    pain = central.of("pain", "root").set_index(["structure", "side"])["intensity"]
    assert pain[(traversing, "left")] == pain[(traversing, "right")] == 0.8  # ...pressed most
    assert "harrison_cauda_equina" in central.citation_ids


@pytest.mark.parametrize("level", ["L2-L3", "L3-L4", "L4-L5", "L5-S1"])
def test_a_central_herniation_is_graded(model, level):
    """The traversing root most, the roots below less, the sacral roots only when large
    (Gardner 2011: cauda equina syndrome follows a large central herniation). Before that,
    numbness in both legs is already a warning (bilateral sciatica, Gardner 2011), not the
    emergency."""
    traversing = model.compress_disc(level, zone="paracentral").roots[0]
    below = model.roots[model.roots.index(traversing) + 1 :]
    lumbar_below = [r for r in below if r in ("L3", "L4", "L5", "S1")]
    for severity in (0.3, 0.5, 0.69):
        f = model.compress_disc(level, zone="central", severity=severity)
        warned = "numbness" in {r["effect"] for r in f.records}
        assert [flag.id for flag in f.flags] == (["bilateral_radiculopathy"] if warned else [])
        assert "saddle" not in f.affected()
        assert not f.affected("sphincter_dysfunction")
        pain = f.of("pain", "root", "left").set_index("structure")["intensity"]
        for root in lumbar_below:
            assert pain[root] == round(severity * 0.6, 2)
    large = model.compress_disc(level, zone="central", severity=0.8)
    assert {"bladder", "bowel"} <= large.affected("sphincter_dysfunction")
    assert large.red_flags and "cauda equina" in large.red_flags[0]


def test_a_mild_central_herniation_has_no_saddle_or_sphincter_findings(model):
    mild = model.compress_disc("L4-L5", zone="central", severity=0.3)
    assert set(mild.table["effect"]) <= {"pain", "tingling"}
    assert "saddle" not in mild.affected() and not mild.red_flags
    moderate = model.compress_disc("L4-L5", zone="central", severity=0.5)
    assert "achilles_reflex" not in moderate.affected("reduced_reflex")  # S1 less pressed
    assert "saddle" not in moderate.affected()
    assert [flag.id for flag in moderate.flags] == ["bilateral_radiculopathy"]  # a warning only


def test_central_herniation_shows_cauda_equina_signs(model):
    f = model.compress_disc("L4-L5", zone="central", severity=0.9)
    assert "saddle" in f.of("numbness", side="left")["structure"].tolist()
    assert "saddle" in f.of("numbness", side="right")["structure"].tolist()
    assert {"bladder", "bowel"} <= f.affected("sphincter_dysfunction")
    assert {"anal_reflex", "bulbocavernosus_reflex"} <= f.affected("reduced_reflex")
    assert "quadriceps" not in f.affected()  # L4 left the canal above L4-L5
    assert any("cauda equina" in flag for flag in f.red_flags)


def test_a_central_herniation_is_usually_worse_on_one_side(model):
    """Dawodu: cauda equina syndrome is usually asymmetric."""
    f = model.compress_disc("L4-L5", zone="central", side="right", severity=0.9)
    weak = f.of("weakness")
    assert set(weak["side"]) == {"right"}  # the other side: 0.45, below weakness
    assert "dorsum_of_foot" in f.of("numbness", side="left")["structure"].tolist()
    assert f.red_flags  # the sacral roots are reached on both sides


def test_a_central_herniation_at_the_conus_gives_early_sphincter_failure(model):
    """Dawodu, Table 1: early bladder and bowel failure, symmetric perianal numbness,
    ankle jerks affected, knee jerks kept (Dawodu: the cord ends between L1 and L2 in
    the average adult; Saifuddin: lower third of L1, range mid T12 to upper L3)."""
    for level in ("T12-L1", "L1-L2"):
        f = model.compress_disc(level, zone="central", severity=0.5)
        assert "achilles_reflex" in f.affected("reduced_reflex")
        assert {"bladder", "bowel"} <= f.affected("sphincter_dysfunction")
        assert set(f.of("numbness").query("structure == 'saddle'")["side"]) == {"left", "right"}
        assert "patellar_reflex" not in f.affected()
        assert "conus_medullaris" in f.affected(kind="cord")
        assert any("Conus medullaris" in flag for flag in f.red_flags)
        assert "Conus medullaris" in f.of(kind="organ")["path"].iloc[0]


def test_disc_findings_equal_the_root_findings_with_the_disc_in_the_path(model):
    disc = model.compress_disc("L4-L5", zone="paracentral", side="left", severity=0.8)
    root = model.compress("L5", side="left", severity=0.8)
    key = ["structure", "effect", "side", "intensity"]
    assert disc.table[key].equals(root.table[key])
    assert disc.table["path"].str.startswith("L4-L5 disc (paracentral) → L5").all()
    assert "root_exit_rule" in disc.table["citations"].iloc[0]


def test_common_fibular_at_fibular_head_against_l5_root(model):
    nerve = model.compress_nerve("common_fibular", site="fibular_head", severity=0.9)
    root = model.compress("L5", severity=0.9)
    weak_nerve = nerve.affected("weakness")
    weak_root = root.affected("weakness")
    spared = {"gluteus_medius", "tibialis_posterior", "biceps_femoris_short_head"}
    assert not weak_nerve & spared
    assert spared <= weak_root
    shared = {"tibialis_anterior", "extensor_hallucis_longus", "fibularis_longus_brevis"}
    assert shared <= weak_nerve and shared <= weak_root
    assert nerve.roots == [] and root.roots == ["L5"]
    assert "medial_hamstring_reflex" in root.affected("reduced_reflex")
    assert not nerve.affected("reduced_reflex")


def test_sciatic_at_piriformis_is_fibular_predominant_and_spares_the_gluteal_muscles(model):
    """CMDT, Katirji 1994: the fibular fibres suffer most; the posterior femoral cutaneous
    nerve leaves beside the sciatic nerve and numbs the back of the thigh."""
    f = model.compress_nerve("sciatic", site="piriformis", side="right", severity=0.9)
    weak = f.affected("weakness")
    assert {"biceps_femoris_short_head", "tibialis_anterior", "extensor_hallucis_longus"} <= weak
    assert not weak & {"gastrocnemius_soleus", "tibialis_posterior"}  # tibial fibres: half
    assert not weak & {"gluteus_medius", "gluteus_maximus", "piriformis", "quadriceps"}
    assert "posterior_thigh" in f.affected("numbness")
    assert "buttock" in f.affected("pain")
    assert "lower_back" not in f.affected("pain")
    assert set(f.table["side"]) == {"right"}
    severe = model.compress_nerve("sciatic", site="piriformis", severity=1.0)
    assert "achilles_reflex" in severe.affected("reduced_reflex")


def test_femoral_at_inguinal_ligament_spares_iliopsoas_unlike_l3(model):
    nerve = model.compress_nerve("femoral", site="inguinal_ligament", severity=0.9)
    assert "quadriceps" in nerve.affected("weakness")
    assert "iliopsoas" not in nerve.affected("weakness")
    assert "medial_thigh" in nerve.affected("numbness")  # its medial cutaneous nerve
    pelvis = model.compress_nerve("femoral", site="pelvis", severity=0.9)
    assert {"iliopsoas", "quadriceps"} <= pelvis.affected("weakness")  # Medscape
    assert "adductors" not in pelvis.affected("weakness")
    assert "adductors" not in nerve.affected("weakness")  # obturator nerve
    root = model.compress("L3", severity=0.9)
    assert {"quadriceps", "iliopsoas", "adductors"} <= root.affected("weakness")


def test_tarsal_tunnel_spares_the_calf_and_often_the_heel(model):
    f = model.compress_nerve("tibial", site="tarsal_tunnel", severity=0.9)
    assert f.affected("weakness", "muscle") == {"abductor_hallucis", "plantar_intrinsics"}
    assert "achilles_reflex" not in f.affected("reduced_reflex")
    heel = f.of("numbness").set_index("structure")["intensity"]
    assert heel["heel"] == 0.45 < heel["sole"]  # heel branches partly above the tunnel
    moderate = model.compress_nerve("tibial", site="tarsal_tunnel", severity=0.6)
    assert "heel" not in moderate.affected("numbness") and "sole" in moderate.affected("numbness")


def test_lateral_femoral_cutaneous_is_numbness_only(model):
    f = model.compress_nerve("lateral femoral cutaneous nerve", severity=1.0)
    assert f.affected("numbness", "region") == {"lateral_thigh", "anterior_thigh"}  # anterolateral
    assert not f.affected("weakness") and not f.affected("reduced_reflex")


@pytest.mark.parametrize(
    ("root", "numb", "weak", "reflex"),
    [
        ("L3", "medial_knee", "quadriceps", "patellar_reflex"),
        ("L4", "medial_leg", "quadriceps", "patellar_reflex"),
        ("L5", "dorsum_of_foot", "extensor_hallucis_longus", "medial_hamstring_reflex"),
        ("S1", "lateral_foot", "gastrocnemius_soleus", "achilles_reflex"),
    ],
)
def test_classic_root_signs(model, root, numb, weak, reflex):
    f = model.compress(root, severity=0.9)
    assert numb in f.affected("numbness")
    assert weak in f.affected("weakness")
    assert reflex in f.affected("reduced_reflex")


def test_l5_leaves_the_quadriceps_alone(model):
    f = model.compress("L5", severity=1.0)
    assert "quadriceps" not in f.affected()
    assert "patellar_reflex" not in f.affected()


def test_severity_grading(model):
    assert grade(0) == []
    assert grade(0.1) == ["pain"]
    assert grade(0.2) == ["pain", "tingling"]  # tingling before numbness (RCEM)
    assert grade(0.5) == ["pain", "tingling", "numbness", "reduced_reflex", "sphincter_dysfunction"]
    assert grade(0.7)[-1] == "weakness"
    assert grade(0.2, painful=False) == ["tingling", "numbness"]
    assert len(model.compress("L5", severity=0)) == 0
    mild = model.compress("L5", severity=0.1)
    assert set(mild.table["effect"]) == {"pain"}
    moderate = model.compress("S1", severity=0.5)
    assert set(moderate.table["effect"]) == {"pain", "tingling", "numbness", "reduced_reflex"}
    assert "achilles_reflex" in moderate.affected("reduced_reflex")
    severe = model.compress("L5", severity=0.9)
    assert set(severe.table["effect"]) == set(EFFECTS) - {"sphincter_dysfunction"}
    weak = severe.of("weakness").set_index("structure")["intensity"]
    assert weak["extensor_hallucis_longus"] == 0.9  # L5 a main root
    assert "abductor_hallucis" not in weak  # L5 a minor root: 0.45, below weakness
    pain = severe.of("pain").set_index("structure")["intensity"]
    assert pain["big_toe"] == 0.45  # minor pain link still shows, at half intensity


def test_nerves_are_lit_by_what_they_carry(model):
    mild = model.compress("L5", severity=0.3)
    assert mild.affected(kind="nerve") == {
        "sciatic",
        "common_fibular",
        "superficial_fibular",
        "deep_fibular",  # tingling of the first web space
    }
    severe = model.compress("L5", severity=0.9)
    gluteal = severe.of(kind="nerve").set_index("structure").loc["superior_gluteal"]
    assert gluteal["effect"] == "weakness"  # a motor nerve carries weakness, not pain
    assert set(severe.of(kind="root")["effect"]) == set(EFFECTS) - {"sphincter_dysfunction"}


def test_fibular_head_palsy_is_painless(model):
    f = model.compress_nerve("common_fibular", site="fibular_head", severity=0.3)
    assert set(f.table["effect"]) == {"tingling", "numbness"}
    assert "dorsum_of_foot" in f.affected("numbness")
    assert "pain" not in set(model.compress_nerve("common_fibular", severity=0.9).table["effect"])
    assert "pain" in set(model.compress_nerve("sciatic", severity=0.3).table["effect"])


def test_both_sides_mirror_one_side(model):
    left = model.compress("S1", severity=0.8, side="left").table
    both = model.compress("S1", severity=0.8, side="both").table
    assert len(both) == 2 * len(left)
    right = both[both["side"] == "right"].reset_index(drop=True)
    cols = ["structure", "effect", "intensity", "path"]
    assert (
        right[cols]
        .sort_values(cols)
        .reset_index(drop=True)
        .equals(left[cols].sort_values(cols).reset_index(drop=True))
    )


def test_several_sites_combine(model):
    stenosis = model.compress(["L5", "S1"], severity=0.6, side="both")
    assert stenosis.roots == ["L5", "S1"]
    assert {"dorsum_of_foot", "sole"} <= stenosis.affected("numbness")
    mixed = model.compress("L4", severity=0.9) + model.compress_nerve(
        "common_fibular", site="fibular_head", severity=0.8
    )
    assert [lesion.kind for lesion in mixed.lesions] == ["root", "nerve"]
    ta = mixed.of("weakness", "muscle").set_index("structure").loc["tibialis_anterior"]
    assert ta["intensity"] == 0.9  # the stronger of L4 (main, 0.9) and the nerve (0.8)
    assert ta["path"].count(" | ") == 1
    assert not mixed.table.duplicated(["structure", "effect", "side"]).any()


def test_every_case_compresses(model):
    for case in model.cases["id"]:
        f = model.compress_case(case)
        assert len(f) > 0, case
    assert model.compress_case("sciatica_piriformis").roots == []
    assert model.compress_case("office_worker").roots == ["L5"]
    assert model.compress_case("l3_l4_herniation").roots == ["L4"]


BAD = [
    (lambda m: m.compress("L7"), ["'L7'", "T12", "S3"]),
    (lambda m: m.compress("L5", severity=1.5), ["1.5", "0 to 1"]),
    (lambda m: m.compress("L5", severity=-0.1), ["-0.1"]),
    (lambda m: m.compress("L5", severity=math.nan), ["nan"]),
    (lambda m: m.compress("L5", side="up"), ["'up'", "left", "right", "both"]),
    (lambda m: m.compress([]), ["at least one root"]),
    (lambda m: m.compress_disc("L6-L7"), ["'L6-L7'", "L4-L5"]),
    (lambda m: m.compress_disc("T11-T12"), ["'T11-T12'", "T12-L1"]),
    (lambda m: m.compress_disc("L4-L5", zone="sideways"), ["'sideways'", "foraminal"]),
    (lambda m: m.compress_nerve("vagus"), ["'vagus'", "sciatic"]),
    (lambda m: m.compress_nerve("sciatic", site="knee"), ["'knee'", "piriformis"]),
    (lambda m: m.compress_case("nope"), ["'nope'", "office_worker"]),
]


@pytest.mark.parametrize(("call", "words"), BAD)
def test_bad_input_names_the_value_and_the_choices(model, call, words):
    with pytest.raises(ValueError) as info:
        call(model)
    for word in words:
        assert word in str(info.value)


WRONG_TYPES = [
    (lambda m: m.compress("L5", severity="high"), ["'high'", "number"]),
    (lambda m: m.compress("L5", severity=True), ["True", "number"]),
    (lambda m: m.compress(None), ["None", "T12"]),
    (lambda m: m.compress(5), ["5", "T12"]),
    (lambda m: m.compress("L5", side=None), ["None", "left"]),
    (lambda m: m.compress_disc(45), ["45", "L4-L5"]),
    (lambda m: m.compress_nerve(None), ["None", "sciatic"]),
    (lambda m: m.compress_case(3), ["3", "office_worker"]),
]


@pytest.mark.parametrize(("call", "words"), WRONG_TYPES)
def test_a_wrong_type_is_a_type_error_naming_it(model, call, words):
    with pytest.raises(TypeError) as info:
        call(model)
    for word in words:
        assert word in str(info.value)


def test_names_are_forgiving_where_unambiguous(model):
    assert model.compress("l5").roots == ["L5"]
    assert model.compress_disc("L4/L5").lesions[0].target == "L4-L5"
    f = model.compress_nerve("common peroneal nerve", site="fibular neck", side="RIGHT")
    assert f.lesions[0].site == "fibular_head" and set(f.table["side"]) == {"right"}


def test_findings_show_themselves_in_words(model):
    f = model.compress("L5", severity=0.5, side="right")
    text = repr(f)
    assert text.startswith("Findings of L5, right side, severity 0.5 (moderate)")
    assert "numbness (right): big toe, first web space, outer leg, top of the foot" in text
    assert "<table>" in f._repr_html_() and "medial hamstring reflex" in f._repr_html_()


def test_a_large_central_herniation_presses_every_root_in_the_sac_alike(model):
    """Gardner 2011: a large central herniation fills the canal. The roots below the
    crossing one are all pressed, S1 as hard as S2 to S4: the calf weakens with the toe
    flexors (S1 main in gastrocnemius and soleus, MRC), never the toe flexors alone."""
    f = model.compress_disc("L4-L5", zone="central", side="right", severity=0.9)
    weak = f.affected("weakness")
    assert {"gastrocnemius_soleus", "flexor_hallucis_longus"} <= weak
    pain = f.of("pain", "root", "right").set_index("structure")["intensity"]
    assert pain["S1"] == pain["S2"] == 0.9


def test_a_conus_lesion_spares_the_skin_of_the_legs(model):
    """Dawodu (Medscape), Table 4: a conus medullaris lesion leaves a mostly normal lower
    extremity; Table 1: numbness more localised to the perianal area."""
    f = model.compress_disc("T12-L1", zone="central", side="both", severity=0.6)
    regions = set(f.of(kind="region")["structure"])
    assert regions <= {"saddle", "lower_back"}
    assert "achilles_reflex" in f.affected("reduced_reflex")
    assert [flag.id for flag in f.flags] == ["cauda_equina", "conus_medullaris"]


def test_numbness_in_both_legs_warns_before_the_saddle_fails(model):
    """Gardner 2011: bilateral sciatica is a sign of cauda equina syndrome; the UK
    pathways call bilateral radiculopathy 'suspected'. A warning, said once the saddle or
    sphincters fail by the graver flag alone."""
    early = model.compress_disc("L4-L5", zone="central", side="both", severity=0.5)
    assert [flag.id for flag in early.flags] == ["bilateral_radiculopathy"]
    assert "suspected" in early.red_flags[0]
    late = model.compress_disc("L4-L5", zone="central", side="both", severity=0.9)
    assert "bilateral_radiculopathy" not in [flag.id for flag in late.flags]
    walk = model.compress_case("stenosis_after_walking")  # pain and tingling only
    assert not walk.red_flags


def test_a_sciatic_lesion_in_the_buttock_spares_the_tibial_division(model):
    """Katirji & Wilbourn 1994: a high sciatic lesion hits the fibular fibres almost alone;
    the hamstrings of the tibial division and their reflex suffer less."""
    f = model.compress_nerve("sciatic", site="piriformis", side="left", severity=0.75)
    weak = f.affected("weakness")
    assert {"tibialis_anterior", "biceps_femoris_short_head"} <= weak
    assert not weak & {"medial_hamstrings", "biceps_femoris_long_head", "gastrocnemius_soleus"}
    assert "medial_hamstring_reflex" not in f.affected("reduced_reflex")
