"""The subcommands of ``jupyter codelab``, one module each (``add_parser`` + ``run``)."""

from jupyter_codelab.cli.commands import badge, extend, images, login, open, simulate, status, stop

MODULES = (open, status, images, extend, stop, badge, login, simulate)
