"""One upstream poll per instance, whatever the number of watchers.

An ``InstanceWatcher`` polls ``GET notebooks/{id}`` for every subscriber of that
instance at once, turns each change into one event, keeps the last events for
``Last-Event-ID`` resumes, and hands each event to every attached stream from one
loop (``attach``): events are encoded once, and a publish writes the same bytes to
1,000 streams without waking 1,000 coroutines, and without a garbage collection in the
middle of them (bench/README.md, fan-out).
"""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import secrets
import time
from collections import deque
from dataclasses import dataclass, field, replace
from functools import cached_property

from ..i18n import _
from ..modelarts.errors import ModelArtsError
from ..modelarts.events import EVENT_UPSTREAM_ERROR, classify, event_message, gone
from ..modelarts.lease import Lease
from ..modelarts.models import Notebook
from ..modelarts.poll_policy import Poller, PollPolicy, Verdict
from ..modelarts.states import EVENT_DELETED, EVENT_STATUS

log = logging.getLogger("jupyter_codelab.server")

HISTORY = 256
LINGER = 5.0  # keep polling this long after the last watcher leaves, so a reconnect resumes


def watcher_policy(fast: float, slow: float) -> PollPolicy:
    """Stopped, failed and frozen instances at the running pace: a start, a thaw or a deletion made
    elsewhere reaches the streams within one slow interval. Every failure is retried."""
    return PollPolicy(fast=fast, slow=slow, idle=slow, frozen=slow)


@dataclass(frozen=True)
class Event:
    seq: int
    type: str
    payload: dict
    wire: bytes = field(repr=False)

    @property
    def terminal(self) -> bool:
        """The stream's last event: only a deletion ends it (a settled or frozen instance can still change)."""
        return self.type == EVENT_DELETED

    @cached_property
    def chunk(self) -> bytes:
        """``wire`` as one HTTP/1.1 chunk: framed once for all the streams, not by each stream's connection."""
        return b"%x\r\n%b\r\n" % (len(self.wire), self.wire)


class InstanceWatcher:
    def __init__(self, notebook_id: str, client, simulated: bool, policy: PollPolicy, linger: float, on_idle):
        self.notebook_id = notebook_id
        self.client = client
        self.simulated = simulated
        self.poller = Poller(policy)
        self.linger = linger
        self.epoch = secrets.token_hex(4)
        self.history: deque[Event] = deque(maxlen=HISTORY)
        self.latest: Notebook | None = None
        self.subscribers = 0
        self.sinks: set = set()  # attached streams: anything with ``deliver(event)``
        self.polls = 0
        self._seq = 0
        self._snapshot: tuple[tuple[int, int], Event] | None = None
        self._first = asyncio.get_running_loop().create_future()
        self._wake = asyncio.Event()
        self._on_idle = on_idle
        self._task = asyncio.ensure_future(self._run())
        self.finished = False

    @property
    def polling_ended(self) -> bool:
        """The poll loop has returned: this watcher reads ModelArts no more."""
        return self._task.done()

    async def wait_polling_ended(self) -> None:
        """Return once the poll loop has (after ``stop``: cancelled, its cleanup run), however it ended."""
        await asyncio.gather(self._task, return_exceptions=True)

    # --- subscribers ------------------------------------------------------------
    async def first_state(self) -> Notebook:
        """The instance as first seen; raises the upstream error if it could not be read."""
        return await asyncio.shield(self._first)

    def subscribe(self) -> None:
        self.subscribers += 1

    def unsubscribe(self) -> None:
        self.subscribers -= 1
        if self.subscribers <= 0:
            self._wake.set()  # let the loop notice and linger, then stop

    def attach(self, sink) -> None:
        """``sink.deliver(event)`` is called for each event published from now on, until ``detach``."""
        self.sinks.add(sink)

    def detach(self, sink) -> None:
        self.sinks.discard(sink)

    def snapshot(self) -> Event:
        """The current state as one event. Encoded at most once a second for a given state however
        many streams connect at once; not longer, as it carries the lease's remaining time."""
        key = (self._seq, int(time.monotonic()))
        if self._snapshot is None or self._snapshot[0] != key:
            self._snapshot = (key, self._encode(self._seq, "snapshot", self._payload("snapshot", [])))
        return self._snapshot[1]

    def events_after(self, event_id: str | None) -> list[Event] | None:
        """Events after ``event_id``, or None when it is unknown here (send a snapshot instead)."""
        if not event_id:
            return None
        epoch, _, seq_text = event_id.partition("-")
        if epoch != self.epoch or not seq_text.isdigit():
            return None
        seq = int(seq_text)
        if seq > self._seq:
            return None
        oldest = self.history[0].seq if self.history else self._seq + 1
        if seq < oldest - 1 and seq != self._seq:
            return None  # fell out of the history: a gap we cannot replay
        return [e for e in self.history if e.seq > seq]

    # --- changes that our own API made: publish at once, no extra poll -------------
    def observe(self, notebook: Notebook) -> None:
        self._apply(notebook)
        self._wake.set()

    def observe_lease(self, lease: Lease) -> None:
        if self.latest is not None:
            self._apply(replace(self.latest, lease=lease))

    # --- the poll loop ------------------------------------------------------------
    async def _run(self) -> None:
        idle_since: float | None = None
        try:
            while not self.finished:
                try:
                    self.polls += 1
                    notebook = await self.client.get_notebook(self.notebook_id)
                except ModelArtsError as error:
                    if not self._first.done():
                        self._first.set_exception(error)
                        return
                    if self.poller.failed(error) is Verdict.VANISHED:
                        # Gone upstream: the event carries the instance as DELETED, never its last live state.
                        if self.latest is not None:
                            self.latest = gone(self.latest)
                        self._publish(EVENT_DELETED, ["status"], message=error.sentence, vanished=True)
                        return
                    self._publish(EVENT_UPSTREAM_ERROR, [], message=error.sentence, error_code=error.error_code)
                    delay = self.poller.backoff
                else:
                    recovered = self.poller.backoff > 0
                    delay = self.poller.read(notebook)
                    self._apply(notebook, recovered)
                    if not self._first.done():
                        self._first.set_result(notebook)
                if self.finished:
                    return
                if self.subscribers <= 0:
                    idle_since = idle_since or time.monotonic()
                    if time.monotonic() - idle_since >= self.linger:
                        return
                else:
                    idle_since = None
                await self._sleep(delay)
        except asyncio.CancelledError:
            pass
        except Exception:  # a bug here must not leave watchers hanging forever
            log.exception("CodeLab watcher for %s crashed", self.notebook_id)
            self._publish(EVENT_UPSTREAM_ERROR, [], message=_("The progress watcher stopped unexpectedly; reload to retry."))
        finally:
            self.finished = True
            if not self._first.done():
                self._first.set_exception(ModelArtsError(503, advice="the watcher stopped before reading the instance"))
            self._on_idle(self)

    async def _sleep(self, seconds: float) -> None:
        self._wake.clear()
        try:
            await asyncio.wait_for(self._wake.wait(), seconds)
        except asyncio.TimeoutError:
            pass

    def stop(self) -> None:
        self.finished = True
        self._task.cancel()
        for sink in list(self.sinks):  # the streams end cleanly; a reconnect finds the new mode
            sink.end()
        self.sinks.clear()

    # --- publishing -----------------------------------------------------------------
    def _apply(self, notebook: Notebook, recovered: bool = False) -> None:
        kind, changed = classify(self.latest, notebook)
        self.latest = notebook
        if kind is None and recovered:  # a good read after upstream errors: the faces drop their error line
            kind = EVENT_STATUS
        if kind is not None:
            self._publish(kind, changed, message=event_message(kind, notebook))

    def _payload(self, kind: str, changed: list[str], **extra) -> dict:
        notebook = self.latest.to_client_json(simulated=self.simulated) if self.latest else None
        return {"type": kind, "notebook": notebook, "changed": changed, **extra}

    def _encode(self, seq: int, kind: str, payload: dict) -> Event:
        data = json.dumps(payload, separators=(",", ":"))
        wire = f"id: {self.epoch}-{seq}\nevent: {kind}\ndata: {data}\n\n".encode()
        return Event(seq, kind, payload, wire)

    def _publish(self, kind: str, changed: list[str], **extra) -> None:
        self._seq += 1
        event = self._encode(self._seq, kind, self._payload(kind, changed, **extra))
        self.history.append(event)
        if event.terminal:
            self.finished = True
        # With 1,000 streams open the heap is large and a full collection takes 100-200 ms: one
        # triggered by this loop's allocations would hold back every stream not yet written.
        collecting = gc.isenabled()
        gc.disable()
        try:
            for sink in list(self.sinks):
                try:
                    sink.deliver(event)
                except Exception:  # one broken stream must not keep the event from the others
                    log.exception("CodeLab: delivering an event to a stream failed")
                    self.sinks.discard(sink)
        finally:
            if collecting:
                gc.enable()


class WatcherRegistry:
    """The shared watchers, by instance id."""

    def __init__(self, client, simulated: bool, policy: PollPolicy | None = None, linger: float = LINGER):
        self.client = client
        self.simulated = simulated
        self.policy = policy or PollPolicy()
        self.linger = linger
        self.watchers: dict[str, InstanceWatcher] = {}

    def get(self, notebook_id: str) -> InstanceWatcher:
        watcher = self.watchers.get(notebook_id)
        if watcher is None or watcher.finished:
            watcher = InstanceWatcher(notebook_id, self.client, self.simulated, self.policy, self.linger, self._forget)
            self.watchers[notebook_id] = watcher
        return watcher

    def existing(self, notebook_id: str) -> InstanceWatcher | None:
        watcher = self.watchers.get(notebook_id)
        return None if watcher is None or watcher.finished else watcher

    def _forget(self, watcher: InstanceWatcher) -> None:
        if self.watchers.get(watcher.notebook_id) is watcher:
            del self.watchers[watcher.notebook_id]

    async def stop_all(self) -> None:
        watchers = list(self.watchers.values())
        for watcher in watchers:
            watcher.stop()
        self.watchers.clear()
        await asyncio.gather(*(w.wait_polling_ended() for w in watchers))
