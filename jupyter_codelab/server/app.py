"""The jupyter_server extension: configuration, start-up and routes of the CodeLab API."""

from __future__ import annotations

import asyncio
import os
import secrets

from jupyter_server.extension.application import ExtensionApp
from jupyter_server.utils import url_path_join
from traitlets import Bool, Dict, Float, Int, TraitError, Unicode, default, validate

from ..api_env import ENV_API_TOKEN, ENV_API_URL, ENV_CONTENTS_ROOT
from ..i18n import _, install_schema_translations
from ..modelarts import credentials_file
from ..modelarts.repository_url import REPOSITORY_HOSTS
from ..ready.limits import SEND_FILES_LIMIT_MB, SEND_FILES_MAX_COUNT
from ..ready.repositories import hosts_from_config
from .account import Account, AccountOptions, incomplete
from .context import CodeLabContext
from .handlers import ROUTES
from .repository_open import RepositorySource
from .send_setup import make_sender
from .watcher import WatcherRegistry, watcher_policy

API_PREFIX = "codelab/api"


class CodeLab(ExtensionApp):
    """Open a ModelArts CodeLab instance from Jupyter (``c.CodeLab.*``)."""

    name = "jupyter_codelab"
    load_other_extensions = True

    region = Unicode(
        "", config=True,
        help="Huawei Cloud region, e.g. cn-north-4 (else HUAWEICLOUD_SDK_REGION; both are CodeLab's own, the SDK has none). "
        "Without it, IAM names the region of the project id.",
    )  # fmt: skip
    project_id = Unicode(
        "", config=True, help="32-hex project id of the region (else HUAWEICLOUD_SDK_PROJECT_ID); without it, IAM gives the region's."
    )  # fmt: skip
    endpoint = Unicode(
        "", config=True,
        help="ModelArts endpoint (else CODELAB_ENDPOINT); defaults to https://modelarts.{region}.myhuaweicloud.com. Never used for IAM.",
    )  # fmt: skip
    iam_endpoint = Unicode(
        "", config=True,
        help="IAM endpoint (else CODELAB_IAM_ENDPOINT, the credentials file's iam_endpoint, HUAWEICLOUD_SDK_IAM_ENDPOINT); "
        "defaults to the region's in the Huawei SDK's table, else https://iam.myhuaweicloud.com.",
    )  # fmt: skip
    access_key = Unicode("", config=True, help="AK (else HUAWEICLOUD_SDK_AK or ~/.huaweicloud/credentials).")
    secret_key = Unicode("", config=True, help="SK. Never logged or sent to a browser.")
    security_token = Unicode("", config=True, help="Security token of temporary AK/SK credentials.")
    iam_user = Unicode("", config=True, help="IAM user name, for token sign-in with a password instead of AK/SK.")
    iam_password = Unicode("", config=True, help="IAM password (used only to obtain a 24 h token).")
    iam_domain = Unicode("", config=True, help="IAM account (domain) name; defaults to the user name.")
    simulate = Bool(False, config=True, help="Use the built-in simulator even when credentials are configured.")
    allow_user_credentials = Bool(
        True, config=True,
        help="Let users connect their own Huawei Cloud account while the server runs (POST codelab/api/credentials, "
        "the sidebar, %codelab login). False: those answer 403.",
    )  # fmt: skip
    simulator_step_seconds = Float(2.0, config=True, help="How long each of the simulator's four steps takes.")
    connect_timeout = Float(5.0, config=True, help="Seconds to connect to ModelArts.")
    request_timeout = Float(30.0, config=True, help="Seconds for a whole ModelArts request.")
    ca_bundle = Unicode(
        "", config=True,
        help="PEM file of the CA certificates to trust for ModelArts and IAM instead of the system's "
        "(a company's TLS-inspecting proxy, a private CA); else CODELAB_CA_BUNDLE.",
    )  # fmt: skip
    poll_fast_seconds = Float(1.0, config=True, help="Poll interval while an instance starts.")
    poll_slow_seconds = Float(
        10.0, config=True, help="Poll interval while an instance runs, and while it is stopped, failed or frozen."
    )
    watcher_linger_seconds = Float(5.0, config=True, help="Keep polling this long after the last watcher leaves.")
    keepalive_seconds = Float(10.0, config=True, help="Seconds between SSE keepalive comments (at most 15).")
    kernel_token = Unicode(config=True, help="Token kernels use to reach this API (random per start).")
    obs_bucket = Unicode(
        "",
        config=True,
        help="OBS bucket for sent notebooks (else CODELAB_OBS_BUCKET; else codelab-<project>-<region>, created with consent).",
    )
    obs_endpoint = Unicode("", config=True, help="OBS endpoint; defaults to https://obs.{region}.myhuaweicloud.com.")
    share_link_minutes = Float(60.0, config=True, help="How long the signed link of a sent notebook works (minutes).")
    send_size_limit_mb = Float(
        100.0, config=True, help="Largest notebook file that can be sent (MB); a larger one is refused before it is read."
    )

    send_files_limit_mb = Float(
        SEND_FILES_LIMIT_MB, config=True, help="Most the files sent with one notebook may weigh together (MB)."
    )
    send_files_max_count = Int(
        SEND_FILES_MAX_COUNT, config=True, help="Most files sent with one notebook (a folder counts every file in it)."
    )
    repository_hosts = Dict(
        config=True,
        help="The hosts a notebook's repository is fetched from, replacing GitHub, GitLab and Gitee: "
        '{name: {"kind": "github"|"gitlab"|"gitee", "web": URL, "raw": URL, "archive": URL}} (raw and archive default to web).',
    )
    repository_private_addresses = Bool(
        False, config=True,
        help="Let the server fetch a repository's notebook from private or loopback addresses (an internal GitLab, tests). "
        "Off: such a host is refused.",
    )  # fmt: skip

    @validate("repository_hosts")
    def _valid_hosts(self, proposal):
        try:
            hosts_from_config(proposal["value"])
        except ValueError as error:
            raise TraitError(str(error)) from None
        return proposal["value"]

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
            "obs_endpoint": self.obs_endpoint or None,
        }

    def initialize_settings(self):
        install_schema_translations()  # the settings editor shows our schema's titles in the chosen language
        self.account = Account(
            AccountOptions(
                configured=self._configured(),
                simulate=self.simulate,
                step_seconds=self.simulator_step_seconds,
                connect_timeout=self.connect_timeout,
                request_timeout=self.request_timeout,
                ca_bundle=self.ca_bundle or None,
            )
        )
        configured, config_error = self.account.configured()
        if config_error:
            self.log.error("CodeLab: %s", config_error)
        settings, simulated = self.account.first_settings(configured)
        client = self.account.new_client(settings)
        policy = watcher_policy(self.poll_fast_seconds, self.poll_slow_seconds)
        self.context = CodeLabContext(
            client=client,
            settings=settings,
            registry=WatcherRegistry(client, simulated, policy, self.watcher_linger_seconds),
            simulated=simulated,
            kernel_token=self.kernel_token,
            keepalive_seconds=min(self.keepalive_seconds, 15.0),
            simulator_endpoint=self.simulator.endpoint if self.simulator else None,
            config_error=config_error,
            can_change_credentials=self.allow_user_credentials,
            remembered=credentials_file.remembered(),
            locating=incomplete(configured),
        )
        self.context.sender = make_sender(self, settings, simulated)
        self.account.on_switch = self._rebuild_sender
        self.settings["codelab"] = self.context
        self.settings["codelab_account"] = self.account
        hosts = hosts_from_config(self.repository_hosts) or dict(REPOSITORY_HOSTS)
        self.settings["codelab_repositories"] = RepositorySource(hosts, self.repository_private_addresses)
        self._publish_kernel_env()
        if simulated:
            self.log.info(
                "CodeLab: no Huawei Cloud credentials configured, so CodeLab is SIMULATED (built-in simulator at %s). "
                "Connect an account from the sidebar, %%codelab login or `jupyter codelab login`, "
                "or set HUAWEICLOUD_SDK_AK/SK/PROJECT_ID.",
                settings.endpoint,
            )
        elif self.context.locating is not None:
            self.log.info("CodeLab: %s credentials from %s; asking IAM at %s for the %s.", settings.auth_method,
                          settings.source, settings.iam_endpoint, "project id" if settings.region else "region")  # fmt: skip
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
        if server is None:
            raise RuntimeError(_("The CodeLab extension runs inside a Jupyter server: load it as a server extension."))
        ip = server.ip if server.ip and server.ip not in ("0.0.0.0", "::", "*") else "127.0.0.1"
        host = f"[{ip}]" if ":" in ip else ip
        scheme = "https" if server.certfile else "http"
        url = f"{scheme}://{host}:{server.port}" + url_path_join(server.base_url, API_PREFIX, "/")
        if not hasattr(self, "_saved_env"):
            self._saved_env = {name: os.environ.get(name) for name in (ENV_API_URL, ENV_API_TOKEN, ENV_CONTENTS_ROOT)}
        os.environ[ENV_API_URL] = url
        os.environ[ENV_API_TOKEN] = self.kernel_token
        root = getattr(server.contents_manager, "root_dir", None)  # file-based contents managers only
        if isinstance(root, str) and root:
            os.environ[ENV_CONTENTS_ROOT] = root

    async def _start_jupyter_server_extension(self, serverapp):
        self._publish_kernel_env()  # the port is final only now
        if self.context.locating is not None:  # ask IAM now, not at the first request (which waits for it either way)
            self._locating = asyncio.ensure_future(self.account.ready(self.context))
            self._locating.add_done_callback(lambda task: task.cancelled() or task.exception())  # failures are logged there

    def _rebuild_sender(self, settings, simulated: bool) -> None:
        """Sending follows the account: another OBS endpoint, other credentials."""
        old = self.context.sender
        self.context.sender = make_sender(self, settings, simulated, old.jobs if old is not None else None)
        if old is not None:
            old.close()

    @property
    def simulator(self):
        return self.account.simulator  # the embedded one, started when first needed

    @property
    def client(self):
        return self.context.client  # changes when someone connects an account

    async def stop_extension(self):
        if getattr(self, "_locating", None) is not None:
            self._locating.cancel()
        await self.context.registry.stop_all()
        if self.context.sender is not None:
            self.context.sender.close()
        self.context.client.close()
        await self.account.close()
        for name, value in getattr(self, "_saved_env", {}).items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
