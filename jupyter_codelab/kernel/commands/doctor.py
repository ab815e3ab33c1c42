"""``%codelab doctor``: what to run when the first call fails."""

from __future__ import annotations

from jupyter_codelab.client.doctor import diagnose
from jupyter_codelab.client.errors import CodeLabError
from jupyter_codelab.kernel.commands.common import backend, show
from jupyter_codelab.modelarts.doctor.report import Report


def run_doctor(args):
    try:
        chosen = backend()
    except CodeLabError:  # no server and no usable credentials: the report says what is missing
        chosen = None
    data, where = diagnose(chosen)
    if args.json:
        return data
    show(Report.from_json(data).text(where))
    return None
