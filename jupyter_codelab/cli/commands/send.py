"""``jupyter codelab open ./path.ipynb``: a local notebook goes through OBS first (the server uploads it).

Not a subcommand of its own: ``open`` sends through here."""

from __future__ import annotations

import sys

from jupyter_codelab.client import send_flow


def send_local(backend, local: str, args, out, image_id: str | None) -> dict:
    """Preview, send with progress on stderr, and return the opened instance."""
    path = send_flow.contents_path(local)
    preview, files = send_flow.chosen_preview(backend, path, args.strip_outputs, args.with_files, args.with_detected)
    out.note(send_flow.preview_text(preview))
    if text := send_flow.files_text(preview):
        out.note(text)
    send_flow.check_preview(preview, args.create_bucket)
    stream = out.stderr if out.as_json else out.stdout
    interactive = hasattr(stream, "isatty") and stream.isatty()
    last = [""]

    def progress(job: dict) -> None:
        text = send_flow.progress_text(job)
        if text != last[0]:
            print(("\r\033[K" if interactive else "") + text, end="" if interactive else "\n", file=stream, flush=True)
            last[0] = text

    job = send_flow.send(backend, path, args.strip_outputs, args.create_bucket, image_id, progress=progress, files=files)
    if interactive:
        print("", file=stream or sys.stdout, flush=True)
    return job["notebook"]
