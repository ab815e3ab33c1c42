"""The jupyter_server extension: configuration, start-up and routes of the CodeLab API."""

from __future__ import annotations

import asyncio
import os
import secrets

from jupyter_server.extension.application import ExtensionApp
from jupyter_server.utils import url_path_join
from traitlets import Bool, Float, Unicode, default

from ..modelarts.credentials import ConfigError, resolve_settings
from ..modelarts.transport_async import AsyncModelArtsClient
from .context import CodeLabContext
from .embedded import start_embedded_simulator
from .handlers import ROUTES
from .watcher import PollTiming, WatcherRegistry

API_PREFIX = "codelab/api"
ENV_API_URL = "CODELAB_API_URL"
ENV_API_TOKEN = "CODELAB_API_TOKEN"


class CodeLab(ExtensionApp):
    """Open a ModelArts CodeLab instance from Jupyter (``c.CodeLab.*``)."""

    name = "jupyter_codelab"
    load_other_extensions = True

    region = Unicode("", config=True, help="Huawei Cloud region, e.g. cn-north-4 (else HUAWEICLOUD_SDK_REGION).")
    project_id = Unicode("", config=True, help="32-hex project id of the region (else HUAWEICLOUD_SDK_PROJECT_ID).")
    endpoint = Unicode("", config=True, help="ModelArts endpoint; defaults to https://modelarts.{region}.myhuaweicloud.com.")
    iam_endpoint = Unicode("", config=True, help="IAM endpoint for password sign-in; defaults from the region.")
    access_key = Unicode("", config=True, help="AK (else HUAWEICLOUD_SDK_AK or ~/.huaweicloud/credentials).")
    secret_key = Unicode("", config=True, help="SK. Never logged or sent to a browser.")
    security_token = Unicode("", config=True, help="Security token of temporary AK/SK credentials.")
    iam_user = Unicode("", config=True, help="IAM user name, for token sign-in with a password instead of AK/SK.")
    iam_password = Unicode("", config=True, help="IAM password (used only to obtain a 24 h token).")
    iam_domain = Unicode("", config=True, help="IAM account (domain) name; defaults to the user name.")
    simulate = Bool(False, config=True, help="Use the built-in simulator even when credentials are configured.")
    simulator_step_seconds = Float(2.0, config=True, help="How long each of the simulator's four steps takes.")
    connect_timeout = Float(5.0, config=True, help="Seconds to connect to ModelArts.")
    request_timeout = Float(30.0, config=True, help="Seconds for a whole ModelArts request.")
    ca_bundle = Unicode(
        "", config=True,
        help="PEM file of the CA certificates to trust for ModelArts and IAM instead of the system's "
        "(a company's TLS-inspecting proxy, a private CA); else CODELAB_CA_BUNDLE.",
    )  # fmt: skip
    poll_fast_seconds = Float(1.0, config=True, help="Poll interval while an instance starts.")
    poll_slow_seconds = Float(10.0, config=True, help="Poll interval while an instance runs.")
    watcher_linger_seconds = Float(5.0, config=True, help="Keep polling this long after the last watcher leaves.")
    keepalive_seconds = Float(10.0, config=True, help="Seconds between SSE keepalive comments (at most 15).")
    kernel_token = Unicode(config=True, help="Token kernels use to reach this API (random per start).")

    @default("kernel_token")
    def _default_kernel_token(self):
        return secrets.token_urlsafe(32)

    def _configured(self) -> dict:
        return {
            "access_key": self.access_key or None,
            "secret_key": self.secret_key or None,
            "security_token": self.security_token or None,
            "project_id": self.project_id or None,
            "region": self.region or None,
            "endpoint": self.endpoint or None,
            "iam_endpoint": self.iam_endpoint or None,
            "user_name": self.iam_user or None,
            "password": self.iam_password or None,
            "domain_name": self.iam_domain or None,
        }

    def initialize_settings(self):
        self.simulator = None
        try:
            settings = None if self.simulate else resolve_settings(self._configured())
        except ConfigError as error:
            self.log.error("CodeLab: %s Falling back to the simulator.", error)
            settings = None
        simulated = settings is None
        if simulated:
            self.simulator, settings = start_embedded_simulator(self.simulator_step_seconds)
        self.client = AsyncModelArtsClient(
            settings, connect_timeout=self.connect_timeout, request_timeout=self.request_timeout, ca_bundle=self.ca_bundle or None
        )
        timing = PollTiming(fast=self.poll_fast_seconds, slow=self.poll_slow_seconds, linger=self.watcher_linger_seconds)
        self.context = CodeLabContext(
            client=self.client,
            settings=settings,
            registry=WatcherRegistry(self.client, simulated, timing),
            simulated=simulated,
            kernel_token=self.kernel_token,
            keepalive_seconds=min(self.keepalive_seconds, 15.0),
            simulator_endpoint=self.simulator.endpoint if self.simulator else None,
        )
        self.settings["codelab"] = self.context
        self._publish_kernel_env()
        if simulated:
            self.log.info(
                "CodeLab: no Huawei Cloud credentials configured, so CodeLab is SIMULATED (built-in simulator at %s). "
                "Set HUAWEICLOUD_SDK_AK/SK/PROJECT_ID to use ModelArts.",
                settings.endpoint,
            )
        else:
            self.log.info(
                "CodeLab: using ModelArts at %s (project %s, %s credentials from %s).",
                settings.endpoint, settings.project_id, settings.auth_method, settings.source,
            )  # fmt: skip

    def initialize_handlers(self):
        for pattern, handler in ROUTES:
            self.handlers.append((url_path_join("/", API_PREFIX, pattern), handler))

    def _publish_kernel_env(self):
        """Kernels and terminals this server starts inherit the API URL and the scoped token."""
        server = self.serverapp
        ip = server.ip if server.ip and server.ip not in ("0.0.0.0", "::", "*") else "127.0.0.1"
        host = f"[{ip}]" if ":" in ip else ip
        scheme = "https" if server.certfile else "http"
        url = f"{scheme}://{host}:{server.port}" + url_path_join(server.base_url, API_PREFIX, "/")
        if not hasattr(self, "_saved_env"):
            self._saved_env = {name: os.environ.get(name) for name in (ENV_API_URL, ENV_API_TOKEN)}
        os.environ[ENV_API_URL] = url
        os.environ[ENV_API_TOKEN] = self.kernel_token

    async def _start_jupyter_server_extension(self, serverapp):
        self._publish_kernel_env()  # the port is final only now

    async def stop_extension(self):
        await self.context.registry.stop_all()
        self.client.close()
        if self.simulator is not None:
            try:  # wait for its kept-alive connections to close, so no closing task outlives the loop
                await asyncio.wait_for(self.simulator.close(), 2.0)
            except asyncio.TimeoutError:
                self.simulator.stop()
        for name, value in getattr(self, "_saved_env", {}).items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
