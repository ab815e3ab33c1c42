"""Sharing tells the truth: after a send, "Share this notebook" speaks of the notebook the
instance runs (a private OBS object: no badge, and how to publish it), not of the link the
form held before, and the banner of an earlier failed open goes; publishing in simulated mode
says it is simulated and gives a plainly demo badge, copied with the one copy pattern
(a check mark for 2 s, the dialog stays open).

A lab server of its own: its send remembers the OBS bucket it made, which the package's
shared simulator would lose at its next reset (before each of the other tests)."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from .conftest import CODELAB_SETTINGS, browser_page
from .lab_page import TAB, UI_TIMEOUT_MS
from .lab_server import LabServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

GITHUB_URL = "https://github.com/org/repo/blob/main/shared.ipynb"
OTHER_URL = "https://github.com/org/repo/blob/main/other.ipynb"
FILE_BROWSER_TAB = '.jp-SideBar.jp-mod-left .lm-TabBar-tab[data-id="filebrowser"]'


def notebook(text: str) -> str:
    cell = {"cell_type": "code", "execution_count": None, "id": "c1", "metadata": {}, "outputs": [], "source": text}
    return json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


@pytest.fixture(scope="module")
def share_server(tmp_path_factory):
    server = LabServer(tmp_path_factory.mktemp("share"), extra_settings=CODELAB_SETTINGS)
    server.start()
    server.sim("POST", "config", {"step_seconds": 1})
    for name in ("mine", "pubme"):
        (server.root / "notebooks" / f"{name}.ipynb").write_text(notebook(f"print('{name}')"))
    yield server
    server.stop()


@pytest.fixture
def share_lab(chromium, share_server, request):
    with browser_page(chromium, share_server, request) as page:
        yield page


def right_click_in_the_file_browser(lab, name: str, item_text: str) -> None:
    if not lab.page.locator("#filebrowser").is_visible():
        lab.page.locator(FILE_BROWSER_TAB).click()  # the sidebar showed CodeLab
    item = lab.page.locator('.jp-DirListing-item[data-file-type="notebook"]', has_text=name)
    expect(item).to_be_visible(timeout=UI_TIMEOUT_MS)
    item.click()
    item.click(button="right")
    lab.page.locator(".lm-Menu-item", has_text=item_text).click()


def test_after_a_send_the_sidebar_shares_the_sent_notebook_not_the_earlier_link(share_lab):
    lab = share_lab
    lab.load().show_sidebar()
    lab.type_url(GITHUB_URL)
    lab.click_open()
    lab.wait_running()
    markdown = lab.by_testid("codelab-badge-markdown")
    expect(markdown).to_have_value(re.compile(r"share-url-b64="))

    # A later open fails: its banner shows...
    lab.server.sim(
        "POST", "faults",
        {"kind": "error", "route": "open", "status": 400, "error_code": "ModelArts.6360", "error_msg": "No resources."},
    )  # fmt: skip
    lab.type_url(OTHER_URL)
    lab.click_open()
    expect(lab.by_testid("codelab-message")).to_contain_text("ModelArts.6360", timeout=UI_TIMEOUT_MS)

    # ...until a send loads a notebook of this server's files into the instance.
    right_click_in_the_file_browser(lab, "mine.ipynb", "Open in CodeLab")
    expect(lab.page.locator(".jp-Dialog")).to_contain_text("Open mine.ipynb in CodeLab?")
    lab.page.locator(".jp-Dialog .jp-mod-accept").click()
    expect(lab.page.locator(TAB)).to_have_class(re.compile(r"\blm-mod-current\b"), timeout=UI_TIMEOUT_MS)
    expect(lab.by_testid("codelab-error")).to_have_count(0)
    # The instance runs a private object now: no badge from the earlier link, nor from a private one.
    private = lab.by_testid("codelab-badge-private")
    expect(private).to_contain_text("Your instance runs mine.ipynb, sent from your files", timeout=UI_TIMEOUT_MS)
    expect(private).to_contain_text("Publish")
    expect(markdown).to_be_hidden()
    expect(lab.by_testid("codelab-state")).to_have_text(re.compile("^Running"))


def test_publish_in_simulated_mode_says_so_and_copies_in_place(share_lab):
    lab = share_lab
    lab.load()
    right_click_in_the_file_browser(lab, "pubme.ipynb", "Publish with a")

    dialog = lab.page.locator(".jp-Dialog")
    expect(dialog).to_contain_text("Publish pubme.ipynb in the simulator?")
    expect(dialog).to_contain_text("simulated OBS on this server")
    expect(dialog).to_contain_text("nothing is published on Huawei Cloud")
    dialog.locator("button", has_text="Publish").click()

    expect(dialog).to_contain_text("Demo badge for pubme.ipynb (simulated)", timeout=UI_TIMEOUT_MS)
    expect(dialog.locator('[data-testid="codelab-publish-demo"]')).to_contain_text("which ModelArts cannot reach")
    expect(dialog.locator('[data-testid="codelab-publish-markdown"]')).to_have_value(
        re.compile(
            r"^\[!\[Run in ModelArts \(demo, simulated\)\]\(https://img\.shields\.io/badge/Run%20in-ModelArts%20\(demo\)-lightgrey\)\]"
        )
    )
    # The one copy pattern: a check mark for 2 s, and the dialog stays open.
    copy = dialog.locator('[data-testid="codelab-publish-copy"]')
    copy.click()
    expect(copy).to_have_text("✓ Copied")
    expect(dialog).to_be_visible()
    expect(copy).to_have_text("Copy Badge Markdown", timeout=5000)
    dialog.locator("button", has_text="Close").click()
    expect(dialog).to_have_count(0)
