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
from jupyter_codelab.modelarts.states import OPEN, VANISHED_SENTENCE

STOPPING_SETTLE_SECONDS = 120.0


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
    from jupyter_codelab.client.inputs import InputError

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
