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
from jupyter_codelab.i18n import _

CLI, MAGIC = "cli", "magic"  # the faces, spelled as client.describe spells them
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
        groups: dict[str, Any] = {}
        for option in self.options_for(face):
            target = parser
            if option.group:
                if option.group not in groups:
                    groups[option.group] = parser.add_argument_group(_(option.group))
                target = groups[option.group]
            option.add_to(target, face)

    def handler(self, package: str) -> Callable:
        """The face's function for this subcommand, imported only when it runs."""
        module = importlib.import_module(f"{package}.{self.module or self.name}")
        return getattr(module, f"run_{self.name}")
