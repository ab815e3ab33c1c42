"""The main path in a real browser: open the sidebar, pick an image, paste a
GitHub blob URL, Open, watch the four steps complete, the countdown run,
Extend (it jumps), Stop, Start again. Takes the README's screenshots."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from jupyter_codelab.modelarts.share_url import encode_share_url
from jupyter_codelab.modelarts.states import STATES

from .lab_page import START_TIMEOUT_MS, UI_TIMEOUT_MS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

BLOB_URL = "https://github.com/huaweicloud/ModelArts-Lab/blob/master/notebook/DL_image_recognition/image_recognition.ipynb"


def test_open_watch_extend_stop_and_start(lab):
    server = lab.server
    server.sim("POST", "config", {"step_seconds": 2})  # slow enough to catch the steps in progress
    lab.load().show_sidebar()
    expect(lab.by_testid("codelab-simulated")).to_be_visible()
    expect(lab.by_testid("codelab-simulated")).to_have_text("Simulated")

    image_id = lab.pick_image("GPU")
    lab.type_url(BLOB_URL)
    expect(lab.by_testid("codelab-base64")).to_have_text(encode_share_url(BLOB_URL))
    expect(lab.by_testid("codelab-badge-markdown")).to_have_value(re.compile(r"^\[!\[Run in ModelArts\]"))

    lab.click_open()
    # Open stays disabled while the instance opens and starts.
    expect(lab.by_testid("codelab-open")).to_be_disabled()
    expect(lab.steps()).to_have_count(4, timeout=UI_TIMEOUT_MS)
    expect(lab.step(2)).to_have_attribute("data-status", "PROCESSING", timeout=START_TIMEOUT_MS)
    expect(lab.step(1)).to_have_attribute("data-status", "COMPLETED")
    lab.screenshot("sidebar-starting.png")
    # ModelArts sends `url` from CREATING on: only RUNNING means running, so no link yet.
    starting = server.api("GET", "codelab/api/notebooks/current").json()
    assert starting["status"] != "RUNNING" and starting["url"], starting
    expect(lab.by_testid("codelab-open-tab")).to_have_count(0)
    # The bar says 25 % per completed step (read in one go: the steps move on).
    completed, value = lab.page.evaluate(
        """() => [document.querySelectorAll('[data-testid="codelab-steps"] li[data-status="COMPLETED"]').length,
                  Number(document.querySelector('[data-testid="codelab-progressbar"]').getAttribute('aria-valuenow'))]"""
    )
    assert 1 <= completed < 4 and value == 25 * completed

    lab.wait_running()
    for number in range(1, 5):
        expect(lab.step(number)).to_have_attribute("data-status", "COMPLETED")
    expect(lab.by_testid("codelab-progressbar")).to_have_attribute("aria-valuenow", "100")
    assert len(lab.open_requests) == 1
    sent = json.loads(lab.open_requests[0])
    assert sent == {"image_id": image_id, "share_url": BLOB_URL}
    current = server.api("GET", "codelab/api/notebooks/current").json()
    assert current["image"]["id"] == image_id
    expect(lab.by_testid("codelab-open-tab")).to_have_attribute("href", current["url"])
    expect(lab.by_testid("codelab-ssh")).to_be_visible()
    # The simulator's endpoint as ModelArts spells it ({dev_service, service, uri, key_pair_names}).
    assert current["endpoints"][0]["key_pair_names"] == ["KeyPair-codelab"]
    expect(lab.by_testid("codelab-ssh").locator("code")).to_have_attribute("title", "Key pairs: KeyPair-codelab")

    # The countdown runs (hh:mm:ss, about an hour, and going down).
    expect(lab.by_testid("codelab-countdown")).to_have_text(re.compile(r"^00:5\d:\d\d$"))
    first = lab.countdown_seconds()
    expect(lab.by_testid("codelab-countdown")).not_to_have_text(lab.by_testid("codelab-countdown").inner_text())
    assert lab.countdown_seconds() < first
    lab.screenshot("sidebar-running.png")

    # Extend (2 h in these tests' settings) from the current auto-stop: about 0:59 + 2 h = 2:59.
    lab.by_testid("codelab-extend").click()
    expect(lab.by_testid("codelab-countdown")).to_have_text(re.compile(r"^02:5\d:\d\d$"), timeout=UI_TIMEOUT_MS)
    lease = server.api("GET", f"codelab/api/notebooks/{current['id']}/lease").json()
    assert lease["remaining_ms"] > 2 * 3_600_000 + 50 * 60_000

    lab.stop()
    expect(lab.by_testid("codelab-sentence")).to_have_text(STATES["STOPPED"].sentence, timeout=START_TIMEOUT_MS)
    assert server.api("GET", "codelab/api/notebooks/current").json()["status"] == "STOPPED"

    lab.by_testid("codelab-start").click()
    lab.wait_running()
    assert len(lab.open_requests) == 1  # Start restarts the same instance; it opens nothing new
