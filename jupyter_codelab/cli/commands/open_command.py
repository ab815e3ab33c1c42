"""``jupyter codelab open``: open the instance and wait, showing progress, until it runs."""

from __future__ import annotations

from jupyter_codelab.cli.commands.send import add_send_options, send_local, split_target
from jupyter_codelab.cli.connection import backend_for
from jupyter_codelab.cli.output import EXIT_OK, Output, description
from jupyter_codelab.cli.waiting import FACE, wait_and_report
from jupyter_codelab.client import actions, describe
from jupyter_codelab.client.inputs import check_share_url, resolve_image
from jupyter_codelab.i18n import N_, _

HELP = N_("open your CodeLab instance (or find the open one) and wait until it runs")


def add_parser(subparsers, parent):
    parser = subparsers.add_parser(
        "open",
        parents=[parent],
        help=_(HELP),
        description=description(
            HELP,
            _(
                "With another --image than the instance has, ModelArts switches that instance to it (it restarts). "
                "Exit code 0 once RUNNING; 1 with the reason if it fails; 3 on --timeout."
            ),
        ),
    )
    add_send_options(parser)
    parser.add_argument(
        "--image",
        metavar="NAME_OR_ID",
        help=_("image id, or a name/tag matching exactly one image (see `jupyter codelab images`)"),
    )
    parser.add_argument("--share-url", metavar="URL", help=_("link to an .ipynb file to open in the instance"))
    add_wait_options(parser)
    parser.set_defaults(run=run)


def add_wait_options(parser) -> None:
    parser.add_argument("--no-wait", action="store_true", help=_("print the instance as it is now and return at once"))
    parser.add_argument(
        "--timeout", type=float, default=900.0, metavar="SECONDS", help=_("give up waiting after this long (default 900)")
    )


def run(args, out: Output) -> int:
    local = split_target(args)
    if args.share_url is not None:
        check_share_url(args.share_url)
    actions.check_timeout(args.timeout)
    backend = backend_for(args)
    image_id = resolve_image(backend.images(), args.image)["id"] if args.image is not None else None
    if local is not None:
        before = backend.current()
        notebook = send_local(backend, local, args, out, image_id)
        opened = actions.Opened(notebook, describe.open_note(before, notebook, local))
    else:
        opened = actions.open_instance(backend, image_id=image_id, share_url=args.share_url)
    if opened.note:
        out.note(opened.note)
    if args.no_wait:
        out.result(describe.summary_text(opened.notebook, face=FACE), opened.notebook)
        return EXIT_OK
    return wait_and_report("open", backend, opened.notebook, args.timeout, out)
