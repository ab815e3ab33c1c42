"""Kept-alive HTTP/1.1 connections to ModelArts, on tornado's own IOStream and HTTP1Connection.

Why our own small pool rather than tornado's simple client, pycurl, aiohttp or httpx
(bench/README.md, "Choosing the HTTP client", has the figures):

* tornado's simple client opens a new connection (TCP + TLS handshake) per call;
* libcurl re-sends a request whose reused connection died before an answer, POST
  included: an ``open`` would be sent twice;
* aiohttp and httpx would be new runtime dependencies (7 and 5 packages) for what
  tornado, already loaded by every Jupyter server, does here in ~150 lines: the
  same HTTP/1.1 parser that serves Jupyter's own requests, and less CPU per call.

The rules that keep it safe: a connection goes back to the pool only after a
complete answer that allows keep-alive; one that failed, timed out or was
cancelled is closed, never reused; an idle connection is checked (the server may
have closed it) and dropped after ``idle_seconds``. Nothing is ever re-sent here:
retries are the flows' decision (``RetryPolicy``), which never re-sends an ``open``.
"""

from __future__ import annotations

import asyncio
import select
import ssl
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from tornado import httputil
from tornado.http1connection import HTTP1Connection, HTTP1ConnectionParameters
from tornado.iostream import IOStream, StreamClosedError
from tornado.tcpclient import TCPClient

MAX_HEADER_BYTES = 64 * 1024
MAX_BODY_BYTES = 64 * 1024 * 1024
PARAMS = HTTP1ConnectionParameters(
    no_keep_alive=False, max_header_size=MAX_HEADER_BYTES, max_body_size=MAX_BODY_BYTES, decompress=True
)


class ConnectionFailed(Exception):
    """No usable answer: refused, reset, closed early, or not HTTP. ``tls_error`` when the handshake failed."""

    def __init__(self, reason: str, tls_error: ssl.SSLError | None = None):
        super().__init__(reason)
        self.reason = reason
        self.tls_error = tls_error


@dataclass
class Answer(httputil.HTTPMessageDelegate):
    status: int = 0
    version: str = ""
    headers: httputil.HTTPHeaders = field(default_factory=httputil.HTTPHeaders)
    chunks: list = field(default_factory=list)
    complete: bool = False

    def headers_received(self, start_line, headers) -> None:
        self.status, self.version, self.headers = start_line.code, start_line.version, headers

    def data_received(self, chunk: bytes) -> None:
        self.chunks.append(chunk)

    def finish(self) -> None:
        self.complete = True

    def on_connection_close(self) -> None:
        pass

    @property
    def body(self) -> bytes:
        return b"".join(self.chunks)

    def allows_keep_alive(self) -> bool:
        connection = (self.headers.get("Connection") or "").lower()
        return connection == "keep-alive" if self.version == "HTTP/1.0" else connection != "close"


class _Idle:
    __slots__ = ("stream", "since")

    def __init__(self, stream: IOStream, since: float):
        self.stream, self.since = stream, since


def _dropped(stream: IOStream) -> bool:
    """True when an idle connection cannot carry a request: closed, or the server sent something (EOF,
    close_notify, junk) while nobody asked. A zero-timeout poll, as urllib3's ``is_connection_dropped``."""
    # Bytes after the last answer sit in tornado's read buffer, where the poll below cannot see them; IOStream
    # has no public count of them.
    if stream.closed() or stream._read_buffer_size:  # noqa: SLF001
        return True
    sock = stream.socket
    if sock is None:
        return True
    poller = select.poll()
    poller.register(sock.fileno(), select.POLLIN | select.POLLPRI | select.POLLERR | select.POLLHUP)
    return bool(poller.poll(0)) or (isinstance(sock, ssl.SSLSocket) and sock.pending() > 0)


class KeepAlivePool:
    """Connections per (scheme, host, port), reused for sequential calls; at most ``max_connections`` in use."""

    def __init__(self, ssl_context=None, max_connections: int = 64, max_idle_per_host: int = 64, idle_seconds: float = 30.0):
        self._ssl_context = ssl_context  # an SSLContext, or a callable making one the first time HTTPS is used
        self._idle: dict[tuple, deque[_Idle]] = {}
        self._slots = asyncio.Semaphore(max_connections)
        self.max_idle_per_host = max_idle_per_host
        self.idle_seconds = idle_seconds  # below the usual 60 s of load balancers, above the 10 s slow poll
        self.tcp = TCPClient()
        self.closed = False

    def ssl_context(self) -> ssl.SSLContext:
        if callable(self._ssl_context):
            self._ssl_context = self._ssl_context()
        return self._ssl_context or ssl.create_default_context()

    async def fetch(
        self, method: str, url: str, headers: dict, body: bytes | None, connect_timeout: float, timeout: float
    ) -> Answer:
        """One request; raises ``TimeoutError`` after ``timeout`` s in all, ``ConnectionFailed`` without an answer."""
        parts = urlsplit(url)
        https = parts.scheme == "https"
        key = (parts.scheme, parts.hostname, parts.port or (443 if https else 80))
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        fields = httputil.HTTPHeaders(headers)
        fields["Host"] = parts.netloc
        fields.setdefault("Accept-Encoding", "gzip")
        if body is not None or method in ("POST", "PUT", "PATCH"):
            fields["Content-Length"] = str(len(body or b""))
        start = httputil.RequestStartLine(method, target, "HTTP/1.1")
        if sys.version_info < (3, 11):
            return await asyncio.wait_for(self._fetch(key, https, start, fields, body, connect_timeout), timeout)
        async with asyncio.timeout(timeout):  # no task per call, unlike wait_for
            return await self._fetch(key, https, start, fields, body, connect_timeout)

    async def _fetch(self, key: tuple, https: bool, start, fields, body: bytes | None, connect_timeout: float) -> Answer:
        async with self._slots:
            stream = self._checkout(key) or await self._connect(key, https, connect_timeout)
            try:
                answer = await self._exchange(stream, start, fields, body)
            except BaseException:  # failed, timed out or cancelled: its state is unknown, never reuse it
                stream.close()
                raise
            self._checkin(key, stream, answer)
            return answer

    async def _exchange(self, stream: IOStream, start, fields, body: bytes | None) -> Answer:
        http = HTTP1Connection(stream, True, PARAMS)
        answer = Answer()
        try:
            http.write_headers(start, fields, body or None)
            http.finish()
            await http.read_response(answer)
        except StreamClosedError as exc:
            raise ConnectionFailed(_reason(exc, "connection closed")) from None
        if not answer.complete:
            raise ConnectionFailed("the answer was not HTTP or was cut short")
        return answer

    async def _connect(self, key: tuple, https: bool, connect_timeout: float) -> IOStream:
        _, host, port = key
        context = self.ssl_context() if https else None
        try:  # the timeout covers the TLS handshake too
            stream = await self.tcp.connect(host, port, ssl_options=context, timeout=connect_timeout)
        except StreamClosedError as exc:
            real = getattr(exc, "real_error", None)
            raise ConnectionFailed(_reason(exc, "closed"), real if isinstance(real, ssl.SSLError) else None) from None
        except ssl.SSLError as exc:
            raise ConnectionFailed(type(exc).__name__, exc) from None
        except OSError as exc:
            raise ConnectionFailed(exc.strerror or type(exc).__name__) from None
        stream.set_nodelay(True)
        return stream

    def _checkout(self, key: tuple) -> IOStream | None:
        idle = self._idle.get(key)
        now = time.monotonic()
        while idle:
            held = idle.pop()  # the most recently used: the likeliest to be alive
            if now - held.since < self.idle_seconds and not _dropped(held.stream):
                return held.stream
            held.stream.close()
        return None

    def _checkin(self, key: tuple, stream: IOStream, answer: Answer) -> None:
        idle = self._idle.setdefault(key, deque())
        if self.closed or stream.closed() or not answer.allows_keep_alive() or len(idle) >= self.max_idle_per_host:
            stream.close()
            return
        stream.set_nodelay(True)  # HTTP1Connection turned Nagle back on
        idle.append(_Idle(stream, time.monotonic()))

    def close(self) -> None:
        self.closed = True
        for idle in self._idle.values():
            while idle:
                idle.pop().stream.close()
        self._idle.clear()


def _reason(exc: StreamClosedError, default: str) -> str:
    real = getattr(exc, "real_error", None)
    if isinstance(real, OSError) and real.strerror:
        return real.strerror
    return type(real).__name__ if real is not None else default
