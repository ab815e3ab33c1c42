"""``%codelab panel``: a panel following the current instance, or the form to open one."""

from __future__ import annotations

from jupyter_codelab.kernel.commands.common import backend


def run_panel(args):
    from IPython.display import display

    from jupyter_codelab.kernel.panel import CodeLabPanel

    panel = CodeLabPanel(backend=backend())
    if not args.empty:
        panel.follow_current()
    display(panel)
    return None
