"""Connecting a Huawei Cloud account from the sidebar, live, under a JupyterHub-like base_url:
from simulated to connected (the standalone "cloud" simulator behind CODELAB_ENDPOINT) and back,
with mistakes shown on their field; remembering and forgetting the keys; a broken configuration
shown as a warning rather than a silent "Simulated"."""

from __future__ import annotations

import re
import stat

import pytest
from playwright.sync_api import expect

from jupyter_codelab.simulator import DEMO_PROJECT_ID

from .conftest import CLOUD_ACCESS_KEY, CLOUD_SECRET_KEY, CODELAB_SETTINGS
from .lab_page import UI_TIMEOUT_MS, LabPage
from .lab_server import LabServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WRONG_SECRET_KEY = "ThisIsNotTheSecretKey0123456789abcdefghij"


def config(server) -> dict:
    return server.api("GET", "codelab/api/config").json()


def current_url(server) -> str:
    return server.api("GET", "codelab/api/notebooks/current").json()["url"]


def open_form(lab):
    """Open the form from the keyboard, as someone tabbing through the header would."""
    lab.by_testid("codelab-connect").focus()
    lab.page.keyboard.press("Enter")
    expect(lab.by_testid("codelab-account-form")).to_be_visible()
    expect(lab.by_testid("codelab-account-access_key")).to_be_focused()


def test_connect_a_wrong_key_then_the_right_one_and_sign_out(cloud_page, cloud):
    lab, server = cloud_page, cloud_page.server
    assert server.base_url == "/user/alice/"
    lab.load().show_sidebar()
    # An instance in simulated mode: it must leave the view while connected and come back after.
    lab.click_open()
    lab.wait_running()
    simulated_url = current_url(server)
    simulated_name = server.api("GET", "codelab/api/notebooks/current").json()["name"]
    expect(lab.by_testid("codelab-simulated")).to_be_visible()
    expect(lab.by_testid("codelab-account-status")).to_be_hidden()
    expect(lab.by_testid("codelab-connect")).to_have_text("Connect your account")
    expect(lab.by_testid("codelab-account-form")).to_be_hidden()

    open_form(lab)
    # Before connecting: what becomes of the simulated instance.
    expect(lab.by_testid("codelab-account-simulated-note")).to_have_text(
        f"Your simulated instance {simulated_name} stays in the simulator while you are connected: out of view, "
        "not stopped. Signing out shows it again."
    )
    secret = lab.by_testid("codelab-account-secret_key")
    expect(secret).to_have_attribute("type", "password")
    expect(secret).to_have_attribute("autocomplete", "off")
    expect(lab.by_testid("codelab-account-region")).to_have_value(config(server)["region"])
    expect(lab.by_testid("codelab-account-keys-link")).to_have_attribute(
        "href", "https://console.huaweicloud.com/iam/#/mine/accessKey"
    )

    # A wrong secret key: refused by the cloud, shown on the SK field, the mode unchanged.
    lab.by_testid("codelab-account-access_key").fill(CLOUD_ACCESS_KEY)
    secret.fill(WRONG_SECRET_KEY)
    secret.press("Enter")
    problem = lab.by_testid("codelab-account-secret_key-problem")
    expect(problem).to_be_visible(timeout=UI_TIMEOUT_MS)
    expect(problem).to_contain_text("secret key")
    expect(problem).to_contain_text("APIGW.0301")
    expect(secret).to_have_attribute("aria-invalid", "true")
    expect(secret).to_have_value("")  # emptied after the submit, whatever the answer, and said
    expect(lab.by_testid("codelab-account-sk-cleared")).to_have_text("For safety the SK was cleared: enter it again.")
    expect(secret).to_be_focused()
    expect(lab.by_testid("codelab-account-problem")).to_be_hidden()
    assert config(server)["mode"] == "simulated"
    expect(lab.by_testid("codelab-simulated")).to_be_visible()
    expect(lab.by_testid("codelab-open-tab")).to_have_attribute("href", simulated_url)

    # The right key, no project id: found from the region; the sidebar reloads in the new mode.
    secret.fill(CLOUD_SECRET_KEY)
    expect(problem).to_be_hidden()  # fixing the field clears its mistake
    expect(lab.by_testid("codelab-account-sk-cleared")).to_be_hidden()
    lab.by_testid("codelab-account-submit").click()
    expect(lab.by_testid("codelab-account-form")).to_be_hidden(timeout=UI_TIMEOUT_MS)
    expect(lab.by_testid("codelab-simulated")).to_be_hidden()
    status = lab.by_testid("codelab-account-status")
    expect(status).to_contain_text("cn-north-4")
    expect(status).to_contain_text(DEMO_PROJECT_ID)
    expect(lab.by_testid("codelab-account-source")).to_contain_text("Connected here")
    expect(lab.by_testid("codelab-sign-out")).to_be_visible()
    expect(lab.by_testid("codelab-sign-out-forget")).to_be_hidden()
    expect(lab.by_testid("codelab-connect")).to_be_hidden()
    connected = config(server)
    assert connected["mode"] == "modelarts" and connected["source"] == "session"
    assert connected["project_id"] == DEMO_PROJECT_ID
    calls = cloud.calls()
    assert calls["projects"] == 2  # no project id given: looked up for the region at each attempt
    assert calls["images"] >= 2  # the server's one check, then the sidebar's image list
    expect(lab.by_testid("codelab-open-tab")).to_be_hidden()  # the simulated instance is not the cloud's
    expect(lab.by_testid("codelab-notice")).to_have_text(
        "Connected: CodeLab now uses your Huawei Cloud account. "
        f"Your simulated instance {simulated_name} stays in the simulator, out of view; sign out to see it again."
    )
    assert secret.input_value() == ""

    # Open now runs in the cloud.
    lab.click_open()
    lab.wait_running()
    assert cloud.calls()["open"] == 1
    cloud_url = current_url(server)
    assert cloud_url != simulated_url
    expect(lab.by_testid("codelab-open-tab")).to_have_attribute("href", cloud_url)

    # Sign out: simulated again, and the simulated instance is back in view.
    lab.by_testid("codelab-sign-out").click()
    expect(lab.by_testid("codelab-simulated")).to_be_visible(timeout=UI_TIMEOUT_MS)
    expect(lab.by_testid("codelab-connect")).to_be_visible()
    expect(lab.by_testid("codelab-account-status")).to_be_hidden()
    expect(lab.by_testid("codelab-sign-out")).to_be_hidden()
    assert config(server)["mode"] == "simulated"
    expect(lab.by_testid("codelab-open-tab")).to_have_attribute("href", simulated_url, timeout=UI_TIMEOUT_MS)
    expect(lab.by_testid("codelab-notice")).to_have_text(
        f"Signed out: back to the simulator, where your simulated instance {simulated_name} is as you left it."
    )


def test_an_unreachable_cloud_is_said_on_the_form_with_the_host_and_why(cloud_page, cloud):
    """Offline: the sentence names the host that failed and why, on the form (not on a field), and
    says that the SK was cleared."""
    lab, server = cloud_page, cloud_page.server
    lab.load().show_sidebar()
    open_form(lab)
    lab.by_testid("codelab-account-access_key").fill(CLOUD_ACCESS_KEY)
    lab.by_testid("codelab-account-secret_key").fill(CLOUD_SECRET_KEY)
    cloud.stop()
    try:
        lab.by_testid("codelab-account-submit").click()
        problem = lab.by_testid("codelab-account-problem")
        host = cloud.endpoint.removeprefix("http://")
        expect(problem).to_contain_text(
            f"Could not reach IAM at {host}: nothing answers there (connection refused)", timeout=30_000
        )
        for field in ("access_key", "secret_key", "region", "project_id"):
            expect(lab.by_testid(f"codelab-account-{field}-problem")).to_be_hidden()
        expect(lab.by_testid("codelab-account-sk-cleared")).to_be_visible()
        expect(lab.by_testid("codelab-account-secret_key")).to_be_focused()
        assert config(server)["mode"] == "simulated"
    finally:
        cloud.start()


def test_remember_on_this_machine_then_sign_out_and_forget(cloud_page):
    lab, server = cloud_page, cloud_page.server
    credentials = server.root / "home" / ".huaweicloud" / "credentials"
    lab.load().show_sidebar()
    open_form(lab)
    lab.by_testid("codelab-account-access_key").fill(CLOUD_ACCESS_KEY)
    lab.by_testid("codelab-account-secret_key").fill(CLOUD_SECRET_KEY)
    lab.by_testid("codelab-account-remember").check()
    # A malformed project id: the server's sentence on that field, nothing written.
    project = lab.by_testid("codelab-account-project_id")
    project.fill("not-a-project")
    lab.by_testid("codelab-account-submit").click()
    problem = lab.by_testid("codelab-account-project_id-problem")
    expect(problem).to_contain_text(re.compile("project", re.I), timeout=UI_TIMEOUT_MS)
    expect(project).to_have_attribute("aria-invalid", "true")
    expect(lab.by_testid("codelab-account-secret_key")).to_have_value("")
    assert not credentials.exists()

    project.fill(DEMO_PROJECT_ID)
    lab.by_testid("codelab-account-secret_key").fill(CLOUD_SECRET_KEY)
    lab.by_testid("codelab-account-submit").click()
    expect(lab.by_testid("codelab-account-status")).to_contain_text(DEMO_PROJECT_ID, timeout=UI_TIMEOUT_MS)
    assert stat.S_IMODE(credentials.stat().st_mode) == 0o600
    assert CLOUD_ACCESS_KEY in credentials.read_text()
    assert config(server)["remembered"] is True
    expect(lab.by_testid("codelab-sign-out")).to_be_visible()
    expect(lab.by_testid("codelab-sign-out-forget")).to_be_visible()

    lab.by_testid("codelab-sign-out-forget").click()
    expect(lab.by_testid("codelab-simulated")).to_be_visible(timeout=UI_TIMEOUT_MS)
    after = config(server)
    assert after["mode"] == "simulated" and after["remembered"] is False
    left = credentials.read_text() if credentials.exists() else ""  # a file left empty is removed
    assert CLOUD_SECRET_KEY not in left and CLOUD_ACCESS_KEY not in left
    expect(lab.by_testid("codelab-sign-out-forget")).to_be_hidden()


def test_a_broken_configuration_is_a_warning_with_the_fix(cloud_page):
    lab, server = cloud_page, cloud_page.server
    credentials = server.root / "home" / ".huaweicloud" / "credentials"
    credentials.parent.mkdir(parents=True, exist_ok=True)
    credentials.write_text(f"[basic]\nak = {CLOUD_ACCESS_KEY}\n")  # half a pair
    server.api("DELETE", "codelab/api/credentials")  # signing out re-reads the configuration
    broken = config(server)["config_error"]
    assert broken and broken.endswith("(or connect an account).")
    lab.load().show_sidebar()
    warning = lab.by_testid("codelab-config-error")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text(broken)
    expect(warning).to_contain_text("broken")
    expect(lab.by_testid("codelab-simulated")).to_be_visible()
    # Still one step from a working account: connecting clears the warning.
    open_form(lab)
    lab.by_testid("codelab-account-access_key").fill(CLOUD_ACCESS_KEY)
    lab.by_testid("codelab-account-secret_key").fill(CLOUD_SECRET_KEY)
    lab.by_testid("codelab-account-submit").click()
    expect(lab.by_testid("codelab-account-status")).to_be_visible(timeout=UI_TIMEOUT_MS)
    expect(warning).to_be_hidden()
    assert config(server)["config_error"] is None


def test_when_the_admin_locks_the_account_the_sidebar_offers_no_controls(chromium, tmp_path):
    server = LabServer(tmp_path, extra_settings=CODELAB_SETTINGS, args=["--CodeLab.allow_user_credentials=False"]).start()
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    try:
        assert config(server)["can_change_credentials"] is False
        lab = LabPage(context.new_page(), server).load().show_sidebar()
        expect(lab.by_testid("codelab-account-locked")).to_have_text(re.compile("administrator .* manages"))
        expect(lab.by_testid("codelab-simulated")).to_be_visible()
        for control in ("codelab-connect", "codelab-sign-out", "codelab-sign-out-forget", "codelab-account-form"):
            expect(lab.by_testid(control)).to_be_hidden()
    finally:
        context.close()
        server.stop()
