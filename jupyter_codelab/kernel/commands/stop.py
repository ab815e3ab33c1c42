"""``%codelab stop``: stop the instance (its storage is kept; ``%codelab start`` starts it again)."""

from __future__ import annotations

from jupyter_codelab.client import actions
from jupyter_codelab.client.commands.spec import MAGIC
from jupyter_codelab.kernel.commands.common import backend, show


def run_stop(args):
    show(actions.stop_instance(backend(), MAGIC).sentence)
    return None
