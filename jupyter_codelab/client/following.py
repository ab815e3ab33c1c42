"""Following an instance through the backend's event stream (read in a thread), for ``settle``:
its latest state, its lease countdown, and the stream's trouble while it lasts."""

from __future__ import annotations

import queue
import threading
import time

from jupyter_codelab.client import describe
from jupyter_codelab.client.backend import Backend
from jupyter_codelab.client.settle import STREAM_ENDED
from jupyter_codelab.i18n import _
from jupyter_codelab.modelarts.events import EVENT_RECONNECTING, EVENT_UPSTREAM_ERROR
from jupyter_codelab.modelarts.states import EVENT_DELETED


class EventFollowing:
    """A ``settle.Following`` over ``backend.events``; ``close()`` (or ``with``) ends the stream."""

    def __init__(self, backend: Backend, notebook: dict):
        self.notebook: dict | None = notebook
        self.vanished = False
        self.lost: str | None = None
        self.note = ""  # "reconnecting ...", an upstream error: shown until the next good event
        self._anchor = (describe.remaining_seconds(notebook), time.monotonic())
        self._events: queue.Queue = queue.Queue()
        self._stream = backend.events(notebook["id"])
        threading.Thread(target=self._pump, daemon=True).start()

    def remaining(self) -> float | None:
        """Seconds until the automatic stop, counting down between events (None: no lease)."""
        left, at = self._anchor
        return None if left is None else max(0.0, left - (time.monotonic() - at))

    def wait(self, seconds: float) -> None:
        """Take the next event (raising what the stream raised), or return after ``seconds``."""
        try:
            event = self._events.get(timeout=seconds)
        except queue.Empty:
            return
        if event is None:  # the stream ended without a final state
            self.lost = _(STREAM_ENDED)
            return
        if isinstance(event, Exception):
            raise event
        if event.get("type") == EVENT_DELETED:
            self.vanished = True
            return
        trouble = event.get("type") in (EVENT_RECONNECTING, EVENT_UPSTREAM_ERROR)
        self.note = event.get("message", "") if trouble else ""
        if event.get("notebook"):
            self.notebook = event["notebook"]
            self._anchor = (describe.remaining_seconds(self.notebook), time.monotonic())

    def close(self) -> None:
        self._stream.close()

    def __enter__(self) -> EventFollowing:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def _pump(self) -> None:
        try:
            for event in self._stream:
                self._events.put(event)
        except Exception as exc:  # noqa: BLE001 - raised again in the waiting thread
            self._events.put(exc)
            return
        self._events.put(None)
