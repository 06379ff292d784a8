"""A normal install works, at the lowest versions it allows: the wheel, installed with its
dependencies into a fresh venv outside the checkout under the lower-bound constraints
(requirements/lower-bounds.txt), loads the model, compresses a root, draws the map, runs
the command line and passes the unit tests.

pip's cache keeps the second run quick (about a minute here, the unit tests included).
"""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LOWER = ROOT / "requirements" / "lower-bounds.txt"
pytestmark = pytest.mark.packaging


def run(args, cwd, timeout=900) -> subprocess.CompletedProcess:
    out = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert out.returncode == 0, f"{args}\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}"
    return out


@pytest.fixture(scope="session")
def installed(tmp_path_factory) -> Path:
    """A fresh venv (outside the checkout) with the wheel, its dependencies at their lower
    bounds, and what the unit tests use (pytest, pyyaml, hypothesis): its python."""
    where = tmp_path_factory.mktemp("wheel")
    run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(where), str(ROOT)], ROOT
    )
    [wheel] = where.glob("back_to_knee_atlas-*.whl")
    env = where / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    install = [str(python), "-m", "pip", "install", "-q", "-c", str(LOWER), str(wheel)]
    run([*install, "pytest", "pyyaml", "hypothesis"], where)
    return python


def python_c(installed: Path, *lines: str) -> str:
    """Run some Python in the installed venv, outside the checkout; its output."""
    return run([str(installed), "-c", "; ".join(lines)], installed.parents[2]).stdout


def test_the_dependencies_are_at_their_lower_bounds(installed):
    out = python_c(
        installed,
        "from importlib.metadata import version",
        "print(' '.join(f'{n}=={version(n)}' for n in "
        "('pandas', 'plotly', 'ipywidgets', 'anywidget')))",
    )
    pins = [line for line in LOWER.read_text().splitlines() if line and not line.startswith("#")]
    assert out.split() == pins


def test_the_unit_tests_pass_on_the_lower_bounds(installed):
    """The checkout's unit tests, importing the installed wheel (run from outside the
    checkout, so ``anatomy`` is the wheel's). Left out: the browser tests (no browser
    here) and test_environment.py, which checks the development venv against the lock."""
    tests = ROOT / "tests"
    command = [str(installed), "-m", "pytest", str(tests), "-m", "unit", "-q"]
    command += ["-p", "no:cacheprovider", "--ignore", str(tests / "browser")]
    command += ["--ignore", str(tests / "test_environment.py")]
    out = run(command, installed.parents[2])
    assert " passed" in out.stdout.splitlines()[-1] and "failed" not in out.stdout


def test_the_wheel_carries_its_data_and_its_version(installed):
    out = python_c(
        installed,
        "import anatomy, pathlib",
        "from importlib.metadata import version",
        "m = anatomy.load_model()",
        "f = m.compress('L5', severity=0.9)",
        "assert 'dorsum_of_foot' in f.affected('numbness')",
        "print(pathlib.Path(anatomy.__file__).parent.name, len(m.texts))",
        "print(anatomy.__file__)",
        "print(version('back-to-knee-atlas') == anatomy.__version__)",
    )
    name_and_texts, where, same_version = out.splitlines()
    assert name_and_texts.split() == ["anatomy", "2"]
    assert str(ROOT) not in where and "site-packages" in where
    assert same_version == "True", "the version has one source: anatomy.__version__"


def test_the_command_line_runs_from_the_wheel(installed):
    cli = installed.parent / "back-to-knee"
    out = run([str(cli), "L5", "--severity", "0.9"], installed.parents[2])
    assert out.stdout.startswith("L5, left side, severity 0.9 (severe")
    assert "Citations" in out.stdout
    out = run([str(installed), "-m", "anatomy", "--list"], installed.parents[2])
    assert "disc levels:" in out.stdout


def test_the_body_map_draws_from_the_wheel(installed):
    out = python_c(
        installed,
        "import anatomy; from anatomy.viz.body_map import body_map",
        "from anatomy.viz.map_state import map_state",
        "m = anatomy.load_model(); fig = body_map(m, m.compress('L4', severity=0.8))",
        "print(len(fig.data) == len(map_state(m).traces) > 30, fig.alt.split(':')[0])",
    )
    same, head = out.split(maxsplit=1)
    assert same == "True" and head.strip() == "Body map"


def test_the_widgets_browser_code_is_in_the_wheel(installed):
    out = python_c(
        installed,
        "from anatomy.widgets.figure_channel import Keeper",
        "print('guard(figure)' in Keeper._esm)",
    )
    assert out.strip() == "True"
