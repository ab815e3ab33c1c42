"""Every status a user can meet, as the sidebar shows it: the state's words and
sentence (modelarts/states.py) and exactly its actions as buttons, the primary
one first. The simulator is driven through its control API (docs/contracts.md
section 3): status faults, a queued START_FAILED, error faults, a reset."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from jupyter_codelab.modelarts.states import STATES, VANISHED_SENTENCE

from .lab_page import START_TIMEOUT_MS, UI_TIMEOUT_MS

pytestmark = pytest.mark.browser

# The server's watcher polls a running instance every poll_slow_seconds (0.5 s in these tests);
# a vanished one must show within a poll or two, plus the page's own reaction: a bounded wait.
VANISH_TIMEOUT_MS = 10_000


def open_running(lab) -> dict:
    lab.load().show_sidebar()
    lab.click_open()
    lab.wait_running()
    return lab.server.api("GET", "codelab/api/notebooks/current").json()


def action_buttons(lab) -> list[str]:
    """The test ids of the state's buttons, in order."""
    return lab.by_testid("codelab-actions").locator("button").evaluate_all("nodes => nodes.map(n => n.dataset.testid)")


def expect_state(lab, status: str) -> None:
    state = STATES[status]
    expect(lab.by_testid("codelab-state")).to_have_text(re.compile("^" + re.escape(state.words)), timeout=START_TIMEOUT_MS)
    expect(lab.by_testid("codelab-sentence")).to_have_text(state.sentence)


def test_start_failed_offers_start_again_first_then_open(lab):
    open_running(lab)
    lab.stop()
    expect_state(lab, "STOPPED")
    assert action_buttons(lab) == ["codelab-start"]
    lab.server.sim(
        "POST",
        "faults",
        {"kind": "status", "route": "start", "status": "START_FAILED", "fail_reason": "ModelArts.6360: no GPU left"},
    )

    lab.by_testid("codelab-start").click()
    expect_state(lab, "START_FAILED")
    assert action_buttons(lab) == ["codelab-start", "codelab-open-again"]
    expect(lab.by_testid("codelab-start")).to_have_text("Start again")
    expect(lab.by_testid("codelab-start")).to_have_class(re.compile(r"\bjp-mod-accept\b"))
    expect(lab.by_testid("codelab-open-again")).not_to_have_class(re.compile(r"\bjp-mod-accept\b"))
    expect(lab.by_testid("codelab-fail-reason")).to_have_text("ModelArts.6360: no GPU left")
    expect(lab.by_testid("codelab-failure")).to_contain_text("No free resources right now")
    expect(lab.by_testid("codelab-open")).to_be_hidden()  # "Open again" is the open action here
    expect(lab.by_testid("codelab-open-tab")).to_have_count(0)

    lab.by_testid("codelab-start").click()  # the fault was used once: this start works
    lab.wait_running()


def test_error_offers_open_again_which_replaces_the_instance(lab):
    first = open_running(lab)
    lab.server.sim("POST", "faults", {"kind": "status", "status": "ERROR", "fail_reason": "The node failed its health check."})
    expect_state(lab, "ERROR")
    assert action_buttons(lab) == ["codelab-open-again"]
    expect(lab.by_testid("codelab-fail-reason")).to_have_text("The node failed its health check.")
    for gone in ("codelab-extend", "codelab-stop", "codelab-start", "codelab-open-tab", "codelab-countdown"):
        expect(lab.by_testid(gone)).to_have_count(0)

    lab.by_testid("codelab-open-again").click()
    lab.wait_running()
    assert lab.server.api("GET", "codelab/api/notebooks/current").json()["id"] != first["id"]


def test_frozen_says_arrears_and_offers_no_button(lab):
    open_running(lab)
    lab.server.sim("POST", "faults", {"kind": "status", "status": "FROZEN"})
    expect_state(lab, "FROZEN")
    expect(lab.by_testid("codelab-sentence")).to_contain_text("arrears")
    expect(lab.by_testid("codelab-actions")).to_have_count(0)
    for gone in ("codelab-start", "codelab-stop", "codelab-extend", "codelab-open-tab"):
        expect(lab.by_testid(gone)).to_have_count(0)
    expect(lab.by_testid("codelab-open")).to_be_disabled()


def test_snapshotting_shows_a_spinner_then_runs_again(lab):
    open_running(lab)
    lab.server.sim("POST", "faults", {"kind": "status", "status": "SNAPSHOTTING", "seconds": 3})
    expect_state(lab, "SNAPSHOTTING")
    expect(lab.by_testid("codelab-spinner")).to_be_visible()
    expect(lab.by_testid("codelab-actions")).to_have_count(0)
    expect(lab.by_testid("codelab-open-tab")).to_have_count(0)  # only RUNNING means running
    lab.wait_running()
    assert action_buttons(lab) == ["codelab-extend", "codelab-stop"]


def test_deleting_then_deleted_returns_to_the_open_form(lab):
    open_running(lab)
    lab.server.sim("POST", "faults", {"kind": "status", "status": "DELETING", "seconds": 3})
    expect_state(lab, "DELETING")
    expect(lab.by_testid("codelab-spinner")).to_be_visible()
    expect(lab.by_testid("codelab-actions")).to_have_count(0)
    expect(lab.by_testid("codelab-open")).to_be_disabled()

    # Seen as DELETED, or already gone (6309) at the next poll: either way, said, and the form is back.
    deleted = STATES["DELETED"].sentence
    expect(lab.by_testid("codelab-notice")).to_have_text(
        re.compile(f"^({re.escape(deleted)}|{re.escape(VANISHED_SENTENCE)})$"), timeout=START_TIMEOUT_MS
    )
    expect(lab.by_testid("codelab-state")).to_have_count(0)
    expect(lab.by_testid("codelab-open")).to_be_enabled()


@pytest.mark.parametrize("how", ["reset", "deleted"])
def test_a_vanished_instance_is_noticed_within_a_poll_or_two(lab, how):
    open_running(lab)
    if how == "reset":
        lab.server.sim("POST", "reset")
        lab.server.sim("POST", "config", {"step_seconds": 1})
    else:
        lab.server.sim("POST", "faults", {"kind": "status", "status": "DELETED"})
    expect(lab.by_testid("codelab-notice")).to_be_visible(timeout=VANISH_TIMEOUT_MS)
    # A reset leaves nothing to read (6309); a DELETED status may be seen before the instance is gone.
    sentences = [VANISHED_SENTENCE] if how == "reset" else [VANISHED_SENTENCE, STATES["DELETED"].sentence]
    expect(lab.by_testid("codelab-notice")).to_have_text(re.compile("^(" + "|".join(map(re.escape, sentences)) + ")$"))
    expect(lab.by_testid("codelab-state")).to_have_count(0)
    expect(lab.by_testid("codelab-open")).to_be_enabled()
    expect(lab.page.locator('[data-testid="codelab-status"]')).to_be_hidden()  # no countdown for a gone instance

    lab.click_open()  # and a new one opens from there
    lab.wait_running()
    expect(lab.by_testid("codelab-notice")).to_have_count(0)


def test_6360_on_start_keeps_the_stopped_state_and_says_why(lab):
    open_running(lab)
    lab.stop()
    expect_state(lab, "STOPPED")
    lab.server.sim(
        "POST", "faults",
        {"kind": "error", "route": "start", "status": 400, "error_code": "ModelArts.6360", "error_msg": "Insufficient background resources."},
    )  # fmt: skip
    lab.by_testid("codelab-start").click()
    message = lab.by_testid("codelab-message")
    expect(message).to_contain_text("ModelArts.6360", timeout=UI_TIMEOUT_MS)
    expect(message).to_contain_text("No free resources right now")
    expect(lab.by_testid("codelab-request-id")).to_have_text(re.compile(r"^request id \S+$"))
    expect_state(lab, "STOPPED")
    expect(lab.by_testid("codelab-start")).to_be_enabled()


def test_quota_0113_on_open_says_it_with_the_request_id(lab):
    lab.server.sim(
        "POST", "faults",
        {"kind": "error", "route": "open", "status": 400, "error_code": "ModelArts.0113", "error_msg": "Quota exceeded."},
    )  # fmt: skip
    lab.load().show_sidebar()
    lab.click_open()
    message = lab.by_testid("codelab-message")
    expect(message).to_contain_text("ModelArts.0113", timeout=UI_TIMEOUT_MS)
    expect(message).to_contain_text("The quota is exhausted")
    request_id = lab.by_testid("codelab-request-id")
    expect(request_id).to_have_text(re.compile(r"^request id [0-9a-f-]{8,}$"))
    # Selectable as one word, for a support ticket.
    assert request_id.locator("span").evaluate("n => getComputedStyle(n).userSelect") == "all"
    expect(lab.by_testid("codelab-state")).to_have_count(0)
    expect(lab.by_testid("codelab-open")).to_be_enabled()


def _image_label(lab, image_id: str) -> str:
    image = next(i for i in lab.server.api("GET", "codelab/api/images").json()["images"] if i["id"] == image_id)
    return f"{image['name']}:{image['tag']}"


def test_open_with_another_image_says_the_instance_was_switched(lab):
    lab.load().show_sidebar()
    cpu = lab.pick_image("CPU")
    lab.click_open()
    lab.wait_running()
    first = lab.server.api("GET", "codelab/api/notebooks/current").json()

    gpu = lab.pick_image("GPU")
    expect(lab.by_testid("codelab-open")).to_have_text("Switch image")
    lab.click_open()
    question = lab.confirm()  # a switch restarts the instance: asked first, naming both images
    assert _image_label(lab, cpu) in question and _image_label(lab, gpu) in question and first["name"] in question
    notice = lab.by_testid("codelab-notice")
    expect(notice).to_have_text(
        re.compile(re.escape(f"Your instance now runs image {_image_label(lab, gpu)} instead of {_image_label(lab, cpu)};")),
        timeout=UI_TIMEOUT_MS,
    )
    lab.wait_running()
    expect(notice).to_contain_text("it restarted")
    current = lab.server.api("GET", "codelab/api/notebooks/current").json()
    assert current["id"] == first["id"] and current["image"]["id"] == gpu
    expect(lab.by_testid("codelab-image")).to_have_value(gpu)

    # Reloaded, the form shows the image the instance runs.
    lab.reload().show_sidebar()
    lab.wait_running()
    expect(lab.by_testid("codelab-image")).to_have_value(gpu)


def test_open_with_the_same_image_and_a_notebook_loads_it(lab):
    open_running(lab)
    lab.type_url("https://github.com/org/repo/blob/main/other.ipynb")
    expect(lab.by_testid("codelab-open")).to_have_text("Load another notebook")
    lab.click_open()
    expect(lab.by_testid("codelab-notice")).to_have_text(
        "The notebook was loaded into your running instance.", timeout=UI_TIMEOUT_MS
    )
    expect_state(lab, "RUNNING")
