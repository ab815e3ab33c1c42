"""Many SSE watchers of one instance on raw asyncio sockets: one client process of bench_fanout.py
(``start_clients`` spawns as many as a number of watchers needs).

    python bench/sse_watchers.py --url URL --token TOKEN --count 250 [--timeout 120]

Connects ``count`` streams (in small batches: the server's listen backlog is
128), prints ``{"connected": n}`` once every stream has its snapshot, then
records when each later event reached each stream (``time.time()`` right
after the read). It ends when every stream has ended (or at the timeout) and
prints one JSON line: receipt times by event id, each event's type, and the
first stream's copy of each event (for the step it reports).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
import time
from urllib.parse import urlsplit

PER_PROCESS = 250  # watchers per client process (bench_fanout.py, fanout_floors.py)
EVENT = re.compile(rb"id: (\S+)\nevent: (\w+)\ndata: ([^\n]*)\n\n")
TERMINAL = {"failed", "stopped", "deleted"}  # the server ends the stream after these
BATCH = 50


class Watcher:
    def __init__(self, index: int, keep_data: bool):
        self.index = index
        self.keep_data = keep_data
        self.connected = asyncio.get_running_loop().create_future()
        self.receipts: list[tuple[str, str, float]] = []  # (event id, type, time)
        self.data: dict[str, dict] = {}
        self.error: str | None = None

    async def run(self, host: str, port: int, path: str, token: str) -> None:
        try:
            reader, writer = await asyncio.open_connection(host, port)
        except OSError as exc:
            self.error = f"connect: {exc}"
            self.connected.set_result(False)
            return
        writer.write(
            (
                f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: text/event-stream\r\n"
                f"Authorization: token {token}\r\nConnection: close\r\n\r\n"
            ).encode()  # fmt: skip
        )
        buffer = b""
        try:
            while True:
                chunk = await reader.read(65536)
                now = time.time()
                if not chunk:
                    break
                buffer += chunk
                if not self.connected.done() and b"HTTP/1.1 200" not in buffer[:20]:
                    self.error = buffer[:200].decode(errors="replace")
                    break
                end = 0
                for match in EVENT.finditer(buffer):
                    end = match.end()
                    event_id, kind = match.group(1).decode(), match.group(2).decode()
                    if kind == "snapshot":
                        if not self.connected.done():
                            self.connected.set_result(True)
                        continue
                    self.receipts.append((event_id, kind, now))
                    if self.keep_data:
                        self.data[event_id] = json.loads(match.group(3))
                buffer = buffer[end:]
                if self.receipts and self.receipts[-1][1] in TERMINAL:
                    break
        except (ConnectionError, OSError) as exc:
            self.error = f"read: {exc}"
        finally:
            if not self.connected.done():
                self.connected.set_result(False)
            writer.close()


async def main_async(args) -> dict:
    url = urlsplit(args.url)
    path = url.path + (f"?{url.query}" if url.query else "")
    watchers = [Watcher(i, keep_data=(i == 0)) for i in range(args.count)]
    tasks = []
    for start in range(0, len(watchers), BATCH):
        batch = watchers[start : start + BATCH]
        tasks += [asyncio.ensure_future(w.run(url.hostname, url.port, path, args.token)) for w in batch]
        await asyncio.wait_for(asyncio.gather(*(w.connected for w in batch)), args.timeout)
    connected = sum(1 for w in watchers if w.connected.result())
    print(json.dumps({"connected": connected, "at": time.time()}), flush=True)
    await asyncio.wait(tasks, timeout=args.timeout)
    for task in tasks:
        task.cancel()
    receipts: dict[str, list[float]] = {}
    types: dict[str, str] = {}
    for w in watchers:
        for event_id, kind, at in w.receipts:
            receipts.setdefault(event_id, []).append(at)
            types[event_id] = kind
    errors = [w.error for w in watchers if w.error]
    return {"receipts": receipts, "types": types, "data": watchers[0].data, "errors": errors[:5], "error_count": len(errors)}


async def start_clients(url: str, token: str, count: int, timeout: float):
    """Spawn client processes of this script for ``count`` watchers; (processes, watchers connected)."""
    sizes = [PER_PROCESS] * (count // PER_PROCESS) + ([count % PER_PROCESS] if count % PER_PROCESS else [])
    clients = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            __file__,
            "--url",
            url,
            "--token",
            token,
            "--count",
            str(size),
            "--timeout",
            str(timeout),
            stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        for size in sizes
    ]
    connected = 0
    for client in clients:
        line = await asyncio.wait_for(client.stdout.readline(), timeout)
        connected += json.loads(line)["connected"]
    return clients, connected


async def collect(clients) -> list[dict]:
    """Each client process's final JSON line, once its streams have ended (read to EOF: the line can be long)."""
    outputs = []
    for client in clients:
        text = (await client.stdout.read()).decode().strip()
        outputs.append(json.loads(text.splitlines()[-1]) if text else {})
        await client.wait()
    return outputs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    result = asyncio.run(main_async(args))
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
