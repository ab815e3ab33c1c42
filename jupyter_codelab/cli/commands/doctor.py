"""``jupyter codelab doctor``: what to run when the first call fails; exit 0 only when all is well."""

from __future__ import annotations

from jupyter_codelab.cli.connection import backend_for
from jupyter_codelab.cli.output import EXIT_FAILED, EXIT_OK, Output, description
from jupyter_codelab.client.doctor import diagnose
from jupyter_codelab.client.errors import CodeLabError
from jupyter_codelab.i18n import N_, _
from jupyter_codelab.modelarts.doctor.report import Report

HELP = N_("check the connection: credentials, region, project, IAM, ModelArts, the clock, TLS, proxies and the OBS bucket")
MORE = N_(
    "Through the Jupyter server when one is reachable (it holds the credentials), else from here. One line per check, "
    "each with its fix; --json for a support ticket. Exit code 0 only when all is well."
)


def add_parser(subparsers, parent):
    parser = subparsers.add_parser("doctor", parents=[parent], help=_(HELP), description=description(HELP, _(MORE)))
    parser.set_defaults(run=run)


def run(args, out: Output) -> int:
    try:
        backend = backend_for(args)
    except CodeLabError:  # no server and no usable credentials: the report says what is missing, and how to fix it
        backend = None
    data, where = diagnose(backend)
    report = Report.from_json(data)
    out.result(report.text(where), data)
    return EXIT_OK if report.ok else EXIT_FAILED
