"""The teaching helpers the notebooks call."""

from __future__ import annotations

import pytest

from anatomy import course


@pytest.fixture
def lesson(model):
    return course.Lesson(model)


def test_root_table_says_where_each_root_leaves_and_what_it_crosses(lesson):
    table = lesson.root_table().set_index("root")
    assert table.loc["L4", "leaves the spine"] == "the L4-L5 foramen"
    assert table.loc["L5", "crosses the disc"] == "L4-L5"
    assert table.loc["L5", "key muscle (ISNCSCI)"] == "Extensor hallucis longus"
    assert table.loc["S1", "reflex"] == "Achilles reflex"  # the medial hamstring reflex is L5
    assert table.loc["L5", "reflex"] == "Medial hamstring reflex"


def test_zone_table_applies_the_rule_at_every_level(lesson):
    table = lesson.zone_table().set_index("disc")
    assert table.loc["L4-L5", "paracentral"] == "L5"
    assert table.loc["L4-L5", "foraminal"] == "L4"
    assert table.loc["L5-S1", "central"] == "S1, S2, S3, S4"  # when large
    # The conus: its sacral segments and the epiconus (L5 a minor share).
    assert table.loc["T12-L1", "central"] == "L5, S1, S2, S3, S4"


def test_knee_roots(lesson):
    table = lesson.knee_roots().set_index("root")
    assert {"L3", "L4", "S2"} <= set(table.index)
    assert "L5" not in table.index and "S1" not in table.index
    assert "knee jerk" in table.loc["L4", "how it reaches the knee"]


def test_nerve_and_muscle_tables(lesson):
    nerves = lesson.nerve_table().set_index("nerve")
    assert nerves.loc["Femoral nerve", "roots"] == "L2, L3, L4"
    assert nerves.loc["Deep fibular nerve", "from"] == "Common fibular nerve"
    muscles = lesson.muscle_table().set_index("muscle")
    assert muscles.loc["Tibialis anterior", "main roots"] == "L4, L5"
    assert muscles.loc["Abductor hallucis", "minor roots"] == "L5, S2"


def test_severity_ladder_adds_effects_in_order(lesson):
    ladder = lesson.severity_ladder("L5").set_index("grade")
    assert ladder.loc["mild", "numbness"] == "none"
    assert "top of the foot" in ladder.loc["moderate", "numbness"]
    assert ladder.loc["moderate", "weakness"] == "none"
    assert "gluteus medius" in ladder.loc["severe", "weakness"]


def test_compare_says_what_tells_look_alikes_apart(model, lesson):
    table = lesson.compare(
        model.compress("L5", severity=0.9),
        model.compress_nerve("common_fibular", site="fibular_head", severity=0.9),
    ).set_index(["structure", "effect"])
    assert table.loc[("Gluteus medius", "weakness"), "differs"] == "only L5 root, 0.9"
    assert table.loc[("Tibialis posterior", "weakness"), "differs"] == "only L5 root, 0.9"
    assert table.loc[("Tibialis anterior", "weakness"), "differs"] == ""


def test_case_card_quotes_corrects_and_shows_the_model(lesson):
    card = lesson.case_card("tight_hamstrings_l5")
    assert "the L5 lumbar nerve through the lateral hamstring muscle" in card.text
    assert "Correction (imprecise)" in card.text
    assert "In the model: L5 root, left side, severity 0.6 (moderate)" in card.text
    assert "<blockquote>" in card._repr_html_()
    with pytest.raises(ValueError, match="office_worker"):
        lesson.case_card("nope")


def test_references_list_only_what_the_lesson_showed(model):
    lesson = course.Lesson(model)
    assert str(lesson.references()) == ""
    model.compress("S1", severity=0.9)  # computed, not shown: not a reference
    assert str(lesson.references()) == ""
    lesson.summary(model.compress("S1", severity=0.9))
    text = str(lesson.references())
    assert "Harrison's" in text and "ISNCSCI" in text
    assert "Wilke" not in text
    lesson.case_card("office_worker")
    assert "Wilke" in str(lesson.references())


def test_two_lessons_keep_separate_references(model):
    one, two = course.Lesson(model), course.Lesson(model)
    one.case_card("office_worker")
    assert "Wilke" in str(one.references()) and str(two.references()) == ""


def test_widgets_made_by_a_lesson_record_what_they_show(model):
    lesson = course.Lesson(model)
    explorer = lesson.explore()
    explorer.select_case("office_worker")
    assert "wilke_sitting" in lesson.log
    assert set(explorer.findings.citation_ids) <= set(lesson.log.ids)


def test_a_lesson_needs_the_model():
    with pytest.raises(TypeError, match=r"anatomy\.load_model"):
        course.Lesson("model")


def test_the_model_keeps_no_citation_log(model):
    model.compress("L5", severity=0.9)
    assert not hasattr(model, "used_citations") and not hasattr(model, "note_citations")
    assert set(vars(model)) <= {*model.__dataclass_fields__, "_index"}


def test_quote_shows_a_fact_with_its_reference_and_a_passage_with_its_correction(lesson):
    card = lesson.quote("dermatome_overlap", "radicular_pain_non_dermatomal", title="Maps")
    assert card.text.startswith("Maps\n====")
    assert "neighbouring dermatomes overlap" in card.text and "Lee" in card.text
    assert "64% were non-dermatomal" in card.text and "Murphy" in card.text
    assert {"dermatome_overlap", "radicular_pain_non_dermatomal"} <= set(lesson.log.ids)
    text_id = lesson.model.citations.query("note != ''").id.iloc[0]
    assert "Note" in str(lesson.quote(text_id)) or "Correction" in str(lesson.quote(text_id))
    with pytest.raises(ValueError, match="at least one citation"):
        lesson.quote()
    with pytest.raises(ValueError, match="nope"):
        lesson.quote("nope")


def test_central_ladder_reaches_the_sacral_roots_only_when_large(lesson):
    """Gardner 2011: a small central bulge does not cause cauda equina syndrome; a large
    central herniation does (bilateral signs, sphincters)."""
    table = lesson.central_ladder("L4-L5", severities=(0.3, 0.9)).set_index("severity")
    assert table.loc[0.3, "roots pressed"] == "L5, S1"
    assert table.loc[0.3, "red flags"] == "none"
    assert "S4" in table.loc[0.9, "roots pressed"]
    assert "bladder or bowel dysfunction" in table.loc[0.9, "what is found"]
    assert "cauda equina" in table.loc[0.9, "red flags"]
    assert "ces_cause" in lesson.log


def test_red_flag_table_lists_every_rule_of_the_data(lesson):
    table = lesson.red_flag_table()
    assert len(table) == len(lesson.model.red_flags)
    row = table.set_index("red flag").loc["cauda equina"]
    # Gardner 2011: saddle numbness may start on one side: one side is enough.
    assert row["on both sides"] == "no" and "saddle area" in row["raised by"]
    assert "harrison_cauda_equina" in lesson.log


def test_case_card_says_a_red_flag_in_words(lesson):
    card = lesson.case_card("cauda_equina")
    assert "RED FLAG: Numbness or tingling of the saddle area" in card.text
    assert 'role="alert"' in card.html
    assert "RED FLAG" not in lesson.case_card("office_worker").text


def test_evidence_weights_are_the_weights_localize_uses(lesson):
    from anatomy.engine.localize import EVIDENCE

    table = lesson.evidence_weights().set_index("finding")
    assert table.loc["weakness", "found and explained (or missed)"] == EVIDENCE["weakness"]
    assert table.loc["pain", "predicted but examined normal"] == 0
    assert list(table["objective sign"]).count("yes") == 3
    assert len(table) == len(EVIDENCE)
