"""A bare tornado SSE server: the floor bench_fanout.py compares our extension's fan-out with.

    python bench/fanout_floor_server.py EVENT_BYTES

Prints its port, then serves ``GET /events`` (a snapshot at once, then every
published event) and ``POST /publish/KIND`` (``stopped`` ends the streams). No Jupyter, no auth, no
watcher: each stream awaits one shared future, then writes and flushes, which is
the least any tornado SSE fan-out does per watcher.
"""

from __future__ import annotations

import asyncio
import sys

from tornado import httpserver, netutil, web


class Hub:
    def __init__(self, size: int):
        self.seq = 0
        self.size = size
        self.next = asyncio.get_running_loop().create_future()

    def publish(self, kind: str) -> None:
        self.seq += 1
        head = b"id: floor-%d\nevent: %s\ndata: " % (self.seq, kind.encode())
        pad = max(0, self.size - len(head) - len(b'{"pad":""}\n\n'))  # the whole event is ``size`` bytes
        wire = head + b'{"pad":"' + b"x" * pad + b'"}\n\n'
        waiting, self.next = self.next, asyncio.get_running_loop().create_future()
        waiting.set_result(wire)


class EventsHandler(web.RequestHandler):
    async def get(self):
        hub = self.settings["hub"]
        self.set_header("Content-Type", "text/event-stream")
        self.write(b"id: floor-0\nevent: snapshot\ndata: {}\n\n")
        await self.flush()
        while True:
            wire = await hub.next
            self.write(wire)
            await self.flush()
            if b"event: stopped" in wire:
                return


class PublishHandler(web.RequestHandler):
    def post(self, kind):
        self.settings["hub"].publish(kind)


async def main() -> None:
    hub = Hub(int(sys.argv[1]))
    app = web.Application([(r"/events", EventsHandler), (r"/publish/(\w+)", PublishHandler)], hub=hub)
    sockets = netutil.bind_sockets(0, "127.0.0.1")
    server = httpserver.HTTPServer(app)
    server.add_sockets(sockets)
    print(sockets[0].getsockname()[1], flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
