"""In real mode (credentials configured), nothing secret reaches the browser: not the SK,
not the kernels' token, in no response the page received, in no storage, cookie or DOM."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
import requests

from tests.support.jupyter_process import free_port

from .conftest import CODELAB_SETTINGS
from .lab_page import LabPage
from .lab_server import LabServer

SECRET_KEY = "BrowserMustNeverSeeThisSecretKey0123456789"
ACCESS_KEY = "E2EREALMODEAK0000001"
PROJECT = "abcdefabcdefabcdefabcdefabcdef12"


@pytest.fixture(scope="module")
def real_lab(tmp_path_factory):
    root = tmp_path_factory.mktemp("real-lab")
    port = free_port()
    simulator = subprocess.Popen(
        [sys.executable, "-m", "jupyter_codelab.simulator", "--port", str(port), "--ak", ACCESS_KEY, "--sk", SECRET_KEY,
         "--project-id", PROJECT, "--step-seconds", "0.5"],  # fmt: skip
        stdout=(root / "simulator.log").open("wb"), stderr=subprocess.STDOUT,
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            requests.get(endpoint + "/_simulator/state", timeout=2)
            break
        except requests.RequestException:
            assert time.monotonic() < deadline, "the simulator did not start"
            time.sleep(0.1)
    env = {"HUAWEICLOUD_SDK_AK": ACCESS_KEY, "HUAWEICLOUD_SDK_SK": SECRET_KEY, "HUAWEICLOUD_SDK_PROJECT_ID": PROJECT,
           "CODELAB_ENDPOINT": endpoint}  # fmt: skip
    server = LabServer(root, extra_settings=CODELAB_SETTINGS, env=env).start()
    yield server
    server.stop()
    simulator.terminate()
    simulator.wait(10)


def test_nothing_secret_reaches_the_page(chromium, real_lab):
    assert real_lab.api("GET", "codelab/api/config").json()["mode"] == "modelarts"
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    bodies: list[str] = []

    def keep(response):
        if "/codelab/api/" in response.url and "/events" not in response.url:
            try:
                bodies.append(response.text())
            except Exception:  # a body the browser already dropped
                pass

    page = context.new_page()
    page.on("response", keep)
    lab = LabPage(page, real_lab)
    lab.load().show_sidebar()
    lab.click_open()
    lab.wait_running()
    kernel_token = _kernel_token(real_lab)
    seen = "\n".join(
        [
            page.evaluate("() => JSON.stringify(Object.entries(localStorage))"),
            page.evaluate("() => JSON.stringify(Object.entries(sessionStorage))"),
            page.evaluate("() => document.cookie"),
            page.content(),
            *bodies,
        ]
    )
    context.close()
    assert bodies and "running" in seen.lower()  # the page did reach a running instance
    assert SECRET_KEY not in seen
    assert kernel_token and kernel_token not in seen


def _kernel_token(server: LabServer) -> str:
    """The token the server gives its kernels, read from a kernel's environment."""
    answer = server.api("POST", "api/kernels", json={"name": "python3"})
    kernel_id = answer.json()["id"]
    try:
        from websocket import create_connection  # websocket-client, a jupyter_server dependency
        import json
        import uuid

        ws = create_connection(f"ws://127.0.0.1:{server.port}/api/kernels/{kernel_id}/channels?token={server.token}")
        msg_id = uuid.uuid4().hex
        ws.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "t", "session": uuid.uuid4().hex, "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell",
            "content": {"code": "import os; print(os.environ['CODELAB_API_TOKEN'])", "silent": False, "store_history": False,
                        "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
        }))  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            reply = json.loads(ws.recv())
            if reply.get("parent_header", {}).get("msg_id") == msg_id and reply["msg_type"] == "stream":
                return reply["content"]["text"].strip()
        raise AssertionError("the kernel did not print its CODELAB_API_TOKEN")
    finally:
        server.api("DELETE", f"api/kernels/{kernel_id}")
