"""The subcommands of ``jupyter codelab``, one module each (``add_parser`` + ``run``)."""

from jupyter_codelab.cli.commands import badge, extend, images, login, open, simulate, start, status, stop

MODULES = (open, status, start, images, extend, stop, badge, login, simulate)
