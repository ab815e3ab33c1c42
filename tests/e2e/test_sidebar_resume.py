"""The panel finds the current instance after a reload or in a second tab and
resumes watching it (never opening again); it notices a stop made elsewhere
and offers Start."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from jupyter_codelab.modelarts.states import STATES

from .lab_page import START_TIMEOUT_MS, LabPage
from .tcp_dropper import TcpDropper

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_reload_mid_progress_resumes_watching(lab):
    lab.server.sim("POST", "config", {"step_seconds": 8})  # 32 s in all: a reload fits well inside
    lab.load().show_sidebar()
    lab.click_open()
    expect(lab.step(2)).to_have_attribute("data-status", "PROCESSING", timeout=START_TIMEOUT_MS)

    lab.reload().show_sidebar()
    # Straight back into the progress list where it was, not a blank form.
    expect(lab.by_testid("codelab-progress")).to_be_visible()
    expect(lab.step(1)).to_have_attribute("data-status", "COMPLETED")
    expect(lab.by_testid("codelab-open")).to_be_disabled()
    lab.wait_running()
    assert len(lab.open_requests) == 1, lab.open_requests
    assert lab.server.sim("GET", "state")["calls"]["open"] == 1


def test_second_tab_follows_and_sees_a_stop_from_elsewhere(lab, chromium):
    lab.load().show_sidebar()
    lab.click_open()
    lab.wait_running()

    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    try:
        other = LabPage(context.new_page(), lab.server).load().show_sidebar()
        other.wait_running()
        other.stop()
        expect(other.by_testid("codelab-sentence")).to_have_text(STATES["STOPPED"].sentence, timeout=START_TIMEOUT_MS)
    finally:
        context.close()

    expect(lab.by_testid("codelab-stop-reason")).to_have_text(
        "The instance was stopped from elsewhere.", timeout=START_TIMEOUT_MS
    )
    expect(lab.by_testid("codelab-start")).to_be_enabled()
    assert lab.open_requests == [lab.open_requests[0]]


def test_lease_end_is_announced_with_start(lab):
    lab.load().show_sidebar()
    lab.click_open()
    lab.wait_running()
    notebook_id = lab.server.api("GET", "codelab/api/notebooks/current").json()["id"]
    lab.server.sim("POST", f"notebooks/{notebook_id}/expire", {"in_seconds": 2})
    expect(lab.by_testid("codelab-stop-reason")).to_have_text(
        "The instance stopped: its time ran out (automatic stop).", timeout=START_TIMEOUT_MS
    )
    expect(lab.by_testid("codelab-start")).to_be_visible()


def test_dropped_stream_says_reconnecting_then_resumes(lab):
    lab.server.sim("POST", "config", {"step_seconds": 3})
    dropper = TcpDropper(lab.server.port)  # the page talks to the server through it
    try:
        lab.load(base_url=f"http://127.0.0.1:{dropper.port}/").show_sidebar()
        lab.click_open()
        expect(lab.step(1)).to_have_attribute("data-status", "PROCESSING", timeout=START_TIMEOUT_MS)

        dropper.refusing.set()
        dropper.drop_all()  # the network drops under the open event stream
        expect(lab.by_testid("codelab-reconnecting")).to_be_visible(timeout=START_TIMEOUT_MS)
        expect(lab.panel).not_to_contain_text(re.compile("fail", re.IGNORECASE))
        expect(lab.by_testid("codelab-error")).to_have_count(0)
        dropper.refusing.clear()  # the network is back

        lab.wait_running()
        expect(lab.by_testid("codelab-reconnecting")).to_have_count(0)
    finally:
        dropper.close()
    assert len(lab.open_requests) == 1
    assert lab.server.sim("GET", "state")["calls"]["open"] == 1
