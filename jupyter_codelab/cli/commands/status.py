"""``jupyter codelab status``: the current instance in words (exit 1 when there is none)."""

from __future__ import annotations

from jupyter_codelab.cli.connection import backend_for
from jupyter_codelab.cli.output import EXIT_FAILED, EXIT_OK, Output
from jupyter_codelab.kernel import describe

HELP = "show the status, steps, auto-stop countdown and address of your instance"


def add_parser(subparsers, parent):
    parser = subparsers.add_parser("status", parents=[parent], help=HELP, description=HELP[:1].upper() + HELP[1:] + ".")
    parser.set_defaults(run=run)


def run(args, out: Output) -> int:
    backend = backend_for(args)
    problem = (backend.config() or {}).get("config_error")
    if problem:
        out.note(f"Configuration problem: {problem}")
    notebook = backend.current()
    if notebook is None:
        out.result("No CodeLab instance yet: open one with `jupyter codelab open`.", None)
        return EXIT_FAILED
    out.result(describe.summary_text(notebook), notebook)
    return EXIT_OK
