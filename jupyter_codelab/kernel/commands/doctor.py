"""``%codelab doctor``: what to run when the first call fails."""

from __future__ import annotations

from IPython.core.magic_arguments import argument, magic_arguments

from jupyter_codelab.client.doctor import diagnose
from jupyter_codelab.client.errors import CodeLabError
from jupyter_codelab.i18n import _
from jupyter_codelab.kernel.commands.common import backend, parse, show, subcommand
from jupyter_codelab.modelarts.doctor.report import Report


@magic_arguments()
@subcommand("doctor")
@argument("--json", action="store_true", help=_("return the report as a dict (for a support ticket) instead of showing it"))
def doctor_command(line: str):
    """Check the connection: credentials, region, project, IAM, ModelArts, the clock, TLS, proxies and the OBS bucket,
    one line each with its fix. Through the Jupyter server when this kernel has one, else from the kernel."""
    args = parse(doctor_command, line)
    try:
        chosen = backend()
    except CodeLabError:  # no server and no usable credentials: the report says what is missing
        chosen = None
    data, where = diagnose(chosen)
    if args.json:
        return data
    show(Report.from_json(data).text(where))
    return None
