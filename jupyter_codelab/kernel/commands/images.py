"""``%codelab images``: the images an instance can be opened with."""

from __future__ import annotations

from jupyter_codelab.client.image_table import image_rows, table_html, table_text
from jupyter_codelab.i18n import _
from jupyter_codelab.kernel.commands.common import backend, show


def run_images(args):
    catalogue = backend().images()
    if args.json:
        return catalogue
    rows = image_rows(catalogue)
    if not rows:
        show(_("ModelArts lists no images for this project."))
        return None
    show(table_text(rows), table_html(rows))
    return None
