"""``GET notebooks/{id}/events``: the instance's progress as Server-Sent Events."""

from __future__ import annotations

import asyncio

from tornado.iostream import StreamClosedError

from .. import validation
from .base import CodeLabHandler, codelab_api

KEEPALIVE = b": keepalive\n\n"


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
            snapshot = watcher.snapshot()
            replay, seq = [snapshot], snapshot.seq
            ended = watcher.finished and bool(watcher.history) and watcher.history[-1].terminal
        else:
            seq, ended = (replay[-1].seq if replay else int(last_id.rpartition("-")[2])), False
        keepalive = self.codelab.keepalive_seconds
        try:
            while True:
                for event in replay:
                    self.write(event.wire)
                    seq = event.seq
                    ended = ended or event.terminal
                await self.flush()
                if ended or self._gone.done():
                    break
                replay = await watcher.wait_after(seq, keepalive, self._gone)
                if not replay and watcher.finished:
                    break  # stopped (e.g. the account changed): end the stream; a reconnect finds the new mode
                if not replay and not self._gone.done():
                    self.write(KEEPALIVE)
        except StreamClosedError:
            return
        if not self._gone.done():
            self.finish(set_content_type="text/event-stream; charset=utf-8")
