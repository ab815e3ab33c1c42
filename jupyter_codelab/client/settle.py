"""Waiting until the followed instance settles, and how the wait ended, for every face.

``wait_until_settled`` watches anything that follows an instance (``Following``: the CLI's
event stream, the magics' panel) until it runs, settles, vanishes, the following stops or
the time is up, and returns an ``Outcome``: which ending, the instance, and the sentence
to print, with the next command in the face's words. Each face only prints it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from jupyter_codelab.client import describe
from jupyter_codelab.i18n import N_, _
from jupyter_codelab.modelarts.states import NO_INSTANCE, VANISHED_SENTENCE

# How a wait ends.
RUNNING, SETTLED, FAILED, VANISHED, LOST, TIMEOUT, INTERRUPTED = (
    "running", "settled", "failed", "vanished", "lost", "timeout", "interrupted",
)  # fmt: skip
TICK_SECONDS = 1.0  # how often the face may redraw while nothing happens

# What goes on after a timeout or an interrupted wait, by face.
GOES_ON = {"cli": N_("see `jupyter codelab status`"), "magic": N_("the panel keeps following it")}
INTERRUPTED_SENTENCE = {
    "cli": N_("Stopped waiting; the instance keeps starting (see `jupyter codelab status`)."),
    "magic": N_("Stopped waiting; the panel keeps following the instance."),
}
STREAM_ENDED = N_("The event stream ended before the instance settled.")


class Following(Protocol):
    """What follows one instance: its latest state, and a way to wait for the next change."""

    @property
    def notebook(self) -> dict | None: ...

    @property
    def vanished(self) -> bool: ...

    @property
    def lost(self) -> str | None:
        """Why the following stopped before the instance settled (a sentence), else None."""

    def wait(self, seconds: float) -> None:
        """Return after the next change, or after ``seconds``."""


@dataclass(frozen=True)
class Outcome:
    ending: str
    notebook: dict | None
    sentence: str  # how it ended and, when something can be done, the next command


def wait_until_settled(following: Following, timeout: float, face: str, tick: Callable[[float], None] | None = None) -> Outcome:
    """Wait at most ``timeout`` seconds; ``tick(elapsed)`` is called at least every second (a progress line)."""
    started = time.monotonic()
    try:
        while True:
            elapsed = time.monotonic() - started
            if tick is not None:
                tick(elapsed)
            ending = _ending(following)
            if ending is not None:
                return outcome(ending, following.notebook, face, lost=following.lost)
            if elapsed >= timeout:
                return outcome(TIMEOUT, following.notebook, face, timeout=timeout)
            following.wait(min(TICK_SECONDS, timeout - elapsed))
    except KeyboardInterrupt:
        return outcome(INTERRUPTED, following.notebook, face)


def _ending(following: Following) -> str | None:
    if following.vanished:
        return VANISHED
    status = (following.notebook or {}).get("status")
    if status == "RUNNING":
        return RUNNING
    if describe.is_failed(status):
        return FAILED
    if describe.is_settled(status):
        return SETTLED
    return LOST if following.lost is not None else None


def outcome(ending: str, notebook: dict | None, face: str, timeout: float = 0.0, lost: str | None = None) -> Outcome:
    """The ending with its sentence, in the words of ``face`` ("cli" or "magic")."""
    status = (notebook or {}).get("status")
    if ending == RUNNING:
        name = (notebook or {}).get("name") or (notebook or {}).get("id")
        sentence = _("CodeLab instance {name} is running: {url}").format(name=name, url=(notebook or {}).get("url"))
    elif ending == VANISHED:
        sentence = _with_next(_(VANISHED_SENTENCE), NO_INSTANCE.actions, face)
    elif ending == TIMEOUT:
        sentence = _("Still {status} after {timeout:g} s; {goes_on}.").format(
            status=_(describe.status_words(status)).lower(), timeout=timeout, goes_on=_(GOES_ON[face])
        )
    elif ending == INTERRUPTED:
        sentence = _(INTERRUPTED_SENTENCE[face])
    elif ending == LOST:
        sentence = _with_next(lost or _(STREAM_ENDED), describe.state(notebook).actions, face)
    else:  # FAILED, SETTLED: what the state means and what to do
        sentence = _with_next(describe.status_sentence(notebook), describe.state(notebook).actions, face)
    return Outcome(ending, notebook, sentence)


def _with_next(sentence: str, actions, face: str) -> str:
    next_line = describe.next_line(actions, face)
    return f"{sentence} {next_line}." if next_line else sentence
