"""A real `jupyter server` (or `jupyter lab`) as a subprocess, with its own HOME and Jupyter dirs.

For the tests that must not share the test's event loop with the server: a blocking
client (schemathesis, requests), a restart of the server mid-operation, a replay of
how Binder starts it.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class JupyterProcess:
    def __init__(self, root: Path, app: str = "jupyter_server", base_url: str = "/", args: list[str] | None = None,
                 env: dict | None = None, python: str = sys.executable, port: int | None = None, token: str = "codelab-test-token"):  # fmt: skip
        self.root, self.app, self.base_url, self.python = Path(root), app, base_url, python
        self.args, self.extra_env = list(args or []), dict(env or {})
        self.token = token
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}{base_url}"
        self.log_path = self.root / f"{app}-{self.port}.log"
        self.process: subprocess.Popen | None = None

    def environment(self) -> dict:
        dirs = {name: self.root / name for name in ("home", "config", "data", "runtime", "notebooks")}
        for folder in dirs.values():
            folder.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("HUAWEICLOUD_", "CODELAB_", "JUPYTER"))}
        env.update(HOME=str(dirs["home"]), JUPYTER_CONFIG_DIR=str(dirs["config"]), JUPYTER_DATA_DIR=str(dirs["data"]),
                   JUPYTER_RUNTIME_DIR=str(dirs["runtime"]), PYTHONUNBUFFERED="1")  # fmt: skip
        (dirs["config"] / "jupyter_server_config.json").write_text(
            json.dumps({"ServerApp": {"jpserver_extensions": {"jupyter_codelab": True}}})
        )
        env.update(self.extra_env)
        return env

    def start(self, deadline: float = 90) -> JupyterProcess:
        command = [self.python, "-m", self.app, "--allow-root", "--ServerApp.open_browser=False",
                   "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
                   f"--ServerApp.base_url={self.base_url}", f"--IdentityProvider.token={self.token}",
                   f"--ServerApp.root_dir={self.root / 'notebooks'}", *self.args]  # fmt: skip
        env = self.environment()
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=self.root, start_new_session=True
        )
        self.wait_ready(deadline)
        return self

    def wait_ready(self, deadline: float) -> None:
        end = time.monotonic() + deadline
        while time.monotonic() < end:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyter exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                if self.api("GET", "codelab/api/config").status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"jupyter did not answer within {deadline} s:\n{self.log_tail()}")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, sig)
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        except ProcessLookupError:
            pass
        self.process = None

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = {"Authorization": f"token {self.token}", **kwargs.pop("headers", {})}
        return requests.request(method, self.url + path, headers=headers, timeout=kwargs.pop("timeout", 30), **kwargs)

    def simulator(self, method: str, path: str, body: dict | None = None) -> dict:
        endpoint = self.api("GET", "codelab/api/config").json()["simulator_endpoint"]
        response = requests.request(method, f"{endpoint}/_simulator/{path}", json=body, timeout=10)
        response.raise_for_status()
        return response.json()

    def log_tail(self, lines: int = 60) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"
