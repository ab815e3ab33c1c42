"""What our extension adds to a ModelArts call, next to calling directly and to jupyter-server-proxy.

One standalone simulator process (step_seconds 0, one instance) is the upstream of:

  direct   signed AK/SK calls straight to the simulator, on a kept-alive connection
  fresh    the same, on a new connection per call (``Connection: close``): what the
           servers below pay upstream, so ``ours - fresh`` is the extension's own work
  ours     ``POST codelab/api/notebooks/open`` / ``GET codelab/api/notebooks/{id}`` of our
           extension in real mode (c.CodeLab.endpoint = the simulator): it signs, calls,
           parses and normalizes
  jsp      jupyter-server-proxy's ``/proxy/127.0.0.1:{port}/v1/...`` route in the same
           jupyter server, forwarding a request the client signed for the simulator
           (see bench/README.md: the fair comparison)
  floor    ``GET codelab/api/config`` of the same server: Jupyter's own cost of one
           authenticated API call, no upstream (context, not a contender)

Each call reaches the simulator once. The load generator keeps its connections
alive and replays prepared bytes; the servers open a new upstream connection
per call (tornado's simple client, in both ours and jsp). Rounds rotate the order
of the targets for each cell so drift hits all of them. Besides latency the
jupyter server's CPU time per call (psutil) is printed: steadier than latency on
a shared machine.

    .venv/bin/python bench/bench_proxy_overhead.py [--rounds 5] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time

import harness
import psutil
from keepalive_client import connection_for, prepare

from jupyter_codelab.modelarts.calls import RequestBuilder
from jupyter_codelab.modelarts.credentials import AkSkCredentials, ClientSettings
from jupyter_codelab.modelarts.signing import AkSkSigner
from jupyter_codelab.simulator import DEMO_ACCESS_KEY, DEMO_PROJECT_ID, DEMO_SECRET_KEY

TARGETS = ("direct", "fresh", "ours", "jsp")
CONTEXT = "floor"
CLIENT_HEADERS = {"Content-Type": "application/json", "Accept": "application/json", "User-Agent": "jupyter-codelab"}


class Targets:
    """The prepared bytes of each call for each target, re-signed every round (X-Sdk-Date ages)."""

    def __init__(self, sim: harness.SimulatorProcess, server: harness.JupyterServer, notebook_id: str):
        self.sim, self.server, self.notebook_id = sim, server, notebook_id
        self.builder = RequestBuilder(
            ClientSettings(sim.endpoint, DEMO_PROJECT_ID, "cn-north-4", AkSkCredentials(DEMO_ACCESS_KEY, DEMO_SECRET_KEY), sim.endpoint)
        )
        self.signer = AkSkSigner(DEMO_ACCESS_KEY, DEMO_SECRET_KEY, project_id=DEMO_PROJECT_ID)

    def url(self, target: str) -> str:
        return self.sim.endpoint if target in ("direct", "fresh") else self.server.url

    def request(self, target: str, op: str) -> bytes:
        if target in ("direct", "fresh"):
            rendered = self.builder.render(self.builder.open() if op == "open" else self.builder.get_notebook(self.notebook_id))
            headers = {**rendered.headers, **({"Connection": "close"} if target == "fresh" else {})}  # not a signed header
            return prepare(rendered.method, rendered.url, headers, rendered.body)
        if target in ("ours", CONTEXT):
            route = {"open": "notebooks/open", "get": f"notebooks/{self.notebook_id}"}[op] if target == "ours" else "config"
            method = "POST" if target == "ours" and op == "open" else "GET"
            body = b"{}" if method == "POST" else None
            headers = {**self.server.auth, "Content-Type": "application/json"}
            return prepare(method, f"{self.server.url}codelab/api/{route}", headers, body)
        # jsp: the simulator will see Host = the jupyter server and the query with the Jupyter token.
        tail = f"/v1/{DEMO_PROJECT_ID}/notebooks/" + ("open" if op == "open" else self.notebook_id)
        query = f"?token={self.server.token}"
        method, body = ("POST", b"{}") if op == "open" else ("GET", None)
        as_seen_upstream = f"http://127.0.0.1:{self.server.port}{tail}{query}"
        headers = self.signer.sign(method, as_seen_upstream, dict(CLIENT_HEADERS), body)
        return prepare(method, f"{self.server.url}proxy/127.0.0.1:{self.sim.port}{tail}{query}", headers, body)


async def run_cell(url: str, raw: bytes, concurrency: int, total: int) -> dict:
    """``total`` calls by ``concurrency`` workers on kept-alive connections: latencies and wall time."""
    connections = [connection_for(url) for _ in range(concurrency)]
    for conn in connections:  # connect and warm up, not counted
        status, body = await conn.send(raw)
        if status != 200:
            raise RuntimeError(f"{url} answered {status}: {body[:300]!r}")
    latencies: list[float] = []
    remaining = total

    async def worker(conn) -> None:
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            started = time.perf_counter()
            status, body = await conn.send(raw)
            latencies.append(time.perf_counter() - started)
            if status != 200:
                raise RuntimeError(f"{url} answered {status}: {body[:300]!r}")

    cpu, started = time.process_time(), time.perf_counter()
    await asyncio.gather(*(worker(conn) for conn in connections))
    wall = time.perf_counter() - started
    generator_cpu = (time.process_time() - cpu) / wall
    for conn in connections:
        conn.close()
    return {"latencies": latencies, "wall": wall, "generator_cpu": generator_cpu}


def cpu_seconds(process: psutil.Process) -> float:
    times = process.cpu_times()
    return times.user + times.system


async def measure(targets: Targets, rounds: int, counts: dict[int, int], server_proc, sim_proc) -> dict:
    results: dict = {}
    contenders = TARGETS + (CONTEXT,)
    for n in range(rounds):
        order = contenders[n % len(contenders):] + contenders[: n % len(contenders)]
        for op in ("open", "get"):
            for concurrency, total in counts.items():
                for target in order:
                    if target == CONTEXT and op == "open":
                        continue  # the floor is one route: counted under "get"
                    raw = targets.request(target, op)
                    server_cpu, sim_cpu = cpu_seconds(server_proc), cpu_seconds(sim_proc)
                    cell = await run_cell(targets.url(target), raw, concurrency, total)
                    cell["server_cpu_us"] = (cpu_seconds(server_proc) - server_cpu) / (total + concurrency) * 1e6
                    cell["sim_cpu_us"] = (cpu_seconds(sim_proc) - sim_cpu) / (total + concurrency) * 1e6
                    results.setdefault((op, concurrency, target), []).append(cell)
        print(f"  round {n + 1}/{rounds} done", flush=True)
    return results


def report(results: dict, counts: dict[int, int]) -> None:
    for op in ("open", "get"):
        label = "POST notebooks/open" if op == "open" else "GET notebooks/{id}"
        for concurrency in counts:
            rows = []
            direct = [x * 1000 for c in results[(op, concurrency, "direct")] for x in c["latencies"]]
            direct_p50 = harness.percentile(direct, 50)
            fresh_p50 = harness.percentile([x * 1000 for c in results[(op, concurrency, "fresh")] for x in c["latencies"]], 50)
            for target in TARGETS + (CONTEXT,):
                cells = results.get((op, concurrency, target))
                if not cells:
                    continue
                ms = [x * 1000 for c in cells for x in c["latencies"]]
                p50 = harness.percentile(ms, 50)
                throughput = statistics.median(len(c["latencies"]) / c["wall"] for c in cells)
                server_cpu = statistics.median(c["server_cpu_us"] for c in cells) if target not in ("direct", "fresh") else None
                sim_cpu = statistics.median(c["sim_cpu_us"] for c in cells)
                name = target if target != CONTEXT else "floor (GET config, no upstream)"
                rows.append([
                    name, f"{p50:.2f}", f"{harness.percentile(ms, 90):.2f}", f"{harness.percentile(ms, 99):.2f}",
                    f"{p50 - direct_p50:+.2f}" if target != "direct" else "",
                    f"{p50 - fresh_p50:+.2f}" if target in ("ours", "jsp") else "",
                    f"{throughput:.0f}", f"{server_cpu:.0f}" if server_cpu is not None else "-", f"{sim_cpu:.0f}",
                    f"{max(c['generator_cpu'] for c in cells) * 100:.0f}%",
                ])  # fmt: skip
            print(f"\n{label}, concurrency {concurrency}")
            headers = ["target", "p50 ms", "p90 ms", "p99 ms", "p50 - direct", "p50 - fresh", "req/s", "server CPU us/req",
                       "sim CPU us/req", "loadgen CPU"]  # fmt: skip
            print(harness.table(headers, rows))


def verdict(results: dict, counts: dict[int, int]) -> None:
    print("\nTargets")
    for op in ("open", "get"):
        for concurrency in counts:
            p50 = {t: harness.percentile([x for c in results[(op, concurrency, t)] for x in c["latencies"]], 50) * 1000 for t in TARGETS}
            added, own = p50["ours"] - p50["direct"], p50["ours"] - p50["fresh"]
            faster = p50["ours"] < p50["jsp"]
            mark = lambda ok: "met" if ok else "MISSED"  # noqa: E731
            print(
                f"  {op:<4} c={concurrency:<2}  ours adds {added:+.2f} ms p50 over direct (<= 1 ms: {mark(added <= 1.0)}), "
                f"{own:+.2f} over fresh; ours {p50['ours']:.2f} vs jsp {p50['jsp']:.2f} ms p50 (ours faster: {mark(faster)})"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--calls", type=int, default=200, help="calls per cell at concurrency 1 (x10 at 32)")
    parser.add_argument("--quick", action="store_true", help="2 rounds, 80 / 800 calls per cell")
    args = parser.parse_args()
    rounds, calls = (2, 80) if args.quick else (args.rounds, args.calls)
    counts = {1: calls, 32: calls * 10}
    print(f"Proxy overhead: direct vs our extension vs jupyter-server-proxy; {harness.machine()}")
    print(f"{rounds} rounds, {counts[1]} calls per cell at concurrency 1, {counts[32]} at 32; targets rotated each round")

    with harness.SimulatorProcess(step_seconds=0) as sim:
        config = {
            "ServerApp": {"jpserver_extensions": {"jupyter_codelab": True, "jupyter_server_proxy": True}},
            "CodeLab": {"access_key": DEMO_ACCESS_KEY, "secret_key": DEMO_SECRET_KEY, "project_id": DEMO_PROJECT_ID,
                        "endpoint": sim.endpoint, "iam_endpoint": sim.endpoint},
        }  # fmt: skip
        with harness.JupyterServer(config, name="proxy") as server:
            status, answer = server.api("GET", "config")
            assert status == 200 and answer["mode"] == "modelarts", f"the extension is not in real mode: {answer}"
            status, notebook = server.api("POST", "notebooks/open", {})
            assert status == 200, f"open through the extension failed: {status} {notebook}"
            targets = Targets(sim, server, notebook["id"])
            server_proc, sim_proc = psutil.Process(server.pid), psutil.Process(sim.process.pid)
            results = asyncio.run(measure(targets, rounds, counts, server_proc, sim_proc))
            calls_seen = sim.control("GET", "state")[1]["calls"]
    report(results, counts)
    verdict(results, counts)
    print(f"\nsimulator calls counted: {json.dumps({k: v for k, v in calls_seen.items() if ' ' not in k})}")


if __name__ == "__main__":
    main()
