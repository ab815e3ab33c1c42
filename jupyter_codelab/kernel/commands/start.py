"""``%codelab start``: start the stopped (or failed to start) instance again."""

from __future__ import annotations

from IPython.core.magic_arguments import argument, magic_arguments

from jupyter_codelab.client import actions
from jupyter_codelab.kernel.commands.common import FACE, backend, follow, parse, subcommand, wait_options


@magic_arguments()
@subcommand("start")
@argument("--hours", metavar="H", help="stop automatically H hours from now, 1 to 72 (default: ModelArts' 1 h)")
@argument("--no-auto-stop", action="store_true", help="no automatic stop: it runs until you stop it")
@wait_options()
def start_command(line: str):
    """Start your stopped CodeLab instance again (also after "Start failed") and show a panel following it."""
    args = parse(start_command, line)
    hours = actions.check_start_options(args.hours, args.no_auto_stop)
    actions.check_timeout(args.timeout)
    from jupyter_codelab.kernel import panel_registry
    from jupyter_codelab.kernel.panel import CodeLabPanel

    chosen = backend()
    notebook = actions.start_instance(chosen, FACE, hours, args.no_auto_stop)
    panel = CodeLabPanel(backend=chosen)
    panel.follow(notebook)
    handle = panel_registry.show(panel)
    return follow(panel, handle, args.no_wait, args.timeout)
