"""``jupyter codelab stop``: stop the instance (``start`` starts it again)."""

from __future__ import annotations

from jupyter_codelab.cli.connection import backend_for
from jupyter_codelab.cli.output import EXIT_OK, Output
from jupyter_codelab.client import actions
from jupyter_codelab.client.commands.spec import CLI


def run_stop(args, out: Output) -> int:
    done = actions.stop_instance(backend_for(args), CLI)
    out.result(done.sentence, done.result)
    return EXIT_OK
