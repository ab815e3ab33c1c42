"""``jupyter codelab status``: the current instance in words and the next command (exit 1 when there is none)."""

from __future__ import annotations

from jupyter_codelab.cli.connection import backend_for
from jupyter_codelab.cli.output import EXIT_FAILED, EXIT_OK, Output, description
from jupyter_codelab.cli.waiting import FACE
from jupyter_codelab.client import actions, describe
from jupyter_codelab.i18n import N_, _

HELP = N_("show the status, what it means, the auto-stop countdown and address of your instance")


def add_parser(subparsers, parent):
    parser = subparsers.add_parser("status", parents=[parent], help=_(HELP), description=description(HELP))
    parser.set_defaults(run=run)


def run(args, out: Output) -> int:
    backend = backend_for(args)
    problem = (backend.config() or {}).get("config_error")
    if problem:
        out.note(_("Configuration problem: {problem}").format(problem=problem))
    found = actions.find_current(backend)
    if found.notebook is None:
        lines = describe.no_instance_lines(FACE, vanished=found.vanished)
        if out.as_json:  # scripts get null, people the sentence (on stderr)
            out.note("\n".join(lines[1:]))
        out.result("\n".join(lines), None)
        return EXIT_FAILED
    out.result(describe.summary_text(found.notebook, face=FACE), found.notebook)
    return EXIT_OK
