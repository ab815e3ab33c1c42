"""``GET notebooks/{id}/events``: the instance's progress as Server-Sent Events."""

from __future__ import annotations

import asyncio

from tornado.iostream import StreamClosedError

from .. import validation
from .base import CodeLabHandler, codelab_api

KEEPALIVE = b": keepalive\n\n"


class _Sink:
    """What the watcher calls for each new event: the already framed bytes go straight to the
    socket's stream, the same object for every stream. No coroutine wakes per event, and no
    per-stream copy, chunk framing or future of the handler's ``flush``; the handler's coroutine
    only sends keepalives. Writes to one stream keep their order whichever path they take."""

    __slots__ = ("handler", "gone", "stream", "chunked", "ended", "writes")

    def __init__(self, handler: EventsHandler, gone: asyncio.Future[None]):
        self.handler = handler
        self.gone = gone  # the client closed the connection
        # A transform (``compress_response``) re-encodes each write: then the handler's own path.
        self.stream = None if handler.application.transforms else getattr(handler.request.connection, "stream", None)
        # Tornado sends a response without Content-Length in chunks to HTTP/1.1, as is to HTTP/1.0.
        self.chunked = handler.request.version == "HTTP/1.1"
        self.ended: asyncio.Future[None] = asyncio.get_running_loop().create_future()  # a terminal event went out
        self.writes = 0

    def deliver(self, event) -> None:
        if self.ended.done() or self.gone.done():
            return
        if self.stream is None:
            self.handler.write(event.wire)
            self.handler.flush()
        else:
            try:
                self.stream.write(event.chunk if self.chunked else event.wire)
            except StreamClosedError:  # closed, its close callback not run yet: it ends the handler soon
                return
        self.writes += 1
        if event.terminal:
            self.end()

    def end(self) -> None:
        """No more events: a terminal one went out, or the watcher stopped (the account changed)."""
        if not self.ended.done():
            self.ended.set_result(None)


class EventsHandler(CodeLabHandler):
    _track_activity = False  # an open stream is not user activity (culling must still work)

    def on_connection_close(self):
        gone = getattr(self, "_gone", None)
        if gone is not None and not gone.done():
            gone.set_result(None)

    @codelab_api
    async def get(self, notebook_id):
        notebook_id = validation.notebook_id(notebook_id)
        watcher = self.codelab.registry.get(notebook_id)
        watcher.subscribe()
        self._gone = asyncio.get_running_loop().create_future()
        try:
            await watcher.first_state()  # an unknown id becomes 404 here, before the stream starts
            await self._stream(watcher)
        finally:
            watcher.unsubscribe()

    async def _stream(self, watcher) -> None:
        self.set_header("Content-Type", "text/event-stream; charset=utf-8")
        self.set_header("Cache-Control", "no-cache, no-transform")
        self.set_header("X-Accel-Buffering", "no")  # nginx and friends: do not buffer the stream
        last_id = self.request.headers.get("Last-Event-ID") or self.get_query_argument("last_event_id", None)
        replay = watcher.events_after(last_id)
        if replay is None:
            replay = [watcher.snapshot()]
            ended = watcher.finished and bool(watcher.history) and watcher.history[-1].terminal
        else:
            ended = any(event.terminal for event in replay)
        ended = ended or watcher.finished  # stopped meanwhile (the account changed): end; a reconnect finds the new mode
        sink = _Sink(self, self._gone)
        if not ended:
            watcher.attach(sink)  # in the same step as the replay above: no event is missed or sent twice
        keepalive = self.codelab.keepalive_seconds
        try:
            for event in replay:
                self.write(event.wire)
            await self.flush()
            while not (ended or sink.ended.done() or self._gone.done()):
                writes = sink.writes
                await asyncio.wait([sink.ended, self._gone], timeout=keepalive, return_when=asyncio.FIRST_COMPLETED)
                if sink.writes == writes and not (sink.ended.done() or self._gone.done()):
                    self.write(KEEPALIVE)
                    await self.flush()
        except StreamClosedError:
            return
        finally:
            watcher.detach(sink)
        if not self._gone.done():
            self.finish(set_content_type="text/event-stream; charset=utf-8")
