"""The shipped sources are verbatim, every quote is in them, every claim is represented."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from anatomy.model.tables import sources_dir

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

# Every anatomical claim of the two texts, by the citation that quotes it.
CLAIMS = {
    "the lumbar nerves reaching the knee": ["bk_lumbar_nerves_knee", "bk_compression_signs"],
    "sitting and disc herniation": ["bk_sitting", "bk_degeneration"],
    "tight hamstrings": ["bk_hamstrings_tight", "bk_hamstrings_posture"],
    "L5 and the biceps femoris": ["bk_l5_biceps"],
    "the quadriceps and its lumbar nerves": ["bk_quadriceps_role", "bk_quadriceps_nerves"],
    "weak foot muscles, flat arches and bunions": [
        "bk_foot_muscles",
        "bk_flat_arch_bunion",
        "bk_bunion_spurs",
        "bk_knee_compensation",
    ],
    "the sciatic nerve, its course and causes of compression": [
        "bk_sciatic_course",
        "bk_sciatic_pain",
        "bk_sciatic_causes",
    ],
    "the L2-3 / L3-4 herniation and knee pain": ["bk_disc_l2_l4", "bk_disc_rupture"],
    "second text: the pelvis": ["ak_pelvic_bridge"],
    "second text: the sciatic course": ["ak_sciatic_course", "ak_string_to_knee"],
    "second text: misalignment": ["ak_misalignment"],
    "second text: nerve tension": ["ak_nerve_tension", "ak_radiating", "ak_string"],
    "second text: stretching, range of motion, hamstring stretches": [
        "ak_stretch_irritates",
        "ak_range_of_motion",
        "ak_hamstring_stretch",
    ],
}


def test_source_files_are_the_seeds_verbatim(model):
    texts = model.sources[model.sources["kind"] == "text"]
    assert len(texts) == 2
    for _, row in texts.iterrows():
        data = (sources_dir() / row["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == row["sha256"]
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    seeds = {hashlib.sha256(p.read_bytes()).hexdigest() for p in SEEDS.iterdir()}
    assert set(texts["sha256"]) == seeds


def test_askvity_row_names_its_title_and_publisher(model):
    row = model.sources.set_index("id").loc["askvity_bend_knee"]
    assert row["title"] == "Why Does My Lower Back Hurt When I Bend My Knee?"
    assert row["publisher"] == "askvity"
    first = model.sources.set_index("id").loc["back_knee_article"]
    assert "title given by this project" in first["title"]


def test_every_quote_is_verbatim(model):
    quotes = model.citations[model.citations["quote"] != ""]
    assert len(quotes) >= 20
    for _, row in quotes.iterrows():
        assert row["quote"] in model.texts[row["source"]], row["id"]


def test_every_claim_is_quoted_and_used(model):
    used = set()
    for table in (model.links, model.sites, model.cases):
        for cell in table["citations"]:
            used.update(c.strip() for c in cell.split(";"))
    ids = set(model.citations["id"])
    for claim, cites in CLAIMS.items():
        for cid in cites:
            assert cid in ids, f"{claim}: no citation {cid}"
            assert cid in used, f"{claim}: {cid} is not used by any link, site or case"


def test_every_source_quote_is_used_somewhere(model):
    used = set()
    for table in (model.links, model.sites, model.cases):
        for cell in table["citations"]:
            used.update(c.strip() for c in cell.split(";"))
    quotes = set(model.citations.loc[model.citations["quote"] != "", "id"])
    assert quotes <= used, sorted(quotes - used)


def test_corrections_name_their_references(model):
    needing = model.citations[model.citations["verdict"].isin(["imprecise", "incorrect"])]
    assert len(needing) >= 10
    for _, row in needing.iterrows():
        assert row["note"], row["id"]
        assert row["note_sources"], f"{row['id']}: a correction should name its reference"


def test_disagreements_are_kept_as_weights(model):
    links = model.links.set_index(["source", "relation", "target"])
    ta = links.loc[
        [("L4", "innervates", "tibialis_anterior"), ("L5", "innervates", "tibialis_anterior")]
    ]
    assert set(ta["weight"]) == {"main"}
    assert "ISNCSCI" in ta["note"].iloc[0] and "Harrison" in ta["note"].iloc[0]
    patellar = links.xs(("tested_by", "patellar_reflex"), level=(1, 2))["weight"].to_dict()
    patellar.pop("femoral")  # the nerve it runs through, not a root
    # Harrison gives L4, Gray's L3-L4; L2 adds little (the knee jerk is carried by L3 and L4)
    assert patellar == {"L3": "main", "L4": "main"}
