"""``jupyter codelab simulate``: serve the ModelArts simulator in the foreground."""

from __future__ import annotations

from jupyter_codelab.cli.output import EXIT_OK, Output
from jupyter_codelab.client.inputs import InputError
from jupyter_codelab.i18n import _


def run_simulate(args, out: Output) -> int:
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
