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
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"][0] == "conda-forge"
    conda = {}
    for spec in env["dependencies"]:
        assert isinstance(spec, str), f"unexpected entry {spec!r}"
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)(?:=([0-9][0-9A-Za-z.*]*))?", spec)
        assert match, f"not a valid conda spec: {spec!r}"
        conda[match.group(1).lower()] = match.group(2)
    assert conda.pop("python") == "3.11"
    assert conda.pop("pip") is None
    assert conda == pyproject_pins()


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
