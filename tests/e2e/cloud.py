"""The "real" Huawei Cloud of the browser tests: the standalone simulator as its own process, on
its own port, signing with the AK/SK given here. A lab server pointed at it with CODELAB_ENDPOINT
(ModelArts and IAM alike) can connect to it from the sidebar."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import requests

from jupyter_codelab.simulator import DEMO_PROJECT_ID

from .lab_server import free_port


class StandaloneCloud:
    def __init__(self, root: Path, access_key: str, secret_key: str, project_id: str = DEMO_PROJECT_ID):
        self.root, self.access_key, self.secret_key, self.project_id = root, access_key, secret_key, project_id
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> StandaloneCloud:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "jupyter_codelab.simulator",
                "--port",
                str(self.port),
                "--ak",
                self.access_key,
                "--sk",
                self.secret_key,
                "--project-id",
                self.project_id,
                "--step-seconds",
                "0.5",
            ],  # fmt: skip
            stdout=(self.root / f"simulator-{self.port}.log").open("wb"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.get(self.endpoint + "/_simulator/state", timeout=2)
                return self
            except requests.RequestException:
                assert self.process.poll() is None and time.monotonic() < deadline, "the simulator did not start"
                time.sleep(0.1)

    def calls(self) -> dict:
        return requests.get(self.endpoint + "/_simulator/state", timeout=10).json()["calls"]

    def reset(self) -> None:
        requests.post(self.endpoint + "/_simulator/reset", timeout=10).raise_for_status()

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None
