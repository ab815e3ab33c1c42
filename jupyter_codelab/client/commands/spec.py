"""What a subcommand and its options are, and how an argparse parser takes them in.

Both faces render the same declarations: the CLI into its ``argparse`` subparsers, the
magics into IPython's ``MagicArgumentParser`` (the parser ``@magic_arguments`` builds).
Help texts are msgids (``N_``), translated when rendered; in them ``{codelab}`` is how the
face spells itself (``jupyter codelab`` or ``%codelab``) and ``{default}`` the default.
"""

from __future__ import annotations

import argparse
import importlib
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from jupyter_codelab.client.describe import COMMAND_PREFIX
from jupyter_codelab.i18n import N_, _

CLI, MAGIC = "cli", "magic"  # the faces, spelled as client.describe spells them
# argparse's section titles and its help option's words, which it leaves in English.
POSITIONALS, OPTIONS = N_("positional arguments"), N_("options")
HELP_OPTION = N_("show this help message and exit")
BOTH = frozenset({CLI, MAGIC})
WIDTH = 88  # the magics print their description as it is: wrap it here


@dataclass(frozen=True)
class Option:
    """One option (or positional argument): its ``add_argument`` keywords, one help text, its faces."""

    flags: tuple[str, ...]
    help: str
    metavar: str | None = None
    default: Any = None
    type: Callable[[str], Any] | None = None
    action: str | None = None
    dest: str | None = None
    nargs: str | None = None
    group: str | None = None  # the title of an argument group (N_), e.g. the CLI's "connection"
    faces: frozenset[str] = BOTH

    def only(self, face: str) -> Option:
        """The same option, declared for one face only."""
        return replace(self, faces=frozenset({face}))

    def help_for(self, face: str) -> str:
        default = f"{self.default:g}" if isinstance(self.default, float) else self.default
        text = _(self.help).format(codelab=COMMAND_PREFIX[face], default=default)
        return text.replace("%", "%%")  # argparse %-formats help texts

    def add_to(self, parser, face: str) -> None:
        keywords = {
            name: value
            for name, value in (
                ("metavar", self.metavar),
                ("default", self.default),
                ("type", self.type),
                ("action", self.action),
                ("dest", self.dest),
                ("nargs", self.nargs),
            )
            if value is not None
        }
        parser.add_argument(*self.flags, help=self.help_for(face), **keywords)


@dataclass(frozen=True)
class Command:
    """A subcommand: ``run_<name>`` in ``<module>`` (default: the name) of each face's commands package."""

    name: str
    help: str  # one line, lower case, no full stop: the CLI's list of subcommands, and the first sentence
    options: tuple[Option, ...] = ()
    about: str = ""  # more description, for both faces
    about_cli: str = ""
    about_magic: str = ""
    faces: frozenset[str] = BOTH
    module: str = ""

    def options_for(self, face: str) -> list[Option]:
        return [option for option in self.options if face in option.faces]

    def summary(self, face: str) -> str:
        """The one line, translated, in the face's words."""
        return _(self.help).format(codelab=COMMAND_PREFIX[face])

    def description(self, face: str) -> str:
        """The first sentence, then the rest, in paragraphs wrapped for the magics' help."""
        text = self.summary(face)
        paragraphs = [_("{help}.").format(help=text[:1].upper() + text[1:])]
        more = (self.about, self.about_cli if face == CLI else self.about_magic)
        paragraphs += [_(part).format(codelab=COMMAND_PREFIX[face]) for part in more if part]
        return "\n\n".join(textwrap.fill(paragraph, WIDTH) for paragraph in paragraphs)

    def add_options(self, parser: argparse.ArgumentParser, face: str) -> None:
        """The options in argument groups of our own, titled in this process's language (argparse's own titles are
        English): positional arguments, options, then the named groups. The CLI's parser is made without ``-h``:
        it is added here, with its help translated (the magics answer ``-h`` without listing it)."""
        chosen = self.options_for(face)
        groups: dict[str, Any] = {}
        if any(not option.flags[0].startswith("-") for option in chosen):
            groups[POSITIONALS] = parser.add_argument_group(_(POSITIONALS))
        groups[OPTIONS] = parser.add_argument_group(_(OPTIONS))
        if face == CLI:
            add_help_option(groups[OPTIONS])
        for option in chosen:
            title = option.group or (OPTIONS if option.flags[0].startswith("-") else POSITIONALS)
            if title not in groups:
                groups[title] = parser.add_argument_group(_(title))
            option.add_to(groups[title], face)

    def handler(self, package: str) -> Callable:
        """The face's function for this subcommand, imported only when it runs."""
        module = importlib.import_module(f"{package}.{self.module or self.name}")
        return getattr(module, f"run_{self.name}")


class HelpFormatter(argparse.HelpFormatter):
    """argparse's layout with its ``usage:`` in this process's language."""

    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, _("usage: ") if prefix is None else prefix)


def add_help_option(parser) -> None:
    """``-h``/``--help`` with its help translated (for a parser made with ``add_help=False``)."""
    parser.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=_(HELP_OPTION))
