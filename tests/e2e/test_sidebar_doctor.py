"""The sidebar's "Check connection" in the account view: the server's checks, one line each with ✓, ✗ and the
fix; simulated all is well, then the simulated gateway's clock 20 minutes ahead."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .lab_page import UI_TIMEOUT_MS

pytestmark = pytest.mark.browser


def test_check_connection_shows_each_check_and_its_fix(lab):
    lab.load().show_sidebar()
    button = lab.by_testid("codelab-doctor")
    expect(button).to_have_text("Check connection")
    expect(lab.by_testid("codelab-doctor-report")).to_be_hidden()

    button.click()
    expect(lab.by_testid("codelab-doctor-summary")).to_have_text("All is well.", timeout=UI_TIMEOUT_MS)
    modelarts = lab.by_testid("codelab-doctor-modelarts")
    expect(modelarts).to_have_attribute("data-ok", "true")
    expect(modelarts).to_contain_text(re.compile(r"✓ModelArts ModelArts at 127\.0\.0\.1:\d+ answered in \d+ ms"))
    expect(lab.by_testid("codelab-doctor-mode")).to_contain_text("Simulated")
    expect(lab.by_testid("codelab-doctor-obs")).to_have_attribute("data-ok", "true")

    lab.server.sim("POST", "faults", {"kind": "clock_skew", "seconds": 1200})
    button.click()
    clock = lab.by_testid("codelab-doctor-clock")
    expect(clock).to_have_attribute("data-ok", "false", timeout=UI_TIMEOUT_MS)
    expect(clock).to_contain_text("20 min")
    expect(clock.locator(".jp-CodeLab-doctorFix")).to_contain_text("Fix: Set this machine's clock right")
    expect(lab.by_testid("codelab-doctor-modelarts")).to_contain_text("APIGW.0303")
    expect(lab.by_testid("codelab-doctor-summary")).to_have_text(re.compile(r"^\d problems found"))
    expect(button).to_be_enabled()
    assert not lab.console_errors
