"""Sending a notebook with the files it reads: the server's time and peak memory, next to a bare upload of the
same bytes (each file, then the notebook) to the same (simulated) OBS.

The setup is bench_send.py's (the standalone simulator in its own process, a server in "real" mode with
c.CodeLab.obs_bucket set). Each round writes a small notebook and a folder of fresh files (so every one is
uploaded, not found by HEAD), then
  send: POST codelab/api/notebooks/open {"path", "files": [folder]}: each file read, hashed, HEAD, PUT; the copy
        with the added cell built, HEAD, PUT, signed, and ModelArts' open call;
  bare: esdk-obs-python's putContent of the same files and notebook from this process.
Memory is the server's peak resident set above idle during the send (VmHWM, as bench_send.py reads it).

    .venv/bin/python bench/bench_send_files.py [--rounds 2] [--files 100] [--file-mb 1]
"""

from __future__ import annotations

import argparse
import secrets
import statistics
import time

import harness
from bench_send import BUCKET, MB, Downloads, memory_mb, notebook_of, real_mode, reset_peak

from jupyter_codelab.obs.gateway import ObsGateway


def send(server: harness.JupyterServer, downloads: Downloads, name: str, files: list[bytes]) -> tuple[float, float]:
    """(seconds, peak MB above idle) of one send with ``files`` in a folder beside the notebook."""
    root = server.home / "root"
    folder = root / f"{name}-data"
    folder.mkdir()
    for index, data in enumerate(files):
        (folder / f"{index:03d}.bin").write_bytes(data)
    (root / f"{name}.ipynb").write_bytes(notebook_of(20_000))
    time.sleep(0.5)
    idle, _ = memory_mb(server.pid)
    reset_peak(server.pid)
    started = time.perf_counter()
    status, answer = server.api("POST", "notebooks/open", {"path": f"{name}.ipynb", "files": [folder.name]}, timeout=600)
    seconds = time.perf_counter() - started
    assert status == 200, f"send failed: {status} {answer}"
    _, peak = memory_mb(server.pid)
    downloads.wait_for_one_more()
    return seconds, peak - idle


def bare(gateway: ObsGateway, files: list[bytes]) -> float:
    started = time.perf_counter()
    for data in files:
        gateway.put(BUCKET, f"bare/{secrets.token_hex(8)}.bin", data)
    gateway.put(BUCKET, f"bare/{secrets.token_hex(8)}.ipynb", notebook_of(20_000))
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=2, help="rounds (after one warm-up send)")
    parser.add_argument("--files", type=int, default=100, help="files sent with the notebook")
    parser.add_argument("--file-mb", type=float, default=1.0, help="size of each file in MB")
    args = parser.parse_args()
    size = int(args.file_mb * MB)
    print(f"Send with files: {args.files} files of {args.file_mb:g} MB; {harness.machine()}; {args.rounds} rounds")
    with harness.SimulatorProcess(step_seconds=0) as sim:
        obs_endpoint, gateway, config = real_mode(sim)
        server = harness.JupyterServer(config, name="send-files")
        downloads = Downloads(obs_endpoint)
        try:
            server.start()
            send(server, downloads, "warm-up", [secrets.token_bytes(1024)])
            sends, peaks, bares = [], [], []
            for round_ in range(args.rounds):
                files = [secrets.token_bytes(size) for _ in range(args.files)]
                seconds, peak = send(server, downloads, f"round-{round_}", files)
                sends.append(seconds), peaks.append(peak)
                bares.append(bare(gateway, files))
        finally:
            server.stop()
    total_mb = args.files * size / MB
    s, b = statistics.median(sends), statistics.median(bares)
    print(harness.table(["files", "total", "peak MB above idle", "bare p50 s", "send p50 s", "send/bare"],
                        [[str(args.files), f"{total_mb:.0f} MB", f"{max(peaks):.0f}", f"{b:.2f}", f"{s:.2f}", f"{s / b:.2f}x"]]))  # fmt: skip


if __name__ == "__main__":
    main()
