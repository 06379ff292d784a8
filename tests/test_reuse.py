"""Reuse and citation: the licences, the NOTICE on the two third-party texts, CITATION.cff,
the version in one place, and the references' identifiers."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

import anatomy
from anatomy.text.citations import reference_line

ROOT = Path(__file__).resolve().parents[1]


def test_the_code_and_the_course_have_licences():
    assert (ROOT / "LICENSE").read_text().startswith("BSD 3-Clause License")
    course = (ROOT / "LICENSE-COURSE").read_text()
    assert "Creative Commons Attribution 4.0 International" in course
    assert "https://creativecommons.org/licenses/by/4.0/legalcode" in course
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == "BSD-3-Clause"
    assert set(project["license-files"]) == {"LICENSE", "NOTICE"}


def test_the_notice_names_every_shipped_text_as_third_party(model):
    notice = (ROOT / "NOTICE").read_text()
    texts = model.sources[model.sources["kind"] == "text"]
    assert len(texts) == 2
    for file in texts["file"]:
        assert f"anatomy/data/sources/{file}" in notice
    assert "not under either licence" in notice
    assert "teach" in notice and "comment" in notice


def test_citation_cff_is_valid_and_keeps_the_version_in_one_place():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert cff["cff-version"] == "1.2.0"
    assert {"message", "title", "authors", "type"} <= set(cff)
    assert cff["license"] == ["BSD-3-Clause", "CC-BY-4.0"]
    assert "version" not in cff, "the version lives in anatomy.__version__ only"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert "version" not in project and project["dynamic"] == ["version"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", anatomy.__version__)


def test_the_readme_says_how_to_cite_and_reuse():
    readme = (ROOT / "README.md").read_text()
    assert "CITATION.cff" in readme and "LICENSE-COURSE" in readme and "NOTICE" in readme


def test_references_carry_the_dois_and_addresses_found(model):
    sources = model.sources.set_index("id")
    assert sources.loc["suri_exam_bias", "doi"] == "10.1186/1471-2474-11-275"
    assert reference_line(model, "suri_exam_bias").startswith("Suri P, Hunter DJ, Katz JN")
    assert reference_line(model, "coppieters_slr_strain").endswith("doi:10.1002/jor.20210")
    assert reference_line(model, "smith_slr_roots").endswith(
        "https://pubmed.ncbi.nlm.nih.gov/8367787/"
    )
    with_doi = sources[sources["doi"] != ""]
    assert len(with_doi) >= 8
    assert (with_doi["url"] == "").all(), "a DOI is the address; no second one"
