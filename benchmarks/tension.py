"""Benchmark the bend explorer: one slider step in a real kernel, against the naive way.

    .venv/bin/python benchmarks/tension.py

Prints, from one run on this machine:

* the median in-kernel latency of one hip-slider step of ``anatomy.bend()``
  (the widget's own code path: tension model, figure parts, one batch_update,
  the text panel), measured inside a real IPython kernel so the widget
  messages are really serialised and sent;
* for the same poses, the median of the naive way: a fresh
  ``tension_figure(...)`` serialised with ``to_json()``, as re-displaying
  the figure would cost in the kernel (the browser then pays again for a new
  plot), and the ratio;
* the bytes one step puts on the wire, figure and text panel together.

This is a benchmark, not a test: the machine is noisy, so both ways run side by
side in one session and the script reports medians rather than pass or fail.
"""

from __future__ import annotations

import json
import statistics

from explorer import run_cell  # benchmarks/explorer.py: execute and collect comm messages
from jupyter_client.manager import start_new_kernel

KERNEL_CODE = r"""
import json, time
import anatomy
from anatomy.viz.body_map import body_map
from anatomy.viz.tension_view import tension_figure
model = anatomy.load_model()
bender = anatomy.bend(model.compress("L5", severity=0.7), model=model)
from IPython.display import display
display(bender)
fast, naive = [], []
for hip in list(range(1, 90, 2)) * 2:
    hip = hip if bender.sliders["hip_flexion"].value != hip else hip + 1
    t = time.perf_counter()
    bender.sliders["hip_flexion"].value = hip
    fast.append(time.perf_counter() - t)
    t = time.perf_counter()
    tension_figure(model, bender.angles, bender.findings).to_json()
    naive.append(time.perf_counter() - t)
print("RESULT " + json.dumps({"fast": fast, "naive": naive}))
"""

STEP_CODE = r"""
for hip in (10, 20, 30, 40):
    bender.sliders["hip_flexion"].value = hip
"""


def main() -> None:
    manager, client = start_new_kernel(kernel_name="python3")
    try:
        out, _ = run_cell(client, KERNEL_CODE)
        result = json.loads(out.split("RESULT ", 1)[1])
        _, comms = run_cell(client, STEP_CODE)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    fast = statistics.median(result["fast"]) * 1000
    naive = statistics.median(result["naive"]) * 1000
    sizes = [
        len(json.dumps(m["content"])) + sum(len(b) for b in m.get("buffers", [])) for m in comms
    ]
    n = len(result["fast"])
    print(f"hip slider step in a kernel, {n} steps")
    print(f"  median {fast:.1f} ms (max {max(result['fast']) * 1000:.1f} ms)")
    print("naive: tension_figure(...).to_json() for the same poses")
    print(f"  median {naive:.1f} ms (max {max(result['naive']) * 1000:.1f} ms)")
    print(f"ratio naive / step: {naive / fast:.1f}x (the naive way also redraws a new plot)")
    print(f"one step on the wire: {sum(sizes) / 4 / 1024:.1f} KB in {len(comms) / 4:.0f} messages")


if __name__ == "__main__":
    main()
