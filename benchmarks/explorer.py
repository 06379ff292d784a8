"""Benchmark the explorer: how fast an update is, against the naive way, and start-up.

    .venv/bin/python benchmarks/explorer.py

Prints, from one run on this machine:

* the median in-kernel latency of ``Explorer.select()`` over every root x three
  severities (measured inside a real IPython kernel, so widget messages are
  really serialised and sent), and, for the same findings, the median of the
  naive way: a fresh ``body_map(...)`` serialised with ``to_json()``, as
  re-displaying the figure would cost; and their ratio;
* the bytes one update puts on the wire (the kernel's comm messages, read back
  by the client), figure and text panels together;
* ``import anatomy`` plus ``load_model()`` in a fresh process (median of 5), with
  the import of pandas alone beside it, because pandas dominates it here;
* the time from ``import anatomy`` to a ready explorer in a fresh kernel.

Targets (issue 3): select() median <= 10 ms and >= 10x faster than the naive way;
import + load <= 0.5 s. This is a benchmark, not a test: the machine is noisy, so
both ways run side by side in one session and the script reports medians and the
ratio rather than pass or fail.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time

from jupyter_client.manager import start_new_kernel

KERNEL_CODE = r"""
import json, statistics, time
t0 = time.perf_counter()
import anatomy
model = anatomy.load_model()
from anatomy.viz.body_map import body_map
from anatomy.viz.tension_view import tension_figure
explorer = anatomy.explore(model)
from IPython.display import display
display(explorer)
ready = time.perf_counter() - t0

fast, naive = [], []
for root in model.roots:
    for severity in (0.3, 0.6, 0.9):
        t = time.perf_counter()
        findings = explorer.select(root, severity=severity)
        fast.append(time.perf_counter() - t)
        t = time.perf_counter()
        body_map(model, findings).to_json()
        naive.append(time.perf_counter() - t)
print("RESULT " + json.dumps({"ready": ready, "fast": fast, "naive": naive}))
"""

UPDATE_CODE = r"""
for root in ("L4", "L5", "S1", "L3"):
    explorer.select(root, severity=0.9)
"""

IMPORT_CODE = (
    "import time; t = time.perf_counter(); import anatomy; anatomy.load_model(); "
    "print(time.perf_counter() - t)"
)
PANDAS_CODE = "import time; t = time.perf_counter(); import pandas; print(time.perf_counter() - t)"


def run_cell(client, code: str, timeout: float = 300) -> tuple[str, list[dict]]:
    """Execute code; return its stdout and the comm messages it sent."""
    msg_id = client.execute(code)
    stdout, comms = [], []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        msg = client.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "stream" and msg["content"]["name"] == "stdout":
            stdout.append(msg["content"]["text"])
        elif kind in ("comm_msg", "comm_open"):
            comms.append(msg)
        elif kind == "error":
            raise RuntimeError("\n".join(msg["content"]["traceback"]))
        elif kind == "status" and msg["content"]["execution_state"] == "idle":
            break
    return "".join(stdout), comms


def fresh_process(code: str, runs: int = 5) -> float:
    times = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(runs)
    ]
    return statistics.median(times)


def main() -> None:
    manager, client = start_new_kernel(kernel_name="python3")
    try:
        out, _ = run_cell(client, KERNEL_CODE)
        result = json.loads(out.split("RESULT ", 1)[1])
        _, comms = run_cell(client, UPDATE_CODE)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    fast = statistics.median(result["fast"]) * 1000
    naive = statistics.median(result["naive"]) * 1000
    sizes = [
        len(json.dumps(m["content"])) + sum(len(b) for b in m.get("buffers", [])) for m in comms
    ]
    per_update = sum(sizes) / 4 / 1024
    figure_bytes = (
        sum(
            s
            for s, m in zip(sizes, comms, strict=True)
            if "_py2js_animate" in json.dumps(m["content"])
        )
        / 4
        / 1024
    )
    load = fresh_process(IMPORT_CODE)
    pandas_alone = fresh_process(PANDAS_CODE)
    n = len(result["fast"])
    print(f"select() in a kernel, {n} changes (every root x 3 severities)")
    print(f"  median {fast:.1f} ms (max {max(result['fast']) * 1000:.1f} ms)   target <= 10 ms")
    print("naive: body_map(...).to_json() for the same findings")
    print(f"  median {naive:.1f} ms (max {max(result['naive']) * 1000:.1f} ms)")
    print(f"ratio naive / select(): {naive / fast:.0f}x   target >= 10x")
    print(
        f"one update on the wire: {per_update:.1f} KB in {len(comms) / 4:.0f} comm messages "
        f"(figure {figure_bytes:.1f} KB, the rest the findings and citation panels)"
    )
    print(
        f"import anatomy + load_model(), fresh process, median of 5: {load:.2f} s   target <= 0.5 s"
    )
    print(
        f"  of which pandas' own import (measured alone): {pandas_alone:.2f} s; "
        f"the package's own import and load: {load - pandas_alone:.2f} s"
    )
    print(
        f"import anatomy to a ready explorer, fresh kernel: {result['ready']:.2f} s "
        f"(includes importing plotly and ipywidgets)"
    )


if __name__ == "__main__":
    main()
