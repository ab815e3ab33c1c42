"""The parts of JupyterLab's shell CodeLab adds to: the status bar countdown
(a click shows the panel), the command palette commands, and the
notification before the automatic stop with its Extend action."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from jupyter_codelab.modelarts.states import STATES

from .lab_page import PANEL, START_TIMEOUT_MS, TAB, UI_TIMEOUT_MS

pytestmark = pytest.mark.browser

STATUS = '[data-testid="codelab-status"]'


def test_status_bar_countdown_opens_the_panel(lab):
    lab.load().show_sidebar()
    lab.click_open()
    lab.wait_running()
    status = lab.page.locator(STATUS)
    expect(status).to_have_text(re.compile(r"^CodeLab: 00:5\d:\d\d$"))

    lab.page.locator(TAB).click()  # collapse the sidebar
    expect(lab.page.locator(PANEL)).to_be_hidden()
    status.click()
    expect(lab.page.locator(PANEL)).to_be_visible()


def test_palette_commands_open_and_stop(lab):
    lab.load()
    lab.run_command("Show the CodeLab Panel")
    expect(lab.panel).to_be_visible(timeout=UI_TIMEOUT_MS)
    lab.page.locator(TAB).click()
    expect(lab.panel).to_be_hidden()

    lab.run_command("Open a CodeLab Instance")
    expect(lab.panel).to_be_visible(timeout=UI_TIMEOUT_MS)
    lab.wait_running()
    assert len(lab.open_requests) == 1

    lab.run_command("Stop the CodeLab Instance")
    assert "Stop your CodeLab instance" in lab.confirm()  # the palette asks like the sidebar does
    expect(lab.by_testid("codelab-sentence")).to_have_text(STATES["STOPPED"].sentence, timeout=START_TIMEOUT_MS)


def test_warning_before_auto_stop_extends(lab):
    lab.load().show_sidebar()
    lab.click_open()
    lab.wait_running()
    notebook_id = lab.server.api("GET", "codelab/api/notebooks/current").json()["id"]
    # Ten minutes of warning in these tests' settings: make the lease end in five.
    lab.server.sim("POST", f"notebooks/{notebook_id}/expire", {"in_seconds": 300})
    expect(lab.by_testid("codelab-countdown")).to_have_text(re.compile(r"^00:0[45]:\d\d$"), timeout=START_TIMEOUT_MS)

    toast = lab.page.locator(".Toastify__toast", has_text="stops automatically")
    expect(toast).to_be_visible(timeout=UI_TIMEOUT_MS)
    # Extend moves the auto-stop 2 h later (these tests' setting): about 0:05 + 2 h.
    toast.get_by_role("button", name=re.compile(r"^Keep until \d\d:\d\d$")).click()
    expect(lab.by_testid("codelab-countdown")).to_have_text(re.compile(r"^02:0[45]:\d\d$"), timeout=UI_TIMEOUT_MS)
    expect(toast).to_be_hidden(timeout=UI_TIMEOUT_MS)
