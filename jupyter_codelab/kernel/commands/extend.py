"""``%codelab extend``: move the automatic stop later (by default 1 h later than it is now)."""

from __future__ import annotations

from IPython.core.magic_arguments import argument, magic_arguments

from jupyter_codelab.client import actions
from jupyter_codelab.i18n import _
from jupyter_codelab.kernel.commands.common import FACE, backend, parse, show, subcommand


@magic_arguments()
@subcommand("extend")
@argument("--hours", metavar="H", help=_("stop H hours later than the current automatic stop (default 1; at most 72 h from now)"))
@argument("--until", metavar="TIME", help=_("stop at this local time HH:MM instead (its next occurrence, 1 h to 72 h from now)"))
@argument("--for", dest="for_hours", metavar="H", help=_("stop H hours from now instead, 1 to 72"))
def extend_command(line: str):
    """Keep the running instance longer: its automatic stop moves H hours later (default 1 h).

    --until HH:MM stops it at that local time, --for H that many hours from now.
    """
    args = parse(extend_command, line)
    actions.check_extension(args.hours, args.until, args.for_hours)  # a typo is told before any connection
    show(actions.extend_lease(backend(), FACE, args.hours, args.until, args.for_hours).sentence)
    return None
