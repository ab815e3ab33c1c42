"""``%codelab panel``: a panel following the current instance, or the form to open one."""

from __future__ import annotations

from IPython.core.magic_arguments import argument, magic_arguments

from jupyter_codelab.kernel.commands.common import backend, parse, subcommand


@magic_arguments()
@subcommand("panel")
@argument("--empty", action="store_true", help="show the open form only, without following the current instance")
@argument("--follow", action="store_true", help="(the default now; kept so older notebooks still run)")
def panel_command(line: str):
    """Show a CodeLab panel following your current instance (with its image selected),
    or, when there is none, the form to open one: pick an image, paste a notebook link, click Open.

    The panel's state is in traits (panel.state: notebook_id, status, remaining_seconds ...);
    get the panel object with jupyter_codelab.kernel.panel_registry.current_panel().
    """
    args = parse(panel_command, line)
    from jupyter_codelab.kernel import panel_registry
    from jupyter_codelab.kernel.panel import CodeLabPanel

    panel = CodeLabPanel(backend=backend())
    if not args.empty:
        panel.follow_current()
    panel_registry.show(panel)
    return None
