"""``jupyter codelab SUBCOMMAND``: the command table (``client.commands``) rendered to argparse (``--help`` on each)."""

from __future__ import annotations

import argparse
import sys

from jupyter_codelab._version import __version__
from jupyter_codelab.cli import commands
from jupyter_codelab.cli.output import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_USAGE, Output
from jupyter_codelab.client.commands.spec import CLI, OPTIONS, POSITIONALS, HelpFormatter, add_help_option
from jupyter_codelab.client.commands.table import for_face
from jupyter_codelab.client.errors import CodeLabError
from jupyter_codelab.client.inputs import InputError
from jupyter_codelab.i18n import _


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jupyter codelab",
        description=_(
            "Open and manage a Huawei Cloud ModelArts CodeLab instance from the terminal. Inside a terminal of a Jupyter server with "
            "jupyter-codelab it goes through the server; elsewhere it uses HUAWEICLOUD_SDK_AK/SK/PROJECT_ID, ~/.huaweicloud/credentials, or "
            "a simulator at CODELAB_ENDPOINT."
        ),
        epilog=_("Exit codes: 0 done, 1 failed (reason on stderr), 2 usage error, 3 timeout, 130 interrupted."),
        formatter_class=HelpFormatter,
        add_help=False,  # its -h is added with its help translated
    )
    # Titled groups of our own: argparse's own titles are English.
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True, title=_(POSITIONALS))
    options = parser.add_argument_group(_(OPTIONS))
    add_help_option(options)
    options.add_argument(
        "--version", action="version", version=f"jupyter-codelab {__version__}", help=_("show program's version number and exit")
    )
    for name, command in for_face(CLI).items():
        subparser = subparsers.add_parser(
            name,
            help=command.summary(CLI).replace("%", "%%"),
            description=command.description(CLI),
            formatter_class=HelpFormatter,
            add_help=False,
        )
        command.add_options(subparser, CLI)
        subparser.set_defaults(subcommand=command)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    out = Output(as_json=getattr(args, "json", False))
    try:
        return args.subcommand.handler(commands.__name__)(args, out)
    except InputError as exc:
        out.error(args.command, str(exc), {"message": str(exc), "kind": "usage"})
        return EXIT_USAGE
    except CodeLabError as exc:
        out.error(args.command, exc.describe(), exc.to_json())
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
