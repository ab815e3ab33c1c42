"""Fixtures of the browser tests: one `jupyter lab` (simulated mode) and one
headless Debian Chromium for this package, a fresh browser context per test,
and a simulator reset before each test. Package scope: Playwright's sync API
keeps its event loop running while it is active, which must end before the
other directories' asyncio tests run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.required_tool import tool_missing
from tests.support.simulator_thread import cloud_env

from .cloud import StandaloneCloud
from .lab_page import LabPage
from .lab_server import LabServer

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# The sidebar's settings for the tests: Extend adds 2 h so the countdown jumps visibly.
CODELAB_SETTINGS = {"jupyter-codelab/plugin": {"extendHours": 2, "warnMinutesBeforeStop": 10, "slowAfterSeconds": 60}}


@pytest.fixture(scope="package")
def lab_server(tmp_path_factory):
    server = LabServer(tmp_path_factory.mktemp("lab"), extra_settings=CODELAB_SETTINGS)
    server.start()
    yield server
    server.stop()


# The keys of the standalone "cloud" the sidebar connects to (not the simulator's public demo keys,
# so that finding this SK anywhere means it leaked).
CLOUD_ACCESS_KEY = "E2ECONNECTAK00000001"
CLOUD_SECRET_KEY = "SidebarSecretKeyNeverInThePage0123456789"


@pytest.fixture(scope="package")
def cloud(tmp_path_factory):
    cloud = StandaloneCloud(tmp_path_factory.mktemp("cloud"), CLOUD_ACCESS_KEY, CLOUD_SECRET_KEY).start()
    yield cloud
    cloud.stop()


@pytest.fixture(scope="package")
def cloud_lab(tmp_path_factory, cloud):
    """A simulated lab under JupyterHub's kind of base_url, whose users can connect to `cloud`."""
    env = cloud_env(cloud.endpoint)
    server = LabServer(tmp_path_factory.mktemp("cloud-lab"), extra_settings=CODELAB_SETTINGS, env=env, base_url="/user/alice/")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def cloud_page(chromium, cloud, cloud_lab, request):
    """A page of `cloud_lab`, signed out again (and the cloud reset) afterwards."""
    cloud.reset()
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(15_000)
    page = LabPage(context.new_page(), cloud_lab)
    yield page
    if getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed:
        print("page errors:", page.console_errors)
        print("server log:\n" + cloud_lab.log_tail())
    context.close()
    cloud_lab.api("DELETE", "codelab/api/credentials", params={"forget": "true"})


@pytest.fixture(scope="package")
def chromium():
    if not CHROMIUM.exists():
        tool_missing("browser tests need Debian's chromium at /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def fresh_simulator(lab_server):
    """No instance, no faults, 1 s steps: every test starts from a new user's state."""
    lab_server.sim("POST", "reset")
    lab_server.sim("POST", "config", {"step_seconds": 1})
    return lab_server


@pytest.fixture
def lab(chromium, fresh_simulator, request):
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(15_000)
    page = LabPage(context.new_page(), fresh_simulator)
    yield page
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    if failed:
        print("page errors:", page.console_errors)
        print("server log:\n" + fresh_simulator.log_tail())
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


# pytest-jupyter's autouse fixtures manage an in-process server on the current
# asyncio loop; here the server is a subprocess and Playwright's sync API owns
# the loop, which those fixtures would try to close. They have nothing to do here.
@pytest.fixture
def jp_asyncio_loop():
    yield None


@pytest.fixture
def jp_server_cleanup():
    yield


THEMES_SETTINGS = "lab/api/settings/@jupyterlab/apputils-extension:themes"


def set_theme(server, theme: str | None) -> None:
    """Pick JupyterLab's theme for the next page load (None: back to the default, light)."""
    raw = json.dumps({"theme": theme} if theme else {})
    server.api("PUT", THEMES_SETTINGS, json={"raw": raw}).raise_for_status()


@pytest.fixture(params=["light", "dark"])
def theme(request, lab_server):
    """Run a test in JupyterLab Light and in JupyterLab Dark."""
    set_theme(lab_server, "JupyterLab Dark" if request.param == "dark" else None)
    yield request.param
    set_theme(lab_server, None)
