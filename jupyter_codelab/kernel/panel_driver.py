"""The two background threads behind a ``CodeLabPanel``, and what they tell it.

- the watcher consumes the backend's event stream and hands each event to the
  listener, so the panel moves while the notebook's cell is idle;
- the ticker tells the listener what is left of the lease every second.

The countdown is anchored on the server's ``remaining_ms`` and this process's
monotonic clock, so a kernel whose wall clock is off still counts right.
Both threads are daemons and stop on ``close()`` (the stream is shut, not waited for).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Protocol

from jupyter_codelab.client.backend import EventStream

TICK_SECONDS = 1.0


class PanelListener(Protocol):
    """What the driver calls, from its threads."""

    def on_event(self, event: dict) -> None:
        """An event of the followed instance (the contract's types, or ``reconnecting``)."""

    def on_stream_end(self, error: Exception | None) -> None:
        """The stream ended by itself: after a terminal event, or on ``error``."""

    def on_tick(self, remaining: int | None) -> None:
        """Every second: the seconds left of the lease (None: no lease known)."""


class PanelDriver:
    def __init__(self, events: Callable[[str], EventStream], listener: PanelListener):
        self._events = events  # opens a backend's event stream for an instance id
        self._listener = listener
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self._stream: EventStream | None = None
        self._watcher: threading.Thread | None = None
        self._ticker: threading.Thread | None = None
        self._anchor: tuple[float, float] | None = None  # (remaining seconds, monotonic time read)

    # ---- events ----
    def watch(self, notebook_id: str) -> None:
        with self._lock:
            if self._closed.is_set():
                return
            if self._stream is not None:
                self._stream.close()
            stream = self._events(notebook_id)
            self._stream = stream
            self._watcher = threading.Thread(
                target=self._consume, args=(stream,), name=f"codelab-events-{notebook_id[:8]}", daemon=True
            )
            self._watcher.start()
        self._start_ticker()

    def stop_watching(self) -> None:
        """Follow nothing (the instance is gone); the thread reading the old stream ends by itself."""
        with self._lock:
            stream, self._stream = self._stream, None
        if stream is not None:
            stream.close()

    def ensure_watching(self, notebook_id: str) -> None:
        """Follow again after the stream ended (e.g. starting an instance whose stream closed when it stopped)."""
        watcher = self._watcher
        if watcher is None or not watcher.is_alive():
            self.watch(notebook_id)

    def _consume(self, stream: EventStream) -> None:
        error = None
        try:
            for event in stream:
                if stream is not self._stream or self._closed.is_set():
                    return  # replaced by a newer watch, or the panel closed
                self._listener.on_event(event)
        except Exception as exc:  # noqa: BLE001 - shown in the panel instead of dying silently in a thread
            error = exc
        if stream is self._stream and not self._closed.is_set():
            self._listener.on_stream_end(error)

    # ---- countdown ----
    def anchor_lease(self, lease: dict | None) -> int | None:
        """Count down from this lease (None: no countdown); returns the seconds left now."""
        remaining_ms = (lease or {}).get("remaining_ms")
        self._anchor = None if remaining_ms is None else (remaining_ms / 1000, time.monotonic())
        return self.remaining()

    def remaining(self) -> int | None:
        anchor = self._anchor
        if anchor is None:
            return None
        seconds, read_at = anchor
        return max(0, int(seconds - (time.monotonic() - read_at)))

    def _start_ticker(self) -> None:
        if self._ticker is None or not self._ticker.is_alive():
            self._ticker = threading.Thread(target=self._tick, name="codelab-countdown", daemon=True)
            self._ticker.start()

    def _tick(self) -> None:
        while not self._closed.wait(TICK_SECONDS):
            self._listener.on_tick(self.remaining())

    # ---- shutdown ----
    def close(self, timeout: float = 2.0) -> None:
        self._closed.set()
        with self._lock:
            stream, self._stream = self._stream, None
        if stream is not None:
            stream.close()
        for thread in (self._watcher, self._ticker):
            if thread is not None and thread is not threading.current_thread():
                thread.join(timeout)
