"""``%codelab stop``: stop the instance (its storage is kept; ``%codelab start`` starts it again)."""

from __future__ import annotations

from IPython.core.magic_arguments import magic_arguments

from jupyter_codelab.client import actions, describe
from jupyter_codelab.kernel.commands.common import backend, current_or_usage_error, parse, show, subcommand


@magic_arguments()
@subcommand("stop")
def stop_command(line: str):
    """Stop your CodeLab instance now (%codelab start starts it again)."""
    parse(stop_command, line)
    notebook = current_or_usage_error("stop")
    name = notebook.get("name") or notebook["id"]
    if notebook.get("status") in ("STOPPED", "STOPPING"):
        show(f"{name} is already {describe.status_words(notebook['status']).lower()}.")
        return None
    after = actions.call_on_instance(backend(), notebook, lambda: backend().stop(notebook["id"]))
    show(f"Stopping {name}: now {describe.status_words(after.get('status')).lower()}.")
    return None
