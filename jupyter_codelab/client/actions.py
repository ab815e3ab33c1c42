"""What the panel, the magics and the CLI do to the instance, written once.

Each returns plain results (Notebook JSON and a sentence) and raises
``CodeLabError``/``InputError``; the faces only show them. They also keep the
instance remembered (see ``remembered``) so a vanished one can be told apart
from one never opened.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from jupyter_codelab.client import describe, remembered
from jupyter_codelab.client.backend import Backend
from jupyter_codelab.client.errors import CodeLabError
from jupyter_codelab.client.inputs import InputError, check_hours
from jupyter_codelab.modelarts.states import OPEN, VANISHED_SENTENCE

STOPPING_SETTLE_SECONDS = 120.0


@dataclass
class Done:
    """What an action did: ``result`` is the JSON a script gets (``--json``), ``sentence`` what a person reads."""

    result: dict
    sentence: str


@dataclass
class Opened:
    notebook: dict
    note: str | None = None  # what happened to the instance that was already there (a switch, a loaded notebook)


@dataclass
class Found:
    """The current instance, or None; ``vanished`` when the remembered one is gone."""

    notebook: dict | None
    vanished: bool = False


def open_instance(backend: Backend, image_id: str | None = None, share_url: str | None = None) -> Opened:
    """Open (or find) the instance and make it run: opening means "give me a running one".

    With an image or a notebook link the instance already there is read first, so the
    faces can say what the open did to it: ModelArts switches it to the other image
    (same id; it stops and starts again by itself) or loads the notebook into it.
    """
    before = backend.current() if (image_id or share_url) else None
    notebook = backend.open(image_id=image_id, share_url=share_url)
    if not describe.is_switch(before, notebook):
        # ModelArts answers a stopped instance as it is; waiting out STOPPING avoids a refused start (6308).
        deadline = time.monotonic() + STOPPING_SETTLE_SECONDS
        while notebook.get("status") == "STOPPING" and time.monotonic() < deadline:
            time.sleep(1.0)
            notebook = backend.notebook(notebook["id"])
        if notebook.get("status") == "STOPPED":
            notebook = backend.start(notebook["id"])
    remembered.remember(backend.where(), notebook)
    return Opened(notebook, describe.open_note(before, notebook, share_url))


def find_current(backend: Backend) -> Found:
    """The current instance; when there is none but one was seen before, it vanished (and is forgotten)."""
    notebook = backend.current()
    where = backend.where()
    if notebook is not None:
        remembered.remember(where, notebook)
        return Found(notebook)
    if remembered.remembered(where):
        remembered.forget(where)
        return Found(None, vanished=True)
    return Found(None)


def start_instance(backend: Backend, face: str, hours: int | None = None, no_auto_stop: bool = False) -> dict:
    """Start the current instance again (STOPPED or START_FAILED)."""
    notebook = require_current(backend, "start", face)
    if describe.state(notebook).phase == "running":
        return notebook
    started = call_on_instance(backend, notebook, lambda: backend.start(notebook["id"], hours, no_auto_stop))
    remembered.remember(backend.where(), started)
    return started


def require_current(backend: Backend, verb: str, face: str) -> dict:
    """The current instance, or an ``InputError`` saying why there is none to ``verb`` and what to run."""
    found = find_current(backend)
    if found.notebook is None:
        command = describe.next_commands([OPEN], face)[0]
        if found.vanished:
            raise InputError(f"There is no CodeLab instance to {verb}: {VANISHED_SENTENCE[:-1]} with {command}.")
        raise InputError(f"There is no CodeLab instance to {verb}: open one first with {command}.")
    return found.notebook


def call_on_instance(backend: Backend, notebook: dict, operation):
    """Run ``operation`` on the instance; when it turns out gone, say so plainly.

    The remembered instance is forgotten only by ``find_current``, once a status has said it vanished."""
    try:
        return operation()
    except CodeLabError as exc:
        if exc.not_found:
            raise CodeLabError(VANISHED_SENTENCE, exc.status, exc.error_code, exc.error_msg, exc.request_id, True) from None
        raise


def check_timeout(timeout: float) -> None:
    if timeout <= 0:
        raise InputError(f"--timeout must be a positive number of seconds, got {timeout:g}.")


def check_start_options(hours, no_auto_stop: bool) -> int | None:
    """The ``--hours`` of a start (None: ModelArts' default), checked against ``--no-auto-stop``."""
    if hours is not None and no_auto_stop:
        raise InputError("Give --hours or --no-auto-stop, not both.")
    return check_hours(hours) if hours is not None else None


def extend_lease(backend: Backend, face: str, hours) -> Done:
    """Make the running instance stop ``hours`` from now; the result is the new Lease."""
    hours = check_hours(hours)
    notebook = require_current(backend, "extend", face)
    if notebook.get("status") != "RUNNING":
        raise InputError(
            f"The instance is {describe.status_words(notebook.get('status')).lower()}, not running: "
            "only a running instance can be extended."
        )
    lease = call_on_instance(backend, notebook, lambda: backend.extend(notebook["id"], hours))
    seconds = (lease.get("remaining_ms") or 0) / 1000
    sentence = (
        f"Extended: {notebook.get('name') or notebook['id']} now stops automatically at "
        f"{describe.format_clock(lease.get('expires_at'))} (in {describe.format_remaining(seconds)})."
    )
    return Done(lease, sentence)


def stop_instance(backend: Backend, face: str) -> Done:
    """Stop the current instance (nothing to do when it is stopped or stopping); the result is the Notebook."""
    notebook = require_current(backend, "stop", face)
    name = notebook.get("name") or notebook["id"]
    if notebook.get("status") in ("STOPPED", "STOPPING"):
        return Done(notebook, f"{name} is already {describe.status_words(notebook['status']).lower()}.")
    after = call_on_instance(backend, notebook, lambda: backend.stop(notebook["id"]))
    return Done(after, f"Stopping {name}: now {describe.status_words(after.get('status')).lower()}.")
