"""No global panel: the magics object of each shell keeps the panel its commands showed
(``current_panel()``); a panel built in Python is its owner's and is never registered."""

from __future__ import annotations

import jupyter_codelab.kernel.panel as panel_module
from jupyter_codelab.kernel.panel import CodeLabPanel
from jupyter_codelab.kernel.panel_registry import current_panel


def test_the_shell_keeps_the_panel_its_commands_showed(ipython, direct_backend):
    assert not [name for name in vars(panel_module) if "last" in name.lower()]  # the old module-level _last_panel
    magics = ipython.magics_manager.registry["CodeLabMagics"]

    ipython.run_line_magic("codelab", "panel --empty")
    shown = current_panel()
    assert shown is magics.shown_panel and current_panel(ipython) is shown
    assert isinstance(shown, CodeLabPanel) and shown.state.notebook_id is None

    mine = CodeLabPanel(backend=direct_backend)  # built in Python: whoever built it holds it
    try:
        assert current_panel() is shown
        ipython.run_line_magic("codelab", "open --no-wait")
        opened = current_panel()
        assert opened is not shown and opened is not mine and opened.state.notebook_id
    finally:
        for panel in (mine, shown, current_panel()):
            panel.close()
