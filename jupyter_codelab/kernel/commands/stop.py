"""``%codelab stop``: stop the instance (its storage is kept; ``%codelab start`` starts it again)."""

from __future__ import annotations

from IPython.core.magic_arguments import magic_arguments

from jupyter_codelab.client import actions
from jupyter_codelab.kernel.commands.common import FACE, backend, parse, show, subcommand


@magic_arguments()
@subcommand("stop")
def stop_command(line: str):
    """Stop your CodeLab instance now (%codelab start starts it again)."""
    parse(stop_command, line)
    show(actions.stop_instance(backend(), FACE).sentence)
    return None
