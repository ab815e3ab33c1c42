"""``jupyter codelab badge``: the "Run in ModelArts" Markdown for a notebook link."""

from __future__ import annotations

from jupyter_codelab.cli.connection import backend_for
from jupyter_codelab.cli.output import EXIT_OK, Output
from jupyter_codelab.client.badge_link import badge_for


def run_badge(args, out: Output) -> int:
    markdown, link = badge_for(args.url, args.image, lambda: backend_for(args).images())
    out.result(markdown, {"markdown": markdown, "url": link})
    return EXIT_OK
