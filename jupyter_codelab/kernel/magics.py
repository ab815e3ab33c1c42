"""``%codelab``: one line magic dispatching to the subcommands of ``kernel.commands``.

User mistakes become IPython ``UsageError`` (a sentence, no traceback);
upstream failures are ``CodeLabError``, which IPython also shows without a
traceback, with ModelArts' error code and message.
"""

from __future__ import annotations

import difflib

from IPython.core.error import UsageError
from IPython.core.magic import Magics, line_magic, magics_class

from jupyter_codelab.client.inputs import InputError
from jupyter_codelab.i18n import _
from jupyter_codelab.kernel.commands import COMMANDS, help_text


@magics_class
class CodeLabMagics(Magics):
    def __init__(self, shell=None, **kwargs):
        super().__init__(shell=shell, **kwargs)
        self.shown_panel = None  # the panel a subcommand showed last (kernel.panel_registry)

    @line_magic
    def codelab(self, line: str = ""):
        name, _sep, rest = line.strip().partition(" ")
        if not name:
            raise UsageError(_("Give a subcommand: %codelab {commands} (help: %codelab?).").format(commands="|".join(COMMANDS)))
        command = COMMANDS.get(name)
        if command is None:
            close = difflib.get_close_matches(name, COMMANDS, n=1)
            hint = _(" Did you mean '{name}'?").format(name=close[0]) if close else ""
            raise UsageError(
                _("Unknown subcommand '{name}': use one of {commands}.{hint} (help: %codelab?)").format(
                    name=name, commands=", ".join(COMMANDS), hint=hint
                )
            )
        try:
            return command(rest)
        except InputError as exc:
            raise UsageError(str(exc)) from None


CodeLabMagics.codelab.__doc__ = help_text()


def register(ipython) -> None:
    ipython.register_magics(CodeLabMagics)
