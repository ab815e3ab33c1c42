"""``jupyter codelab extend``: make the running instance stop H hours from now."""

from __future__ import annotations

from jupyter_codelab.cli.connection import backend_for
from jupyter_codelab.cli.output import EXIT_OK, Output
from jupyter_codelab.cli.waiting import FACE
from jupyter_codelab.client import actions
from jupyter_codelab.client.inputs import check_hours

HELP = "extend the lease: the running instance stops automatically H hours from now"


def add_parser(subparsers, parent):
    parser = subparsers.add_parser("extend", parents=[parent], help=HELP, description=HELP[:1].upper() + HELP[1:] + ".")
    parser.add_argument("--hours", default="1", metavar="H", help="1 to 72 (default 1)")
    parser.set_defaults(run=run)


def run(args, out: Output) -> int:
    hours = check_hours(args.hours)  # a typo is told before any connection
    done = actions.extend_lease(backend_for(args), FACE, hours)
    out.result(done.sentence, done.result)
    return EXIT_OK
