"""Two floors for bench_fanout.py: the least a fan-out to N loopback watchers costs on this machine.

* ``send_floor``: a tight Python loop ``send``s the event's bytes to N sockets whose
  readers wait in epoll in client processes of 250 (no HTTP, no event loop);
* ``FloorServer``: a bare tornado SSE server (fanout_floor_server.py) publishing to the
  same watcher clients as the real benchmark, when the bench says (fanout_rounds.py).
"""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import harness
from sse_watchers import PER_PROCESS

FLOOR_SERVER = str(Path(__file__).with_name("fanout_floor_server.py"))

FLOOR_READER = """
import json, selectors, socket, sys, time
port, count, size = (int(a) for a in sys.argv[1:4])
socks = [socket.create_connection(("127.0.0.1", port)) for _ in range(count)]
print("ready", flush=True)
selector = selectors.DefaultSelector()
for sock in socks:
    selector.register(sock, selectors.EVENT_READ)
left, receipts = {sock: size for sock in socks}, []
while left:
    for key, _ in selector.select(30):
        left[key.fileobj] -= len(key.fileobj.recv(65536))
        if left[key.fileobj] <= 0:
            receipts.append(time.time())
            selector.unregister(key.fileobj)
            del left[key.fileobj]
print(json.dumps(receipts), flush=True)
"""


def send_floor(count: int, size: int) -> list[float]:
    """This machine's floor for a fan-out, in the fan-out's terms (ms from the first receipt):
    a tight Python loop ``send``s ``size`` bytes to each of ``count`` loopback sockets whose
    readers wait in epoll in client processes of 250, as the watchers do. No HTTP, no event loop."""
    listener = socket.create_server(("127.0.0.1", 0), backlog=count)
    port = listener.getsockname()[1]
    sizes = [PER_PROCESS] * (count // PER_PROCESS) + ([count % PER_PROCESS] if count % PER_PROCESS else [])
    readers = [
        subprocess.Popen([sys.executable, "-c", FLOOR_READER, str(port), str(n), str(size)], stdout=subprocess.PIPE, text=True)
        for n in sizes
    ]
    served = []
    try:
        for _ in range(count):
            served.append(listener.accept()[0])
        for reader in readers:
            reader.stdout.readline()
        time.sleep(0.3)  # let the readers settle in epoll
        payload = b"x" * size
        for conn in served:
            conn.sendall(payload)
        receipts = [t for reader in readers for t in json.loads(reader.stdout.readline())]
        first = min(receipts)
        return [(t - first) * 1000 for t in receipts]
    finally:
        for reader in readers:
            reader.wait(30)
        for sock in served + [listener]:
            sock.close()


class FloorServer:
    """The bare tornado SSE server (fanout_floor_server.py) in a subprocess, events of ``size`` bytes on the wire."""

    def __init__(self, size: int):
        self.size = size
        self.base = ""
        self.process: asyncio.subprocess.Process | None = None

    @property
    def events_url(self) -> str:
        return self.base + "/events"

    async def __aenter__(self) -> FloorServer:
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, FLOOR_SERVER, str(self.size), stdout=asyncio.subprocess.PIPE
        )
        self.base = f"http://127.0.0.1:{int(await self.process.stdout.readline())}"
        return self

    async def publish(self, kind: str = "progress") -> None:
        """One event to every stream; ``stopped`` ends them."""
        await asyncio.to_thread(harness.request, "POST", f"{self.base}/publish/{kind}", {})

    async def __aexit__(self, *exc) -> None:
        self.process.terminate()
        await self.process.wait()
