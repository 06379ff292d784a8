"""The nerve-tension model: what stretches which nerve, and when an irritated root hurts."""

from __future__ import annotations

import itertools
import subprocess
import sys

import pytest

import anatomy
from anatomy import DataError
from anatomy.course import tension as tension_tables
from anatomy.engine import neurodynamic, tension
from anatomy.model.vocabulary import ANGLES
from anatomy.text.citations import CitationLog
from anatomy.text.words import onset_sentences


def strain(model, nerve="sciatic", **angles):
    return float(anatomy.nerve_tension(model=model, **angles)[nerve])


# --- which movement stretches which nerve ---------------------------------------------------------


def test_returns_one_strain_per_modelled_nerve(model):
    series = anatomy.nerve_tension(model=model)
    assert list(series.index) == ["sciatic", "tibial", "common_fibular", "femoral"]
    assert series.index.name == "nerve"
    assert (series == 0).all()  # the anatomical position is the reference


def test_sciatic_tension_rises_with_hip_flexion_when_the_knee_is_straight(model):
    values = [strain(model, hip_flexion=h) for h in range(0, 91, 10)]
    assert all(b > a for a, b in itertools.pairwise(values))
    assert 2.0 <= strain(model, hip_flexion=70) <= 4.0  # cadaver roots: 2 to 4% (slr_root_strain)


def test_knee_flexion_lowers_sciatic_tension_at_a_fixed_hip_angle(model):
    for hip in (0, 45, 90):
        values = [strain(model, hip_flexion=hip, knee_flexion=k) for k in range(0, 131, 10)]
        assert all(b < a for a, b in itertools.pairwise(values)), hip
    # the second source's string: bending the knee with the hip flexed slackens the nerve
    assert strain(model, hip_flexion=90, knee_flexion=90) < strain(model, hip_flexion=90) / 4


def test_ankle_dorsiflexion_adds_to_sciatic_and_tibial_tension(model):
    for nerve in ("sciatic", "tibial"):
        up = strain(model, nerve, hip_flexion=60, ankle_dorsiflexion=20)
        assert (
            up
            > strain(model, nerve, hip_flexion=60)
            > strain(model, nerve, hip_flexion=60, ankle_dorsiflexion=-30)
        )
    # pointing the foot stretches the common fibular nerve instead
    assert strain(model, "common_fibular", ankle_dorsiflexion=-40) > 0
    assert strain(model, "common_fibular", ankle_dorsiflexion=20) < 0


def test_dorsiflexion_is_worth_a_few_degrees_of_hip_flexion(model):
    """Healthy people reach symptoms 5-10 degrees earlier with the foot up (Boyd 2009)."""
    added = strain(model, ankle_dorsiflexion=20)
    per_degree = strain(model, hip_flexion=1)
    assert 5 <= added / per_degree <= 10


def test_prone_knee_bend_raises_femoral_tension_and_hip_extension_adds(model):
    values = [strain(model, "femoral", knee_flexion=k) for k in range(0, 131, 10)]
    assert all(b > a for a, b in itertools.pairwise(values))
    assert strain(model, "femoral", hip_flexion=-15, knee_flexion=100) > strain(
        model, "femoral", knee_flexion=100
    )
    # the straight-leg raise leaves the femoral nerve slack; the prone knee bend the sciatic
    assert strain(model, "femoral", hip_flexion=60) < 0
    assert strain(model, "sciatic", hip_flexion=-10, knee_flexion=100) < 0


def test_neck_flexion_adds_a_little_to_every_nerve(model):
    bent = anatomy.nerve_tension(neck_flexion=45, model=model)
    assert (bent > 0.2).all() and (bent < 0.5).all()
    assert (anatomy.nerve_tension(neck_flexion=-45, model=model) < 0).all()


def test_the_strain_depends_on_the_pose_not_on_the_order_of_movements(model):
    """Boyd 2013: hip first or ankle first, the end strain is the same."""
    pose = {"hip_flexion": 55, "knee_flexion": 10, "ankle_dorsiflexion": 15, "neck_flexion": 20}
    total = anatomy.nerve_tension(model=model, **pose)
    parts = sum(anatomy.nerve_tension(model=model, **{k: v}) for k, v in pose.items())
    assert (abs(total - parts) < 1e-9).all()


def test_roots_are_pulled_by_the_most_tensioned_nerve_they_run_in(model):
    """A slack nerve neither pulls nor dilutes: L4, mostly in the femoral nerve, is pulled by
    the prone knee bend like L2 and L3 (Harrison's Table 48-1, Suri 2010: the femoral stretch
    tests L2 to L4), and by the straight-leg raise through its minor share only."""
    slr = anatomy.root_tension(hip_flexion=60, model=model)
    assert slr["L5"] == slr["S1"] == pytest.approx(strain(model, hip_flexion=60))
    assert slr["L2"] == slr["L3"] == 0  # the femoral nerve is slack
    assert slr["L4"] == pytest.approx(slr["L5"] / 2)  # its minor share of the sciatic nerve
    assert slr["S2"] == pytest.approx(slr["L5"] / 2)  # S2: a minor share too
    assert "S3" not in slr.index  # the straight-leg raise does not test S3
    pkb = anatomy.root_tension(knee_flexion=110, model=model)
    assert pkb["L2"] == pkb["L3"] == pkb["L4"] > 0 == pkb["L5"]
    assert (anatomy.root_tension(model=model) == 0).all()


# --- when symptoms start ----------------------------------------------------------------------


def test_a_healthy_leg_never_turns_positive_anywhere_in_the_normal_ranges(model):
    ranges = tension.tables(model).ranges
    corners = itertools.product(*(ranges[a] for a in ANGLES))
    worst = 0.0
    for corner in corners:
        pose = dict(zip(ANGLES, corner, strict=True))
        worst = max(worst, anatomy.nerve_tension(model=model, **pose).max())
        worst = max(worst, anatomy.root_tension(model=model, **pose).max())
    assert worst < tension.HEALTHY_TOLERANCE
    assert anatomy.straight_leg_raise(model=model) is None
    assert anatomy.straight_leg_raise(None, ankle_dorsiflexion=20, neck_flexion=45) is None
    assert anatomy.prone_knee_bend(model=model) is None
    assert anatomy.slump(model=model) is None


@pytest.mark.parametrize("root", ["L5", "S1"])
@pytest.mark.parametrize("severity", [0.5, 0.7, 0.9, 1.0])
def test_an_irritated_l5_or_s1_root_turns_the_slr_positive_between_30_and_70(model, root, severity):
    angle = anatomy.straight_leg_raise(model.compress(root, severity=severity), model=model)
    assert angle is not None and 30 <= angle <= 70


def test_the_more_irritated_the_root_the_earlier_the_slr_turns_positive(model):
    angles = [
        anatomy.straight_leg_raise(model.compress("L5", severity=s), model=model)
        for s in (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
    ]
    assert all(b < a for a, b in itertools.pairwise(angles))
    assert anatomy.straight_leg_raise(model.compress("L5", severity=0.3), model=model) is None


def test_slr_threshold_with_l5_compression_is_lower_than_without(model):
    healthy = anatomy.straight_leg_raise(None, ankle_dorsiflexion=20, model=model)
    compressed = anatomy.straight_leg_raise(
        model.compress("L5", severity=0.8), ankle_dorsiflexion=20, model=model
    )
    assert healthy is None  # negative up to 90 degrees
    assert compressed is not None and compressed < 90


def test_pulling_the_foot_up_or_bending_the_neck_brings_symptoms_earlier(model):
    f = model.compress("S1", severity=0.7)
    plain = anatomy.straight_leg_raise(f, model=model)
    assert anatomy.straight_leg_raise(f, ankle_dorsiflexion=20, model=model) < plain
    assert anatomy.straight_leg_raise(f, neck_flexion=45, model=model) < plain


@pytest.mark.parametrize("root", ["L2", "L3"])
def test_upper_lumbar_roots_turn_the_prone_knee_bend_positive_not_the_slr(model, root):
    f = model.compress(root, severity=0.7)
    assert anatomy.straight_leg_raise(f, ankle_dorsiflexion=20, neck_flexion=45) is None
    angle = anatomy.prone_knee_bend(f, model=model)
    assert angle is not None and 60 <= angle <= 110
    assert anatomy.prone_knee_bend(f, hip_flexion=-15, model=model) < angle


def test_l4_turns_the_prone_knee_bend_positive_like_l2_and_l3(model):
    for severity in (0.5, 0.7, 0.9):
        l4 = anatomy.prone_knee_bend(model.compress("L4", severity=severity), model=model)
        l3 = anatomy.prone_knee_bend(model.compress("L3", severity=severity), model=model)
        assert l4 == l3 is not None
    # The straight-leg raise reaches L4 only through its minor share of the sciatic nerve.
    assert anatomy.straight_leg_raise(model.compress("L4", severity=0.7), model=model) is None
    assert anatomy.straight_leg_raise(model.compress("L5", severity=0.7), model=model) < 70


def test_the_straight_leg_raise_tests_l4_to_s1_not_s3(model):
    """Suri 2010 (Table 1), Harrison's footnote: the raise is a test of L5 and S1 (L4 too)."""
    for severity in (0.5, 0.7, 1.0):
        f = model.compress("S3", severity=severity)
        assert anatomy.straight_leg_raise(f, model=model) is None
        assert neurodynamic.onset(f, model=model) is None


def test_pain_beyond_70_degrees_is_not_a_positive_raise(model):
    """Pesonen 2021: positive between 30 and 70 degrees; beyond, tightness is normal."""
    f = model.compress("L4", severity=0.9)  # first hurts at about 73 degrees
    found = neurodynamic.onset(f, "straight_leg_raise", model=model)
    assert found is not None and found[0] > 70
    assert neurodynamic.verdict("straight_leg_raise", found) == "not positive"
    assert anatomy.straight_leg_raise(f, model=model) is None
    assert "not positive" in tension_tables.neurodynamic_table(model, {"L4": f}).iloc[0, 1]


def test_the_crossed_straight_leg_raise_is_uncommon_and_specific(model):
    """Devillé 2000: sensitivity 0.29, specificity 0.88. Only the most irritable roots turn it
    positive, and a nerve caught in the leg never does."""
    assert neurodynamic.crossed_straight_leg_raise(model.compress("L5", severity=0.6)) is None
    severe = model.compress("L5", severity=0.95)
    crossed = neurodynamic.crossed_straight_leg_raise(severe, model=model)
    assert crossed is not None and crossed > anatomy.straight_leg_raise(severe, model=model)
    sciatic = model.compress_nerve("sciatic", site="piriformis", severity=1.0)
    assert neurodynamic.crossed_straight_leg_raise(sciatic, model=model) is None
    assert anatomy.straight_leg_raise(sciatic, model=model) is not None


def test_the_raise_angle_tells_irritability_not_the_deficit(model):
    """An irritable root hurts early whether or not it has lost function yet."""
    angles = [
        anatomy.straight_leg_raise(model.compress("S1", severity=s), model=model)
        for s in (0.5, 0.7, 0.9)
    ]
    assert angles == sorted(angles, reverse=True)


def test_l5_leaves_the_prone_knee_bend_negative(model):
    assert anatomy.prone_knee_bend(model.compress("L5", severity=1.0), model=model) is None


def test_a_disc_lesion_sensitises_the_roots_it_meets(model):
    para = model.compress_disc("L4-L5", zone="paracentral", severity=0.8)  # L5
    fora = model.compress_disc("L4-L5", zone="foraminal", severity=0.8)  # L4
    assert anatomy.straight_leg_raise(para, model=model) == anatomy.straight_leg_raise(
        model.compress("L5", severity=0.8), model=model
    )
    assert anatomy.straight_leg_raise(fora, model=model) is None
    assert anatomy.prone_knee_bend(fora, model=model) is not None


def test_a_nerve_lesion_sensitises_that_nerve(model):
    piriformis = model.compress_nerve("sciatic", site="piriformis", severity=0.8)
    assert neurodynamic.onset(piriformis, model=model)[1] == "sciatic"
    tarsal = model.compress_nerve("tibial", site="tarsal_tunnel", severity=0.8)
    plain = anatomy.straight_leg_raise(tarsal, model=model)
    foot_up = anatomy.straight_leg_raise(tarsal, ankle_dorsiflexion=20, model=model)
    assert foot_up is not None and (plain is None or foot_up < plain)
    femoral = model.compress_nerve("femoral", site="inguinal_ligament", severity=0.8)
    assert anatomy.prone_knee_bend(femoral, model=model) is not None
    assert anatomy.straight_leg_raise(femoral, model=model) is None
    obturator = model.compress_nerve("obturator", severity=0.9)
    sens = tension.sensitisation(obturator, model=model)
    assert sens.structures == {} and sens.not_modelled == ("obturator",)


def test_a_painless_fibular_head_palsy_leaves_the_straight_leg_raise_negative(model):
    """A positive raise reproduces the patient's pain; the palsy at the fibular head has none
    (sites.csv: painless, foot_drop_painless), and the raise tests the L5 and S1 roots
    (Suri 2010, Table 1). So with a foot drop, a positive raise points to the root."""
    palsy = model.compress_nerve("common_fibular", site="fibular_head", severity=0.8)
    assert tension.sensitisation(palsy, model=model).structures == {}
    assert anatomy.straight_leg_raise(palsy, model=model) is None
    picture = [
        ("numbness", "dorsum_of_foot"),
        ("weakness", "tibialis_anterior"),
        ("weakness", "extensor_hallucis_longus"),
        ("normal", "patellar_reflex"),
        ("normal", "achilles_reflex"),
        ("positive", "straight_leg_raise"),
    ]
    ranked = model.localize(picture)
    first = set(ranked.loc[ranked["rank"] == 1, "lesion"])
    assert "L5" in first and "common_fibular @ fibular_head" not in first


def test_the_tested_side_counts_only_its_lesions(model):
    left = model.compress("L5", severity=0.8, side="left")
    assert anatomy.straight_leg_raise(left, side="right", model=model) is None
    assert anatomy.straight_leg_raise(left, side="left", model=model) is not None
    both = model.compress_disc("L4-L5", zone="central", severity=0.8)
    assert anatomy.straight_leg_raise(both, side="right", model=model) is not None


def test_slump_turns_positive_while_the_knee_straightens_and_the_neck_matters(model):
    f = model.compress("L5", severity=0.5)
    flexed = anatomy.slump(f, model=model)
    lifted = anatomy.slump(f, neck_flexion=0, model=model)
    assert 0 < lifted < flexed < 90  # knee flexion left when symptoms start
    # more sensitive than the straight-leg raise (MSD Manual)
    mild = model.compress("L5", severity=0.4)
    assert anatomy.slump(mild, model=model) is not None
    assert anatomy.straight_leg_raise(mild, model=model) is None


def test_symptoms_table_compares_pull_and_tolerance(model):
    table = tension.symptoms(model.compress("L5", severity=0.7), hip_flexion=60)
    row = table.set_index("structure").loc["L5"]
    assert row["tolerance_pct"] == pytest.approx(tension.tolerance(0.7), abs=0.01)
    assert bool(row["symptoms"]) is True
    assert tension.symptoms(None, hip_flexion=60, model=model).empty


def test_tolerance_falls_with_sensitisation(model):
    assert tension.tolerance(0) == tension.HEALTHY_TOLERANCE
    assert tension.tolerance(1) == pytest.approx(tension.HEALTHY_TOLERANCE / 5)
    with pytest.raises(ValueError, match=r"1\.5"):
        tension.tolerance(1.5)


def test_onset_is_where_the_pull_meets_the_tolerance(model):
    f = model.compress("L5", severity=0.6)
    angle, structure = neurodynamic.onset(f, "straight_leg_raise", model=model)
    assert structure == "L5"
    assert strain(model, hip_flexion=angle) == pytest.approx(tension.tolerance(0.6), abs=0.01)


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("angles", "error", "words"),
    [
        ({"hip_flexion": 130}, ValueError, ["hip flexion 130", "-15 to 125"]),
        ({"hip_flexion": -20}, ValueError, ["-20", "-15 to 125", "extension"]),
        ({"knee_flexion": -5}, ValueError, ["knee flexion -5", "0 to 130"]),
        ({"ankle_dorsiflexion": 30}, ValueError, ["30", "-50 to 20", "plantar flexion"]),
        ({"neck_flexion": 60}, ValueError, ["neck flexion 60", "-45 to 45"]),
        ({"knee_flexion": float("nan")}, ValueError, ["nan", "0 to 130"]),
        ({"hip_flexion": "a lot"}, TypeError, ["'a lot'", "-15 to 125"]),
        ({"hip_flexion": None}, TypeError, ["None", "number"]),
        ({"hip_flexion": True}, TypeError, ["True", "number"]),
    ],
)
def test_bad_angles_name_the_value_and_the_range(model, angles, error, words):
    with pytest.raises(error) as info:
        anatomy.nerve_tension(model=model, **angles)
    for word in words:
        assert word in str(info.value)


def test_other_bad_input_is_named(model):
    with pytest.raises(ValueError, match="elbow_flexion"):
        tension.check_angles(model, elbow_flexion=10)
    with pytest.raises(ValueError, match="neutral or extension"):
        anatomy.prone_knee_bend(hip_flexion=20, model=model)
    with pytest.raises(ValueError, match="middle"):
        anatomy.straight_leg_raise(side="middle", model=model)
    with pytest.raises(ValueError, match="straight_leg_raise"):
        neurodynamic.onset(None, "cartwheel", model=model)
    with pytest.raises(ValueError, match="moves hip_flexion"):
        neurodynamic.onset(None, "straight_leg_raise", model=model, hip_flexion=10)


# --- teaching tables -----------------------------------------------------------------------------


def test_pose_table_and_test_table_read_as_words(model):
    poses = tension_tables.pose_table(
        model,
        {"SLR 60°": {"hip_flexion": 60}, "sitting": {"hip_flexion": 90, "knee_flexion": 90}},
    ).set_index("pose")
    assert poses.loc["SLR 60°", "Femoral nerve"] == "slack"
    assert poses.loc["SLR 60°", "Sciatic nerve"].endswith("%")
    tests = tension_tables.neurodynamic_table(
        model, {"healthy": None, "L5": model.compress("L5", severity=0.8)}
    ).set_index("lesion")
    assert set(tests.loc["healthy"]) == {"negative"}
    assert tests.loc["L5", "straight-leg raise (hip flexion)"] == "positive at 43° (L5)"
    assert tests.loc["L5", "prone knee bend (knee flexion)"] == "negative"
    ladder = tension_tables.threshold_ladder(model, "L3", severities=(0.3, 0.8)).set_index("lesion")
    assert ladder.loc["L3 at 0.3", "prone knee bend (knee flexion)"] == "negative"
    assert ladder.loc["L3 at 0.8", "prone knee bend (knee flexion)"] == "positive at 68° (L3)"
    assert ladder.loc["L3 at 0.8", "grade"] == "severe"
    onsets = neurodynamic.onsets(model.compress("L3", severity=0.8), model=model)
    words = onset_sentences(model, onsets)
    assert words[0].startswith("Straight-leg raise: negative")
    assert words[-1].startswith("Prone knee bend: positive at 68°")


def test_teaching_tables_record_their_citations(model):
    log = CitationLog()
    tension_tables.pose_table(model, {"SLR": {"hip_flexion": 60}}, log=log)
    assert {"slr_root_strain", "nerve_stretch_blood_flow", "rom_leg"} <= set(log.ids)


# --- the data ------------------------------------------------------------------------------------


def load_error(tiny) -> DataError:
    data, sources, _ = tiny
    with pytest.raises(DataError) as info:
        anatomy.load_model(data, sources)
    return info.value


@pytest.mark.parametrize(
    ("file", "old", "new", "line", "column", "words"),
    [
        (
            "nerve_crossings.csv",
            "sciatic,hip,behind,40",
            "sciatic,hip,beside,40",
            2,
            "passes",
            "beside",
        ),
        ("nerve_crossings.csv", "behind,40,0.5", "behind,-40,0.5", 2, "moment_arm_mm", "-40"),
        ("nerve_crossings.csv", "behind,35,0.5", "behind,35,1.5", 3, "glide", "1.5"),
        ("nerve_crossings.csv", "sciatic,knee", "sciatic,elbow", 3, "joint", "elbow"),
        ("nerve_crossings.csv", "sciatic,knee", "femoral,knee", 3, "nerve", "femoral"),
        ("nerve_beds.csv", "sciatic,650", "sciatic,long", 2, "bed_mm", "long"),
        ("nerve_beds.csv", "sciatic,650", "big_toe,650", 2, "nerve", "big_toe"),
        ("joint_ranges.csv", "hip,Hip flexion,-15,125", "hip,Hip flexion,5,125", 2, "maximum", "5"),
        (
            "joint_ranges.csv",
            "knee,Knee flexion,0,130",
            "knee,Knee flexion,0,lots",
            3,
            "maximum",
            "lots",
        ),
        ("joint_ranges.csv", "neck_flexion,neck", "neck_bending,neck", 5, "angle", "neck_bending"),
        (
            "joint_ranges.csv",
            "extension,behind,c_ref",
            "extension,above,c_ref",
            2,
            "lengthened_side",
            "above",
        ),
        ("root_pull.csv", "L5,sciatic,main", "L5,sciatic,strong", 2, "share", "strong"),
        (
            "root_pull.csv",
            "L5,sciatic,main,c_ref",
            "L5,sciatic,main,c_nowhere",
            2,
            "citations",
            "c_nowhere",
        ),
    ],
)
def test_malformed_tension_rows_are_named_by_file_line_and_column(
    tiny, file, old, new, line, column, words
):
    _, _, edit = tiny
    edit(file, old, new)
    error = load_error(tiny)
    assert (error.file, error.line, error.column) == (file, line, column)
    assert words in str(error)


def test_a_root_is_pulled_only_by_a_nerve_it_joins(tiny):
    _, _, edit = tiny
    edit("links.csv", "L5,contributes_to,sciatic,main,,c_ref,\n", "")
    edit("links.csv", "L5,contributes_to,deep_fibular,main,,c_ref,\n", "")
    edit("links.csv", "L5,innervates,extensor_hallucis_longus,main,,c_ref,\n", "")
    error = load_error(tiny)
    assert (error.file, error.column) == ("root_pull.csv", "nerve")
    assert "contributes_to" in str(error)


def test_a_nerve_bed_must_cross_a_joint(tiny):
    _, _, edit = tiny
    bed = "sciatic,650,From the roots to the knee,c_ref,\n"
    edit("nerve_beds.csv", bed, bed + "deep_fibular,300,Down the shin,c_ref,\n")
    error = load_error(tiny)
    assert (error.file, error.line, error.column) == ("nerve_beds.csv", 3, "nerve")


def test_every_angle_needs_a_range(tiny):
    _, _, edit = tiny
    edit(
        "joint_ranges.csv",
        "neck_flexion,neck,Neck flexion,-45,45,flexion,extension,behind,c_ref,\n",
        "",
    )
    error = load_error(tiny)
    assert error.file == "joint_ranges.csv" and "neck_flexion" in str(error)


def test_the_model_stays_free_of_plotly_and_ipywidgets():
    code = (
        "import sys, anatomy; anatomy.nerve_tension(hip_flexion=40); "
        "print('plotly' in sys.modules, 'ipywidgets' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"


def test_the_knee_table_corrects_the_string(model):
    table = tension_tables.knee_table(model).set_index("pose")
    assert table.loc["knee bent 90°", "Sciatic nerve"] == "slack"
    assert table.loc["knee bent 90°", "Femoral nerve"] != "slack"
    assert table.loc["hip flexed 90°, knee straight", "Femoral nerve"] == "slack"
    assert table.loc["hip extended 15°, knee bent 120°", "Femoral nerve"] == "4.6%"
    roots = tension_tables.roots_table(model, ["L3", "L5"], severity=0.7).set_index("lesion")
    assert list(roots.index) == ["healthy leg", "L3 at 0.7", "L5 at 0.7"]
    assert roots.loc["L3 at 0.7", "straight-leg raise (hip flexion)"] == "negative"
    assert roots.loc["L5 at 0.7", "prone knee bend (knee flexion)"] == "negative"


def test_the_slump_does_not_count_at_the_end_of_range(model):
    """Johnson & Chiarello 1997: healthy people stop short of full knee extension in the
    slump; symptoms first felt in the last degrees are a normal response, not a positive
    test. A more irritable root still turns it positive earlier than the plain raise."""
    from anatomy.engine.neurodynamic import SLUMP_END_RANGE, onset, verdict

    mild = model.compress("L5", severity=0.3)
    found = onset(mild, "slump", model=model)
    assert found is not None and found[0] < SLUMP_END_RANGE
    assert verdict("slump", found) == "not positive"
    assert anatomy.slump(mild) is None
    moderate = model.compress("L5", severity=0.45)
    assert anatomy.slump(moderate) is not None and anatomy.straight_leg_raise(moderate) is None
