"""``%codelab open``: open (or find) the instance and show a panel following it."""

from __future__ import annotations

from IPython.core.magic_arguments import argument, magic_arguments

from jupyter_codelab.client import actions, describe
from jupyter_codelab.client.errors import CodeLabError
from jupyter_codelab.client.inputs import InputError, check_share_url, resolve_image
from jupyter_codelab.i18n import _
from jupyter_codelab.kernel.commands.common import FACE, backend, parse, subcommand
from jupyter_codelab.modelarts.states import VANISHED_SENTENCE

DEFAULT_TIMEOUT = 900.0


@magic_arguments()
@subcommand("open")
@argument(
    "--image",
    metavar="NAME_OR_ID",
    help="image id, or a name/tag matching exactly one image (see %%codelab images); default: ModelArts' default image",
)
@argument("--share-url", metavar="URL", help="link to an .ipynb file to open in the instance (GitHub pages and raw links work)")
@argument("--local", metavar="PATH", help="a local .ipynb file: sent through OBS first (see %%codelab send)")
@argument("--no-wait", action="store_true", help="return at once; the panel keeps updating while the cell is idle")
@argument(
    "--timeout",
    type=float,
    default=DEFAULT_TIMEOUT,
    metavar="SECONDS",
    help=f"stop waiting after this long (default {DEFAULT_TIMEOUT:g})",
)
def open_command(line: str):
    """Open your CodeLab instance (or find the one already open) and show a panel following it.

    With another --image than the instance has, ModelArts switches that instance to
    it (it restarts). Waits until the instance is RUNNING unless --no-wait is given
    (interrupting the kernel stops the waiting, not the instance). The panel's
    object is jupyter_codelab.kernel.panel.last_panel().
    """
    args = parse(open_command, line)
    if args.local is not None:
        if args.share_url is not None:
            raise InputError(_("Give --local (a file here) or --share-url (a link), not both."))
        from jupyter_codelab.kernel.commands.send import send_and_follow

        return send_and_follow(args.local, no_wait=args.no_wait, timeout=args.timeout)
    if args.share_url is not None:
        check_share_url(args.share_url)
    actions.check_timeout(args.timeout)
    from IPython.display import display

    from jupyter_codelab.kernel.panel import CodeLabPanel

    chosen = backend()
    image_id = resolve_image(chosen.images(), args.image)["id"] if args.image is not None else None
    panel = CodeLabPanel(backend=chosen)
    panel.image_id = image_id
    panel.share_url = args.share_url or ""
    handle = display(panel, display_id=True)
    panel.open_instance(raise_errors=True)
    if panel.notice:
        print(panel.notice)
    return follow(panel, handle, args.no_wait, args.timeout)


def follow(panel, handle, no_wait: bool, timeout: float) -> None:
    """Wait for the panel's instance to run (unless ``no_wait``) and say how it ended, with the next command."""
    if no_wait:
        return None
    try:
        status = panel.wait(timeout=timeout)
    except KeyboardInterrupt:
        print(_("Stopped waiting; the panel keeps following the instance."))
        return None
    if handle is not None:
        handle.update(panel)  # the text fallback now shows the final state too
    if panel.vanished:
        raise CodeLabError(f"{_(VANISHED_SENTENCE)} {describe.next_line(('open',), FACE)}.")
    if status == "RUNNING":
        print(
            _("CodeLab instance {name} is running: {url}").format(
                name=panel.notebook.get("name") or panel.notebook_id, url=panel.url
            )
        )
    elif describe.is_failed(status):
        found = describe.state(panel.notebook)
        next_line = describe.next_line(found.actions, FACE)
        raise CodeLabError(describe.status_sentence(panel.notebook) + (f" {next_line}." if next_line else ""))
    elif panel.connection == "ended" and panel.error:
        raise CodeLabError(panel.error)
    elif describe.is_settled(status):
        print(describe.summary_text(panel.notebook, face=FACE))
    else:
        print(
            _("Still {status} after {timeout:g} s; the panel keeps following it.").format(
                status=describe.status_words(status).lower(), timeout=timeout
            )
        )
    return None
