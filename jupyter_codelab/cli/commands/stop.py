"""``jupyter codelab stop``: stop the instance (``start`` starts it again)."""

from __future__ import annotations

from jupyter_codelab.cli.connection import backend_for
from jupyter_codelab.cli.output import EXIT_OK, Output, description
from jupyter_codelab.cli.waiting import FACE
from jupyter_codelab.client import actions
from jupyter_codelab.i18n import N_, _

HELP = N_("stop your CodeLab instance now (`start` starts it again)")


def add_parser(subparsers, parent):
    parser = subparsers.add_parser("stop", parents=[parent], help=_(HELP), description=description(HELP))
    parser.set_defaults(run=run)


def run(args, out: Output) -> int:
    done = actions.stop_instance(backend_for(args), FACE)
    out.result(done.sentence, done.result)
    return EXIT_OK
