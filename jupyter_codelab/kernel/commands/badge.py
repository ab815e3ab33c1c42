"""``%codelab badge``: the "Run in ModelArts" Markdown for a notebook link."""

from __future__ import annotations

from IPython.core.magic_arguments import argument, magic_arguments

from jupyter_codelab.client.badge_link import badge_for
from jupyter_codelab.i18n import _
from jupyter_codelab.kernel.commands.common import backend, parse, show, subcommand


@magic_arguments()
@subcommand("badge")
@argument("url", metavar="URL", help="link to the .ipynb file (GitHub page, raw link, ...)")
@argument("--image", metavar="NAME_OR_ID", help="image to open it with (id, or a name/tag matching one image)")
def badge_command(line: str):
    """Show the Markdown of a "Run in ModelArts" badge that opens URL in CodeLab."""
    args = parse(badge_command, line)
    markdown, link = badge_for(args.url, args.image, lambda: backend().images())
    show(
        _("{markdown}\n\nLink: {link}").format(markdown=markdown, link=link),
        markdown=f"{markdown}\n\n```markdown\n{markdown}\n```",
    )
    return None
