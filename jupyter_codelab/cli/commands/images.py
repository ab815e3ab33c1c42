"""``jupyter codelab images``: the images an instance can be opened with."""

from __future__ import annotations

from jupyter_codelab.cli.connection import backend_for
from jupyter_codelab.cli.output import EXIT_OK, Output
from jupyter_codelab.client.image_table import image_rows, table_text
from jupyter_codelab.i18n import _


def run_images(args, out: Output) -> int:
    catalogue = backend_for(args).images()
    rows = image_rows(catalogue)
    out.result(table_text(rows) if rows else _("ModelArts lists no images for this project."), catalogue)
    return EXIT_OK
