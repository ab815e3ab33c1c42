"""``jupyter codelab start``: start the stopped (or failed to start) instance and wait until it runs."""

from __future__ import annotations

from jupyter_codelab.cli.commands.open_command import add_wait_options
from jupyter_codelab.cli.connection import backend_for
from jupyter_codelab.cli.output import EXIT_OK, Output, description
from jupyter_codelab.cli.waiting import FACE, wait_and_report
from jupyter_codelab.client import actions, describe
from jupyter_codelab.i18n import N_, _

HELP = N_("start your stopped CodeLab instance again (also after a failed start) and wait until it runs")


def add_parser(subparsers, parent):
    parser = subparsers.add_parser("start", parents=[parent], help=_(HELP), description=description(HELP))
    parser.add_argument("--hours", metavar="H", help=_("stop automatically H hours from now, 1 to 72 (default: ModelArts' 1 h)"))
    parser.add_argument("--no-auto-stop", action="store_true", help=_("no automatic stop: it runs until you stop it"))
    add_wait_options(parser)
    parser.set_defaults(run=run)


def run(args, out: Output) -> int:
    hours = actions.check_start_options(args.hours, args.no_auto_stop)
    actions.check_timeout(args.timeout)
    backend = backend_for(args)
    notebook = actions.start_instance(backend, FACE, hours, args.no_auto_stop)
    if args.no_wait:
        out.result(describe.summary_text(notebook, face=FACE), notebook)
        return EXIT_OK
    return wait_and_report("start", backend, notebook, args.timeout, out)
