"""Sending a local notebook to CodeLab: the server's memory and time, next to a bare upload of the
same bytes to the same (simulated) OBS.

The server runs in "real" mode against the standalone simulator in its own process (its
ModelArts and its OBS, demo credentials), with c.CodeLab.obs_bucket set. Each round writes a
notebook of the given size with fresh bytes (so it is uploaded, not found by HEAD), then
  send: POST codelab/api/notebooks/open {"path"}: read, check, hash, HEAD, PUT (esdk-obs-python, in
        a thread), sign, and ModelArts' open call; it answers once the open call has returned;
  bare: esdk-obs-python's putContent of the same bytes from this process to the same OBS.
Memory is the server process's: its resident set just before the send ("idle"), its peak during
the send (Linux's VmHWM, reset through /proc/PID/clear_refs before each send), and its resident
set a second after the simulated CodeLab has downloaded the notebook ("after").
Send and bare alternate; between rounds the bench waits until the simulated CodeLab finished
downloading the notebook (outside the timing), so the two never share the CPU.

    .venv/bin/python bench/bench_send.py [--rounds 3] [--sizes 1 20 100] [--strip] [--before DIR]

``--before DIR`` runs a second server with the jupyter_codelab in DIR (a checkout of an older
commit), its rounds alternating with this tree's, so that both meet the same neighbours.
"""

from __future__ import annotations

import argparse
import json
import secrets
import statistics
import time
from pathlib import Path

import harness

from jupyter_codelab.obs.gateway import ObsGateway
from jupyter_codelab.simulator import DEMO_ACCESS_KEY, DEMO_PROJECT_ID, DEMO_SECRET_KEY

MB = 1024 * 1024
BUCKET = "codelab-bench"
PEAK_SLACK_MB = 32  # goal: peak above idle <= the notebook's size + this
AFTER_GOAL_MB = 10  # goal: back within this of idle
OVERHEAD_GOAL = 1.2  # goal: send time <= this x the bare upload, at 20 MB


def notebook_of(size: int) -> bytes:
    """A valid notebook of about ``size`` bytes: one code cell whose stream output is the padding (fresh each call)."""
    nonce = secrets.token_hex(8)
    shell = {"cells": [{"cell_type": "code", "execution_count": 1, "id": "c1", "metadata": {}, "source": f"print('{nonce}')",
                        "outputs": [{"output_type": "stream", "name": "stdout", "text": ""}]}],
             "metadata": {}, "nbformat": 4, "nbformat_minor": 5}  # fmt: skip
    overhead = len(json.dumps(shell, indent=1)) + 1
    shell["cells"][0]["outputs"][0]["text"] = (secrets.token_hex(16) * (size // 32 + 1))[: max(0, size - overhead)]
    return (json.dumps(shell, indent=1) + "\n").encode()


def memory_mb(pid: int) -> tuple[float, float]:
    """(resident now, peak resident since the last reset) of ``pid``, in MB."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def reset_peak(pid: int) -> None:
    Path(f"/proc/{pid}/clear_refs").write_text("5")  # Linux: VmHWM := VmRSS


class Downloads:
    """The simulated CodeLab's downloads of sent notebooks (one simulator for every server)."""

    def __init__(self, obs_endpoint: str):
        self.obs_endpoint, self.count = obs_endpoint, 0

    def wait_for_one_more(self) -> None:
        self.count += 1

        def done():
            _, body = harness.request("GET", f"{self.obs_endpoint}/_simulator/obs/downloads")
            finished = [d for d in body["downloads"] if d["done"]]
            return len(finished) >= self.count and all(d["status"] == 200 for d in finished)

        harness.wait_until(done, 300, "the simulated CodeLab's download")


class Bench:
    def __init__(self, server: harness.JupyterServer, gateway: ObsGateway, downloads: Downloads, strip: bool):
        self.server, self.gateway, self.downloads, self.strip = server, gateway, downloads, strip

    def send(self, name: str, data: bytes) -> tuple[float, float, float]:
        """(seconds, peak MB above idle, MB above idle after) of one send."""
        (self.server.home / "root" / name).write_bytes(data)
        time.sleep(0.5)  # the write's own effects settle
        idle, _ = memory_mb(self.server.pid)
        reset_peak(self.server.pid)
        started = time.perf_counter()
        body = {"path": name, "strip_outputs": True} if self.strip else {"path": name}
        status, answer = self.server.api("POST", "notebooks/open", body, timeout=600)
        seconds = time.perf_counter() - started
        assert status == 200, f"send failed: {status} {answer}"
        _, peak = memory_mb(self.server.pid)
        self.downloads.wait_for_one_more()
        time.sleep(1.0)
        now, _ = memory_mb(self.server.pid)
        return seconds, peak - idle, now - idle

    def bare(self, data: bytes) -> float:
        started = time.perf_counter()
        self.gateway.put(BUCKET, f"bare/{secrets.token_hex(8)}.ipynb", data)
        return time.perf_counter() - started


def real_mode(sim: harness.SimulatorProcess, **codelab) -> tuple[str, ObsGateway, dict]:
    """(OBS endpoint, a gateway to it, the server's config): real mode against ``sim``, its OBS holding ``BUCKET``."""
    _, state = sim.control("GET", "state")
    obs_endpoint = state["obs_endpoint"]
    gateway = ObsGateway(obs_endpoint, DEMO_ACCESS_KEY, DEMO_SECRET_KEY)
    gateway.create_bucket(BUCKET)
    config = {
        "ServerApp": {"jpserver_extensions": {"jupyter_codelab": True}},
        "CodeLab": {"access_key": DEMO_ACCESS_KEY, "secret_key": DEMO_SECRET_KEY, "project_id": DEMO_PROJECT_ID,
                    "region": "cn-north-4", "endpoint": sim.endpoint, "iam_endpoint": sim.endpoint, "obs_endpoint": obs_endpoint,
                    "obs_bucket": BUCKET, **codelab},
    }  # fmt: skip
    return obs_endpoint, gateway, config


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def row(label: str, size_mb: int, sends, bares, peaks, afters) -> list[str]:
    s, b = statistics.median(sends), statistics.median(bares)
    ratios = [send / bare for send, bare in zip(sends, bares, strict=True)]  # each send next to its own bare upload
    ratio = statistics.median(ratios)
    peak_goal = size_mb + PEAK_SLACK_MB
    return [
        label, f"{size_mb} MB", f"{max(peaks):.0f}", f"<= {peak_goal}: {verdict(max(peaks) <= peak_goal)}",
        f"{max(afters):.1f}", f"<= {AFTER_GOAL_MB}: {verdict(max(afters) <= AFTER_GOAL_MB)}",
        f"{b * 1000:.0f}", f"{s * 1000:.0f}", f"{ratio:.2f}x ({min(ratios):.2f}-{max(ratios):.2f})",
        f"<= {OVERHEAD_GOAL}x: {verdict(ratio <= OVERHEAD_GOAL)}" if size_mb == 20 else "",
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="rounds per size (after one warm-up send)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 20, 100], help="notebook sizes in MB")
    parser.add_argument("--strip", action="store_true", help="send with strip_outputs: true (the stripped copy is tiny)")
    parser.add_argument("--before", help="a directory holding another jupyter_codelab (an older commit): its server runs "
                        "too, rounds alternating with this tree's")  # fmt: skip
    args = parser.parse_args()
    codes = [("before", args.before), ("this tree", None)] if args.before else [("this tree", None)]
    print(f"Send: server memory and time vs bare upload; {harness.machine()}; {args.rounds} rounds per size"
          f"{'; strip_outputs' if args.strip else ''}")  # fmt: skip
    with harness.SimulatorProcess(step_seconds=0) as sim:
        obs_endpoint, gateway, config = real_mode(sim, send_size_limit_mb=max(args.sizes) + 10)
        servers = [harness.JupyterServer(config, name="send", code=code) for _, code in codes]
        try:
            downloads, benches = Downloads(obs_endpoint), []
            for server in servers:
                server.start()
                benches.append(Bench(server, gateway, downloads, args.strip))
            for bench in benches:
                bench.send("warm-up.ipynb", notebook_of(MB))  # imports, connections, the OBS client
            rows = []
            for size_mb in args.sizes:
                figures: dict[str, list[list[float]]] = {label: [[], [], [], []] for label, _ in codes}
                for round_ in range(args.rounds):
                    for (label, _), bench in zip(codes, benches, strict=True):
                        data = notebook_of(size_mb * MB)
                        seconds, peak, after = bench.send(f"bench-{size_mb}mb-{round_}.ipynb", data)
                        sends, bares, peaks, afters = figures[label]
                        sends.append(seconds), peaks.append(peak), afters.append(after)
                        bares.append(bench.bare(data))
                        del data
                rows += [row(label, size_mb, *figures[label]) for label, _ in codes]
        finally:
            for server in servers:
                server.stop()
    print(harness.table(["code", "size", "peak MB above idle", "goal", "after MB", "goal", "bare p50 ms", "send p50 ms",
                         "send/bare p50 (min-max)", "goal (at 20 MB)"], rows))  # fmt: skip


if __name__ == "__main__":
    main()
