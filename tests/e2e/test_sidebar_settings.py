"""The settings schema is editable (REST and Settings Editor) and the sidebar
follows it: here the "taking longer than usual" threshold."""

from __future__ import annotations

import json

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


def test_settings_editor_shows_the_codelab_settings(lab):
    lab.load()
    lab.run_command("Settings Editor")
    entry = lab.page.locator(".jp-PluginList-entry", has_text="CodeLab").first
    expect(entry).to_be_visible(timeout=UI_TIMEOUT_MS)
    entry.click()
    form = lab.page.locator(".jp-SettingsPanel, .jp-SettingsEditor").first
    for title in ("Default image", "Warning before auto-stop (minutes)", "Extend duration (hours)"):
        expect(form).to_contain_text(title, timeout=UI_TIMEOUT_MS)
