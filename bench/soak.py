"""Soak: open / watch / extend / stop cycles against a server with the extension, faults on.

A `jupyter server` with the extension in simulated mode (fast steps) is driven
in a loop; before each cycle random faults are queued on the embedded simulator
through its control API (throttling, 5xx, dropped connections, latency). A cycle:

  open (start it if it is stopped) -> 3 SSE watchers until ``ready`` -> PATCH the lease
  -> stop -> every watcher's stream ends

A step the API refuses is retried (up to 4 tries) and counted under its failure
type. Every --every seconds one line shows cycles done, failures so far, and what
must stay flat: server RSS, its open file descriptors and TCP connections (each
SSE stream is one; they must not pile up), and the latency of ``GET codelab/api/config``
(the event loop's responsiveness). Every 5th cycle resets the simulator, so the
next open creates a fresh instance.

    .venv/bin/python bench/soak.py [--seconds 60] [--minutes 60] [--every 10]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import time
from collections import Counter

import harness
import psutil
from keepalive_client import connection_for, prepare

WATCHERS = 3
TRIES = 4
FAULTS = [  # (weight, fault): what a flaky gateway and a busy ModelArts do
    (3, {"kind": "throttle", "route": "get", "retry_after": 1}),
    (2, {"kind": "error", "route": "get", "status": 503, "error_code": "ModelArts.0010", "error_msg": "Service unavailable."}),
    (2, {"kind": "error", "route": "open", "status": 500, "error_code": "ModelArts.0010", "error_msg": "Internal server error."}),
    (2, {"kind": "throttle", "route": "renew", "retry_after": 1}),
    (2, {"kind": "error", "route": "stop", "status": 502, "error_code": "APIG.0202", "error_msg": "Backend unavailable."}),
    (2, {"kind": "reset", "route": "get"}),
    (3, {"kind": "latency", "route": "*", "seconds": 0.3}),
    (1, {"kind": "throttle", "route": "start", "retry_after": 1}),
]


SNAPSHOT_AS = {"RUNNING": "ready", "STOPPED": "stopped"}


class StepFailed(Exception):
    pass


class Api:
    """The CodeLab API over one kept-alive connection; failures counted by type."""

    def __init__(self, server: harness.JupyterServer, failures: Counter):
        self.server, self.failures = server, failures
        self.conn = connection_for(server.url)

    async def call(self, method: str, route: str, body=None, step: str = "") -> dict:
        raw_body = None if body is None else json.dumps(body).encode()
        headers = {**self.server.auth, "Content-Type": "application/json"}
        raw = prepare(method, f"{self.server.url}codelab/api/{route}", headers, raw_body)
        for attempt in range(1, TRIES + 1):
            try:
                status, answer = await asyncio.wait_for(self.conn.send(raw), 60)
            except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError) as exc:
                self.conn.close()
                self.failures[f"{step}: {type(exc).__name__}"] += 1
                continue
            data = json.loads(answer or b"null")
            if status < 400:
                return data
            self.failures[f"{step}: {status} {data.get('error_code') or data.get('reason') or ''}".rstrip()] += 1
            await asyncio.sleep(0.2 * attempt)
        raise StepFailed(step)


class Stream:
    """One SSE watcher on a raw socket: event types in arrival order."""

    def __init__(self, server: harness.JupyterServer, notebook_id: str):
        self.server, self.notebook_id = server, notebook_id
        self.types: asyncio.Queue = asyncio.Queue()
        self.upstream_errors: Counter = Counter()
        self.task = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", self.server.port)
        path = f"/codelab/api/notebooks/{self.notebook_id}/events"
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: token {self.server.token}\r\n"
                     f"Connection: close\r\n\r\n".encode())  # fmt: skip
        buffer = b""
        try:
            while chunk := await reader.read(65536):
                buffer += chunk
                while b"\n\n" in buffer:
                    block, buffer = buffer.split(b"\n\n", 1)
                    fields = dict(line.split(": ", 1) for line in block.decode().splitlines() if ": " in line)
                    kind = fields.get("event")
                    if not kind:
                        continue  # a keepalive comment
                    data = json.loads(fields.get("data") or "{}")
                    if kind == "upstream_error":
                        self.upstream_errors[data.get("error_code") or "none"] += 1
                    if kind == "snapshot":  # the state at connection time may already be the one awaited
                        kind = SNAPSHOT_AS.get((data.get("notebook") or {}).get("status"), kind)
                    self.types.put_nowait(kind)
        finally:
            writer.close()
            self.types.put_nowait(None)  # the stream ended

    async def until(self, wanted: set[str], timeout: float) -> str | None:
        deadline = time.monotonic() + timeout
        while True:
            kind = await asyncio.wait_for(self.types.get(), max(0.01, deadline - time.monotonic()))
            if kind is None or kind in wanted:
                return kind

    def close(self) -> None:
        self.task.cancel()


async def cycle(api: Api, server: harness.JupyterServer, failures: Counter, sse_errors: Counter) -> None:
    notebook = await api.call("POST", "notebooks/open", {}, "open")
    deadline = time.monotonic() + 30
    while notebook["status"] == "STOPPING" and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
        notebook = await api.call("GET", f"notebooks/{notebook['id']}", None, "read")
    if notebook["status"] == "STOPPED":
        notebook = await api.call("POST", f"notebooks/{notebook['id']}/start", {}, "start")
    streams = [Stream(server, notebook["id"]) for _ in range(WATCHERS)]
    try:
        for stream in streams:
            try:
                outcome = await stream.until({"ready", "failed"}, 60)
            except asyncio.TimeoutError:
                outcome = "timeout"
            if outcome != "ready":
                failures[f"watch: {outcome or 'stream ended'}"] += 1
                raise StepFailed("watch")
        await api.call("PATCH", f"notebooks/{notebook['id']}/lease", {"hours": 2}, "extend")
        await api.call("POST", f"notebooks/{notebook['id']}/stop", {}, "stop")
        for stream in streams:
            try:
                await stream.until({"stopped"}, 30)
                await asyncio.wait_for(stream.task, 10)  # the server ends the stream after "stopped"
            except asyncio.TimeoutError:
                failures["watch: stream not ended after stop"] += 1
    finally:
        for stream in streams:
            sse_errors.update(stream.upstream_errors)
            stream.close()


def queue_faults(sim_endpoint: str, rng: random.Random, queued: Counter) -> None:
    weights = [w for w, _ in FAULTS]
    for fault in rng.choices([f for _, f in FAULTS], weights=weights, k=rng.randint(0, 3)):
        harness.request("POST", f"{sim_endpoint}/_simulator/faults", fault)
        queued[f"{fault['kind']} {fault['route']}"] += 1


async def probe_loop(server: harness.JupyterServer, lags: list, stop: asyncio.Event) -> None:
    conn = connection_for(server.url)
    raw = prepare("GET", f"{server.url}codelab/api/config", server.auth)
    while not stop.is_set():
        started = time.perf_counter()
        await conn.send(raw)
        lags.append((time.perf_counter() - started) * 1000)
        try:
            await asyncio.wait_for(stop.wait(), 0.2)
        except asyncio.TimeoutError:
            pass
    conn.close()


def server_figures(process: psutil.Process) -> tuple[float, int, int]:
    connections = [c for c in process.net_connections(kind="tcp") if c.status == psutil.CONN_ESTABLISHED]
    return process.memory_info().rss / 2**20, process.num_fds(), len(connections)


async def soak(args) -> None:
    config = {
        "ServerApp": {"jpserver_extensions": {"jupyter_codelab": True}},
        "CodeLab": {"simulator_step_seconds": args.step_seconds, "poll_fast_seconds": 0.25, "poll_slow_seconds": 2.0,
                    "watcher_linger_seconds": 1.0, "keepalive_seconds": 5.0},
    }  # fmt: skip
    rng = random.Random(args.seed)
    failures: Counter = Counter()
    sse_errors: Counter = Counter()
    queued: Counter = Counter()
    with harness.JupyterServer(config, name="soak") as server:
        sim_endpoint = server.api("GET", "config")[1]["simulator_endpoint"]
        process = psutil.Process(server.pid)
        api = Api(server, failures)
        lags: list[float] = []
        stop = asyncio.Event()
        probing = asyncio.ensure_future(probe_loop(server, lags, stop))
        started = last_report = time.monotonic()
        cycles = failed_cycles = 0
        durations: list[float] = []
        first = server_figures(process)
        print(f"{'elapsed':>7}  {'cycles':>6}  {'faults':>6}  {'failed':>6}  {'cycle p50 s':>11}  {'RSS MB':>6}  {'fds':>4}  {'TCP':>4}  "
              f"{'config p50/max ms':>17}  failures so far (retried)")  # fmt: skip
        while time.monotonic() - started < args.seconds:
            if cycles % 5 == 4:
                harness.request("POST", f"{sim_endpoint}/_simulator/reset")
            await asyncio.to_thread(queue_faults, sim_endpoint, rng, queued)
            begun = time.monotonic()
            try:
                await cycle(api, server, failures, sse_errors)
                durations.append(time.monotonic() - begun)
            except StepFailed:
                failed_cycles += 1
            cycles += 1
            if time.monotonic() - last_report >= args.every:
                last_report = time.monotonic()
                rss, fds, tcp = server_figures(process)
                recent, lags[:] = lags[:], []
                print(f"{last_report - started:>6.0f}s  {cycles:>6}  {sum(queued.values()):>6}  {failed_cycles:>6}  "
                      f"{statistics.median(durations[-50:]) if durations else float('nan'):>11.2f}  {rss:>6.1f}  {fds:>4}  "
                      f"{tcp:>4}  {harness.percentile(recent, 50):>8.1f}/{max(recent, default=float('nan')):<8.1f}  "
                      f"{dict(failures.most_common())}", flush=True)  # fmt: skip
        stop.set()
        await probing
        api.conn.close()
        await asyncio.sleep(2.0)  # watchers linger 1 s after their last stream
        last = server_figures(process)
    print(f"\n{cycles} cycles in {time.monotonic() - started:.0f} s, {failed_cycles} gave up after {TRIES} tries of a step")
    print(f"faults queued: {dict(queued.most_common())}")
    print(f"failures by type (each was retried): {dict(failures.most_common())}")
    print(f"upstream_error events seen by watchers, by error_code: {dict(sse_errors.most_common())}")
    print(f"server RSS {first[0]:.1f} -> {last[0]:.1f} MB, fds {first[1]} -> {last[1]}, "
          f"established TCP {first[2]} -> {last[2]} (start -> end, streams closed)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="how long to run (default 60)")
    parser.add_argument("--minutes", type=float, help="how long to run, in minutes (e.g. 60 for the hour)")
    parser.add_argument("--every", type=float, default=10.0, help="seconds between report lines (default 10)")
    parser.add_argument("--step-seconds", type=float, default=0.3, help="each simulated step (default 0.3)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.minutes:
        args.seconds = args.minutes * 60
    print(f"Soak: open/watch/extend/stop cycles with faults, simulated mode, {args.seconds:.0f} s; {harness.machine()}\n")
    asyncio.run(soak(args))


if __name__ == "__main__":
    main()
