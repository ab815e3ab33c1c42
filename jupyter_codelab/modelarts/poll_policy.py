"""How often to read an instance someone follows, and what a failed read means (sans-IO).

Written once for every loop that follows an instance by reading it again and again:
the server's shared watcher and the direct backend's event stream. The loops do
the reading and the sleeping; a ``Poller`` tells them how long to sleep, and
whether a failure is worth another try, means the instance vanished, or ends it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .errors import ModelArtsError, NotFoundError, ThrottledError, UpstreamUnavailable
from .models import Notebook, NotebookStatus
from .states import FAILED, FROZEN, GONE, STOPPED, state_of

# Nothing changes in these phases without an action (ours wakes the loop at once); one made
# elsewhere (a start, a deletion in the console) still shows after ``idle`` seconds.
IDLE_PHASES = frozenset({STOPPED, FAILED, GONE})


@dataclass(frozen=True)
class PollPolicy:
    """The defaults are the server watcher's timing."""

    fast: float = 1.0  # while the steps move
    slow: float = 10.0  # once running: lease changes made elsewhere, the auto-stop
    idle: float = 10.0  # stopped, failed: a start or a deletion made elsewhere shows after this long
    frozen: float = 10.0  # frozen (arrears): only a top-up in the console thaws it; the thaw shows after this long
    max_backoff: float = 60.0  # the longest wait after failures (a longer Retry-After is still honoured)
    # Through every upstream failure (True), or only through throttling and unavailability (False:
    # anything else, a 401 or a 403, ends the following with that error).
    keep_trying: bool = True

    def interval(self, notebook: Notebook) -> float:
        """Seconds until the next read after a good one."""
        if notebook.status != NotebookStatus.RUNNING:
            phase = state_of(notebook.status.value).phase
            if phase == FROZEN:
                return self.frozen
            return self.idle if phase in IDLE_PHASES else self.fast
        remaining = notebook.lease.remaining_ms() if notebook.lease else None
        if remaining is not None:
            # Look again just after the lease ends, so the auto-stop shows promptly.
            return max(self.fast, min(self.slow, remaining / 1000 + 0.5))
        return self.slow

    def backoff(self, previous: float, error: ModelArtsError) -> float:
        """Seconds until the next read after a failed one: doubling from ``2 * fast`` up to
        ``max_backoff``, and never sooner than the gateway's ``Retry-After``."""
        delay = min(self.max_backoff, max(previous * 2, self.fast * 2))
        retry_after = error.retry_after if isinstance(error, ThrottledError) else None
        return max(delay, retry_after) if retry_after else delay

    def retries(self, error: ModelArtsError) -> bool:
        return self.keep_trying or isinstance(error, (UpstreamUnavailable, ThrottledError))


class Verdict(Enum):
    AGAIN = "again"  # read again after ``Poller.backoff`` seconds
    VANISHED = "vanished"  # the instance is gone: say so (as DELETED) and stop
    GIVE_UP = "give_up"  # raise the error to whoever follows


class Poller:
    """One following loop's state: the backoff while reads fail (0 once one succeeds)."""

    def __init__(self, policy: PollPolicy):
        self.policy = policy
        self.backoff = 0.0

    def read(self, notebook: Notebook) -> float:
        """A good read ends any backoff; returns the seconds until the next read."""
        self.backoff = 0.0
        return self.policy.interval(notebook)

    def failed(self, error: ModelArtsError) -> Verdict:
        """A failed read: what it means; after ``AGAIN`` sleep ``backoff`` seconds."""
        if isinstance(error, NotFoundError):
            return Verdict.VANISHED
        if not self.policy.retries(error):
            return Verdict.GIVE_UP
        self.backoff = self.policy.backoff(self.backoff, error)
        return Verdict.AGAIN
