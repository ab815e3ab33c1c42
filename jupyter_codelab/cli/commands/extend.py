"""``jupyter codelab extend``: make the running instance stop H hours from now."""

from __future__ import annotations

from jupyter_codelab.cli.connection import backend_for
from jupyter_codelab.cli.output import EXIT_OK, Output
from jupyter_codelab.cli.waiting import FACE
from jupyter_codelab.client import actions, describe
from jupyter_codelab.client.inputs import InputError, check_hours

HELP = "extend the lease: the running instance stops automatically H hours from now"


def add_parser(subparsers, parent):
    parser = subparsers.add_parser("extend", parents=[parent], help=HELP, description=HELP[:1].upper() + HELP[1:] + ".")
    parser.add_argument("--hours", default="1", metavar="H", help="1 to 72 (default 1)")
    parser.set_defaults(run=run)


def run(args, out: Output) -> int:
    hours = check_hours(args.hours)
    backend = backend_for(args)
    notebook = actions.require_current(backend, "extend", FACE)
    if notebook.get("status") != "RUNNING":
        raise InputError(f"The instance is {describe.status_words(notebook.get('status')).lower()}, not running: only a running instance can be extended.")
    lease = actions.call_on_instance(backend, notebook, lambda: backend.extend(notebook["id"], hours))
    seconds = (lease.get("remaining_ms") or 0) / 1000
    text = (
        f"Extended: {notebook.get('name') or notebook['id']} now stops automatically at "
        f"{describe.format_clock(lease.get('expires_at'))} (in {describe.format_remaining(seconds)})."
    )
    out.result(text, lease)
    return EXIT_OK
