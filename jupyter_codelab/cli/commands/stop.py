"""``jupyter codelab stop``: stop the instance (``start`` starts it again)."""

from __future__ import annotations

from jupyter_codelab.cli.connection import backend_for
from jupyter_codelab.cli.output import EXIT_OK, Output
from jupyter_codelab.cli.waiting import FACE
from jupyter_codelab.client import actions, describe

HELP = "stop your CodeLab instance now (`start` starts it again)"


def add_parser(subparsers, parent):
    parser = subparsers.add_parser("stop", parents=[parent], help=HELP, description=HELP[:1].upper() + HELP[1:] + ".")
    parser.set_defaults(run=run)


def run(args, out: Output) -> int:
    backend = backend_for(args)
    notebook = actions.require_current(backend, "stop", FACE)
    name = notebook.get("name") or notebook["id"]
    if notebook.get("status") in ("STOPPED", "STOPPING"):
        out.result(f"{name} is already {describe.status_words(notebook['status']).lower()}.", notebook)
        return EXIT_OK
    after = actions.call_on_instance(backend, notebook, lambda: backend.stop(notebook["id"]))
    out.result(f"Stopping {name}: now {describe.status_words(after.get('status')).lower()}.", after)
    return EXIT_OK
