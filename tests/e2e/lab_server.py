"""A real `jupyter lab` (or `jupyter notebook`, Notebook 7) in simulated mode, started as a
subprocess for the browser tests.

Everything per-user (HOME, config, data, runtime, the notebook root) lives in
a temp dir; no Huawei credentials reach it, so the server extension runs its
embedded simulator. The labextension is the one installed in the venv, or
the freshly built one in the source tree when there is one (linked into the
temp data dir, which JupyterLab searches first).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[2]
TREE_BUILD = REPO / "jupyter_codelab" / "labextension"
INSTALLED_BUILD = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "jupyter-codelab"
START_DEADLINE_SECONDS = 90

# Lab settings that keep the screen free of prompts unrelated to CodeLab.
USER_SETTINGS = {
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LabServer:
    """Start, reach and stop one `jupyter lab` process."""

    def __init__(
        self,
        root: Path,
        token: str = "codelab-e2e-token",
        extra_settings: dict | None = None,
        server_extension: bool = True,
        env: dict | None = None,
        base_url: str = "/",
        args: list[str] | None = None,
        app: str = "jupyterlab",
        python: str = sys.executable,
        link_tree_build: bool = True,
    ):
        self.root = root
        self.app = app  # the module run with -m: "jupyterlab", or "notebook" for Notebook 7
        self.python = python  # another venv's python: the wheel test's fresh install
        self.link_tree_build = link_tree_build  # False: only what is installed in that python's prefix
        self.extra_env = dict(env or {})  # e.g. Huawei credentials, for a real-mode lab
        self.server_extension = server_extension
        self.token = token
        self.port = free_port()
        self.base_url = base_url  # e.g. JupyterHub's /user/<name>/
        self.args = list(args or [])  # more command-line options, e.g. --CodeLab.allow_user_credentials=False
        self.url = f"http://127.0.0.1:{self.port}{base_url}"
        self.log_path = root / "jupyter-lab.log"
        self.process: subprocess.Popen | None = None
        self.settings = {**USER_SETTINGS, **(extra_settings or {})}

    # -- life cycle --------------------------------------------------------------------------
    def start(self) -> LabServer:
        env = self._environment()
        command = [
            self.python, "-m", self.app,
            "--allow-root",
            "--ServerApp.open_browser=False",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            f"--ServerApp.base_url={self.base_url}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root / 'notebooks'}",
            "--CodeLab.simulator_step_seconds=1",
            "--CodeLab.poll_fast_seconds=0.25",
            "--CodeLab.poll_slow_seconds=0.5",
            *self.args,
        ]  # fmt: skip
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=self.root)
        self._wait_until_ready()
        return self

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    # -- API helpers -------------------------------------------------------------------------
    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = {"Authorization": f"token {self.token}"}
        return requests.request(method, self.url + path, headers=headers, timeout=10, **kwargs)

    @property
    def simulator(self) -> str:
        return self.api("GET", "codelab/api/config").json()["simulator_endpoint"]

    def sim(self, method: str, path: str, body: dict | None = None) -> dict:
        response = requests.request(method, f"{self.simulator}/_simulator/{path}", json=body, timeout=10)
        response.raise_for_status()
        return response.json()

    def lab_url(self, base_url: str | None = None) -> str:
        return f"{base_url or self.url}lab?reset&token={self.token}"

    def page_url(self, path: str) -> str:
        """A page of the server by path, e.g. Notebook 7's ``tree`` or ``notebooks/x.ipynb``."""
        return f"{self.url}{path}?token={self.token}"

    # -- private -----------------------------------------------------------------------------
    def _environment(self) -> dict:
        home, config, data, runtime = (self.root / name for name in ("home", "config", "data", "runtime"))
        for folder in (home, config, data, runtime, self.root / "notebooks"):
            folder.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("HUAWEICLOUD_", "CODELAB_", "JUPYTER"))}
        env.update(HOME=str(home), JUPYTER_CONFIG_DIR=str(config), JUPYTER_DATA_DIR=str(data), JUPYTER_RUNTIME_DIR=str(runtime))
        env["PYTHONUNBUFFERED"] = "1"
        env.update(self.extra_env)
        # In a venv jupyter_core searches the env before the user dirs; the
        # tree's fresh build linked into the (user) data dir must win.
        env["JUPYTER_PREFER_ENV_PATH"] = "0"
        # The server extension, enabled (or disabled, for that test) here: this
        # wins over the package's etc/jupyter config, installed or not.
        (config / "jupyter_server_config.json").write_text(
            json.dumps({"ServerApp": {"jpserver_extensions": {"jupyter_codelab": self.server_extension}}})
        )
        for plugin, values in self.settings.items():
            package, name = plugin.rsplit("/", 1)
            target = config / "lab" / "user-settings" / package / f"{name}.jupyterlab-settings"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(values))
        if not self.link_tree_build:
            pass
        elif (TREE_BUILD / "package.json").exists():
            link = data / "labextensions" / "jupyter-codelab"
            link.parent.mkdir(parents=True, exist_ok=True)
            if not link.exists():
                link.symlink_to(TREE_BUILD, target_is_directory=True)
        elif not (INSTALLED_BUILD / "package.json").exists():
            raise RuntimeError(
                "The jupyter-codelab labextension is not built: run `pip install -e .` "
                "(or `npm run build:prod` in labextension/) first."
            )
        return env

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_DEADLINE_SECONDS
        last_error = "no answer yet"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyter lab exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                if not self.server_extension:
                    response = self.api("GET", "api/status")
                    if response.status_code == 200:
                        return
                else:
                    response = self.api("GET", "codelab/api/config")
                    expected = "modelarts" if "HUAWEICLOUD_SDK_AK" in self.extra_env else "simulated"
                    if response.status_code == 200 and response.json().get("mode") == expected:
                        return
                last_error = f"HTTP {response.status_code}: {response.text[:200]}"
            except requests.RequestException as error:
                last_error = str(error)
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"jupyter lab was not ready in time ({last_error}):\n{self.log_tail()}")
