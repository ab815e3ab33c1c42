"""``jupyter codelab badge``: the "Run in ModelArts" Markdown for a notebook link."""

from __future__ import annotations

from jupyter_codelab.cli.connection import backend_for
from jupyter_codelab.cli.output import EXIT_OK, Output, description
from jupyter_codelab.client.badge_link import badge_for
from jupyter_codelab.i18n import N_, _

HELP = N_('print the Markdown of a "Run in ModelArts" badge for a notebook link')


def add_parser(subparsers, parent):
    parser = subparsers.add_parser("badge", parents=[parent], help=_(HELP), description=description(HELP))
    parser.add_argument("url", metavar="URL", help=_("link to the .ipynb file (GitHub page, raw link, ...)"))
    parser.add_argument(
        "--image", metavar="NAME_OR_ID", help=_("image to open it with (an id needs no connection; a name is looked up)")
    )
    parser.set_defaults(run=run)


def run(args, out: Output) -> int:
    markdown, link = badge_for(args.url, args.image, lambda: backend_for(args).images())
    out.result(markdown, {"markdown": markdown, "url": link})
    return EXIT_OK
