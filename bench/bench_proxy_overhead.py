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

  before   with ``--before REV``: our extension as it was at commit REV (``git archive``), in a
           second jupyter server on the same simulator: before/after in one run

Each call reaches the simulator once. The load generator keeps its connections alive and
replays prepared bytes; ours keeps its upstream connections alive, jsp and ``before`` open one
per call (tornado's simple client). Rounds rotate the order of the targets for each cell so
drift hits all of them. Besides latency the jupyter server's CPU time per call (psutil) is
printed: steadier than latency on a shared machine.

Then, over HTTPS (a second simulator with a self-signed certificate that ours trusts
through ``c.CodeLab.ca_bundle`` and ``before`` through ``SSL_CERT_FILE``): GET at
concurrency 1 and the connections the simulator accepted per 100 sequential calls.

    .venv/bin/python bench/bench_proxy_overhead.py [--rounds 5] [--quick] [--before 1fb89f3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import tempfile
from pathlib import Path

import harness
import psutil
from keepalive_client import prepare, run_cell

from jupyter_codelab.modelarts.calls import RequestBuilder
from jupyter_codelab.modelarts.credentials import AkSkCredentials, ClientSettings
from jupyter_codelab.modelarts.signing import AkSkSigner
from jupyter_codelab.simulator import DEMO_ACCESS_KEY, DEMO_PROJECT_ID, DEMO_SECRET_KEY

TARGETS = ("direct", "fresh", "ours", "jsp")  # + "before" with --before
CONTEXT = "floor"
CLIENT_HEADERS = {"Content-Type": "application/json", "Accept": "application/json", "User-Agent": "jupyter-codelab"}


class Targets:
    """The prepared bytes of each call for each target, re-signed every round (X-Sdk-Date ages)."""

    def __init__(self, sim: harness.SimulatorProcess, server: harness.JupyterServer, notebook_id: str, before=None):
        self.sim, self.server, self.notebook_id = sim, server, notebook_id
        self.servers = {"ours": server, "jsp": server, CONTEXT: server, "before": before}
        self.names = TARGETS + (("before",) if before else ())
        self.builder = RequestBuilder(
            ClientSettings(
                sim.endpoint, DEMO_PROJECT_ID, "cn-north-4", AkSkCredentials(DEMO_ACCESS_KEY, DEMO_SECRET_KEY), sim.endpoint
            )
        )
        self.signer = AkSkSigner(DEMO_ACCESS_KEY, DEMO_SECRET_KEY, project_id=DEMO_PROJECT_ID)

    def url(self, target: str) -> str:
        return self.sim.endpoint if target in ("direct", "fresh") else self.servers[target].url

    def request(self, target: str, op: str) -> bytes:
        if target in ("direct", "fresh"):
            rendered = self.builder.render(self.builder.open() if op == "open" else self.builder.get_notebook(self.notebook_id))
            headers = {**rendered.headers, **({"Connection": "close"} if target == "fresh" else {})}  # not a signed header
            return prepare(rendered.method, rendered.url, headers, rendered.body)
        if target in ("ours", "before", CONTEXT):
            server = self.servers[target]
            route = {"open": "notebooks/open", "get": f"notebooks/{self.notebook_id}"}[op] if target != CONTEXT else "config"
            method = "POST" if target != CONTEXT and op == "open" else "GET"
            body = b"{}" if method == "POST" else None
            headers = {**server.auth, "Content-Type": "application/json"}
            return prepare(method, f"{server.url}codelab/api/{route}", headers, body)
        # jsp: the simulator will see Host = the jupyter server and the query with the Jupyter token.
        tail = f"/v1/{DEMO_PROJECT_ID}/notebooks/" + ("open" if op == "open" else self.notebook_id)
        query = f"?token={self.server.token}"
        method, body = ("POST", b"{}") if op == "open" else ("GET", None)
        as_seen_upstream = f"http://127.0.0.1:{self.server.port}{tail}{query}"
        headers = self.signer.sign(method, as_seen_upstream, dict(CLIENT_HEADERS), body)
        return prepare(method, f"{self.server.url}proxy/127.0.0.1:{self.sim.port}{tail}{query}", headers, body)


def cpu_seconds(process: psutil.Process) -> float:
    times = process.cpu_times()
    return times.user + times.system


def accepted(sim: harness.SimulatorProcess) -> int:
    """Connections the simulator accepted so far, not counting the one this question opens."""
    return sim.control("GET", "state")[1]["connections"]["accepted"] - 1


async def measure(targets: Targets, rounds: int, counts: dict[int, int], procs: dict, sim_proc) -> dict:
    results: dict = {}
    contenders = targets.names + (CONTEXT,)
    for n in range(rounds):
        order = contenders[n % len(contenders) :] + contenders[: n % len(contenders)]
        for op in ("open", "get"):
            for concurrency, total in counts.items():
                for target in order:
                    if target == CONTEXT and op == "open":
                        continue  # the floor is one route: counted under "get"
                    raw = targets.request(target, op)
                    server_proc = procs.get(target, procs["ours"])
                    conns = accepted(targets.sim)
                    server_cpu, sim_cpu = cpu_seconds(server_proc), cpu_seconds(sim_proc)
                    cell = await run_cell(targets.url(target), raw, concurrency, total)
                    cell["server_cpu_us"] = (cpu_seconds(server_proc) - server_cpu) / (total + concurrency) * 1e6
                    cell["sim_cpu_us"] = (cpu_seconds(sim_proc) - sim_cpu) / (total + concurrency) * 1e6
                    cell["conns_per_100"] = (accepted(targets.sim) - conns - 1) * 100 / (total + concurrency)
                    results.setdefault((op, concurrency, target), []).append(cell)
        print(f"  round {n + 1}/{rounds} done", flush=True)
    return results


def report(results: dict, counts: dict[int, int], names: tuple) -> None:
    for op in ("open", "get"):
        label = "POST notebooks/open" if op == "open" else "GET notebooks/{id}"
        for concurrency in counts:
            rows = []
            direct = [x * 1000 for c in results[(op, concurrency, "direct")] for x in c["latencies"]]
            direct_p50 = harness.percentile(direct, 50)
            fresh_p50 = harness.percentile([x * 1000 for c in results[(op, concurrency, "fresh")] for x in c["latencies"]], 50)
            for target in names + (CONTEXT,):
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
                    f"{statistics.median(c['conns_per_100'] for c in cells):.0f}" if target not in ("direct", CONTEXT) else "-",
                    f"{max(c['generator_cpu'] for c in cells) * 100:.0f}%",
                ])  # fmt: skip
            print(f"\n{label}, concurrency {concurrency}")
            headers = ["target", "p50 ms", "p90 ms", "p99 ms", "p50 - direct", "p50 - fresh", "req/s", "server CPU us/req",
                       "sim CPU us/req", "upstream conns/100", "loadgen CPU"]  # fmt: skip
            print(harness.table(headers, rows))


def p50_of(results, key) -> float:
    return harness.percentile([x for c in results[key] for x in c["latencies"]], 50) * 1000


def verdict(results: dict, counts: dict[int, int], https: dict | None) -> None:
    mark = lambda ok: "met" if ok else "MISSED"  # noqa: E731
    print("\nGoals, as ratios in this run")
    if https:
        conns = https["conns"]
        print(
            f"  connections  ours over HTTPS: {conns['ours']:.1f} per 100 sequential calls (<= 1: {mark(conns['ours'] <= 1)})"
            + "".join(f"; {t}: {conns[t]:.1f}" for t in conns if t != "ours")
        )
    for op in ("open", "get"):
        direct, ours, jsp = (p50_of(results, (op, 1, t)) for t in ("direct", "ours", "jsp"))
        print(
            f"  latency      {op:<4} c=1: ours adds {ours - direct:+.2f} ms p50 over direct (<= 1.0: {mark(ours - direct <= 1.0)}); "
            f"ours {ours:.2f} vs jsp {jsp:.2f} ms (below jsp: {mark(ours < jsp)})"
        )
    big = max(counts)
    for op in ("open", "get"):
        rate = {t: statistics.median(len(c["latencies"]) / c["wall"] for c in results[(op, big, t)]) for t in ("ours", "jsp")}
        p99 = harness.percentile([x for c in results[(op, big, "ours")] for x in c["latencies"]], 99) * 1000
        ratio = rate["ours"] / rate["jsp"]
        print(
            f"  throughput   {op:<4} c={big}: ours {rate['ours']:.0f} vs jsp {rate['jsp']:.0f} calls/s = {ratio:.2f}x (>= 2x: {mark(ratio >= 2)}); "
            f"ours p99 {p99:.1f} ms (<= 40: {mark(p99 <= 40)})"
        )
        rounds = {t: "/".join(f"{len(c['latencies']) / c['wall']:.0f}" for c in results[(op, big, t)]) for t in ("ours", "jsp")}
        print(f"               (calls/s per round: ours {rounds['ours']}, jsp {rounds['jsp']})")
    floor = statistics.median(c["server_cpu_us"] for c in results[("get", 1, CONTEXT)])
    for op in ("open", "get"):
        ours = statistics.median(c["server_cpu_us"] for cc in counts for c in results[(op, cc, "ours")])
        print(
            f"  server CPU   {op:<4}: ours {ours:.0f} us/call vs floor {floor:.0f} = {ours / floor:.2f}x (<= 2x: {mark(ours <= 2 * floor)})"
        )


async def measure_https(
    cafile: str, sim: harness.SimulatorProcess, servers: dict, notebook_id: str, rounds: int, calls: int
) -> dict:
    """GET at concurrency 1 over HTTPS: latency, and connections the simulator accepted per 100 calls."""
    builder = RequestBuilder(
        ClientSettings(
            sim.endpoint, DEMO_PROJECT_ID, "cn-north-4", AkSkCredentials(DEMO_ACCESS_KEY, DEMO_SECRET_KEY), sim.endpoint
        )
    )
    names = ("direct", "fresh") + tuple(servers)
    cells: dict = {}
    for n in range(rounds):
        for target in names[n % len(names) :] + names[: n % len(names)]:
            if target in ("direct", "fresh"):
                rendered = builder.render(builder.get_notebook(notebook_id))
                headers = {**rendered.headers, **({"Connection": "close"} if target == "fresh" else {})}
                url, raw = sim.endpoint, prepare(rendered.method, rendered.url, headers, rendered.body)
            else:
                server = servers[target]
                url, raw = server.url, prepare("GET", f"{server.url}codelab/api/notebooks/{notebook_id}", server.auth)
            before = accepted(sim)
            cell = await run_cell(url, raw, 1, calls, cafile if target in ("direct", "fresh") else None)
            cell["conns_per_100"] = (accepted(sim) - before - 1) * 100 / (calls + 1)
            cells.setdefault(target, []).append(cell)
    rows = []
    direct = harness.percentile([x for c in cells["direct"] for x in c["latencies"]], 50) * 1000
    for target in names:
        ms = [x * 1000 for c in cells[target] for x in c["latencies"]]
        rows.append([target, f"{harness.percentile(ms, 50):.2f}", f"{harness.percentile(ms, 90):.2f}", f"{harness.percentile(ms, 99):.2f}",
                     f"{harness.percentile(ms, 50) - direct:+.2f}" if target != "direct" else "",
                     f"{statistics.median(c['conns_per_100'] for c in cells[target]):.1f}"])  # fmt: skip
    print(f"\nGET notebooks/{{id}} over HTTPS, concurrency 1 ({rounds} rounds of {calls} calls)")
    print(harness.table(["target", "p50 ms", "p90 ms", "p99 ms", "p50 - direct", "upstream conns/100"], rows))
    return {"conns": {t: statistics.median(c["conns_per_100"] for c in cells[t]) for t in servers}}


def old_code(rev: str) -> str:
    """The repository at ``rev`` in a temp directory (the installed jupyter_codelab stays this worktree's)."""
    directory = tempfile.mkdtemp(prefix="codelab-bench-before-")
    archive = subprocess.run(["git", "-C", str(harness.REPO), "archive", rev], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", directory], input=archive, check=True)
    return directory


def real_mode(endpoint: str, extensions: dict, **codelab) -> dict:
    return {
        "ServerApp": {"jpserver_extensions": {"jupyter_codelab": True, **extensions}},
        "CodeLab": {"access_key": DEMO_ACCESS_KEY, "secret_key": DEMO_SECRET_KEY, "project_id": DEMO_PROJECT_ID,
                    "region": "cn-north-4", "endpoint": endpoint, "iam_endpoint": endpoint, **codelab},
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--calls", type=int, default=200, help="calls per cell at concurrency 1 (x10 at 32)")
    parser.add_argument("--quick", action="store_true", help="2 rounds, 80 / 800 calls per cell")
    parser.add_argument("--before", metavar="REV", help="also run our extension as of this commit (e.g. 1fb89f3), same run")
    parser.add_argument("--no-https", action="store_true", help="skip the HTTPS part")
    args = parser.parse_args()
    rounds, calls = (2, 80) if args.quick else (args.rounds, args.calls)
    counts = {1: calls, 32: calls * 10}
    print(f"Proxy overhead: direct vs our extension vs jupyter-server-proxy; {harness.machine()}")
    print(f"{rounds} rounds, {counts[1]} calls per cell at concurrency 1, {counts[32]} at 32; targets rotated each round")
    code = old_code(args.before) if args.before else None
    cert, key = harness.self_signed_cert(Path(tempfile.mkdtemp(prefix="codelab-bench-tls-")))

    servers: list[harness.JupyterServer] = []
    try:
        with harness.SimulatorProcess(step_seconds=0) as sim, harness.SimulatorProcess(0, certfile=cert, keyfile=key) as tls_sim:
            server = harness.JupyterServer(real_mode(sim.endpoint, {"jupyter_server_proxy": True}), name="proxy")
            servers.append(server.start())
            before = harness.JupyterServer(real_mode(sim.endpoint, {}), name="before", code=code).start() if code else None
            servers += [before] if before else []
            status, answer = server.api("GET", "config")
            assert status == 200 and answer["mode"] == "modelarts", f"the extension is not in real mode: {answer}"
            status, notebook = server.api("POST", "notebooks/open", {})
            assert status == 200, f"open through the extension failed: {status} {notebook}"
            targets = Targets(sim, server, notebook["id"], before)
            procs = {"ours": psutil.Process(server.pid), **({"before": psutil.Process(before.pid)} if before else {})}
            results = asyncio.run(measure(targets, rounds, counts, procs, psutil.Process(sim.process.pid)))
            calls_seen = sim.control("GET", "state")[1]["calls"]
            https = None
            if not args.no_https:
                tls_servers = {"ours": harness.JupyterServer(real_mode(tls_sim.endpoint, {}, ca_bundle=cert), name="ours-https")}
                if code:
                    tls_servers["before"] = harness.JupyterServer(real_mode(tls_sim.endpoint, {}), name="before-https", code=code,
                                                                  env={"SSL_CERT_FILE": cert})  # fmt: skip
                for s in tls_servers.values():
                    servers.append(s.start())
                status, opened = tls_servers["ours"].api("POST", "notebooks/open", {})
                assert status == 200, f"open over HTTPS failed: {status} {opened}"
                https = asyncio.run(measure_https(cert, tls_sim, tls_servers, opened["id"], rounds, calls))
    finally:
        for s in servers:
            s.stop()
    report(results, counts, targets.names)
    verdict(results, counts, https)
    print(f"\nsimulator calls counted: {json.dumps({k: v for k, v in calls_seen.items() if ' ' not in k})}")


if __name__ == "__main__":
    main()
