"""``%codelab start``: start the stopped (or failed to start) instance again."""

from __future__ import annotations

from jupyter_codelab.client import actions
from jupyter_codelab.client.commands.spec import MAGIC
from jupyter_codelab.kernel.commands.common import backend, follow


def run_start(args):
    hours = actions.check_start_options(args.hours, args.no_auto_stop)
    actions.check_timeout(args.timeout)
    from jupyter_codelab.kernel import panel_registry
    from jupyter_codelab.kernel.panel import CodeLabPanel

    chosen = backend()
    notebook = actions.start_instance(chosen, MAGIC, hours, args.no_auto_stop)
    panel = CodeLabPanel(backend=chosen)
    panel.follow(notebook)
    handle = panel_registry.show(panel)
    return follow(panel, handle, args.no_wait, args.timeout)
