"""``%codelab``: one line magic dispatching to the subcommands of ``kernel.commands``.

User mistakes become IPython ``UsageError`` (a sentence, no traceback);
upstream failures are ``CodeLabError``, which IPython also shows without a
traceback, with ModelArts' error code and message.
"""

from __future__ import annotations

import difflib
import re

from IPython.core.error import UsageError
from IPython.core.magic import Magics, line_magic, magics_class

from jupyter_codelab.client.inputs import InputError
from jupyter_codelab.i18n import _
from jupyter_codelab.kernel.commands import commands, help_text, run

# ``%codelab open?``: IPython would look up ``open`` (the builtin); it means the subcommand's help.
HELP_REQUEST = re.compile(r"^(\s*%codelab\s+[\w-]+)\s*\?{1,2}\s*$")


@magics_class
class CodeLabMagics(Magics):
    def __init__(self, shell=None, **kwargs):
        super().__init__(shell=shell, **kwargs)
        self.shown_panel = None  # the panel a subcommand showed last (kernel.panel_registry)

    @line_magic
    def codelab(self, line: str = ""):
        name, _sep, rest = line.strip().partition(" ")
        known = commands()
        if not name:
            raise UsageError(_("Give a subcommand: %codelab {commands} (help: %codelab?).").format(commands="|".join(known)))
        command = known.get(name)
        if command is None:
            close = difflib.get_close_matches(name, known, n=1)
            hint = _(" Did you mean '{name}'?").format(name=close[0]) if close else ""
            raise UsageError(
                _("Unknown subcommand '{name}': use one of {commands}.{hint} (help: %codelab?)").format(
                    name=name, commands=", ".join(known), hint=hint
                )
            )
        try:
            return run(command, rest)
        except InputError as exc:
            raise UsageError(str(exc)) from None


CodeLabMagics.codelab.__doc__ = help_text()


def help_requests(lines: list[str]) -> list[str]:
    """An input transformer: ``%codelab X?`` becomes ``%codelab X --help``."""
    matches = [HELP_REQUEST.match(line) for line in lines]
    return [f"{match.group(1)} --help\n" if match else line for line, match in zip(lines, matches, strict=True)]


def register(ipython) -> None:
    ipython.register_magics(CodeLabMagics)
    cleanup = ipython.input_transformers_cleanup
    if not any(getattr(t, "__name__", "") == help_requests.__name__ for t in cleanup):
        cleanup.append(help_requests)
