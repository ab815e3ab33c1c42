"""``%codelab extend``: move the automatic stop later (by default 1 h later than it is now)."""

from __future__ import annotations

from jupyter_codelab.client import actions
from jupyter_codelab.client.commands.spec import MAGIC
from jupyter_codelab.kernel.commands.common import backend, show


def run_extend(args):
    actions.check_extension(args.hours, args.until, args.for_hours)  # a typo is told before any connection
    show(actions.extend_lease(backend(), MAGIC, args.hours, args.until, args.for_hours).sentence)
    return None
