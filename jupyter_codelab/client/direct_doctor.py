"""The doctor's checks run from this process (the CLI, a kernel without a server), with its own credentials.

Calls honour the proxy variables, as the direct backend's do; ``HEAD`` of the OBS bucket goes to the
region's OBS (a simulator at ``CODELAB_ENDPOINT`` has none).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from jupyter_codelab.i18n import _
from jupyter_codelab.modelarts import tls
from jupyter_codelab.modelarts.credentials import ClientSettings
from jupyter_codelab.modelarts.doctor.checks import after_probing, before_probing
from jupyter_codelab.modelarts.doctor.judge import keys_refused
from jupyter_codelab.modelarts.doctor.probes import REQUEST_TIMEOUT_S, run_sync
from jupyter_codelab.modelarts.doctor.report import Check, Report
from jupyter_codelab.modelarts.doctor.setup import Situation


def report_for(settings: ClientSettings | None, simulated: bool, problem: str | None = None,
               env: Mapping[str, str] | None = None) -> Report:  # fmt: skip
    """Run the checks from this process with ``settings`` (None: ``problem`` says why there are none)."""
    env = os.environ if env is None else env
    situation = Situation(settings, simulated, credentials_problem=problem, ca_bundle=tls.ca_bundle_from_env(), env=env)
    checks = before_probing(situation)
    if settings is None:
        return Report(tuple(checks), False, "direct")
    from jupyter_codelab.modelarts.transport_sync import SyncModelArtsClient

    client = SyncModelArtsClient(settings, read_timeout=REQUEST_TIMEOUT_S)
    try:
        probed = run_sync(client)
    finally:
        client.close()
    checks += after_probing(situation, probed)
    checks.append(_obs_check(settings, simulated, env, keys_refused(probed)))
    return Report(tuple(checks), simulated, "direct")


def _obs_check(settings: ClientSettings, simulated: bool, env: Mapping[str, str], refused: bool) -> Check:
    from jupyter_codelab.modelarts.endpoints import service_url
    from jupyter_codelab.obs.bucket_check import doctor_check, not_checked
    from jupyter_codelab.obs.naming import ENV_OBS_BUCKET

    if simulated:
        return not_checked(_("Not checked: a simulator at CODELAB_ENDPOINT has no OBS; sending goes through a Jupyter server."))
    bucket = (env.get(ENV_OBS_BUCKET) or "").strip() or None
    region = settings.region
    return doctor_check(service_url("obs", region), settings.credentials, bucket, settings.project_id, region, refused)
