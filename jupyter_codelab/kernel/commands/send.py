"""``%codelab send``: send a local notebook (by default this one) to CodeLab through OBS and follow the instance."""

from __future__ import annotations

from IPython.core.magic_arguments import argument, magic_arguments

from jupyter_codelab.client import actions, send_flow
from jupyter_codelab.client.inputs import InputError
from jupyter_codelab.i18n import _
from jupyter_codelab.kernel.commands.common import DEFAULT_TIMEOUT, backend, follow, parse, subcommand, wait_options


@magic_arguments()
@subcommand("send")
@argument("path", nargs="?", help="the .ipynb file to send (default: the notebook this kernel belongs to)")
@argument("--strip-outputs", action="store_true", help="send it without cell outputs (smaller)")
@argument(
    "--create-bucket", action="store_true", help="create the private bucket codelab-<project>-<region> if it does not exist"
)
@wait_options(_("return once CodeLab is opening; do not wait until it runs"))
def send_command(line: str):
    """Send a local notebook to CodeLab: upload it to your OBS bucket (private, content-addressed,
    so an unchanged notebook is not uploaded again), open CodeLab with a signed link that works
    for c.CodeLab.share_link_minutes, and follow the instance until it runs.

    Without a path it sends the notebook this kernel belongs to, saved as it is on disk (save first).
    """
    args = parse(send_command, line)
    path = args.path
    if not path:
        from IPython import get_ipython

        shell = get_ipython()
        path = send_flow.current_notebook_path(shell.user_ns if shell else None)
        if not path:
            raise InputError(
                _("Which notebook? This kernel does not know its notebook: give a path, e.g. %codelab send analysis.ipynb.")
            )
    return send_and_follow(path, args.strip_outputs, args.create_bucket, args.no_wait, args.timeout)


def send_and_follow(
    local_path: str, strip_outputs=False, create_bucket=False, no_wait=False, timeout=DEFAULT_TIMEOUT, image_id=None
):
    """What ``%codelab send`` and ``%codelab open --local`` do."""
    from IPython.display import display

    from jupyter_codelab.kernel import panel_registry
    from jupyter_codelab.kernel.panel import CodeLabPanel

    actions.check_timeout(timeout)
    chosen = backend()
    path = send_flow.contents_path(local_path)
    preview = send_flow.preview(chosen, path, strip_outputs)
    print(send_flow.preview_text(preview))
    send_flow.check_preview(preview, create_bucket)
    status = display({"text/plain": "Checking OBS..."}, raw=True, display_id=True)
    job = send_flow.send(chosen, path, strip_outputs, create_bucket, image_id,
                         progress=lambda j: status.update({"text/plain": send_flow.progress_text(j)}, raw=True))  # fmt: skip
    notebook = job["notebook"]
    panel = CodeLabPanel(backend=chosen)
    handle = panel_registry.show(panel)
    panel.follow(notebook)
    return follow(panel, handle, no_wait, timeout)
