"""``doctor`` for the kernel and the CLI: the Jupyter server's checks when one is reachable, else the same checks from here.

Checked from here, the keys are this process's (``HUAWEICLOUD_SDK_*``, the credentials file,
``CODELAB_ENDPOINT``). With no credentials at all the report says so (and how to set them)
instead of failing.
"""

from __future__ import annotations

from collections.abc import Mapping

from jupyter_codelab.client.backend import Backend
from jupyter_codelab.client.direct_backend import is_simulated_endpoint, settings_from_env
from jupyter_codelab.client.direct_doctor import report_for
from jupyter_codelab.client.errors import CodeLabError, ConnectionLost
from jupyter_codelab.i18n import _
from jupyter_codelab.modelarts.doctor.report import Check, Report


def direct_report(env: Mapping[str, str] | None = None) -> Report:
    """The checks from here with the credentials this process finds (or what stops it from finding them)."""
    try:
        settings = settings_from_env(env)  # IAM may be asked for the region or the project id here
    except CodeLabError as exc:  # NoCredentials too: its sentence says how to set them
        return report_for(None, False, str(exc), env)
    return report_for(settings, is_simulated_endpoint(settings.endpoint), env=env)


def diagnose(backend: Backend | None) -> tuple[dict, str]:
    """(the report's JSON, who checked): the backend's checks, else (no backend, or its server is gone) from here."""
    if backend is None:
        return direct_report().to_json(), _("this process")
    try:
        data = backend.doctor()
    except ConnectionLost as lost:
        gone = Check(
            "server",
            False,
            _("Jupyter server"),
            lost.message,
            _("Start the Jupyter server again; meanwhile the checks ran from here."),
        )
        return direct_report().with_checks(gone).to_json(), _("this process")
    return data, backend.where_text() if data.get("checked_by") == "server" else _("this process")
