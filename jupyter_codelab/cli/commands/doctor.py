"""``jupyter codelab doctor``: what to run when the first call fails; exit 0 only when all is well."""

from __future__ import annotations

from jupyter_codelab.cli.connection import backend_for
from jupyter_codelab.cli.output import EXIT_FAILED, EXIT_OK, Output
from jupyter_codelab.client.doctor import diagnose
from jupyter_codelab.client.errors import CodeLabError
from jupyter_codelab.modelarts.doctor.report import Report


def run_doctor(args, out: Output) -> int:
    try:
        backend = backend_for(args)
    except CodeLabError:  # no server and no usable credentials: the report says what is missing, and how to fix it
        backend = None
    data, where = diagnose(backend)
    report = Report.from_json(data)
    out.result(report.text(where), data)
    return EXIT_OK if report.ok else EXIT_FAILED
