"""``%codelab open``: open (or find) the instance and show a panel following it."""

from __future__ import annotations

from IPython.core.magic_arguments import argument, magic_arguments

from jupyter_codelab.kernel import describe
from jupyter_codelab.kernel.commands.common import backend, parse, subcommand
from jupyter_codelab.kernel.errors import CodeLabError
from jupyter_codelab.kernel.inputs import InputError, check_share_url, resolve_image

DEFAULT_TIMEOUT = 900.0


@magic_arguments()
@subcommand("open")
@argument("--image", metavar="NAME_OR_ID", help="image id, or a name/tag matching exactly one image (see %%codelab images); default: ModelArts' default image")
@argument("--share-url", metavar="URL", help="link to an .ipynb file to open in the instance (GitHub pages and raw links work)")
@argument("--local", metavar="PATH", help="a local .ipynb file: sent through OBS first (see %%codelab send)")
@argument("--no-wait", action="store_true", help="return at once; the panel keeps updating while the cell is idle")
@argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS", help=f"stop waiting after this long (default {DEFAULT_TIMEOUT:g})")
def open_command(line: str):
    """Open your CodeLab instance (or find the one already open) and show a panel following it.

    Waits until the instance is RUNNING unless --no-wait is given (interrupting
    the kernel stops the waiting, not the instance). The panel's object is
    jupyter_codelab.kernel.panel.last_panel().
    """
    args = parse(open_command, line)
    if args.local is not None:
        if args.share_url is not None:
            raise InputError("Give --local (a file here) or --share-url (a link), not both.")
        from jupyter_codelab.kernel.commands.send import send_and_follow

        return send_and_follow(args.local, no_wait=args.no_wait, timeout=args.timeout)
    if args.share_url is not None:
        check_share_url(args.share_url)
    if args.timeout <= 0:
        raise InputError(f"--timeout must be a positive number of seconds, got {args.timeout:g}.")
    from IPython.display import display

    from jupyter_codelab.kernel.panel import CodeLabPanel

    chosen = backend()
    image_id = resolve_image(chosen.images(), args.image)["id"] if args.image is not None else None
    panel = CodeLabPanel(backend=chosen)
    panel.image_id = image_id
    panel.share_url = args.share_url or ""
    handle = display(panel, display_id=True)
    notebook = panel.open_instance(raise_errors=True)
    note = describe.image_mismatch_note(notebook, image_id)
    if note:
        print(note)
    if args.no_wait:
        return None
    try:
        status = panel.wait(timeout=args.timeout)
    except KeyboardInterrupt:
        print("Stopped waiting; the panel keeps following the instance.")
        return None
    handle.update(panel)  # the text fallback now shows the final state too
    if status == "RUNNING":
        print(f"CodeLab instance {panel.notebook.get('name') or panel.notebook_id} is running: {panel.url}")
    elif status in describe.FAILED_STATUSES:
        raise CodeLabError(describe.failure_sentence(panel.notebook) or f"The instance ended in {status}.")
    elif panel.connection == "ended" and panel.error:
        raise CodeLabError(panel.error)
    else:
        print(f"Still {describe.status_words(status).lower()} after {args.timeout:g} s; the panel keeps following it.")
    return None
