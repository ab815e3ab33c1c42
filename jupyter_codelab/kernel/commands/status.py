"""``%codelab status``: the current instance in words, with the next command to run."""

from __future__ import annotations

from jupyter_codelab.client import actions, describe
from jupyter_codelab.client.commands.spec import MAGIC
from jupyter_codelab.i18n import _
from jupyter_codelab.kernel.commands.common import backend, show


def run_status(args):
    problem = (backend().config() or {}).get("config_error")
    if problem and not args.json:
        show(_("Configuration problem: {problem}").format(problem=problem))
    found = actions.find_current(backend())
    if args.json:
        return found.notebook
    if found.notebook is None:
        lines = describe.no_instance_lines(MAGIC, vanished=found.vanished)
        show("\n".join(lines), describe.lines_html(lines))
        return None
    show(describe.summary_text(found.notebook, face=MAGIC), describe.summary_html(found.notebook, face=MAGIC))
    return None
