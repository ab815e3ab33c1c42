"""The sidebar shows what is true now, as the server's event stream or a re-read says, driven
by status changes the server sees (the simulator's status faults): a frozen instance thawed
elsewhere runs again without a reload; an instance frozen while stopped says what to do (the
Billing Center, Check again), not "Start it again"; a stopped instance deleted elsewhere goes
back to the open form; an action's banner goes when the state moves on or the person retries,
and one banner shows at a time.

How soon: the server's watcher keeps following frozen, stopped and failed instances and keeps
their streams open, so a change shows within one poll interval (0.5 s in these tests); a server
that ends such a stream all the same is reconnected to by the browser (about 3 s in Chromium).
FOLLOW_TIMEOUT_MS bounds both, with room for a busy machine."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from jupyter_codelab.modelarts.states import STATES, VANISHED_SENTENCE
from tests.support.status_faults import OPEN_0113, START_6360

from .lab_page import START_TIMEOUT_MS, UI_TIMEOUT_MS

pytestmark = pytest.mark.browser

FOLLOW_TIMEOUT_MS = 12_000
FROZEN = {"kind": "status", "status": "FROZEN"}
BILLING_CENTER = re.compile(r"^https://account\.huaweicloud\.com/usercenter/")


def open_running(lab) -> dict:
    lab.load().show_sidebar()
    lab.click_open()
    lab.wait_running()
    return lab.server.api("GET", "codelab/api/notebooks/current").json()


def expect_state(lab, status: str, timeout: int = START_TIMEOUT_MS) -> None:
    expect(lab.by_testid("codelab-state")).to_have_text(re.compile("^" + re.escape(STATES[status].words)), timeout=timeout)
    expect(lab.by_testid("codelab-sentence")).to_have_text(STATES[status].sentence)


def expect_frozen_help(lab) -> None:
    """Frozen: what to do (the Billing Center, Check again), in the instance view and the open form."""
    expect(lab.by_testid("codelab-billing-link")).to_have_attribute("href", BILLING_CENTER)
    expect(lab.by_testid("codelab-check-again")).to_be_enabled()
    for gone in ("codelab-start", "codelab-stop", "codelab-extend", "codelab-actions"):
        expect(lab.by_testid(gone)).to_have_count(0)
    lab.unfold_form()
    sentence = lab.by_testid("codelab-open-sentence")
    expect(sentence).to_contain_text("settle them in the Billing Center")
    expect(sentence).to_contain_text("Check again")
    expect(sentence).not_to_contain_text("Wait until")
    expect(lab.by_testid("codelab-open")).to_be_disabled()


def test_a_frozen_instance_runs_again_once_thawed_without_a_reload(lab):
    open_running(lab)
    lab.page.evaluate("() => { window.__sameLoad = true; }")
    lab.server.sim("POST", "faults", FROZEN)
    expect_state(lab, "FROZEN", FOLLOW_TIMEOUT_MS)
    expect_frozen_help(lab)

    # Check again reads the instance at once (GET notebooks/current) and says it is still frozen.
    with lab.page.expect_request(re.compile(r"/codelab/api/notebooks/current")):
        lab.by_testid("codelab-check-again").click()
    expect(lab.by_testid("codelab-checked")).to_have_text(re.compile(r"^Still frozen \(checked at \d\d:\d\d:\d\d\)\.$"))

    lab.server.sim("DELETE", "faults")  # the arrears are paid: ModelArts thaws the instance
    expect_state(lab, "RUNNING", FOLLOW_TIMEOUT_MS)
    expect(lab.by_testid("codelab-open-tab")).to_be_visible()
    expect(lab.by_testid("codelab-frozen-help")).to_have_count(0)
    assert lab.page.evaluate("() => window.__sameLoad === true"), "the page was reloaded"


def test_an_instance_frozen_while_stopped_says_what_to_do_not_start_again(lab):
    open_running(lab)
    lab.stop()
    expect_state(lab, "STOPPED")
    lab.server.sim("POST", "faults", FROZEN)
    expect_state(lab, "FROZEN", FOLLOW_TIMEOUT_MS)
    expect(lab.panel).not_to_contain_text("Start it again")
    expect_frozen_help(lab)

    lab.server.sim("DELETE", "faults")  # thawed: back to what it was, stopped
    expect_state(lab, "STOPPED", FOLLOW_TIMEOUT_MS)
    expect(lab.by_testid("codelab-start")).to_be_enabled()


def test_a_stopped_instance_deleted_elsewhere_goes_back_to_the_open_form(lab):
    open_running(lab)
    lab.stop()
    expect_state(lab, "STOPPED")
    lab.server.sim("POST", "faults", {"kind": "status", "status": "DELETED"})
    sentences = "|".join(map(re.escape, [VANISHED_SENTENCE, STATES["DELETED"].sentence]))
    expect(lab.by_testid("codelab-notice")).to_have_text(re.compile(f"^({sentences})$"), timeout=FOLLOW_TIMEOUT_MS)
    expect(lab.by_testid("codelab-state")).to_have_count(0)
    expect(lab.by_testid("codelab-open")).to_be_enabled()


def test_an_error_goes_when_the_person_retries(lab):
    open_running(lab)
    lab.stop()
    expect_state(lab, "STOPPED")
    lab.server.sim("POST", "faults", START_6360)
    lab.by_testid("codelab-start").click()
    expect(lab.by_testid("codelab-message")).to_contain_text("ModelArts.6360", timeout=UI_TIMEOUT_MS)
    expect_state(lab, "STOPPED")  # re-read after the refusal: still stopped, so the banner stays

    lab.by_testid("codelab-start").click()  # the fault was used once: this one starts it
    expect(lab.by_testid("codelab-error")).to_have_count(0)
    lab.wait_running()
    expect(lab.by_testid("codelab-message")).to_be_hidden()


def test_an_error_goes_when_the_state_moves_on(lab):
    current = open_running(lab)
    lab.server.sim(
        "POST", "faults",
        {"kind": "error", "route": "renew", "status": 400, "error_code": "ModelArts.6349", "error_msg": "Invalid duration."},
    )  # fmt: skip
    lab.by_testid("codelab-extend").click()
    expect(lab.by_testid("codelab-message")).to_contain_text("ModelArts.6349", timeout=UI_TIMEOUT_MS)
    expect_state(lab, "RUNNING")

    # Another face stops it: the stream says so, and the extend error is about a state that has ended.
    lab.server.api("POST", f"codelab/api/notebooks/{current['id']}/stop", json={}).raise_for_status()
    expect_state(lab, "STOPPED", FOLLOW_TIMEOUT_MS)
    expect(lab.by_testid("codelab-error")).to_have_count(0)
    expect(lab.by_testid("codelab-stop-reason")).to_have_text("The instance was stopped from elsewhere.")


def test_one_banner_at_a_time_and_the_request_id_once(lab):
    lab.server.sim("POST", "faults", {"kind": "create_failed", "fail_reason": "ModelArts.6360: no CPU left", "at_step": 1})
    lab.load().show_sidebar()
    lab.click_open()
    expect_state(lab, "CREATE_FAILED")
    expect(lab.by_testid("codelab-failure")).to_be_visible()
    lab.server.sim("POST", "faults", OPEN_0113)
    lab.by_testid("codelab-open-again").click()

    message = lab.by_testid("codelab-message")
    expect(message).to_contain_text("ModelArts.0113", timeout=UI_TIMEOUT_MS)
    # The newer banner replaces the failure's own box: one at a time.
    expect(lab.by_testid("codelab-failure")).to_have_count(0)
    expect(lab.panel.locator(".jp-CodeLab-failure, .jp-CodeLab-message.jp-mod-error")).to_have_count(1)
    # No face offers delete: the advice does not ask for it.
    expect(message).to_contain_text("stop an instance you no longer use")
    expect(message).not_to_contain_text("delete an instance")
    # The request id: once, in its own field that wraps as a whole (never inside the id).
    request_id = lab.by_testid("codelab-request-id").locator(".jp-CodeLab-requestIdValue")
    value = request_id.inner_text()
    assert re.fullmatch(r"[0-9a-f-]{8,}", value), value
    assert message.inner_text().count(value) == 1, message.inner_text()
    assert request_id.evaluate("n => n.getClientRects().length === 1 && getComputedStyle(n).whiteSpace === 'nowrap'")
    copy = lab.by_testid("codelab-copy-request-id")
    copy.click()
    expect(copy).to_have_text("✓ Copied")
