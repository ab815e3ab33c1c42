"""``%codelab badge``: the "Run in ModelArts" Markdown for a notebook link."""

from __future__ import annotations

from jupyter_codelab.client.badge_link import badge_for
from jupyter_codelab.i18n import _
from jupyter_codelab.kernel.commands.common import backend, show


def run_badge(args):
    markdown, link = badge_for(args.url, args.image, lambda: backend().images())
    show(
        _("{markdown}\n\nLink: {link}").format(markdown=markdown, link=link),
        markdown=f"{markdown}\n\n```markdown\n{markdown}\n```",
    )
    return None
