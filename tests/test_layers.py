"""The package is layered: imports only go down, no cycles, heavy libraries only where fenced.

Floors, from the ground up (``docs/design.md``)::

    errors < model < engine < text < viz < atlas < widgets < course < anatomy (the package)

A module may import its own floor or any floor below; never one above. Within a
floor, imports between modules must not form a cycle. Function-level imports are
allowed only where a comment on the line above says why (plotly and ipywidgets
kept off ``import anatomy``).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "anatomy"
FLOORS = ["errors", "model", "engine", "text", "viz", "atlas", "widgets", "course", "__init__"]
FLOORS_ABOVE_ALL = {"__main__": len(FLOORS)}  # the command line sits on the roof
MAX_LINES = 500


def modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def floor(module: str) -> int:
    """The floor of a module: its first part under ``anatomy``."""
    parts = module.split(".")
    if len(parts) == 1:
        return FLOORS.index("__init__")
    top = parts[1]
    if top in FLOORS_ABOVE_ALL:
        return FLOORS_ABOVE_ALL[top]
    return FLOORS.index(top)


def imports(path: Path) -> list[tuple[str, int, bool]]:
    """(imported anatomy module, line, at module level) for each import of the package."""
    tree = ast.parse(path.read_text())
    top_level = {id(node) for node in tree.body}
    found = []
    names = modules()
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            base = node.module
            # "from anatomy.viz import theme" imports the module anatomy.viz.theme
            targets = [
                f"{base}.{a.name}" if f"{base}.{a.name}" in names else base for a in node.names
            ]
        for target in targets:
            if target == "anatomy" or target.startswith("anatomy."):
                found.append((target, node.lineno, id(node) in top_level))
    return found


def heavy_imports(path: Path) -> set[str]:
    """The third-party GUI and plotting libraries a module imports."""
    tree = ast.parse(path.read_text())
    out = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        out |= {n.split(".")[0] for n in names if n.split(".")[0] in ("plotly", "ipywidgets")}
    return out


def test_every_module_is_on_a_floor():
    for name in modules():
        assert floor(name) >= 0, name


@pytest.mark.parametrize("name", sorted(modules()))
def test_imports_only_go_down(name):
    here = floor(name)
    for target, line, _ in imports(modules()[name]):
        assert floor(target) <= here, (
            f"{name} (floor {FLOORS[min(here, len(FLOORS) - 1)]}) imports {target} "
            f"(floor {FLOORS[min(floor(target), len(FLOORS) - 1)]}) at line {line}: up a floor"
        )


def test_no_import_cycles():
    names = modules()
    graph = {
        name: {t for t, _, top in imports(path) if top and t in names and t != name}
        for name, path in names.items()
    }
    # A package's __init__ is imported before its modules: "a.b -> a" is not an edge to check.
    for name in graph:
        graph[name] = {t for t in graph[name] if not name.startswith(t + ".")}
    state: dict[str, int] = {}

    def visit(node, trail):
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = [*trail[trail.index(nxt) :], nxt]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])


def test_function_level_imports_say_why():
    for name, path in modules().items():
        lines = path.read_text().splitlines()
        for target, line, top in imports(path):
            if top:
                continue
            said = lines[line - 1] + lines[line - 2]
            assert "#" in said, f"{name}:{line} imports {target} inside a function without a reason"


def test_plotly_and_ipywidgets_stay_in_their_floors():
    for name, path in modules().items():
        heavy = heavy_imports(path)
        if "ipywidgets" in heavy:
            assert floor(name) == FLOORS.index("widgets"), name
        if "plotly" in heavy:
            assert floor(name) in (FLOORS.index("viz"), FLOORS.index("widgets")), name


def test_import_anatomy_loads_neither_plotly_nor_ipywidgets():
    code = (
        "import sys, anatomy; m = anatomy.load_model(); m.compress('L5'); "
        "print(sorted(x for x in ('plotly', 'ipywidgets') if x in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    code = "import sys, anatomy.viz.body_map; print('ipywidgets' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("name", sorted(modules()))
def test_files_a_reader_can_hold(name):
    lines = len(modules()[name].read_text().splitlines())
    assert lines <= MAX_LINES, f"{name} has {lines} lines; split it by topic"
