"""Waiting for the instance to run (``open``, ``start``): the progress line, then how it ended."""

from __future__ import annotations

import queue
import threading
import time

from jupyter_codelab.cli.output import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_TIMEOUT, Output
from jupyter_codelab.cli.progress import ProgressDisplay
from jupyter_codelab.client import describe
from jupyter_codelab.i18n import _
from jupyter_codelab.modelarts.states import EVENT_DELETED, NO_INSTANCE, VANISHED_SENTENCE

FACE = "cli"
VANISHED = "vanished"


def wait_and_report(command: str, backend, notebook: dict, timeout: float, out: Output) -> int:
    """Follow the instance until RUNNING, a settled state or ``timeout``; report it; the exit code."""
    display = ProgressDisplay(out.stderr if out.as_json else out.stdout)
    try:
        notebook, outcome = _wait(backend, notebook, timeout, display)
    except KeyboardInterrupt:
        display.finish()
        out.note(_("Stopped waiting; the instance keeps starting (see `jupyter codelab status`)."))
        return EXIT_INTERRUPTED
    display.finish()
    status = notebook.get("status")
    if outcome == VANISHED:
        reason = f"{_(VANISHED_SENTENCE)} {describe.next_line(NO_INSTANCE.actions, FACE)}."
        out.error(command, reason, {"message": reason, "status": None, "vanished": True, "notebook": None})
        return EXIT_FAILED
    if outcome == "timeout":
        message = _("still {status} after {timeout:g} s; see `jupyter codelab status`.").format(
            status=describe.status_words(status).lower(), timeout=timeout
        )
        out.error(command, message, {"message": "timeout", "notebook": notebook})
        return EXIT_TIMEOUT
    if status == "RUNNING":
        out.result(describe.summary_text(notebook, face=FACE), notebook)
        return EXIT_OK
    found = describe.state(notebook)
    next_line = describe.next_line(found.actions, FACE)
    reason = (describe.failure_sentence(notebook) or outcome or describe.status_sentence(notebook)) + (
        f" {next_line}." if next_line else ""
    )
    data = {
        "message": reason,
        "status": status,
        "fail_reason": notebook.get("fail_reason"),
        "actions": list(found.actions),
        "notebook": notebook,
    }
    out.error(command, reason, data)
    return EXIT_FAILED


def _wait(backend, notebook: dict, timeout: float, display: ProgressDisplay) -> tuple[dict, str]:
    """Follow the events until RUNNING, a settled state, the instance vanishing, or the timeout; redraw every second."""
    started = time.monotonic()
    anchor = (describe.remaining_seconds(notebook), started)
    events: queue.Queue = queue.Queue()
    stream = backend.events(notebook["id"])
    reader = threading.Thread(target=_pump, args=(stream, events), daemon=True)
    reader.start()
    note = ""
    try:
        while True:
            status = notebook.get("status")
            now = time.monotonic()
            remaining = None if anchor[0] is None else max(0.0, anchor[0] - (now - anchor[1]))
            display.show(notebook, now - started, remaining, note)
            if describe.is_settled(status):
                return notebook, ""
            if now - started > timeout:
                return notebook, "timeout"
            try:
                event = events.get(timeout=1.0)
            except queue.Empty:
                continue
            if event is None:  # the stream ended without a final state
                return notebook, "the event stream ended"
            if isinstance(event, Exception):
                raise event
            if event.get("type") == EVENT_DELETED:
                return notebook, VANISHED
            note = event.get("message", "") if event.get("type") in ("reconnecting", "upstream_error") else ""
            if event.get("notebook"):
                notebook = event["notebook"]
                anchor = (describe.remaining_seconds(notebook), time.monotonic())
    finally:
        stream.close()


def _pump(stream, events: queue.Queue) -> None:
    try:
        for event in stream:
            events.put(event)
    except Exception as exc:  # noqa: BLE001 - re-raised in the waiting thread
        events.put(exc)
        return
    events.put(None)
