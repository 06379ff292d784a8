"""Benchmark start-up: what a fresh process pays before the first explorer, and localize.

    .venv/bin/python benchmarks/startup.py [--runs 7]

Prints, side by side from one run on this machine (each a median over ``--runs``
fresh Python processes, run in turn so that load on the machine hits all alike):

* ``import anatomy; load_model()``;
* the floor: ``import plotly.graph_objects, ipywidgets, anywidget`` and one empty
  ``FigureWidget``, what any plotly widget costs before it draws anything;
* ``import anatomy; anatomy.explore()``, a ready explorer, and its ratio to the
  floor, with what the difference is made of (pandas' import, the model, the
  explorer's own construction);
* ``localize`` cold (the first call after ``load_model()``) against warm (the
  same call again), for a list of findings and for a findings table;
* whether ``rfc3987_syntax`` is importable and what its import costs: jsonschema
  4.25 and later load it whenever they are imported, and plotly's ``FigureWidget``
  imports jsonschema through nbformat (docs/benchmarks.md says why the lock keeps
  jsonschema below 4.25).

Targets (issue 14): ``explore()`` within 1.3x the floor; ``localize`` cold within
5x warm. A benchmark, not a test: it prints figures rather than pass or fail.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

# Each snippet runs in a fresh interpreter and prints a JSON dict of seconds.
CODE = {
    "load": """
import time; t = time.perf_counter()
import anatomy; anatomy.load_model()
print(json.dumps({"total": time.perf_counter() - t}))
""",
    "floor": """
import time; t = time.perf_counter()
import plotly.graph_objects as go, ipywidgets, anywidget
go.FigureWidget()
print(json.dumps({"total": time.perf_counter() - t}))
""",
    "explore": """
import time; t = time.perf_counter()
import pandas
t_pandas = time.perf_counter()
import anatomy; model = anatomy.load_model()
t_model = time.perf_counter()
explorer = anatomy.explore(model)
t_end = time.perf_counter()
print(json.dumps({"total": t_end - t, "pandas": t_pandas - t, "model": t_model - t_pandas,
                  "explorer": t_end - t_model}))
""",
    "localize": """
import time, statistics
import anatomy
out = {}
for what in ("list", "table"):
    model = anatomy.load_model()
    if what == "list":
        findings = [("numbness", "dorsum_of_foot"), ("weakness", "extensor_hallucis_longus"),
                    ("normal", "ankle_reflex")]
    else:
        findings = model.compress("L5", severity=0.8, side="left")
    t = time.perf_counter(); model.localize(findings); out[what + "_cold"] = time.perf_counter() - t
    warm = []
    for _ in range(5):
        t = time.perf_counter(); model.localize(findings); warm.append(time.perf_counter() - t)
    out[what + "_warm"] = statistics.median(warm)
print(json.dumps(out))
""",
    "rfc3987": """
import time; t = time.perf_counter()
try:
    import rfc3987_syntax
    found = True
except ImportError:
    found = False
print(json.dumps({"total": time.perf_counter() - t, "installed": found}))
""",
}


def fresh(name: str) -> dict:
    """Run one snippet in a fresh interpreter; its measurements."""
    out = subprocess.run(
        [sys.executable, "-c", "import json\n" + CODE[name]],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    results: dict[str, list[dict]] = {name: [] for name in CODE}
    for _ in range(runs):  # in turn, so that load on the machine hits every measure alike
        for name in CODE:
            results[name].append(fresh(name))
    ms = 1000
    load, floor = median(results["load"], "total"), median(results["floor"], "total")
    explore = median(results["explore"], "total")
    parts = {k: median(results["explore"], k) for k in ("pandas", "model", "explorer")}
    print(f"fresh processes, median of {runs} each (python {sys.version.split()[0]})")
    print(f"import anatomy; load_model():                  {load * ms:6.0f} ms")
    print(
        f"floor: plotly, ipywidgets, anywidget imports and one empty FigureWidget: "
        f"{floor * ms:.0f} ms"
    )
    print(f"import anatomy; explore():                     {explore * ms:6.0f} ms")
    print(f"  ratio explore / floor: {explore / floor:.2f}x   target <= 1.3x")
    print(
        f"  made of: pandas import {parts['pandas'] * ms:.0f} ms, anatomy import and "
        f"load_model {parts['model'] * ms:.0f} ms, the explorer (plotly and ipywidgets "
        f"imports included) {parts['explorer'] * ms:.0f} ms"
    )
    for what in ("list", "table"):
        cold = median(results["localize"], what + "_cold")
        warm = median(results["localize"], what + "_warm")
        label = "a list of 3 findings" if what == "list" else "a findings table (L5 0.8)"
        print(
            f"localize, {label}: cold {cold * ms:.1f} ms, warm {warm * ms:.1f} ms, "
            f"ratio {cold / warm:.1f}x   target <= 5x"
        )
    rfc = results["rfc3987"]
    if rfc[0]["installed"]:
        print(
            f"rfc3987_syntax is installed: its import alone costs "
            f"{median(rfc, 'total') * ms:.0f} ms, paid by the floor (jsonschema >= 4.25)"
        )
    else:
        print("rfc3987_syntax is not installed: jsonschema does not build its grammar")


if __name__ == "__main__":
    main()
