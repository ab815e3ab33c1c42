"""The screenshots of docs/screenshots/: the sidebar's first view, starting, running, an open
while it runs (it asks first), stopped, failed, and the running view in the dark theme.
They go to a temp dir (lab_page.SCREENSHOTS); `scripts/screenshots` runs this file and copies
them into docs/screenshots/. The steps use only what a person clicks, so the same walk also
photographed the older sidebar (docs/screenshots/before/)."""

from __future__ import annotations

import contextlib
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from .conftest import set_theme
from .lab_page import START_TIMEOUT_MS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

BLOB_URL = "https://github.com/huaweicloud/ModelArts-Lab/blob/master/notebook/DL_image_recognition/image_recognition.ipynb"
OTHER_URL = "https://github.com/huaweicloud/ModelArts-Lab/blob/master/notebook/other/other.ipynb"


def confirm_if_asked(lab) -> None:
    """Accept a confirmation dialog when the sidebar asks for one."""
    with contextlib.suppress(PlaywrightTimeout):
        lab.page.locator(".jp-Dialog .jp-mod-accept").click(timeout=2000)


def test_screenshots_of_each_state(lab):
    server = lab.server
    server.sim("POST", "config", {"step_seconds": 2})
    lab.load().show_sidebar()
    lab.screenshot("first-view.png")

    lab.pick_image("GPU")
    lab.type_url(BLOB_URL)
    lab.click_open()
    expect(lab.step(2)).to_have_attribute("data-status", "PROCESSING", timeout=START_TIMEOUT_MS)
    lab.screenshot("starting.png")
    lab.wait_running()
    lab.page.mouse.move(0, 0)
    lab.screenshot("running.png")

    lab.pick_image("CPU")  # finding 1: what will Open do now?
    lab.type_url(OTHER_URL)
    lab.by_testid("codelab-open").scroll_into_view_if_needed()  # the button and what it will do
    lab.screenshot("open-while-running.png")
    lab.pick_image("GPU")
    lab.type_url("")

    lab.by_testid("codelab-stop").click()
    confirm_if_asked(lab)  # (the older sidebar did not ask)
    expect(lab.by_testid("codelab-start")).to_be_visible(timeout=START_TIMEOUT_MS)
    lab.screenshot("stopped.png")

    server.sim(
        "POST",
        "faults",
        {"kind": "status", "route": "start", "status": "START_FAILED", "fail_reason": "ModelArts.6360: no GPU left"},
    )
    lab.by_testid("codelab-start").click()
    expect(lab.by_testid("codelab-fail-reason")).to_be_visible(timeout=START_TIMEOUT_MS)
    lab.screenshot("failed.png")


def test_screenshot_dark(lab):
    set_theme(lab.server, "JupyterLab Dark")
    try:
        lab.load().show_sidebar()
        lab.type_url(BLOB_URL)
        lab.screenshot("dark-first-view.png")
        lab.click_open()
        lab.wait_running()
        lab.page.mouse.move(0, 0)
        lab.screenshot("dark.png")
    finally:
        set_theme(lab.server, None)


def test_screenshots_of_what_is_true_now(lab):
    """The findings of the "what every face shows is true now" work, photographed by clicks only, so
    the same walk photographs an older build too (docs/screenshots/before/): a frozen instance, a
    banner after the state moved on, and the focus ring on Stop after Extend, from the keyboard."""
    server = lab.server
    lab.load().show_sidebar().settle_focus()
    lab.click_open()
    lab.wait_running()
    current = server.api("GET", "codelab/api/notebooks/current").json()

    # Extend from the keyboard, then Tab: where does the focus go, and can one see it?
    lab.by_testid("codelab-extend").focus()
    lab.page.keyboard.press("Enter")
    lab.page.keyboard.press("Tab")
    lab.screenshot("keyboard-after-extend.png")

    # An extend refused, then a stop made elsewhere: does the refusal stay above the stopped instance?
    server.sim(
        "POST", "faults",
        {"kind": "error", "route": "renew", "status": 400, "error_code": "ModelArts.6349", "error_msg": "Invalid duration."},
    )  # fmt: skip
    lab.by_testid("codelab-extend").click()
    expect(lab.by_testid("codelab-message")).to_contain_text("ModelArts.6349", timeout=START_TIMEOUT_MS)
    server.api("POST", f"codelab/api/notebooks/{current['id']}/stop", json={}).raise_for_status()
    expect(lab.by_testid("codelab-state")).to_have_text(re.compile("^Stopped"), timeout=START_TIMEOUT_MS)
    lab.page.mouse.move(0, 0)
    lab.screenshot("banner-after-stop-elsewhere.png")

    # Frozen while stopped: what does the panel say to do, and what does the open form say?
    server.sim("POST", "faults", {"kind": "status", "status": "FROZEN"})
    with contextlib.suppress(AssertionError):  # an older build did not follow a stopped instance
        expect(lab.by_testid("codelab-state")).to_have_text(re.compile("^Frozen"), timeout=15_000)
    lab.unfold_form()
    lab.screenshot("frozen-while-stopped.png")
    server.sim("DELETE", "faults")
