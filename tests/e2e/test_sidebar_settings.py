"""The settings schema is editable (REST and Settings Editor) and the sidebar
follows it: here the "taking longer than usual" threshold."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from .lab_page import START_TIMEOUT_MS, UI_TIMEOUT_MS

pytestmark = pytest.mark.browser

SETTINGS = "lab/api/settings/jupyter-codelab:plugin"


@pytest.fixture
def quick_slow_notice(lab):
    server = lab.server
    before = server.api("GET", SETTINGS).json()["raw"]
    values = {**json.loads(before or "{}"), "slowAfterSeconds": 5}
    server.api("PUT", SETTINGS, json={"raw": json.dumps(values)}).raise_for_status()
    yield
    server.api("PUT", SETTINGS, json={"raw": before}).raise_for_status()


def test_taking_longer_than_usual_after_the_configured_time(lab, quick_slow_notice):
    lab.server.sim("POST", "faults", {"kind": "slow_steps", "step_seconds": 4})
    lab.load().show_sidebar()
    lab.click_open()
    expect(lab.by_testid("codelab-slow")).to_contain_text("taking longer than usual", timeout=START_TIMEOUT_MS)
    lab.wait_running()
    expect(lab.by_testid("codelab-slow")).to_have_count(0)


def test_a_slow_start_shows_the_time_of_each_step_and_offers_stop(lab, quick_slow_notice):
    """As JupyterHub's spawn log: each step with its time, the time in all, and a way out."""
    lab.server.sim("POST", "faults", {"kind": "slow_steps", "step_seconds": 4})
    lab.load().show_sidebar()
    lab.click_open()
    expect(lab.by_testid("codelab-slow")).to_contain_text("taking longer than usual (over 0:05", timeout=START_TIMEOUT_MS)
    expect(lab.by_testid("codelab-elapsed")).to_have_text(re.compile(r"^Elapsed: \d+:\d\d$"))
    assert lab.by_testid("codelab-elapsed").inner_text() >= "Elapsed: 0:05"
    completed = lab.by_testid("codelab-steps").locator('li[data-status="COMPLETED"] [data-testid="codelab-step-time"]')
    expect(completed.first).to_have_text(re.compile(r"^0:0[3-9]$"))  # a 4 s step, as this tab saw it

    # The way out while it starts: Stop asks, then stops it as soon as it runs; "Keep it running" undoes that.
    lab.by_testid("codelab-stop-starting").click()
    assert "ModelArts cannot stop an instance while it starts" in lab.confirm()
    expect(lab.by_testid("codelab-pending-stop")).to_be_visible()
    lab.by_testid("codelab-keep-running").click()
    expect(lab.by_testid("codelab-pending-stop")).to_have_count(0)
    lab.by_testid("codelab-stop-starting").click()
    lab.confirm()
    expect(lab.by_testid("codelab-state")).to_have_text(re.compile("^(Stopping|Stopped)"), timeout=START_TIMEOUT_MS)
    assert lab.server.sim("GET", "state")["calls"].get("stop") == 1


def test_settings_editor_shows_the_codelab_settings(lab):
    lab.load()
    lab.run_command("Settings Editor")
    entry = lab.page.locator(".jp-PluginList-entry", has_text="CodeLab").first
    expect(entry).to_be_visible(timeout=UI_TIMEOUT_MS)
    entry.click()
    form = lab.page.locator(".jp-SettingsPanel, .jp-SettingsEditor").first
    for title in ("Default image", "Warning before auto-stop (minutes)", "Extend duration (hours)"):
        expect(form).to_contain_text(title, timeout=UI_TIMEOUT_MS)
