"""Set-up files agree: the lock and pyproject's ranges, Binder's environment, the README.

pyproject.toml names ranges (a library must not pin); requirements/lock.txt is the
one exact set, installed by dev.sh and mirrored for Binder by environment.yml.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from importlib.metadata import distributions
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
REQUIREMENTS = ROOT / "requirements"


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def requirements(extra: str | None = None) -> list[Requirement]:
    specs = (
        project()["dependencies"] if extra is None else project()["optional-dependencies"][extra]
    )
    return [Requirement(spec) for spec in specs]


def pinned(path: Path) -> dict[str, str]:
    """name -> version of every ``name==version`` line of a requirements file."""
    pins = {}
    for line in path.read_text().splitlines():
        found = re.match(r"^([A-Za-z0-9_.-]+)==(\S+)", line)
        if found:
            pins[canonicalize_name(found[1])] = found[2]
    return pins


def lock() -> dict[str, str]:
    return pinned(REQUIREMENTS / "lock.txt")


def test_library_dependencies_are_ranges_and_applications_are_an_extra():
    names = {canonicalize_name(r.name) for r in requirements()}
    assert names == {"pandas", "plotly", "ipywidgets", "anywidget"}
    for req in requirements():
        operators = {spec.operator for spec in req.specifier}
        assert operators == {">=", "<"}, f"{req} is not a range with both ends"
    lab = {canonicalize_name(r.name) for r in requirements("lab")}
    assert lab == {"jupyterlab", "voila"}
    assert not lab & names, "no application among the library's own dependencies"


def test_the_lock_satisfies_every_requirement_and_its_constraints():
    versions = lock()
    for extra in (None, "lab", "test"):
        for req in requirements(extra):
            name = canonicalize_name(req.name)
            assert name in versions, f"{req} is not in the lock"
            assert req.specifier.contains(versions[name], prereleases=True), (
                f"the lock has {name} {versions[name]}, outside {req}"
            )
    for line in (REQUIREMENTS / "lock-constraints.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            req = Requirement(line)
            assert req.specifier.contains(versions[canonicalize_name(req.name)]), line
    # jsonschema below 4.25 does not pull the grammar every kernel paid for at import.
    assert "rfc3987-syntax" not in versions and "lark" not in versions


def test_this_environment_is_the_lock():
    """The development venv holds exactly the lock (plus the project, pip, setuptools)."""
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in distributions()}
    extra = set(installed) - set(lock()) - {"back-to-knee-atlas", "pip", "setuptools"}
    assert not extra, f"installed but not in the lock: {sorted(extra)}"
    differ = {n: (v, installed.get(n)) for n, v in lock().items() if installed.get(n) != v}
    assert not differ, f"lock version, installed version: {differ}"


def test_lower_bounds_are_pyprojects_lower_bounds():
    lower = pinned(REQUIREMENTS / "lower-bounds.txt")
    expected = {}
    for req in requirements():
        [floor] = [spec.version for spec in req.specifier if spec.operator == ">="]
        expected[canonicalize_name(req.name)] = floor
    assert lower.keys() == expected.keys()
    for name, version in lower.items():
        assert Version(version) == Version(expected[name]), (
            f"{name}: pyproject's lower bound is {expected[name]}, the constraints say {version}"
        )


def test_environment_yml_is_runtime_only_and_pinned_to_the_lock():
    """Binder's environment parses in conda's grammar, uses conda-forge, and holds the
    course's libraries, JupyterLab and Voila at the lock's versions; no test tool."""
    from rattler import MatchSpec

    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge", "nodefaults"]
    pins = {}
    for spec in env["dependencies"]:
        assert isinstance(spec, str), f"{spec!r}: nothing from PyPI on Binder"
        assert re.fullmatch(r"[a-z0-9][a-z0-9_.-]*(==?[0-9][0-9.]*)?", spec), spec
        match = MatchSpec(spec)  # conda's own grammar, from rattler
        pins[match.name.normalized] = str(match.version) if match.version else None
    assert pins.pop("python") == "3.11.*"
    assert pins.pop("pip") is None
    runtime = {canonicalize_name(r.name) for r in requirements() + requirements("lab")}
    assert set(pins) == runtime | {"jsonschema"}
    test_only = {canonicalize_name(r.name) for r in requirements("test")}
    assert not set(pins) & test_only
    assert pins == {name: f"=={lock()[name]}" for name in pins}


def test_binder_builds_environment_yml_then_runs_postbuild():
    """repo2docker's dry run (no Docker needed): the Dockerfile Binder would build."""
    repo2docker = Path(sys.executable).parent / "repo2docker"
    out = subprocess.run(
        [str(repo2docker), "--no-build", "--no-run", "--debug", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    dockerfile = out.stdout + out.stderr
    assert "Building conda environment for python=3.11" in dockerfile
    assert "COPY --chown=0:0 src/environment.yml" in dockerfile
    assert 'env update -p ${NB_PYTHON_PREFIX} --file "environment.yml"' in dockerfile
    assert "RUN ./postBuild" in dockerfile
    assert "requirements.txt" not in dockerfile, "Binder installs environment.yml only"


def test_myst_site_lists_the_course_in_order():
    site = yaml.safe_load((ROOT / "myst.yml").read_text())
    files = [entry["file"] for entry in site["project"]["toc"]]
    notebooks = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert files == ["README.md", *notebooks]
    assert site["project"]["license"] == {"content": "CC-BY-4.0", "code": "BSD-3-Clause"}
    assert site["site"]["template"] == "book-theme"


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
