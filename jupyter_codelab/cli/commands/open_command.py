"""``jupyter codelab open``: open the instance and wait, showing progress, until it runs."""

from __future__ import annotations

from jupyter_codelab.cli.commands.send import send_local
from jupyter_codelab.cli.connection import backend_for
from jupyter_codelab.cli.output import EXIT_OK, Output
from jupyter_codelab.cli.waiting import wait_and_report
from jupyter_codelab.client import actions, describe, send_flow
from jupyter_codelab.client.commands.spec import CLI
from jupyter_codelab.client.inputs import check_share_url, resolve_image
from jupyter_codelab.client.open_target import open_target


def run_open(args, out: Output) -> int:
    local, share_url = open_target(args.notebook, args.share_url)
    send_flow.check_with_options(local, share_url, args)
    if share_url is not None:
        check_share_url(share_url)
    actions.check_timeout(args.timeout)
    backend = backend_for(args)
    image_id = resolve_image(backend.images(), args.image)["id"] if args.image is not None else None
    if local is not None:
        before = backend.current()
        notebook = send_local(backend, local, args, out, image_id)
        opened = actions.Opened(notebook, describe.open_note(before, notebook, local))
    elif args.with_repo and share_url is not None:  # check_with_options: --with-repo comes with a link
        before = backend.current()
        notebook = send_flow.open_repository(backend, share_url, image_id, args.create_bucket)
        repository = notebook.pop("repository", None) or {}
        if repository.get("message"):
            out.note(repository["message"])
        opened = actions.Opened(notebook, describe.open_note(before, notebook, share_url))
    else:
        opened = actions.open_instance(backend, image_id=image_id, share_url=share_url)
    if opened.note:
        out.note(opened.note)
    if args.no_wait:
        out.result(describe.summary_text(opened.notebook, face=CLI), opened.notebook)
        return EXIT_OK
    return wait_and_report("open", backend, opened.notebook, args.timeout, out)
