"""A standalone simulator process as ModelArts and a jupyter server process in front of it.

Separate processes, so the jupyter server can be killed and restarted mid-open while the
upstream instance lives on, as it would on ModelArts.
"""

import subprocess
import sys
import time

import pytest
import requests

from tests.support.jupyter_process import JupyterProcess, free_port
from tests.support.simulator_thread import cloud_env

DEMO = {"HUAWEICLOUD_SDK_AK": "CODELABSIMULATORAK00", "HUAWEICLOUD_SDK_SK": "codelab-simulator-demo-secret",
        "HUAWEICLOUD_SDK_PROJECT_ID": "0123456789abcdef0123456789abcdef", "HUAWEICLOUD_SDK_REGION": "cn-north-4"}  # public demo values  # fmt: skip
STEP_SECONDS = 0.4


class Upstream:
    def __init__(self, root):
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.log = (root / "simulator.log").open("wb")
        command = [
            sys.executable,
            "-m",
            "jupyter_codelab.simulator",
            "--port",
            str(self.port),
            "--step-seconds",
            str(STEP_SECONDS),
        ]
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                requests.get(self.endpoint + "/_simulator/state", timeout=2)
                return
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError("the simulator did not start")

    def control(self, method, path, body=None):
        response = requests.request(method, f"{self.endpoint}/_simulator/{path}", json=body, timeout=10)
        response.raise_for_status()
        return response.json()

    def state(self):
        return self.control("GET", "state")

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


@pytest.fixture(scope="module")
def upstream(tmp_path_factory):
    simulator = Upstream(tmp_path_factory.mktemp("upstream"))
    yield simulator
    simulator.stop()


@pytest.fixture(autouse=True)
def _fresh(upstream):
    upstream.control("POST", "reset")


@pytest.fixture(scope="module")
def jupyter(tmp_path_factory, upstream):
    env = {**DEMO, **cloud_env(upstream.endpoint)}
    args = ["--CodeLab.poll_fast_seconds=0.2", "--CodeLab.poll_slow_seconds=0.5", "--CodeLab.keepalive_seconds=1"]
    server = JupyterProcess(tmp_path_factory.mktemp("jupyter"), base_url="/user/faults/", args=args, env=env).start()
    yield server
    server.stop()
