"""``jupyter codelab extend``: move the running instance's automatic stop later (by default 1 h later)."""

from __future__ import annotations

from jupyter_codelab.cli.connection import backend_for
from jupyter_codelab.cli.output import EXIT_OK, Output, description
from jupyter_codelab.cli.waiting import FACE
from jupyter_codelab.client import actions
from jupyter_codelab.i18n import N_, _

HELP = N_("keep the running instance longer: its automatic stop moves H hours later (default 1 h)")


def add_parser(subparsers, parent):
    parser = subparsers.add_parser("extend", parents=[parent], help=_(HELP), description=description(HELP))
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument(
        "--hours", metavar="H", help=_("stop H hours later than the current automatic stop (default 1; at most 72 h from now)")
    )
    choice.add_argument(
        "--until", metavar="HH:MM", help=_("stop at this local time instead (its next occurrence, 1 h to 72 h from now)")
    )
    choice.add_argument("--for", dest="for_hours", metavar="H", help=_("stop H hours from now instead, 1 to 72"))
    parser.set_defaults(run=run)


def run(args, out: Output) -> int:
    actions.check_extension(args.hours, args.until, args.for_hours)  # a typo is told before any connection
    done = actions.extend_lease(backend_for(args), FACE, args.hours, args.until, args.for_hours)
    out.result(done.sentence, done.result)
    return EXIT_OK
