"""A Server-Sent Events reader on a raw socket that records when each event arrived.

Raw HTTP/1.1 (no client library, no buffering of ours) so that the arrival time
of an event is the moment its bytes reached us: what the proxy in between
delivered, not what a library chose to hand over.
"""

from __future__ import annotations

import json
import queue
import socket
import threading
import time
from urllib.parse import urlsplit


class TimedSSE:
    def __init__(self, url: str, token: str):
        self.url = urlsplit(url)
        self.token = token
        self.status: int | None = None
        self.headers: dict[str, str] = {}
        self.events: queue.Queue = queue.Queue()  # (arrived_at monotonic, {"event", "id", "data"})
        self.ended = threading.Event()
        self.error: BaseException | None = None
        self._sock: socket.socket | None = None
        self._thread = threading.Thread(target=self._run, name="timed-sse", daemon=True)

    def start(self, connect_timeout: float = 10.0) -> TimedSSE:
        self._sock = socket.create_connection((self.url.hostname, self.url.port), timeout=connect_timeout)
        self._sock.settimeout(30)  # the stream sends a keepalive well within this
        path = self.url.path + (f"?{self.url.query}" if self.url.query else "")
        request = (
            f"GET {path} HTTP/1.1\r\nHost: {self.url.netloc}\r\nAccept: text/event-stream\r\n"
            f"Authorization: token {self.token}\r\nConnection: close\r\n\r\n"
        )
        self._sock.sendall(request.encode())
        self._thread.start()
        return self

    def next(self, timeout: float = 20.0) -> tuple[float, dict]:
        try:
            return self.events.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"no event within {timeout} s (status {self.status}, error {self.error!r})") from None

    def until(self, kind: str, timeout: float = 20.0) -> list[tuple[float, dict]]:
        """Every (arrival, event) up to and including the first event of type ``kind``."""
        seen = []
        deadline = time.monotonic() + timeout
        while True:
            arrived, event = self.next(max(0.1, deadline - time.monotonic()))
            seen.append((arrived, event))
            if event["event"] == kind:
                return seen

    def close(self) -> None:
        if self._sock is not None:
            try:
                self._sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self._sock.close()
        self._thread.join(5)

    # -- reading thread ------------------------------------------------------
    def _run(self) -> None:
        try:
            self._read()
        except OSError as error:  # closed by us, or by the server after a final event
            self.error = error
        finally:
            self.ended.set()

    def _read(self) -> None:
        raw = b""
        while b"\r\n\r\n" not in raw:
            chunk = self._sock.recv(65536)
            if not chunk:
                return
            raw += chunk
        head, _, rest = raw.partition(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        self.status = int(status_line.split()[1])
        self.headers = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in header_lines)}
        chunked = self.headers.get("transfer-encoding", "").lower() == "chunked"
        framed, body = rest, b""
        while True:
            if chunked:
                body, framed, done = _unchunk(body, framed)
                if done:
                    break
            else:
                body, framed = body + framed, b""
            while b"\n\n" in body:
                block, body = body.split(b"\n\n", 1)
                self._parse(block)
            chunk = self._sock.recv(65536)
            if not chunk:
                break
            framed += chunk

    def _parse(self, block: bytes) -> None:
        arrived = time.monotonic()
        event = {}
        for line in block.decode().split("\n"):
            if line.startswith(":"):
                continue  # keepalive comment
            name, _, value = line.partition(":")
            event[name] = value[1:] if value.startswith(" ") else value
        if "data" in event:
            event["data"] = json.loads(event["data"])
            self.events.put((arrived, event))


def _unchunk(body: bytes, framed: bytes) -> tuple[bytes, bytes, bool]:
    """Move every complete chunk of ``framed`` into ``body``; True once the last chunk is seen."""
    while b"\r\n" in framed:
        size_line, _, after = framed.partition(b"\r\n")
        size = int(size_line.split(b";")[0].strip() or b"0", 16)
        if size == 0:
            return body, b"", True
        if len(after) < size + 2:
            break
        body, framed = body + after[:size], after[size + 2 :]
    return body, framed, False
