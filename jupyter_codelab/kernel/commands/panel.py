"""``%codelab panel``: a panel to fill in (image, notebook link) and open from."""

from __future__ import annotations

from IPython.core.magic_arguments import argument, magic_arguments

from jupyter_codelab.kernel.commands.common import backend, parse, subcommand


@magic_arguments()
@subcommand("panel")
@argument("--follow", action="store_true", help="follow the current instance, if there is one, instead of starting empty")
def panel_command(line: str):
    """Show a CodeLab panel: pick an image, paste a notebook link, click Open.

    The panel's state is in traits (notebook_id, status, remaining_seconds ...);
    get the panel object with jupyter_codelab.kernel.panel.last_panel().
    """
    args = parse(panel_command, line)
    from IPython.display import display

    from jupyter_codelab.kernel.panel import CodeLabPanel

    chosen = backend()
    panel = CodeLabPanel(backend=chosen)
    if args.follow:
        notebook = chosen.current()
        if notebook is not None:
            panel.apply_notebook(notebook)
            panel.watch(notebook["id"])
    display(panel)
    return None
