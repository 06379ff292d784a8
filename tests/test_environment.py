"""Set-up files agree: pyproject pins, environment.yml for Binder, the README's commands."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def pyproject_pins() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = project["dependencies"] + [
        spec for extra in project["optional-dependencies"].values() for spec in extra
    ]
    pins = {}
    for spec in specs:
        name, sep, version = spec.partition("==")
        assert sep, f"{spec!r} is not pinned with =="
        pins[name.lower()] = version
    return pins


def test_environment_yml_matches_pyproject():
    """Binder's environment parses, uses conda-forge, has valid exact specs, matches the pins."""
    from rattler import MatchSpec

    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge", "nodefaults"]
    pins, pip = {}, []
    for spec in env["dependencies"]:
        if isinstance(spec, dict):
            assert list(spec) == ["pip"], spec
            pip = spec["pip"]
            continue
        assert re.fullmatch(r"[a-z0-9][a-z0-9_.-]*(==?[0-9][0-9.]*)?", spec), spec
        match = MatchSpec(spec)  # conda's own grammar, from rattler
        pins[match.name.normalized] = str(match.version) if match.version else None
    assert pins.pop("python") == "3.11.*"
    assert pins.pop("pip") is None
    for spec in pip:
        name, sep, version = spec.partition("==")
        assert sep and re.fullmatch(r"[0-9][0-9.]*", version), spec
        pins[name.lower()] = f"=={version}"
    assert pins == {name: f"=={version}" for name, version in pyproject_pins().items()}


def test_installed_versions_are_the_pins():
    from importlib.metadata import version

    for name, pin in pyproject_pins().items():
        assert version(name) == pin, name


def test_readme_has_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text()
    commands = re.findall(r"^bash dev\.sh \w+$", readme, flags=re.M)
    assert sorted(set(commands)) == ["bash dev.sh start", "bash dev.sh test"]
    assert "bash dev.sh test" in (ROOT / ".ci" / "run").read_text().splitlines()


def test_model_import_path_stays_free_of_plotting_and_widgets():
    code = (
        "import sys, anatomy; m = anatomy.load_model(); m.compress('L5', severity=0.9); "
        "print(sorted(n for n in ('plotly', 'ipywidgets', 'anywidget') if n in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_binder_badges_share_one_address_and_open_real_files():
    readme = (ROOT / "README.md").read_text()
    badges = re.findall(
        r"https://mybinder\.org/v2/gh/([\w.-]+/[\w.-]+)/HEAD\?urlpath=([\w/.]+)", readme
    )
    assert len(badges) == 2
    assert len({repo for repo, _ in badges}) == 1, "one repository address"
    lines = [line for line in readme.splitlines() if "mybinder.org/v2/gh/" in line]
    assert len(lines) == 1, "the address lives on one line"
    targets = dict((path.split("/")[0], path) for _, path in badges)
    assert targets["lab"] == "lab/tree/notebooks/00_start_here.ipynb"
    assert targets["voila"] == "voila/render/notebooks/lecture.ipynb"
    for path in targets.values():
        assert (ROOT / path.split("/", 2)[2]).is_file()
    postbuild = (ROOT / "postBuild").read_text()
    assert "pip install --no-deps -e ." in postbuild and "overrides.json" in postbuild
