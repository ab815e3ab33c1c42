"""``jupyter codelab stop``: stop the instance (``open`` starts it again)."""

from __future__ import annotations

from jupyter_codelab.cli.connection import backend_for
from jupyter_codelab.cli.output import EXIT_OK, Output
from jupyter_codelab.kernel import describe
from jupyter_codelab.kernel.inputs import InputError

HELP = "stop your CodeLab instance now (`open` starts it again)"


def add_parser(subparsers, parent):
    parser = subparsers.add_parser("stop", parents=[parent], help=HELP, description=HELP[:1].upper() + HELP[1:] + ".")
    parser.set_defaults(run=run)


def run(args, out: Output) -> int:
    backend = backend_for(args)
    notebook = backend.current()
    if notebook is None:
        raise InputError("There is no CodeLab instance to stop: open one first with `jupyter codelab open`.")
    name = notebook.get("name") or notebook["id"]
    if notebook.get("status") in ("STOPPED", "STOPPING"):
        out.result(f"{name} is already {describe.status_words(notebook['status']).lower()}.", notebook)
        return EXIT_OK
    after = backend.stop(notebook["id"])
    out.result(f"Stopping {name}: now {describe.status_words(after.get('status')).lower()} [{after.get('status')}].", after)
    return EXIT_OK
