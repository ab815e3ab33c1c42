"""Waiting for the instance to run (``open``, ``start``): the progress line, then the outcome, as the CLI says it."""

from __future__ import annotations

from jupyter_codelab.cli.output import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_TIMEOUT, Output
from jupyter_codelab.cli.progress import ProgressDisplay
from jupyter_codelab.client import describe
from jupyter_codelab.client.backend import Backend
from jupyter_codelab.client.commands.spec import CLI
from jupyter_codelab.client.following import EventFollowing
from jupyter_codelab.client.settle import INTERRUPTED, RUNNING, TIMEOUT, VANISHED, Outcome, wait_until_settled


def wait_and_report(command: str, backend: Backend, notebook: dict, timeout: float, out: Output) -> int:
    """Follow the instance until it runs, settles or ``timeout`` passes, redrawing the progress line; the exit code."""
    display = ProgressDisplay(out.stderr if out.as_json else out.stdout)
    with EventFollowing(backend, notebook) as following:

        def redraw(elapsed: float) -> None:
            display.show(following.notebook or {}, elapsed, following.remaining(), following.note)

        try:
            ended = wait_until_settled(following, timeout, CLI, tick=redraw)
        finally:
            display.finish()
    return report(command, ended, out)


def report(command: str, ended: Outcome, out: Output) -> int:
    notebook = ended.notebook or {}
    if ended.ending == INTERRUPTED:
        out.note(ended.sentence)
        return EXIT_INTERRUPTED
    if ended.ending == RUNNING:
        out.result(describe.summary_text(notebook, face=CLI), notebook)
        return EXIT_OK
    if ended.ending == TIMEOUT:
        out.error(command, ended.sentence, {"message": "timeout", "notebook": notebook})
        return EXIT_TIMEOUT
    if ended.ending == VANISHED:
        out.error(command, ended.sentence, {"message": ended.sentence, "status": None, "vanished": True, "notebook": None})
        return EXIT_FAILED
    data = {
        "message": ended.sentence,
        "status": notebook.get("status"),
        "fail_reason": notebook.get("fail_reason"),
        "actions": list(describe.state(notebook).actions),
        "notebook": notebook,
    }
    out.error(command, ended.sentence, data)
    return EXIT_FAILED
