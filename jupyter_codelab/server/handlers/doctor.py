"""``GET doctor``: the connection checks, run here, where the credentials are; the answer never holds a secret.

One IAM call and one ``images?limit=1`` on a client of their own (a fresh connection: its
latency and TLS handshake are what a first call meets), then ``HEAD`` of the OBS bucket
sending would use, in a thread (the OBS SDK blocks).
"""

from __future__ import annotations

import asyncio
import os

from ...i18n import _
from ...modelarts import tls
from ...modelarts.doctor.checks import after_probing, before_probing
from ...modelarts.doctor.judge import keys_refused
from ...modelarts.doctor.probes import REQUEST_TIMEOUT_S, run_async
from ...modelarts.doctor.report import Check, Report
from ...modelarts.doctor.setup import Situation
from ...modelarts.errors import ModelArtsError
from ...obs.bucket_check import doctor_check, not_checked
from .base import CodeLabHandler, codelab_api


class DoctorHandler(CodeLabHandler):
    needs_account = False  # a configuration IAM cannot complete is what the report is about

    @codelab_api
    async def get(self):
        account = self.settings["codelab_account"]
        try:
            await account.ready(self.codelab)
        except ModelArtsError:
            pass  # config_error says why; the report shows it
        report = await server_report(self.codelab, account)
        self.write_json(report.to_json())


async def server_report(context, account) -> Report:
    settings = context.settings
    unknown = context.locating is not None  # IAM has not given the region or project id: nothing to probe with
    situation = Situation(
        None if unknown else settings, context.simulated, None if unknown else context.config_error,
        credentials_problem=context.config_error if unknown else None,
        ca_bundle=tls.ca_bundle_from_env(account.options.ca_bundle),
        env=os.environ, honours_proxies=False,  # the server's kept-alive connections go straight to the host
    )  # fmt: skip
    checks = before_probing(situation)
    if unknown:
        return Report(tuple(checks), False, "server")
    client = account.new_client(settings)
    client.request_timeout = min(client.request_timeout, REQUEST_TIMEOUT_S)
    try:
        probed = await run_async(client)
    finally:
        client.close()
    checks += after_probing(situation, probed)
    checks.append(await _obs_check(context, keys_refused(probed)))
    return Report(tuple(checks), context.simulated, "server")


async def _obs_check(context, refused: bool) -> Check:
    sender = context.sender
    if sender is None:
        return not_checked(_("Not checked: sending notebooks is not set up on this server."))
    send, settings = sender.settings, context.settings
    return await asyncio.to_thread(doctor_check, send.endpoint, settings.credentials, send.bucket, settings.project_id,
                                   send.region, refused)  # fmt: skip
