"""A real JupyterHub on loopback for the tests: configurable-http-proxy in front,
the dummy authenticator, and single-user servers started as local processes.

Every user's server runs with its own temp HOME and without Huawei Cloud
credentials, so its CodeLab extension is in simulated mode with its own
embedded simulator.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from tests.support.simulator_thread import cloud_env

# Simulator and watcher timing inside each single-user server: four steps of
# STEP_SECONDS each, watched often enough that every step is its own event.
STEP_SECONDS = 1.0
CODELAB_CONFIG = {"simulator_step_seconds": STEP_SECONDS, "poll_fast_seconds": 0.2, "keepalive_seconds": 5.0}
# Variables a single-user server must not inherit from the test run.
SCRUBBED_PREFIXES = ("HUAWEICLOUD_", "CODELAB_", "JUPYTERHUB_", "JUPYTER_", "CONFIGPROXY_")
SCRUBBED_NAMES = ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def scrubbed_env(home: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(SCRUBBED_PREFIXES) and k not in SCRUBBED_NAMES}
    env["HOME"] = str(home)
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    return env


def write_config(workdir: Path, chp: str, ports: dict, admin_token: str, cloud_endpoint: str | None = None) -> Path:
    bin_dir = Path(sys.executable).parent  # the venv's bin: jupyterhub-singleuser lives next to python
    singleuser_config = workdir / "singleuser-config"
    singleuser_config.mkdir()
    (singleuser_config / "jupyter_server_config.json").write_text(json.dumps({"CodeLab": CODELAB_CONFIG}))
    settings = {
        "bind_url": f"http://127.0.0.1:{ports['public']}/",
        "hub_bind_url": f"http://127.0.0.1:{ports['hub']}",
        "proxy_api": f"http://127.0.0.1:{ports['proxy_api']}",
        "chp": [chp],
        "proxy_pid_file": str(workdir / "proxy.pid"),
        "db_url": f"sqlite:///{workdir / 'jupyterhub.sqlite'}",
        "cookie_secret_file": str(workdir / "jupyterhub_cookie_secret"),
        "singleuser": [str(bin_dir / "jupyterhub-singleuser")],
        "home_template": str(workdir / "home" / "{username}"),
        # CODELAB_(IAM_)ENDPOINT: where an account a user connects is sent (a standalone simulator), not Huawei Cloud.
        "environment": {
            "JUPYTER_CONFIG_PATH": str(singleuser_config),
            "NO_PROXY": "127.0.0.1,localhost",
            **(cloud_env(cloud_endpoint) if cloud_endpoint else {}),
        },
        "admin_token": admin_token,
    }
    config = workdir / "jupyterhub_config.py"
    config.write_text(
        f"s = {settings!r}\n"
        + """
c.JupyterHub.bind_url = s["bind_url"]
c.JupyterHub.hub_bind_url = s["hub_bind_url"]
c.JupyterHub.db_url = s["db_url"]
c.JupyterHub.cookie_secret_file = s["cookie_secret_file"]
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.ConfigurableHTTPProxy.command = s["chp"]
c.ConfigurableHTTPProxy.api_url = s["proxy_api"]
c.ConfigurableHTTPProxy.pid_file = s["proxy_pid_file"]
c.Spawner.cmd = s["singleuser"]
c.Spawner.args = ["--allow-root"]
c.Spawner.env_keep = ["PATH", "VIRTUAL_ENV", "LANG", "LC_ALL"]  # no HUAWEICLOUD_* nor anything else
c.Spawner.environment = s["environment"]
c.Spawner.start_timeout = 90  # generous: two cores, other test runs alongside
c.Spawner.http_timeout = 90
c.SimpleLocalProcessSpawner.home_dir_template = s["home_template"]
c.JupyterHub.services = [{"name": "test-admin", "api_token": s["admin_token"]}]
c.JupyterHub.load_roles = [
    {"name": "test-admin", "scopes": ["admin:users", "admin:servers", "tokens"], "services": ["test-admin"]},
]
"""
    )
    return config


class RunningHub:
    """``jupyterhub -f config.py`` in its own process group, driven through its REST API."""

    def __init__(self, workdir: Path, chp: str, cloud_endpoint: str | None = None):
        self.workdir = workdir
        self.ports = {"public": free_port(), "hub": free_port(), "proxy_api": free_port()}
        self.url = f"http://127.0.0.1:{self.ports['public']}"
        admin_token = secrets.token_hex(32)
        self.config = write_config(workdir, chp, self.ports, admin_token, cloud_endpoint)
        self.admin = requests.Session()
        self.admin.trust_env = False  # loopback only: never through an HTTP proxy from the environment
        self.admin.headers["Authorization"] = f"token {admin_token}"
        self.log_path = workdir / "jupyterhub.log"
        self.server_pids: dict[str, int] = {}
        self.process: subprocess.Popen | None = None

    # -- lifecycle ---------------------------------------------------------
    def start(self, timeout: float = 45.0) -> RunningHub:
        (self.workdir / "home").mkdir(exist_ok=True)
        jupyterhub = Path(sys.executable).parent / "jupyterhub"
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [str(jupyterhub), "-f", str(self.config), "--debug"],
                cwd=self.workdir, env=scrubbed_env(self.workdir / "home"),
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        # Answered through the proxy: both the proxy and the hub are up, and the hub's route is set.
        self._until(lambda: self._get_ok(f"{self.url}/hub/api/"), timeout, "the hub API to answer through the proxy")
        return self

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            # On SIGTERM the hub stops every single-user server (all at once) and the proxy it started.
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(5)
        # The proxy and the servers run in sessions of their own: make sure none outlives the hub.
        pids = list(self.server_pids.values())
        proxy_pid = self.workdir / "proxy.pid"
        if proxy_pid.exists():
            pids.append(int(proxy_pid.read_text().strip() or 0))
        for pid in pids:
            _end_if_ours(pid)
        self.process = None

    # -- REST API of the hub -----------------------------------------------
    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        kwargs.setdefault("timeout", 15)
        return self.admin.request(method, f"{self.url}/hub/api/{path}", **kwargs)

    def user(self, name: str) -> dict:
        answer = self.api("GET", f"users/{name}")
        answer.raise_for_status()
        return answer.json()

    def add_users_with_servers(self, names: list[str], timeout: float = 90.0) -> dict[str, str]:
        """Create the users, start their servers (side by side), wait until ready; return a token of each."""
        for name in names:
            created = self.api("POST", f"users/{name}")
            assert created.status_code in (201, 409), created.text
            started = self.api("POST", f"users/{name}/server")
            assert started.status_code in (201, 202), started.text
        for name in names:
            self._until(lambda name=name: self._server(name).get("ready"), timeout, f"{name}'s server to be ready")
            self.server_pids[name] = self._server(name)["state"].get("pid")
        return {name: self._new_token(name) for name in names}

    def _server(self, name: str) -> dict:
        return self.user(name)["servers"].get("", {})

    def _new_token(self, name: str) -> str:
        token = self.api("POST", f"users/{name}/tokens", json={"note": "codelab hub test", "expires_in": 3600})
        assert token.status_code in (200, 201), token.text
        return token.json()["token"]

    # -- helpers -------------------------------------------------------------
    def _get_ok(self, url: str) -> bool:
        try:
            return self.admin.get(url, timeout=2).status_code == 200
        except requests.RequestException:
            return False

    def _until(self, condition, timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise AssertionError(f"jupyterhub exited ({self.process.returncode}) waiting for {what}:\n{self.log_tail()}")
            if condition():
                return
            time.sleep(0.2)
        raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}:\n{self.log_tail()}")

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no hub log)"


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"  # a zombie has exited already


def _end_if_ours(pid: int | None) -> None:
    """SIGTERM, then SIGKILL, a leftover proxy or single-user server (checked by its command line)."""
    if not pid:
        return
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return  # already gone
    if not _alive(pid):
        return
    if b"configurable-http-proxy" not in cmdline and b"jupyterhub-singleuser" not in cmdline:
        return  # the pid was reused by something else
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            if not _alive(pid):
                return
            time.sleep(0.1)
