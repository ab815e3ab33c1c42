"""``jupyter codelab open``: open the instance and wait, showing progress, until it runs."""

from __future__ import annotations

import queue
import threading
import time

from jupyter_codelab.cli.commands.send import add_send_options, send_local, split_target
from jupyter_codelab.cli.connection import backend_for
from jupyter_codelab.cli.output import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_TIMEOUT, Output
from jupyter_codelab.cli.progress import ProgressDisplay
from jupyter_codelab.kernel import describe
from jupyter_codelab.kernel.inputs import InputError, check_share_url, resolve_image

HELP = "open your CodeLab instance (or find the open one) and wait until it runs"


def add_parser(subparsers, parent):
    parser = subparsers.add_parser(
        "open",
        parents=[parent],
        help=HELP,
        description=HELP[:1].upper() + HELP[1:] + ". Exit code 0 once RUNNING; 1 with the reason if it fails; 3 on --timeout.",
    )
    add_send_options(parser)
    parser.add_argument("--image", metavar="NAME_OR_ID", help="image id, or a name/tag matching exactly one image (see `jupyter codelab images`)")
    parser.add_argument("--share-url", metavar="URL", help="link to an .ipynb file to open in the instance")
    parser.add_argument("--no-wait", action="store_true", help="print the instance as opened and return at once")
    parser.add_argument("--timeout", type=float, default=900.0, metavar="SECONDS", help="give up waiting after this long (default 900)")
    parser.set_defaults(run=run)


def run(args, out: Output) -> int:
    local = split_target(args)
    if args.share_url is not None:
        check_share_url(args.share_url)
    if args.timeout <= 0:
        raise InputError(f"--timeout must be a positive number of seconds, got {args.timeout:g}.")
    backend = backend_for(args)
    image_id = resolve_image(backend.images(), args.image)["id"] if args.image is not None else None
    if local is not None:
        notebook = send_local(backend, local, args, out, image_id)
    else:
        notebook = backend.open_running(image_id=image_id, share_url=args.share_url)
    note = describe.image_mismatch_note(notebook, image_id)
    if note:
        out.note(note)
    if args.no_wait:
        out.result(describe.summary_text(notebook), notebook)
        return EXIT_OK
    display = ProgressDisplay(out.stderr if out.as_json else out.stdout)
    try:
        notebook, outcome = _wait(backend, notebook, args.timeout, display)
    except KeyboardInterrupt:
        display.finish()
        out.note("Stopped waiting; the instance keeps starting (see `jupyter codelab status`).")
        return EXIT_INTERRUPTED
    display.finish()
    status = notebook.get("status")
    if outcome == "timeout":
        out.error("open", f"still {describe.status_words(status).lower()} after {args.timeout:g} s; see `jupyter codelab status`.", {"message": "timeout", "notebook": notebook})
        return EXIT_TIMEOUT
    if status == "RUNNING":
        out.result(describe.summary_text(notebook), notebook)
        return EXIT_OK
    reason = describe.failure_sentence(notebook) or outcome or f"the instance ended in {status}"
    out.error("open", reason, {"message": reason, "status": status, "fail_reason": notebook.get("fail_reason"), "notebook": notebook})
    return EXIT_FAILED


def _wait(backend, notebook: dict, timeout: float, display: ProgressDisplay) -> tuple[dict, str]:
    """Follow the events until RUNNING, a final state, or the timeout; redraw every second."""
    started = time.monotonic()
    anchor = (describe.remaining_seconds(notebook), started)
    events: queue.Queue = queue.Queue()
    stream = backend.events(notebook["id"])
    reader = threading.Thread(target=_pump, args=(stream, events), daemon=True)
    reader.start()
    note = ""
    try:
        while True:
            status = notebook.get("status")
            now = time.monotonic()
            remaining = None if anchor[0] is None else max(0.0, anchor[0] - (now - anchor[1]))
            display.show(notebook, now - started, remaining, note)
            if status == "RUNNING" or status in describe.ENDED_STATUSES:
                return notebook, ""
            if now - started > timeout:
                return notebook, "timeout"
            try:
                event = events.get(timeout=1.0)
            except queue.Empty:
                continue
            if event is None:  # the stream ended without a final state
                return notebook, "the event stream ended"
            if isinstance(event, Exception):
                raise event
            note = event.get("message", "") if event.get("type") in ("reconnecting", "upstream_error") else ""
            if event.get("notebook"):
                notebook = event["notebook"]
                anchor = (describe.remaining_seconds(notebook), time.monotonic())
    finally:
        stream.close()


def _pump(stream, events: queue.Queue) -> None:
    try:
        for event in stream:
            events.put(event)
    except Exception as exc:  # noqa: BLE001 - re-raised in the waiting thread
        events.put(exc)
        return
    events.put(None)
