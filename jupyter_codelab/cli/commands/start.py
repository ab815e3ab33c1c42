"""``jupyter codelab start``: start the stopped (or failed to start) instance and wait until it runs."""

from __future__ import annotations

from jupyter_codelab.cli.connection import backend_for
from jupyter_codelab.cli.output import EXIT_OK, Output
from jupyter_codelab.cli.waiting import wait_and_report
from jupyter_codelab.client import actions, describe
from jupyter_codelab.client.commands.spec import CLI


def run_start(args, out: Output) -> int:
    hours = actions.check_start_options(args.hours, args.no_auto_stop)
    actions.check_timeout(args.timeout)
    backend = backend_for(args)
    notebook = actions.start_instance(backend, CLI, hours, args.no_auto_stop)
    if args.no_wait:
        out.result(describe.summary_text(notebook, face=CLI), notebook)
        return EXIT_OK
    return wait_and_report("start", backend, notebook, args.timeout, out)
