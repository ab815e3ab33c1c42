"""What the sidebar shows when things go wrong: an injected creation failure
shows its reason and the error code in words; a bad URL is explained as you
type and Open then sends nothing."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .lab_page import START_TIMEOUT_MS

pytestmark = pytest.mark.browser

FAIL_REASON = "ModelArts.6360: insufficient resources in cn-north-4, please try again later"


def test_injected_failure_shows_its_reason_and_code_in_words(lab):
    lab.server.sim("POST", "faults", {"kind": "create_failed", "fail_reason": FAIL_REASON, "at_step": 2})
    lab.load().show_sidebar()
    lab.click_open()

    failure = lab.by_testid("codelab-failure")
    expect(failure).to_be_visible(timeout=START_TIMEOUT_MS)
    expect(lab.by_testid("codelab-fail-reason")).to_have_text(FAIL_REASON)
    expect(failure).to_contain_text("No free resources right now: try again in a few minutes.")
    expect(lab.step(1)).to_have_attribute("data-status", "COMPLETED")
    expect(lab.step(2)).to_have_attribute("data-status", "FAILED")
    # Not stuck: the state says what happened and offers Open again (it replaces the instance).
    expect(lab.by_testid("codelab-state")).to_have_text(re.compile("^Creation failed"))
    expect(lab.by_testid("codelab-sentence")).to_contain_text("Open again to retry")
    expect(lab.by_testid("codelab-open-again")).to_be_enabled()
    expect(lab.by_testid("codelab-open")).to_be_hidden()


@pytest.mark.parametrize(
    ("pasted", "message"),
    [
        ("ftp://example.org/demo.ipynb", "Notebook URL must be an http(s) link"),
        ("https://example.org/notes.txt", "Notebook URL must point to a notebook file"),
        ("notalink", "Notebook URL is neither an http(s) link nor the Base64 of one"),
        ("https://example.org/my notes.ipynb", "with spaces written as %20"),
    ],
)
def test_bad_url_is_explained_and_nothing_is_sent(lab, pasted, message):
    lab.load().show_sidebar()
    lab.type_url(pasted)
    hint = lab.by_testid("codelab-url-hint")
    expect(hint).to_contain_text(message)
    expect(lab.by_testid("codelab-url")).to_have_attribute("aria-invalid", "true")

    # Open is disabled on invalid input (as in the panel), and the problem is said once: in the hint.
    expect(lab.by_testid("codelab-open")).to_be_disabled()
    lab.page.keyboard.press("Enter")  # submitting the form anyway sends nothing either
    expect(lab.by_testid("codelab-error")).to_have_count(0)
    expect(lab.panel.get_by_text(message, exact=False)).to_have_count(1)
    assert lab.open_requests == []
    calls = lab.server.sim("GET", "state")["calls"]
    assert calls.get("open", 0) == 0, calls

    # Fixing the text clears the message; the badge appears for a valid link.
    lab.type_url("https://example.org/demo.ipynb")
    expect(lab.by_testid("codelab-error")).to_have_count(0)
    expect(lab.by_testid("codelab-badge-markdown")).to_have_value(
        re.compile(r"share-url-b64=aHR0cHM6Ly9leGFtcGxlLm9yZy9kZW1vLmlweW5i")
    )


def test_upstream_error_keeps_modelarts_code_and_says_it_in_words(lab):
    lab.server.sim(
        "POST",
        "faults",
        {"kind": "error", "route": "open", "status": 400, "error_code": "ModelArts.6360", "error_msg": "Insufficient resources."},
    )
    lab.load().show_sidebar()
    lab.click_open()
    message = lab.by_testid("codelab-message")
    expect(message).to_contain_text("ModelArts.6360", timeout=START_TIMEOUT_MS)
    expect(message).to_contain_text(re.compile("No free resources right now"))
    expect(message).to_contain_text("ModelArts said: Insufficient resources.")
    expect(lab.by_testid("codelab-open")).to_be_enabled()
