"""`jupyter server` start time with and without the CodeLab extension, alternated.

Variants (each a fresh server process with a temp HOME; the order rotates every round):
  without     ``ServerApp.jpserver_extensions = {"jupyter_codelab": False}``
  simulated   the extension with no credentials: it starts its embedded simulator
  modelarts   the extension configured with AK/SK, project and an endpoint (nothing is
              called at start, so the endpoint need not answer)

Measured: wall time from spawning the process until ``GET /api/status`` answers 200,
and the CPU time the server process had used by then (steadier on a shared machine).
Every other installed server extension loads in all variants alike. For scale,
the extension's own part is also timed in fresh processes: importing it once
jupyter_server is already imported, and starting the embedded simulator.

    .venv/bin/python bench/bench_server_start.py [--rounds 6] [--quick]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import harness
import psutil

from jupyter_codelab.simulator import DEMO_ACCESS_KEY, DEMO_PROJECT_ID, DEMO_SECRET_KEY

VARIANTS = {
    "without": {"ServerApp": {"jpserver_extensions": {"jupyter_codelab": False}}},
    "simulated": {"ServerApp": {"jpserver_extensions": {"jupyter_codelab": True}}},
    "modelarts": {
        "ServerApp": {"jpserver_extensions": {"jupyter_codelab": True}},
        "CodeLab": {
            "access_key": DEMO_ACCESS_KEY,
            "secret_key": DEMO_SECRET_KEY,
            "project_id": DEMO_PROJECT_ID,
            "region": "cn-north-4",
            "endpoint": "http://127.0.0.1:9",
        },
    },  # fmt: skip
}
EXPECTED_MODE = {"without": None, "simulated": "simulated", "modelarts": "modelarts"}


OWN_PART = """
import asyncio, json, time
import jupyter_server.serverapp, jupyter_server.extension.application  # what every server imports anyway
started = time.perf_counter()
import jupyter_codelab.server.app
imported = time.perf_counter() - started
from jupyter_codelab.server.embedded import start_embedded_simulator

async def simulator_start():
    started = time.perf_counter()
    simulator, _ = start_embedded_simulator(2.0)
    elapsed = time.perf_counter() - started
    simulator.stop()
    return elapsed

print(json.dumps([imported, asyncio.run(simulator_start())]))
"""


def own_part(runs: int) -> tuple[float, float]:
    """Median seconds to import the extension (jupyter_server already imported) and start its simulator."""
    home = Path(tempfile.mkdtemp(prefix="codelab-bench-own-"))
    try:
        results = [
            json.loads(subprocess.run([sys.executable, "-c", OWN_PART], env=harness.clean_env(home), capture_output=True,
                                      text=True, check=True).stdout)
            for _ in range(runs)
        ]  # fmt: skip
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return statistics.median(r[0] for r in results), statistics.median(r[1] for r in results)


def start_once(name: str, check: bool) -> tuple[float, float]:
    server = harness.JupyterServer(VARIANTS[name], name=f"start-{name}")
    try:
        server.launch()
        wall = server.wait_ready(120)
        times = psutil.Process(server.pid).cpu_times()
        if check:  # the variant really is what it says
            status, answer = server.api("GET", "config")
            mode = answer.get("mode") if status == 200 and isinstance(answer, dict) else None
            if mode != EXPECTED_MODE[name]:
                raise RuntimeError(f"variant {name}: GET codelab/api/config answered {status} {answer!r}")
        return wall, times.user + times.system
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--quick", action="store_true", help="3 rounds")
    args = parser.parse_args()
    rounds = 3 if args.quick else args.rounds
    names = list(VARIANTS)
    print(f"jupyter server start, with and without jupyter_codelab; {harness.machine()}")
    print(f"{rounds} rounds of {len(names)} variants, order rotated each round\n")
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
    for n in range(rounds):
        order = names[n % len(names) :] + names[: n % len(names)]
        for name in order:
            results[name].append(start_once(name, check=(n == 0)))
        print(f"  round {n + 1}/{rounds}: " + ", ".join(f"{k} {results[k][-1][0]:.2f} s" for k in names), flush=True)

    base_wall = statistics.median(w for w, _ in results["without"])
    base_cpu = statistics.median(c for _, c in results["without"])
    rows = []
    for name in names:
        walls = [w for w, _ in results[name]]
        cpus = [c for _, c in results[name]]
        wall, cpu = statistics.median(walls), statistics.median(cpus)
        rows.append([name, f"{wall:.2f}", f"{min(walls):.2f}", f"{wall - base_wall:+.2f}", f"{cpu:.2f}", f"{cpu - base_cpu:+.2f}",
                     f"{cpu / base_cpu:.2f}"])  # fmt: skip
    print()
    print(harness.table(["variant", "wall p50 s", "best s", "vs without", "CPU p50 s", "CPU vs without", "CPU ratio"], rows))
    imported, simulator = own_part(rounds)
    print(f"\nthe extension's own part (median of {rounds} fresh processes): import {imported * 1000:.0f} ms "
          f"(jupyter_server already imported), embedded simulator start {simulator * 1000:.1f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
