"""``%codelab open``: open (or find) the instance and show a panel following it."""

from __future__ import annotations

from IPython.core.magic_arguments import argument, magic_arguments

from jupyter_codelab.client import actions
from jupyter_codelab.client.inputs import InputError, check_share_url, resolve_image
from jupyter_codelab.i18n import _
from jupyter_codelab.kernel.commands.common import backend, follow, parse, subcommand, wait_options


@magic_arguments()
@subcommand("open")
@argument(
    "--image",
    metavar="NAME_OR_ID",
    help="image id, or a name/tag matching exactly one image (see %%codelab images); default: ModelArts' default image",
)
@argument("--share-url", metavar="URL", help="link to an .ipynb file to open in the instance (GitHub pages and raw links work)")
@argument("--local", metavar="PATH", help="a local .ipynb file: sent through OBS first (see %%codelab send)")
@wait_options()
def open_command(line: str):
    """Open your CodeLab instance (or find the one already open) and show a panel following it.

    With another --image than the instance has, ModelArts switches that instance to
    it (it restarts). Waits until the instance is RUNNING unless --no-wait is given
    (interrupting the kernel stops the waiting, not the instance). The panel's
    object is jupyter_codelab.kernel.panel_registry.current_panel().
    """
    args = parse(open_command, line)
    if args.local is not None:
        if args.share_url is not None:
            raise InputError(_("Give --local (a file here) or --share-url (a link), not both."))
        from jupyter_codelab.kernel.commands.send import send_and_follow

        image_id = resolve_image(backend().images(), args.image)["id"] if args.image is not None else None
        return send_and_follow(args.local, no_wait=args.no_wait, timeout=args.timeout, image_id=image_id)
    if args.share_url is not None:
        check_share_url(args.share_url)
    actions.check_timeout(args.timeout)
    from jupyter_codelab.kernel import panel_registry
    from jupyter_codelab.kernel.panel import CodeLabPanel

    chosen = backend()
    image_id = resolve_image(chosen.images(), args.image)["id"] if args.image is not None else None
    panel = CodeLabPanel(backend=chosen)
    panel.state.image_id = image_id
    panel.state.share_url = args.share_url or ""
    handle = panel_registry.show(panel)
    panel.open_instance(raise_errors=True)
    if panel.state.notice:
        print(panel.state.notice)
    return follow(panel, handle, args.no_wait, args.timeout)
