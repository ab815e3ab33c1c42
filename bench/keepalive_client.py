"""A minimal HTTP/1.1 keep-alive client on raw asyncio streams: the benchmarks' load generator.

Requests are prepared as bytes once and replayed, and each connection is
reused, so the generator spends a few tens of microseconds per call and is not
what a benchmark measures.
"""

from __future__ import annotations

import asyncio
import time
from urllib.parse import urlsplit


def prepare(method: str, url: str, headers: dict | None = None, body: bytes | None = None) -> bytes:
    """The request as bytes; ``url``'s host:port goes into ``Host`` unless ``headers`` sets it."""
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    fields = {"Host": parts.netloc, **(headers or {})}
    if body is not None or method in ("POST", "PATCH", "PUT"):
        fields["Content-Length"] = str(len(body or b""))
    head = f"{method} {target} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in fields.items()) + "\r\n"
    return head.encode("latin-1") + (body or b"")


class Connection:
    def __init__(self, host: str, port: int, ssl_context=None):
        self.host, self.port, self.ssl = host, port, ssl_context
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def _connect(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port, ssl=self.ssl)

    async def send(self, raw: bytes) -> tuple[int, bytes]:
        """Send one prepared request; (status, body). Reconnects once if the server had closed."""
        for attempt in (1, 2):
            if self.writer is None:
                await self._connect()
            try:
                self.writer.write(raw)
                return await self._read()
            except (ConnectionError, asyncio.IncompleteReadError):
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    async def _read(self) -> tuple[int, bytes]:
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name:
                headers[name.strip().lower()] = value.strip()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = b""
            while size := int((await self.reader.readuntil(b"\r\n")).strip(), 16):
                body += await self.reader.readexactly(size)
                await self.reader.readexactly(2)
            await self.reader.readuntil(b"\r\n")
        else:
            body = await self.reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, body

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def connection_for(url: str, cafile: str | None = None) -> Connection:
    import ssl

    parts = urlsplit(url)
    context = ssl.create_default_context(cafile=cafile) if parts.scheme == "https" else None
    return Connection(parts.hostname, parts.port, context)


async def run_cell(url: str, raw: bytes, concurrency: int, total: int, cafile: str | None = None) -> dict:
    """``total`` calls by ``concurrency`` workers on kept-alive connections: latencies and wall time."""
    connections = [connection_for(url, cafile) for _ in range(concurrency)]
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
