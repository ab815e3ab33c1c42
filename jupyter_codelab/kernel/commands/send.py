"""``%codelab send``: send a local notebook (by default this one) to CodeLab through OBS and follow the instance."""

from __future__ import annotations

from jupyter_codelab.client import actions, send_flow
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
    return send_and_follow(path, args)


def send_and_follow(local_path: str | None, args, image_id: str | None = None, share_url: str | None = None):
    """What ``%codelab send``, ``%codelab open NOTEBOOK`` and ``%codelab open --share-url URL --with-repo`` do."""
    from IPython.display import display

    from jupyter_codelab.kernel import panel_registry
    from jupyter_codelab.kernel.panel import CodeLabPanel

    actions.check_timeout(args.timeout)
    chosen = backend()
    if local_path is None:  # a repository's notebook: the server fetches it and sends the copy
        notebook = send_flow.open_repository(chosen, share_url or "", image_id, args.create_bucket)
        message = (notebook.pop("repository", None) or {}).get("message")
        if message:
            print(message)
    else:
        path = send_flow.contents_path(local_path)
        preview, files = send_flow.chosen_preview(chosen, path, args.strip_outputs, args.with_files, args.with_detected)
        print(send_flow.preview_text(preview))
        if text := send_flow.files_text(preview):
            print(text)
        send_flow.check_preview(preview, args.create_bucket)
        status = display({"text/plain": _("Checking OBS...")}, raw=True, display_id=True)
        job = send_flow.send(chosen, path, args.strip_outputs, args.create_bucket, image_id, files=files,
                             progress=lambda j: status.update({"text/plain": send_flow.progress_text(j)}, raw=True))  # fmt: skip
        notebook = job["notebook"]
    panel = CodeLabPanel(backend=chosen)
    handle = panel_registry.show(panel)
    panel.follow(notebook)
    return follow(panel, handle, args.no_wait, args.timeout)
