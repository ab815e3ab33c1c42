"""Clarity in a real browser, in JupyterLab Light and Dark: every part of the sidebar says
what state it is in and what a click will do. The first view says what CodeLab is; the image
picker is JupyterLab's own; Open says what it will do while an instance exists (and a switch
of image asks first, naming both images); Extend says the new stop time and notifies; Stop asks
first; a stopped instance has one primary action; a restart shows no stale steps; copy buttons
revert after 2 s; the warnings and failures come as notifications. Every state seen is checked
for WCAG AA contrast from the computed styles."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .contrast import contrast_failures
from .lab_page import PANEL, SHOWN_WHOLE, START_TIMEOUT_MS, UI_TIMEOUT_MS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

BLOB_URL = "https://github.com/org/repo/blob/main/demo.ipynb"
RAW_URL = "https://raw.githubusercontent.com/org/repo/main/demo.ipynb"
STATUS = '[data-testid="codelab-status"]'


def expect_contrast(lab, *extra: str) -> None:
    failures = contrast_failures(lab.page, PANEL, *extra)
    assert not failures, failures


def expect_theme(lab, theme: str) -> None:
    expect(lab.page.locator("body")).to_have_attribute(
        "data-jp-theme-light", "false" if theme == "dark" else "true", timeout=UI_TIMEOUT_MS
    )


def toast(lab, text: str):
    return lab.page.locator(".Toastify__toast", has_text=text)


def test_first_view_says_what_this_is_with_jupyterlab_controls(lab, theme):
    lab.load().show_sidebar()
    expect_theme(lab, theme)
    expect(lab.by_testid("codelab-tagline")).to_have_text(
        "Run a notebook on a free Huawei Cloud ModelArts instance (stops by itself after 1 h)."
    )
    # The title is no larger than JupyterLab's own side-panel headers.
    sizes = lab.page.evaluate(
        """() => { const probe = document.createElement('div'); probe.className = 'jp-SidePanel-header';
                   document.body.append(probe); const own = getComputedStyle(probe).fontSize; probe.remove();
                   return [parseFloat(getComputedStyle(document.querySelector('.jp-CodeLab-title')).fontSize), parseFloat(own)]; }"""
    )
    assert sizes[0] <= sizes[1], sizes

    # "Simulated": visible words, and a keyboard-reachable way to connect an account.
    expect(lab.by_testid("codelab-simulated-text")).to_contain_text("No Huawei Cloud account is connected")
    badge = lab.by_testid("codelab-simulated")
    assert badge.evaluate("n => n.tabIndex") >= 0  # in the tab order
    badge.press("Enter")  # focus, then Enter (JupyterLab may move the focus while it restores)
    expect(lab.by_testid("codelab-account-form")).to_be_visible(timeout=UI_TIMEOUT_MS)
    lab.by_testid("codelab-account-cancel").click()

    # JupyterLab's select (caret, focus ring), grouped by processor, the default marked, the full name below.
    select = lab.by_testid("codelab-image")
    assert select.evaluate("n => n.parentElement.classList.contains('jp-select-wrapper')")
    groups = select.locator("optgroup").evaluate_all("gs => gs.map(g => g.label)")
    assert groups and set(groups) <= {"CPU", "GPU", "Ascend"}, groups
    images = lab.server.api("GET", "codelab/api/images").json()["images"]
    default = next(i for i in images if i["default"])
    expect(select.locator(f'option[value="{default["id"]}"]')).to_have_text(f"{default['name']}:{default['tag']} (default)")
    longest = max(images, key=lambda i: len(i["name"] + i["tag"]))
    lab.pick_image(longest["name"])
    detail = lab.by_testid("codelab-image-detail")
    expect(detail).to_contain_text(f"{longest['name']}:{longest['tag']}")
    assert detail.evaluate("n => n.scrollWidth <= n.clientWidth"), "the image's full name is cut off"

    # Validation: words are "not a link", said once, and Open is disabled.
    lab.type_url("hello world")
    expect(lab.by_testid("codelab-url-problem")).to_have_text(
        "Notebook URL is not a link: paste the https link to an .ipynb file."
    )
    expect(lab.by_testid("codelab-open")).to_be_disabled()
    expect(lab.panel.get_by_text("not a link")).to_have_count(1)
    expect_contrast(lab)

    # A host ModelArts cannot reach is warned about; the raw link is shown; the Base64 folded.
    lab.type_url("http://localhost:8888/files/demo.ipynb")
    expect(lab.by_testid("codelab-url-warning")).to_contain_text("cannot reach localhost")
    expect(lab.by_testid("codelab-open")).to_be_enabled()
    lab.type_url(BLOB_URL)
    expect(lab.by_testid("codelab-url-warning")).to_have_count(0)
    expect(lab.by_testid("codelab-raw-url")).to_have_text(RAW_URL)
    expect(lab.by_testid("codelab-base64")).to_be_hidden()
    lab.by_testid("codelab-show-sent").click()
    expect(lab.by_testid("codelab-base64")).to_be_visible()
    expect_contrast(lab)


def test_each_click_says_what_it_does_and_what_it_did(lab, theme):
    server = lab.server
    lab.load().show_sidebar()
    expect_theme(lab, theme)
    cpu = lab.pick_image("CPU")
    lab.type_url(BLOB_URL)
    expect(lab.by_testid("codelab-open")).to_have_text("Open")
    lab.click_open()
    lab.wait_running()
    notebook = server.api("GET", "codelab/api/notebooks/current").json()

    # Running: the running section first, the form and the completed steps folded.
    order = lab.page.evaluate(
        """() => ['.jp-CodeLab-instance', '.jp-CodeLab-form'].map(s => document.querySelector(s).getBoundingClientRect().top)"""
    )
    assert order[0] < order[1], order
    expect(lab.by_testid("codelab-form")).not_to_have_attribute("open", "")
    expect(lab.by_testid("codelab-steps")).to_be_hidden()
    # The link leads to the simulator's own page for this instance.
    href = lab.by_testid("codelab-open-tab").get_attribute("href")
    assert href.endswith(f"/_simulator/lab/{notebook['id']}"), href
    # The SSH address shows whole at the sidebar's width, port included: it wraps, it is never cut.
    uri = lab.by_testid("codelab-ssh-uri")
    expect(uri).to_have_text(re.compile(r"^ssh://[\w.-]+:\d+$"))
    assert uri.evaluate(SHOWN_WHOLE), uri.evaluate("n => [n.scrollWidth, n.clientWidth]")
    expect_contrast(lab, STATUS)

    # Copy: a check mark for 2 s, then the label again.
    copy = lab.by_testid("codelab-copy-ssh")
    copy.click()
    expect(copy).to_have_text("✓ Copied")
    expect(copy).to_have_text("Copy SSH config", timeout=5000)

    # Extend: "+2 h from the current auto-stop" (these tests' setting), the new time on the button.
    extend = lab.by_testid("codelab-extend")
    expect(extend).to_have_text(re.compile(r"^Keep until \d\d:\d\d$"))
    until = extend.inner_text().removeprefix("Keep until ")
    extend.click()
    expect(lab.by_testid("codelab-countdown")).to_have_text(re.compile(r"^02:5\d:\d\d$"), timeout=UI_TIMEOUT_MS)
    done = toast(lab, "now stops at")
    expect(done).to_be_visible(timeout=UI_TIMEOUT_MS)
    assert re.search(r"now stops at (\d\d:\d\d)", done.inner_text()).group(1) in _minute_and_next(until)

    # Finding 1: the form shows the instance's image and notebook; the button says what it will do.
    lab.unfold_form()
    expect(lab.by_testid("codelab-image")).to_have_value(cpu)
    expect(lab.by_testid("codelab-open")).to_have_text("Load another notebook")
    expect(lab.by_testid("codelab-open")).to_be_disabled()
    expect(lab.by_testid("codelab-open-sentence")).to_contain_text("already uses this image")
    lab.type_url("https://github.com/org/repo/blob/main/other.ipynb")
    expect(lab.by_testid("codelab-open")).to_be_enabled()
    lab.type_url(BLOB_URL)
    gpu = lab.pick_image("GPU")
    expect(lab.by_testid("codelab-open")).to_have_text("Switch image")
    expect(lab.by_testid("codelab-open-sentence")).to_contain_text(f"{notebook['name']} restarts with image")
    lab.click_open()
    question = lab.confirm(accept=False)  # Cancel: nothing is sent
    assert notebook["image"]["name"] in question and "restarts" in question
    assert len(lab.open_requests) == 1
    # The palette's codelab:open follows the same rule.
    lab.run_command("Switch the CodeLab Instance to Image")
    lab.confirm(accept=False)
    assert len(lab.open_requests) == 1
    lab.pick_image("CPU")
    assert gpu != cpu

    # The warning window: the status bar's countdown turns to the warning colour too.
    server.sim("POST", f"notebooks/{notebook['id']}/expire", {"in_seconds": 300})
    expect(lab.page.locator(STATUS)).to_have_class(re.compile(r"\bjp-mod-warn\b"), timeout=START_TIMEOUT_MS)
    expect(toast(lab, "stops automatically")).to_be_visible(timeout=UI_TIMEOUT_MS)
    expect_contrast(lab, STATUS)

    # Stop asks first, naming the instance; stopped, one primary action with its sentence.
    question = lab.stop()
    assert notebook["name"] in question
    expect(lab.by_testid("codelab-start")).to_be_visible(timeout=START_TIMEOUT_MS)
    primaries = lab.panel.locator("button.jp-mod-accept:visible")
    expect(primaries).to_have_count(1)
    expect(primaries).to_have_attribute("data-testid", "codelab-start")
    expect(lab.by_testid("codelab-sentence")).to_contain_text("Start it again")
    expect_contrast(lab)

    # Starting again: no stale "Completed" steps, and the SSH section is back once running.
    server.sim("POST", "config", {"step_seconds": 2})
    lab.by_testid("codelab-start").click()
    expect(lab.by_testid("codelab-restart")).to_be_visible(timeout=UI_TIMEOUT_MS)
    expect(lab.by_testid("codelab-steps")).to_be_hidden()
    lab.wait_running()
    expect(lab.by_testid("codelab-ssh")).to_be_visible()

    # An automatic stop and a failed start are notified (the sidebar may be closed).
    server.sim("POST", f"notebooks/{notebook['id']}/expire", {"in_seconds": 1})
    expect(toast(lab, "stopped by itself")).to_be_visible(timeout=START_TIMEOUT_MS)
    server.sim(
        "POST",
        "faults",
        {"kind": "status", "route": "start", "status": "START_FAILED", "fail_reason": "ModelArts.6360: no GPU left"},
    )
    lab.by_testid("codelab-start").click()
    expect(toast(lab, "ModelArts.6360: no GPU left")).to_be_visible(timeout=START_TIMEOUT_MS)
    expect_contrast(lab)


def _minute_and_next(hhmm: str) -> set[str]:
    """The button's minute and the next one (the click may cross a minute)."""
    hours, minutes = map(int, hhmm.split(" ")[-1].split(":"))
    following = (hours * 60 + minutes + 1) % (24 * 60)
    return {f"{hours:02d}:{minutes:02d}", f"{following // 60:02d}:{following % 60:02d}"}
