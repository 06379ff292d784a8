"""Shared fixtures: the real model, and a tiny valid data set to break on purpose."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from hypothesis import settings

import anatomy

# Property tests (tests/test_properties.py): a modest, fixed set of examples by default,
# so the suite is fast and a CI run is repeatable; HYPOTHESIS_PROFILE=explore searches
# far more widely, with fresh random examples each run.
settings.register_profile(
    "default", max_examples=60, deadline=None, derandomize=True, database=None
)
settings.register_profile("explore", max_examples=3000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

TINY_TEXT = "The L5 root goes down the leg to the big toe.\n"

# A minimal valid model: one root, its disc, a plexus, two nerves, a muscle, a region, and
# the sciatic nerve's bed for the tension model.
TINY = {
    "structures.csv": """id,kind,label,aliases,order,description
L4-L5,disc,L4-L5 disc,L4/L5,4,
L5-S1,disc,L5-S1 disc,,5,
L5,root,L5 nerve root,,5,
sacral_plexus,plexus,Sacral plexus,,,
sciatic,nerve,Sciatic nerve,,,
deep_fibular,nerve,Deep fibular nerve,,,
extensor_hallucis_longus,muscle,Extensor hallucis longus,EHL,,
big_toe,region,Big toe,,,
""",
    "links.csv": """source,relation,target,weight,position,citations,note
L5,exits_at,L5-S1,,,c_ref,
L5,traverses,L4-L5,,,c_ref,
L5,contributes_to,sacral_plexus,main,,c_ref,
L5,contributes_to,sciatic,main,,c_ref,
L5,contributes_to,deep_fibular,main,,c_ref,
sacral_plexus,branches_to,sciatic,,,c_ref,
sciatic,branches_to,deep_fibular,,70,c_ref,
deep_fibular,innervates,extensor_hallucis_longus,,40,c_ref,
L5,innervates,extensor_hallucis_longus,main,,c_ref,
L5,supplies_skin,big_toe,main,,c_quote,
""",
    "citations.csv": """id,source,quote,statement,locator,verdict,note,note_sources
c_quote,tiny_text,The L5 root goes down the leg,,line 1,accurate,,
c_ref,tiny_ref,,The L5 root supplies the big toe.,Table 1,,,
""",
    "sites.csv": """nerve,site,label,position,painful,aliases,also,partial,citations,note
sciatic,piriformis,Sciatic nerve under piriformis,10,yes,buttock,,,c_ref,
""",
    "zones.csv": """zone,aliases,meets,lower_roots,default_side,citations,note
central,midline,traverses,yes,both,c_ref,
paracentral,subarticular,traverses,no,left,c_ref,
foraminal,,exits_at,no,left,c_ref,
""",
    "cases.csv": """id,title,lesions,side,severity,citations,teaching
toe,A big toe case,root:L5,left,0.5,c_quote,Numb big toe.
""",
    "look_alikes.csv": """a,b,distinguished_by,citations,note
L5,sciatic @ piriformis,numbness:big_toe,c_ref,Only in name here.
""",
    "joint_ranges.csv": (
        "angle,joint,label,minimum,maximum,positive,negative,lengthened_side,citations,note\n"
    )
    + """hip_flexion,hip,Hip flexion,-15,125,flexion,extension,behind,c_ref,
knee_flexion,knee,Knee flexion,0,130,flexion,extension,in front,c_ref,
ankle_dorsiflexion,ankle,Ankle dorsiflexion,-50,20,dorsiflexion,plantar flexion,behind,c_ref,
neck_flexion,neck,Neck flexion,-45,45,flexion,extension,behind,c_ref,
""",
    "nerve_beds.csv": """nerve,bed_mm,course,citations,note
sciatic,650,From the roots to the knee,c_ref,
""",
    "nerve_crossings.csv": """nerve,joint,passes,moment_arm_mm,glide,citations,note
sciatic,hip,behind,40,0.5,c_ref,
sciatic,knee,behind,35,0.5,c_ref,
""",
    "root_pull.csv": """root,nerve,share,citations,note
L5,sciatic,main,c_ref,
""",
    "red_flags.csv": """id,text,any_of,both_sides,citations,unless,note
weak_both,Weakness in both legs,weakness:*,yes,c_ref,,
""",
    "base_rates.csv": """lesion,rate,citations,note
L5,common,c_ref,
""",
}


def tiny_sources(text: str = TINY_TEXT) -> str:
    digest = hashlib.sha256(text.encode()).hexdigest()
    return (
        "id,kind,title,publisher,year,doi,url,file,sha256,note\n"
        f"tiny_text,text,A tiny text,,,,,tiny.txt,{digest},\n"
        "tiny_ref,reference,A tiny reference,A publisher,2020,10.1000/tiny.1,,,,\n"
    )


@pytest.fixture(scope="session")
def model():
    """The real, shipped model."""
    return anatomy.load_model()


@pytest.fixture
def tiny(tmp_path: Path):
    """Write the tiny data set and return (data_dir, sources_dir, edit).

    ``edit(file, old, new)`` replaces text in one of the tables.
    """
    data = tmp_path / "data"
    sources = tmp_path / "sources"
    data.mkdir()
    sources.mkdir()
    for name, text in TINY.items():
        (data / name).write_text(text)
    (sources / "sources.csv").write_text(tiny_sources())
    (sources / "tiny.txt").write_text(TINY_TEXT)

    def edit(file: str, old: str, new: str) -> None:
        path = (sources if file in ("sources.csv", "tiny.txt") else data) / file
        text = path.read_text()
        assert old in text, f"fixture has no {old!r} in {file}"
        path.write_text(text.replace(old, new, 1))

    return data, sources, edit


def pytest_collection_modifyitems(items):
    """Mark every test by kind: ``browser`` (tests/browser), ``notebooks`` (nbval cells),
    ``packaging`` (a wheel installed into a fresh venv), or ``unit``. So the quick inner
    loop is ``bash dev.sh test -m unit``."""
    for item in items:
        path = str(item.path)
        if "/tests/browser/" in path:
            item.add_marker(pytest.mark.browser)
        elif path.endswith(".ipynb"):
            item.add_marker(pytest.mark.notebooks)
        elif item.get_closest_marker("packaging") is None:
            item.add_marker(pytest.mark.unit)
