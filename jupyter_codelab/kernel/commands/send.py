"""``%codelab send``: send a local notebook (by default this one) to CodeLab through OBS and follow the instance."""

from __future__ import annotations

from jupyter_codelab.client import actions, send_flow
from jupyter_codelab.client.commands.options import DEFAULT_TIMEOUT
from jupyter_codelab.client.inputs import InputError
from jupyter_codelab.i18n import _
from jupyter_codelab.kernel.commands.common import backend, follow


def run_send(args):
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
