"""The ``%codelab`` subcommands: the command table (``client.commands``) rendered to IPython's
``MagicArgumentParser`` (the parser ``@magic_arguments`` builds), each run by ``run_<name>(args)``
in its module here. Their parsers' help is ``%codelab X?`` and, together, ``%codelab?``.
"""

from __future__ import annotations

import textwrap

from IPython.core.magic_arguments import MagicArgumentParser
from IPython.utils.process import arg_split

from jupyter_codelab.client.commands.spec import MAGIC, WIDTH, Command
from jupyter_codelab.client.commands.table import for_face
from jupyter_codelab.i18n import _
from jupyter_codelab.kernel.commands.common import parse

HELP_FLAGS = ("-h", "--help")


def commands() -> dict[str, Command]:
    return for_face(MAGIC)


def parser_for(command: Command) -> MagicArgumentParser:
    parser = MagicArgumentParser(prog=f"codelab {command.name}", description=command.description(MAGIC))
    command.add_options(parser, MAGIC)
    return parser


def run(command: Command, line: str):
    """Parse ``line`` for ``command`` and run it; ``--help`` (or ``%codelab X?``) shows its help instead."""
    parser = parser_for(command)
    try:
        words = arg_split(line, strict=False)
    except ValueError:
        words = []
    if any(word in HELP_FLAGS for word in words):
        print(plain_help(parser.format_help()))
        return None
    return command.handler(__name__)(parse(parser, line))


def help_text() -> str:
    """``%codelab?``: what the magic does, then every subcommand's help."""
    parts = [
        _("Open and manage a Huawei Cloud ModelArts CodeLab instance from this notebook."),
        "",
        _("Usage: %codelab SUBCOMMAND [options]   (subcommands: {names}; help on one: %codelab SUBCOMMAND?)").format(
            names=", ".join(commands())
        ),
        "",
        textwrap.fill(
            _(
                "The kernel reaches ModelArts through the jupyter-codelab server extension when the Jupyter server "
                "started it (nothing to configure), otherwise directly with HUAWEICLOUD_SDK_AK/SK/PROJECT_ID or "
                "~/.huaweicloud/credentials, or a simulator at CODELAB_ENDPOINT."
            ),
            WIDTH,
        ),
    ]
    for command in commands().values():
        parts += ["", "-" * 72, plain_help(parser_for(command).format_help())]
    return "\n".join(parts)


def plain_help(text: str) -> str:
    """A parser's help as text: IPython writes its usage as an RST literal block (``::`` and an indent)."""
    return text.strip().replace("::\n\n  %codelab", _("Usage: ") + "%codelab", 1)
