"""A Server-Sent Events reader on a plain asyncio socket, for the tests.

A raw connection (rather than an HTTP client library) so that ``close()`` really
drops the TCP connection at once, as a closed browser tab does.
"""

import asyncio
import json
import zlib
from urllib.parse import urlsplit


class SSEReader:
    def __init__(self, url: str, headers: dict | None = None, last_event_id: str | None = None, version: str = "HTTP/1.1"):
        self.url = urlsplit(url)
        self.version = version
        self.headers = dict(headers or {})
        if last_event_id:
            self.headers["Last-Event-ID"] = last_event_id
        self.queue: asyncio.Queue = asyncio.Queue()
        self.keepalives = 0
        self.stray_lines: list[str] = []  # neither a comment nor a field: bytes that are not SSE
        self.status: int | None = None
        self.body = b""  # for non-200 answers
        self.response_headers: dict[str, str] = {}
        self.done: asyncio.Task | None = None
        self._writer = None

    def start(self) -> "SSEReader":
        self.done = asyncio.ensure_future(self._read())
        return self

    async def _read(self) -> int:
        reader, self._writer = await asyncio.open_connection(self.url.hostname, self.url.port)
        path = self.url.path + (f"?{self.url.query}" if self.url.query else "")
        lines = [f"GET {path} {self.version}", f"Host: {self.url.netloc}", "Accept: text/event-stream", "Connection: close"]
        lines += [f"{k}: {v}" for k, v in self.headers.items()]
        self._writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
        self.status = int((await reader.readline()).split()[1])
        headers = self.response_headers
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode().partition(":")
            headers[name.strip().lower()] = value.strip()
        gzipped = zlib.decompressobj(16 + zlib.MAX_WBITS) if headers.get("content-encoding") == "gzip" else None
        buffer = b""
        while True:
            if headers.get("transfer-encoding") == "chunked":
                size = int((await reader.readline()).strip() or b"0", 16)
                if size == 0:
                    break
                chunk = await reader.readexactly(size)
                await reader.readline()
            else:
                chunk = await reader.read(65536)
                if not chunk:
                    break
            if self.status != 200:
                self.body += chunk
                continue
            buffer += gzipped.decompress(chunk) if gzipped else chunk
            while b"\n\n" in buffer:
                block, buffer = buffer.split(b"\n\n", 1)
                self._parse(block)
        self.close()
        return self.status

    def _parse(self, block: bytes) -> None:
        event = {}
        for line in block.decode().split("\n"):
            if line.startswith(":"):
                self.keepalives += 1
                continue
            name, sep, value = line.partition(": ")
            if not sep:
                self.stray_lines.append(line)
            event[name] = value
        if "data" in event:
            event["data"] = json.loads(event["data"])
            self.queue.put_nowait(event)

    async def next(self, timeout: float = 15.0) -> dict:
        return await asyncio.wait_for(self.queue.get(), timeout)

    async def until(self, kind: str, timeout: float = 20.0) -> list[dict]:
        """Every event up to and including the first of type ``kind``."""
        seen = []
        while True:
            event = await self.next(timeout)
            seen.append(event)
            if event["event"] == kind:
                return seen

    async def ended(self, timeout: float = 15.0) -> int:
        """The HTTP status, once the server has closed the stream."""
        return await asyncio.wait_for(asyncio.shield(self.done), timeout)

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
