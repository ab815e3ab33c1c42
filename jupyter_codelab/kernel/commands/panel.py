"""``%codelab panel``: a panel following the current instance, or the form to open one."""

from __future__ import annotations

from jupyter_codelab.kernel.commands.common import backend


def run_panel(args):
    from jupyter_codelab.kernel import panel_registry
    from jupyter_codelab.kernel.panel import CodeLabPanel

    panel = CodeLabPanel(backend=backend())
    if not args.empty:
        panel.follow_current()
    panel_registry.show(panel)
    return None
