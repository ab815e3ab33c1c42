"""Which account this server uses, and changing it while it runs (``POST``/``DELETE credentials``).

At start: the configured credentials (config -> env -> file), or the embedded
simulator; a broken configuration becomes ``config_error`` (and a log line),
never a silent "Simulated". A region or project id the configuration leaves out is
found through IAM on the loop (``ready``), before the first call that needs it.
Later a person may connect their own account:
the keys are checked upstream, then the server switches at once (new client,
watchers stopped cleanly). Signing out goes back to what a restart would give.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from tornado.ioloop import IOLoop

from ..i18n import _
from ..modelarts import credentials_file
from ..modelarts.connect_advice import Refusal, explain
from ..modelarts.credential_input import CredentialInput
from ..modelarts.credentials import DEFAULT_REGION, AkSkCredentials, ClientSettings, ConfigError, Configured, find_configuration
from ..modelarts.errors import ModelArtsError
from ..modelarts.iam_projects import settings_for
from ..modelarts.provenance import Provenance
from ..modelarts.transport_async import AsyncModelArtsClient

log = logging.getLogger("jupyter_codelab.server")
CLOSE_OLD_CLIENT_AFTER_S = 60.0  # requests still running on the old client may finish first
ASK_IAM_AGAIN_AFTER_S = 10.0  # after IAM failed to complete the configuration, its answer stands this long


def start_embedded_simulator(step_seconds: float, address: str = "127.0.0.1"):
    """The simulator a new user gets when no Huawei credentials are configured, and the settings that reach it.

    It runs on a loopback port of this event loop and is reached over real HTTP with freshly generated keys,
    so the simulated path signs and parses exactly like the real one.
    """
    from ..simulator import Simulator, SimulatorConfig

    simulator = Simulator(SimulatorConfig(step_seconds=step_seconds))
    access_key = "SIM" + secrets.token_hex(8).upper()
    secret_key = secrets.token_urlsafe(30)
    project_id = secrets.token_hex(16)
    simulator.add_user(access_key=access_key, secret_key=secret_key, project_id=project_id, user_name="you", domain="you")
    simulator.listen(port=0, address=address)
    endpoint = simulator.endpoint
    assert endpoint is not None  # listen() set it
    settings = ClientSettings(
        endpoint=endpoint,
        project_id=project_id,
        region=DEFAULT_REGION,
        credentials=AkSkCredentials(access_key, secret_key),
        iam_endpoint=endpoint,
        source="simulator",
        provenance=Provenance("simulator", None, ("ak", "sk", "project_id"), "simulator", "simulator"),
    )
    return simulator, settings


class ConnectRefused(Exception):
    def __init__(self, refusal: Refusal):
        super().__init__(refusal.message)
        self.refusal = refusal


@dataclass
class AccountOptions:
    """What the extension's configuration says (``c.CodeLab.*``), minus the running state."""

    configured: dict = field(repr=False)  # access_key, secret_key, ... as find_configuration takes them
    simulate: bool = False
    step_seconds: float = 2.0
    connect_timeout: float = 5.0
    request_timeout: float = 30.0
    ca_bundle: str | None = None  # c.CodeLab.ca_bundle (else CODELAB_CA_BUNDLE, read by the client)


class Account:
    def __init__(self, options: AccountOptions):
        self.options = options
        self.simulator = None
        self.simulator_settings: ClientSettings | None = None
        # What else follows the upstream (the OBS sender): called with (settings, simulated).
        self.on_switch: Callable[[ClientSettings, bool], None] | None = None
        self._lock = asyncio.Lock()
        self._not_located: tuple[Configured, float, ModelArtsError] | None = None  # IAM's last refusal, and when

    # --- start ----------------------------------------------------------------------
    def configured(self) -> tuple[Configured | None, str | None]:
        """What the configuration gives (None: nothing), and its problem in a sentence (or None)."""
        if self.options.simulate:
            return None, None
        try:
            return find_configuration(self.options.configured), None
        except ConfigError as error:
            return None, _("{problem}. Until then CodeLab is simulated (or connect an account).").format(
                problem=str(error).rstrip(".")
            )

    def first_settings(self, configured: Configured | None) -> tuple[ClientSettings, bool]:
        """(the settings to start with, simulated); IAM is asked later (``ready``) for what is missing."""
        if configured is None:
            return self.simulated_settings(), True
        return (configured.settings() if configured.complete else configured.provisional()), False

    async def ready(self, context) -> None:
        """Find the region or the project id the configuration left out (one IAM lookup at a time); ModelArtsError if IAM fails."""
        if context.locating is None:
            return
        async with self._lock:
            configured = context.locating
            if configured is None:
                return  # found meanwhile, or another account was connected
            failed = self._not_located
            if failed is not None and failed[0] is configured and time.monotonic() - failed[1] < ASK_IAM_AGAIN_AFTER_S:
                raise failed[2]  # IAM said no a moment ago: every request does not ask again
            probe = self.new_client(configured.provisional())
            try:
                settings = await probe.locate(configured, fresh=True)  # once per start (or sign-out)
            except ModelArtsError as error:
                self._not_located = (configured, time.monotonic(), error)
                context.config_error = _not_located(configured, error)
                log.error("CodeLab: %s", context.config_error)
                raise
            finally:
                probe.close()
            client = self.new_client(settings)
            client.builder.tokens = probe.builder.tokens  # a token scoped while looking stays good
            await self._switch(context, client, settings, simulated=False)
            context.locating, context.config_error = None, None
            log.info(
                "CodeLab: IAM at %s gave region %s and project %s.", configured.iam_base, settings.region, settings.project_id
            )

    def simulated_settings(self) -> ClientSettings:
        if self.simulator is None:
            self.simulator, self.simulator_settings = start_embedded_simulator(self.options.step_seconds)
        return self.simulator_settings

    def new_client(self, settings: ClientSettings) -> AsyncModelArtsClient:
        options = self.options
        return AsyncModelArtsClient(
            settings,
            connect_timeout=options.connect_timeout,
            request_timeout=options.request_timeout,
            ca_bundle=options.ca_bundle,
        )

    # --- connect ----------------------------------------------------------------------
    async def connect(self, context, given: CredentialInput) -> None:
        """Check ``given`` upstream, remember it if asked, then switch; ConnectRefused or ConfigError otherwise."""
        async with self._lock:
            if given.remember:
                credentials_file.check_writable()  # before any network call: nothing half done
            current_region = None if context.simulated else context.settings.region or None
            pending, from_region = settings_for(given, self.options.configured, os.environ, current_region)
            probe = self.new_client(pending.provisional())
            try:
                settings = await probe.connect(pending)
            except ModelArtsError as error:
                raise ConnectRefused(explain(error, given.is_aksk, from_region)) from None
            finally:
                probe.close()
            if given.remember:
                creds = settings.credentials
                await asyncio.to_thread(
                    credentials_file.remember, creds.access_key, creds.secret_key, settings.project_id, creds.security_token
                )
                context.remembered = True
            client = self.new_client(settings)
            client.builder.tokens = probe.builder.tokens  # an IAM token obtained while checking stays good
            await self._switch(context, client, settings, simulated=False)
            context.config_error, context.locating = None, None
            log.info("CodeLab: connected to ModelArts at %s (project %s, region %s, %s credentials given in this session%s).",
                     settings.endpoint, settings.project_id, settings.region, settings.auth_method,
                     f", remembered in {credentials_file.credentials_path()}" if given.remember else "")  # fmt: skip

    async def sign_out(self, context, forget: bool) -> None:
        """Back to the configured credentials, else the simulator; ``forget`` also empties ``[basic]``."""
        async with self._lock:
            if forget:
                await asyncio.to_thread(credentials_file.forget)
                context.remembered = False
            configured, error = self.configured()
            settings, simulated = self.first_settings(configured)
            await self._switch(context, self.new_client(settings), settings, simulated=simulated)
            context.config_error, context.locating = error, incomplete(configured)
            if simulated:
                log.info("CodeLab: signed out; CodeLab is simulated again (simulator at %s).", settings.endpoint)
            else:
                log.info("CodeLab: signed out; back to the %s credentials (ModelArts at %s).", settings.source, settings.endpoint)
            if error:
                log.error("CodeLab: %s", error)

    async def _switch(self, context, client, settings: ClientSettings, simulated: bool) -> None:
        endpoint = self.simulator.endpoint if (simulated and self.simulator) else None
        old = await context.switch(client, settings, simulated, endpoint)
        if self.on_switch is not None:
            self.on_switch(settings, simulated)
        IOLoop.current().call_later(CLOSE_OLD_CLIENT_AFTER_S, old.close)

    async def close(self) -> None:
        if self.simulator is not None:
            try:  # wait for its kept-alive connections to close, so no closing task outlives the loop
                await asyncio.wait_for(self.simulator.close(), 2.0)
            except asyncio.TimeoutError:
                self.simulator.stop()


def incomplete(configured: Configured | None) -> Configured | None:
    """``configured`` when IAM must still find its region or project id, else None."""
    return configured if configured is not None and not configured.complete else None


def _not_located(configured: Configured, error: ModelArtsError) -> str:
    sentence = (
        _("The project id of the configured credentials could not be found through IAM at {iam}: {reason} Set it, or connect an account.")
        if configured.region
        else _("The region of the configured credentials could not be found through IAM at {iam}: {reason} Set HUAWEICLOUD_SDK_REGION "
               "(or c.CodeLab.region), or connect an account.")
    )  # fmt: skip
    return sentence.format(iam=configured.iam_base, reason=error.sentence)
