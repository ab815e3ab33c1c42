"""``jupyter codelab extend``: move the running instance's automatic stop later (by default 1 h later)."""

from __future__ import annotations

from jupyter_codelab.cli.connection import backend_for
from jupyter_codelab.cli.output import EXIT_OK, Output
from jupyter_codelab.client import actions
from jupyter_codelab.client.commands.spec import CLI


def run_extend(args, out: Output) -> int:
    actions.check_extension(args.hours, args.until, args.for_hours)  # a typo is told before any connection
    done = actions.extend_lease(backend_for(args), CLI, args.hours, args.until, args.for_hours)
    out.result(done.sentence, done.result)
    return EXIT_OK
