"""``jupyter codelab status``: the current instance in words and the next command (exit 1 when there is none)."""

from __future__ import annotations

from jupyter_codelab.cli.connection import backend_for
from jupyter_codelab.cli.output import EXIT_FAILED, EXIT_OK, Output
from jupyter_codelab.client import actions, describe
from jupyter_codelab.client.commands.spec import CLI
from jupyter_codelab.i18n import _


def run_status(args, out: Output) -> int:
    backend = backend_for(args)
    problem = (backend.config() or {}).get("config_error")
    if problem:
        out.note(_("Configuration problem: {problem}").format(problem=problem))
    found = actions.find_current(backend)
    if found.notebook is None:
        lines = describe.no_instance_lines(CLI, vanished=found.vanished)
        if out.as_json:  # scripts get null, people the sentence (on stderr)
            out.note("\n".join(lines[1:]))
        out.result("\n".join(lines), None)
        return EXIT_FAILED
    out.result(describe.summary_text(found.notebook, face=CLI), found.notebook)
    return EXIT_OK
