"""The subcommands of ``jupyter codelab``, one module each (``add_parser`` + ``run``)."""

from jupyter_codelab.cli.commands import badge, doctor, extend, images, login, open_command, simulate, start, status, stop

MODULES = (open_command, status, start, images, extend, stop, badge, login, simulate, doctor)
