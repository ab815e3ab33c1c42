"""``jupyter codelab simulate``: serve the ModelArts simulator in the foreground."""

from __future__ import annotations

from jupyter_codelab.cli.output import EXIT_OK, Output, description
from jupyter_codelab.client.inputs import InputError
from jupyter_codelab.i18n import N_, _

HELP = N_("run the ModelArts simulator here (demo credentials unless --ak/--sk are given)")


def add_parser(subparsers, parent):
    parser = subparsers.add_parser(
        "simulate",
        help=_(HELP),
        description=description(HELP, _("Point clients at it with CODELAB_ENDPOINT=http://127.0.0.1:PORT. Stop with Ctrl+C.")),
    )
    parser.add_argument("--port", type=int, default=8010, help=_("port to listen on (0: any free port; default 8010)"))
    parser.add_argument("--address", default="127.0.0.1", help=_("address to bind (default 127.0.0.1)"))
    parser.add_argument("--ak", dest="access_key", help=_("access key clients sign with"))
    parser.add_argument("--sk", dest="secret_key", help=_("secret key clients sign with"))
    parser.add_argument("--project-id", help=_("32-hex project id (default: the demo project)"))
    parser.add_argument("--step-seconds", type=float, default=2.0, help=_("seconds per creation step (default 2)"))
    parser.set_defaults(run=run, json=False)


def run(args, out: Output) -> int:
    if bool(args.access_key) != bool(args.secret_key):
        raise InputError(_("Give both --ak and --sk, or neither (to use the demo credentials)."))
    if args.step_seconds < 0:
        raise InputError(_("--step-seconds must be 0 or more, got {step_seconds:g}.").format(step_seconds=args.step_seconds))
    if not 0 <= args.port <= 65535:
        raise InputError(_("--port must be from 0 to 65535, got {port}.").format(port=args.port))
    from jupyter_codelab.simulator.standalone import run_standalone

    try:
        run_standalone(args.port, args.address, args.access_key, args.secret_key, args.project_id, args.step_seconds)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    return EXIT_OK
