"""``jupyter codelab open ./path.ipynb``: a local notebook goes through OBS first (the server uploads it)."""

from __future__ import annotations

import sys

from jupyter_codelab.client import send_flow
from jupyter_codelab.client.inputs import InputError
from jupyter_codelab.i18n import _


def add_send_options(parser) -> None:
    parser.add_argument("notebook", nargs="?", metavar="NOTEBOOK",
                        help=_("a local .ipynb file (sent through your OBS bucket, privately) or a link to one"))  # fmt: skip
    parser.add_argument("--strip-outputs", action="store_true", help=_("send the local notebook without cell outputs"))
    parser.add_argument(
        "--create-bucket", action="store_true", help=_("create the private bucket codelab-<project>-<region> if needed")
    )


def split_target(args) -> str | None:
    """The local path to send, or None; a link in NOTEBOOK becomes --share-url (never the other way round)."""
    target = args.notebook
    if target is None:
        return None
    if send_flow.is_local_notebook(target):
        if args.share_url is not None:
            raise InputError(_("Give a local notebook or --share-url, not both."))
        return target
    if args.share_url is not None:
        raise InputError(_("Give the link once: as NOTEBOOK or as --share-url."))
    args.share_url = target
    return None


def send_local(backend, local: str, args, out, image_id: str | None) -> dict:
    """Preview, send with progress on stderr, and return the opened instance."""
    path = send_flow.contents_path(local)
    preview = send_flow.preview(backend, path, args.strip_outputs)
    out.note(send_flow.preview_text(preview))
    send_flow.check_preview(preview, args.create_bucket)
    stream = out.stderr if out.as_json else out.stdout
    interactive = hasattr(stream, "isatty") and stream.isatty()
    last = [""]

    def progress(job: dict) -> None:
        text = send_flow.progress_text(job)
        if text != last[0]:
            print(("\r\033[K" if interactive else "") + text, end="" if interactive else "\n", file=stream, flush=True)
            last[0] = text

    job = send_flow.send(backend, path, args.strip_outputs, args.create_bucket, image_id, progress=progress)
    if interactive:
        print("", file=stream or sys.stdout, flush=True)
    return job["notebook"]
