"""Sending a local notebook to CodeLab (issue 12): the time from the click to the open call, next
to a bare upload of the same bytes to the same (simulated) OBS.

The server runs in "real" mode against the standalone simulator in its own process (its
ModelArts and its OBS, demo credentials), with c.CodeLab.obs_bucket set. Each round writes a
notebook of the given size with fresh bytes (so it is uploaded, not found by HEAD), then
  send: POST codelab/api/notebooks/open {"path"}: read through the contents manager, hash, HEAD,
        PUT (esdk-obs-python, in a thread), sign, and ModelArts' open call; it answers once the
        open call has returned, so this is "click -> open call" plus one loopback open round trip;
  bare: esdk-obs-python's putContent of same-size fresh bytes from this process to the same OBS.
Send and bare alternate; between rounds the bench waits until the simulated CodeLab finished
downloading the notebook (outside the timing), so the two never share the CPU.

    .venv/bin/python bench/bench_send.py [--rounds 7] [--quick]
"""

from __future__ import annotations

import argparse
import json
import secrets
import statistics
import time

import harness

from jupyter_codelab.obs.gateway import ObsGateway
from jupyter_codelab.simulator import DEMO_ACCESS_KEY, DEMO_PROJECT_ID, DEMO_SECRET_KEY

MB = 1024 * 1024
BUCKET = "codelab-bench"


def notebook_of(size: int) -> bytes:
    """A valid notebook of about ``size`` bytes: one code cell whose stream output is the padding (fresh each call)."""
    nonce = secrets.token_hex(8)
    shell = {"cells": [{"cell_type": "code", "execution_count": 1, "id": "c1", "metadata": {}, "source": f"print('{nonce}')",
                        "outputs": [{"output_type": "stream", "name": "stdout", "text": ""}]}],
             "metadata": {}, "nbformat": 4, "nbformat_minor": 5}  # fmt: skip
    overhead = len(json.dumps(shell, indent=1)) + 1
    shell["cells"][0]["outputs"][0]["text"] = (secrets.token_hex(16) * (size // 32 + 1))[: max(0, size - overhead)]
    return (json.dumps(shell, indent=1) + "\n").encode()


def wait_downloads(obs_endpoint: str, count: int) -> None:
    def done():
        _, body = harness.request("GET", f"{obs_endpoint}/_simulator/obs/downloads")
        finished = [d for d in body["downloads"] if d["done"]]
        return len(finished) >= count and all(d["status"] == 200 for d in finished)

    harness.wait_until(done, 120, "the simulated CodeLab's download")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="3 rounds")
    args = parser.parse_args()
    rounds = 3 if args.quick else args.rounds
    print(f"Send overhead: click -> open call vs bare upload; {harness.machine()}; {rounds} rounds per size")
    with harness.SimulatorProcess(step_seconds=0) as sim:
        _, state = sim.control("GET", "state")
        obs_endpoint = state["obs_endpoint"]
        gateway = ObsGateway(obs_endpoint, DEMO_ACCESS_KEY, DEMO_SECRET_KEY)
        gateway.create_bucket(BUCKET)
        config = {
            "ServerApp": {"jpserver_extensions": {"jupyter_codelab": True}},
            "CodeLab": {"access_key": DEMO_ACCESS_KEY, "secret_key": DEMO_SECRET_KEY, "project_id": DEMO_PROJECT_ID,
                        "region": "cn-north-4", "endpoint": sim.endpoint, "iam_endpoint": sim.endpoint, "obs_endpoint": obs_endpoint,
                        "obs_bucket": BUCKET, "send_size_limit_mb": 200},
        }  # fmt: skip
        with harness.JupyterServer(config, name="send") as server:
            rows, downloads = [], 0
            for size in (1 * MB, 50 * MB):
                send, bare = [], []
                for round_ in range(rounds + 1):  # the first round warms up (imports, connections) and is dropped
                    name = f"bench-{size // MB}mb-{round_}.ipynb"
                    (server.home / "root" / name).write_bytes(notebook_of(size))
                    started = time.perf_counter()
                    status, answer = server.api("POST", "notebooks/open", {"path": name}, timeout=300)
                    sent = time.perf_counter() - started
                    assert status == 200, f"send failed: {status} {answer}"
                    downloads += 1
                    wait_downloads(obs_endpoint, downloads)
                    data = notebook_of(size)
                    started = time.perf_counter()
                    gateway.put(BUCKET, f"bare/{secrets.token_hex(8)}.ipynb", data)
                    uploaded = time.perf_counter() - started
                    if round_:
                        send.append(sent)
                        bare.append(uploaded)
                s, b = statistics.median(send), statistics.median(bare)
                rows.append([f"{size // MB} MB", f"{b * 1000:.0f}", f"{s * 1000:.0f}", f"{(s - b) * 1000:.0f}", f"{100 * (s - b) / b:.0f} %",
                             f"{min(send) * 1000:.0f}-{max(send) * 1000:.0f}"])  # fmt: skip
    print(harness.table(["size", "bare upload p50 ms", "send p50 ms", "overhead ms", "overhead", "send range ms"], rows))


if __name__ == "__main__":
    main()
