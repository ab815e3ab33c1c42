"""The panel the ``%codelab`` commands showed last in a shell: ``current_panel()``.

``%codelab open``, ``panel``, ``start`` and ``send`` display a panel and return
nothing (the cell's output is the panel itself); code that wants the object asks
here. The magics object of each IPython shell keeps it, so a panel built in plain
Python (``CodeLabPanel()``) is never registered behind its owner's back, and two
shells in one process never see each other's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jupyter_codelab.kernel.panel import CodeLabPanel

MAGICS_NAME = "CodeLabMagics"  # how IPython's magics manager files our magics object


def _magics(shell=None):
    if shell is None:
        from IPython import get_ipython

        shell = get_ipython()
    return None if shell is None else shell.magics_manager.registry.get(MAGICS_NAME)


def show(panel: CodeLabPanel):
    """Display ``panel`` as the cell's output and make it the shell's current panel; returns the display handle."""
    from IPython.display import display

    handle = display(panel, display_id=True)
    magics = _magics()
    if magics is not None:
        magics.shown_panel = panel
    return handle


def current_panel(shell=None) -> CodeLabPanel | None:
    """The panel the last ``%codelab open`` / ``panel`` / ``start`` / ``send`` showed in this shell (None: none yet)."""
    magics = _magics(shell)
    return None if magics is None else magics.shown_panel
