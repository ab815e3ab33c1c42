"""``%codelab extend``: push the automatic stop further away."""

from __future__ import annotations

from IPython.core.magic_arguments import argument, magic_arguments

from jupyter_codelab.client import actions, describe
from jupyter_codelab.kernel.commands.common import backend, current_or_usage_error, parse, show, subcommand
from jupyter_codelab.client.inputs import InputError, check_hours


@magic_arguments()
@subcommand("extend")
@argument("--hours", default="1", metavar="H", help="stop automatically H hours from now, 1 to 72 (default 1)")
def extend_command(line: str):
    """Extend the lease of the running instance: it stops automatically H hours from now."""
    args = parse(extend_command, line)
    hours = check_hours(args.hours)
    notebook = current_or_usage_error("extend")
    if notebook.get("status") != "RUNNING":
        raise InputError(
            f"The instance is {describe.status_words(notebook.get('status')).lower()}, not running: "
            "only a running instance can be extended."
        )
    lease = actions.call_on_instance(backend(), notebook, lambda: backend().extend(notebook["id"], hours))
    seconds = (lease.get("remaining_ms") or 0) / 1000
    show(
        f"Extended: {notebook.get('name') or notebook['id']} now stops automatically at "
        f"{describe.format_clock(lease.get('expires_at'))} (in {describe.format_remaining(seconds)})."
    )
    return None
