"""``%codelab status``: the current instance in words, with the next command to run."""

from __future__ import annotations

from IPython.core.magic_arguments import argument, magic_arguments

from jupyter_codelab.client import actions, describe
from jupyter_codelab.i18n import _
from jupyter_codelab.kernel.commands.common import FACE, backend, parse, show, subcommand


@magic_arguments()
@subcommand("status")
@argument(
    "--json", action="store_true", help="return the instance as a dict (id, status, image, lease, url ...) instead of showing it"
)
def status_command(line: str):
    """Show the status, what it means, the auto-stop countdown and address of your CodeLab instance."""
    args = parse(status_command, line)
    problem = (backend().config() or {}).get("config_error")
    if problem and not args.json:
        show(_("Configuration problem: {problem}").format(problem=problem))
    found = actions.find_current(backend())
    if args.json:
        return found.notebook
    if found.notebook is None:
        lines = describe.no_instance_lines(FACE, vanished=found.vanished)
        show("\n".join(lines), describe.lines_html(lines))
        return None
    show(describe.summary_text(found.notebook, face=FACE), describe.summary_html(found.notebook, face=FACE))
    return None
