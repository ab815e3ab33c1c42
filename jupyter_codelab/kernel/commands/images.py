"""``%codelab images``: the images an instance can be opened with."""

from __future__ import annotations

from IPython.core.magic_arguments import argument, magic_arguments

from jupyter_codelab.client.image_table import image_rows, table_html, table_text
from jupyter_codelab.i18n import _
from jupyter_codelab.kernel.commands.common import backend, parse, show, subcommand


@magic_arguments()
@subcommand("images")
@argument("--json", action="store_true", help=_("return {images, default_image_id} as a dict instead of showing a table"))
def images_command(line: str):
    """List the images a CodeLab instance can be opened with (use a name or id with --image)."""
    args = parse(images_command, line)
    catalogue = backend().images()
    if args.json:
        return catalogue
    rows = image_rows(catalogue)
    if not rows:
        show(_("ModelArts lists no images for this project."))
        return None
    show(table_text(rows), table_html(rows))
    return None
