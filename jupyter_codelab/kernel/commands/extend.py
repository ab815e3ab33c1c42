"""``%codelab extend``: push the automatic stop further away."""

from __future__ import annotations

from IPython.core.magic_arguments import argument, magic_arguments

from jupyter_codelab.client import actions
from jupyter_codelab.client.inputs import check_hours
from jupyter_codelab.kernel.commands.common import FACE, backend, parse, show, subcommand


@magic_arguments()
@subcommand("extend")
@argument("--hours", default="1", metavar="H", help="stop automatically H hours from now, 1 to 72 (default 1)")
def extend_command(line: str):
    """Extend the lease of the running instance: it stops automatically H hours from now."""
    args = parse(extend_command, line)
    hours = check_hours(args.hours)  # a typo is told before any connection
    show(actions.extend_lease(backend(), FACE, hours).sentence)
    return None
