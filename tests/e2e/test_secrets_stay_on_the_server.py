"""Nothing secret reaches the browser: not the SK, not the kernels' token, in no response the page
received, in no storage, cookie or DOM. In real mode (credentials configured where the server
starts), and after connecting an account from the sidebar, where the SK is typed into the page:
then it leaves in the one POST credentials and is found nowhere afterwards, nor in the settings,
workspaces and log the server keeps."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.support.simulator_thread import cloud_env

from .cloud import StandaloneCloud
from .conftest import CLOUD_ACCESS_KEY, CLOUD_SECRET_KEY, CODELAB_SETTINGS
from .lab_page import UI_TIMEOUT_MS, LabPage
from .lab_server import LabServer

SECRET_KEY = "BrowserMustNeverSeeThisSecretKey0123456789"
ACCESS_KEY = "E2EREALMODEAK0000001"
PROJECT = "abcdefabcdefabcdefabcdefabcdef12"


@pytest.fixture(scope="module")
def real_lab(tmp_path_factory):
    root = tmp_path_factory.mktemp("real-lab")
    cloud = StandaloneCloud(root, ACCESS_KEY, SECRET_KEY, PROJECT).start()
    env = {"HUAWEICLOUD_SDK_AK": ACCESS_KEY, "HUAWEICLOUD_SDK_SK": SECRET_KEY, "HUAWEICLOUD_SDK_PROJECT_ID": PROJECT,
           "HUAWEICLOUD_SDK_REGION": "cn-north-4", **cloud_env(cloud.endpoint)}  # fmt: skip
    server = LabServer(root, extra_settings=CODELAB_SETTINGS, env=env).start()
    yield server
    server.stop()
    cloud.stop()


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
    seen = _seen_by(page, bodies)
    context.close()
    assert bodies and "running" in seen.lower()  # the page did reach a running instance
    assert SECRET_KEY not in seen
    assert kernel_token and kernel_token not in seen


WRONG_SECRET_KEY = "AWrongSecretKeyTypedIntoTheSidebar0123456"
CREDENTIALS_POST = re.compile(r"/codelab/api/credentials(\?|$)")


def test_a_secret_key_typed_into_the_sidebar_leaves_once_and_is_found_nowhere(cloud_page, cloud):
    lab, server = cloud_page, cloud_page.server
    page = lab.page
    bodies: list[str] = []
    sent: list[tuple[str, str, str]] = []  # (method, url, body) of every request the page made

    def keep(response):
        if "/codelab/api/" in response.url and "/events" not in response.url:
            try:
                bodies.append(response.text())
            except Exception:  # a body the browser already dropped
                pass

    page.on("response", keep)
    page.on("request", lambda request: sent.append((request.method, request.url, request.post_data or "")))
    lab.load().show_sidebar()
    lab.by_testid("codelab-connect").click()
    lab.by_testid("codelab-account-access_key").fill(CLOUD_ACCESS_KEY)
    secret = lab.by_testid("codelab-account-secret_key")
    secret.fill(WRONG_SECRET_KEY)
    lab.by_testid("codelab-account-submit").click()
    expect(lab.by_testid("codelab-account-secret_key-problem")).to_be_visible(timeout=UI_TIMEOUT_MS)
    secret.fill(CLOUD_SECRET_KEY)
    lab.by_testid("codelab-account-submit").click()
    expect(lab.by_testid("codelab-account-status")).to_be_visible(timeout=UI_TIMEOUT_MS)
    lab.click_open()
    lab.wait_running()
    seen = _seen_by(page, bodies)  # the page that was typed into
    lab.reload().show_sidebar()  # and the page as a later visit finds it (restored workspace, settings)
    expect(lab.by_testid("codelab-account-status")).to_be_visible()
    lab.wait_running()
    seen += _seen_by(page, bodies) + "\n" + repr(page.context.cookies())  # HttpOnly ones too
    assert "running" in seen.lower() and len(bodies) > 5
    for key in (CLOUD_SECRET_KEY, WRONG_SECRET_KEY):
        assert key not in seen
        # Each key left the page once: in the body of its POST credentials, nowhere else (no URL, no settings, no workspace).
        carriers = [(method, url) for method, url, body in sent if key in url or key in body]
        assert len(carriers) == 1 and carriers[0][0] == "POST" and CREDENTIALS_POST.search(carriers[0][1]), carriers
        # Nor in anything the lab server keeps: its log, settings, workspaces, runtime files.
        assert _files_holding(server.root, key) == []


def _seen_by(page, bodies: list[str]) -> str:
    """Everything the page holds or received: storage, cookies, the DOM and every input's value, response bodies."""
    return "\n".join(
        [
            page.evaluate("() => JSON.stringify(Object.entries(localStorage))"),
            page.evaluate("() => JSON.stringify(Object.entries(sessionStorage))"),
            page.evaluate("() => document.cookie"),
            page.evaluate("() => JSON.stringify([...document.querySelectorAll('input, textarea, select')].map(e => e.value))"),
            page.content(),
            *bodies,
        ]
    )


def _files_holding(root: Path, text: str) -> list[str]:
    found = []
    for folder, _dirs, files in os.walk(root):  # symlinks (the linked labextension) are not followed
        for name in files:
            path = Path(folder) / name
            if path.is_file() and text.encode() in path.read_bytes():
                found.append(str(path.relative_to(root)))
    return found


def _kernel_token(server: LabServer) -> str:
    """The token the server gives its kernels, read from a kernel's environment."""
    answer = server.api("POST", "api/kernels", json={"name": "python3"})
    kernel_id = answer.json()["id"]
    try:
        import json
        import uuid

        from websocket import create_connection  # websocket-client, a jupyter_server dependency

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
