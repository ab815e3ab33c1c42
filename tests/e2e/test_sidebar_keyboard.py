"""The sidebar from the keyboard alone, in JupyterLab Light and Dark: Tab and Enter from the
first view to a running instance, Extend and Stop. After each action the focus stays on the
control that follows from it (never dropped to the page): Open leads to the instance's state,
then to "Open in new tab" once it runs; Extend keeps it on Extend; Stop leads to Start. Each
focused button shows a focus ring 3:1 against the button and the page (contrast.py reads
the page's own styles), the blue and red ones too; the SSH address shows whole."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .contrast import focus_ring
from .lab_page import SHOWN_WHOLE, START_TIMEOUT_MS, UI_TIMEOUT_MS

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def focused(lab) -> str:
    """The test id of the focused element (or its tag when it has none)."""
    return lab.page.evaluate("() => document.activeElement?.dataset?.testid ?? document.activeElement?.tagName ?? ''")


def expect_focus(lab, testid: str, timeout: int = UI_TIMEOUT_MS) -> None:
    expect(lab.by_testid(testid)).to_be_focused(timeout=timeout)


def tab_to(lab, testid: str, most: int = 8) -> None:
    """Press Tab until `testid` has the focus; fails if it takes more than `most` presses."""
    seen = []
    for _ in range(most):
        lab.page.keyboard.press("Tab")
        seen.append(focused(lab))
        if seen[-1] == testid:
            return
    raise AssertionError(f"Tab never reached {testid}: {seen}")


def expect_visible_ring(lab, testid: str) -> None:
    ring = focus_ring(lab.by_testid(testid))
    assert ring["style"] == "solid" and ring["width"] >= 2, ring
    assert ring["vs_control"] >= 3 and ring["vs_page"] >= 3, (testid, ring)


def test_keyboard_walk_from_the_first_view_to_running_extend_and_stop(lab, theme):
    lab.load().show_sidebar().settle_focus()
    # The first control of the first view, then only Tab and Enter.
    lab.by_testid("codelab-simulated").focus()
    tab_to(lab, "codelab-open")
    expect_visible_ring(lab, "codelab-open")  # blue (accept)
    lab.page.keyboard.press("Enter")

    # Opening folds the form away: the focus follows the instance, on its state line...
    expect_focus(lab, "codelab-state")
    lab.wait_running()
    # ...and moves on to what a running instance offers first.
    expect_focus(lab, "codelab-open-tab")
    expect_visible_ring(lab, "codelab-open-tab")

    tab_to(lab, "codelab-extend", most=1)  # next in order: Extend, not back to the page
    expect_visible_ring(lab, "codelab-extend")
    before = lab.countdown_seconds()
    lab.page.keyboard.press("Enter")
    expect(lab.by_testid("codelab-countdown")).not_to_have_text(re.compile(r"^00:"), timeout=UI_TIMEOUT_MS)
    assert lab.countdown_seconds() > before
    expect_focus(lab, "codelab-extend")  # the same button, with its new time

    tab_to(lab, "codelab-stop", most=1)
    expect_visible_ring(lab, "codelab-stop")  # red (warn)
    lab.page.keyboard.press("Enter")
    dialog = lab.page.locator(".jp-Dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator(".jp-mod-reject")).to_be_focused()  # Cancel is the default: Stop asks first
    lab.page.keyboard.press("Tab")
    expect(dialog.locator(".jp-mod-accept")).to_be_focused()
    lab.page.keyboard.press("Enter")
    expect(dialog).to_have_count(0)

    # Stopping takes the Stop button away: the focus waits on the state line, then lands on Start.
    expect(lab.by_testid("codelab-state")).to_have_text(re.compile("^Stopped"), timeout=START_TIMEOUT_MS)
    expect_focus(lab, "codelab-start")
    expect_visible_ring(lab, "codelab-start")
    lab.page.keyboard.press("Enter")
    expect(lab.by_testid("codelab-state")).to_have_text(re.compile("^(Starting|Running)"), timeout=START_TIMEOUT_MS)
    assert focused(lab) in ("codelab-state", "codelab-stop-starting", "codelab-open-tab"), focused(lab)
    lab.wait_running()
    expect_focus(lab, "codelab-open-tab")


def test_the_ssh_address_shows_whole_at_the_default_width(lab, theme):
    lab.load().show_sidebar()
    lab.click_open()
    lab.wait_running()
    uri = lab.by_testid("codelab-ssh-uri")
    expect(uri).to_have_text(re.compile(r"^ssh://[\w.-]+:\d+$"), timeout=UI_TIMEOUT_MS)
    assert uri.evaluate(SHOWN_WHOLE), uri.evaluate("n => [n.scrollWidth, n.clientWidth, n.getBoundingClientRect().right]")
    # Copied as one word.
    assert uri.evaluate("n => getComputedStyle(n).userSelect") == "all"
