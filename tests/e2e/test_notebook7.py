"""Notebook 7 (`jupyter notebook`): its shell has side panels and a top bar but no
ILabShell, layout restorer or status bar. The CodeLab panel is there in the
tree view and the notebook view (View > Left Sidebar > Show CodeLab), opens an
instance of the simulator, and the countdown shows in the top bar."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from .conftest import CODELAB_SETTINGS, browser_page
from .lab_page import PANEL, START_TIMEOUT_MS, LabPage
from .lab_server import LabServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TOP_COUNTDOWN = "#jp-CodeLab-topCountdown"
# With a kernelspec, so that Notebook asks no "Select Kernel" question.
EMPTY_NOTEBOOK = {
    "cells": [],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}


@pytest.fixture(scope="module")
def notebook_server(tmp_path_factory):
    pytest.importorskip("notebook", minversion="7")
    server = LabServer(tmp_path_factory.mktemp("nb7"), extra_settings=CODELAB_SETTINGS, app="notebook")
    server.start()
    (server.root / "notebooks" / "demo.ipynb").write_text(json.dumps(EMPTY_NOTEBOOK))
    yield server
    server.stop()


@pytest.fixture
def nb7(chromium, notebook_server, request):
    notebook_server.sim("POST", "reset")
    notebook_server.sim("POST", "config", {"step_seconds": 1})
    with browser_page(chromium, notebook_server, request) as page:
        yield page


def show_panel_from_the_view_menu(nb7: LabPage, path: str) -> None:
    page = nb7.page
    page.goto(nb7.server.page_url(path))
    page.wait_for_selector(PANEL, state="attached", timeout=60_000)
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile("^View$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile("^Left Sidebar$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile("^Show CodeLab$")).click()
    expect(nb7.panel).to_be_visible()
    expect(nb7.by_testid("codelab-image").locator("option")).not_to_have_count(0)


def test_tree_view_shows_the_panel_and_opens_an_instance(nb7):
    show_panel_from_the_view_menu(nb7, "tree")
    expect(nb7.by_testid("codelab-simulated")).to_be_visible()
    assert nb7.page.locator(TOP_COUNTDOWN).is_hidden()  # nothing to count down yet

    nb7.pick_image("CPU")
    nb7.click_open()
    nb7.wait_running()
    assert len(nb7.open_requests) == 1
    current = nb7.server.api("GET", "codelab/api/notebooks/current").json()
    expect(nb7.by_testid("codelab-open-tab")).to_have_attribute("href", current["url"])
    # No status bar in Notebook 7: the countdown sits in the top bar, and a click shows the panel.
    expect(nb7.page.locator(TOP_COUNTDOWN)).to_have_text(re.compile(r"^CodeLab: 00:5\d:\d\d$"), timeout=START_TIMEOUT_MS)


def test_notebook_view_has_the_panel_and_the_commands(nb7):
    show_panel_from_the_view_menu(nb7, "notebooks/demo.ipynb")
    expect(nb7.by_testid("codelab-open")).to_be_enabled()
    # The commands are registered in this shell too: Open runs from the command registry.
    nb7.pick_image("CPU")
    nb7.page.locator(".lm-MenuBar-itemLabel", has_text=re.compile("^View$")).click()
    nb7.page.locator(".lm-Menu-itemLabel", has_text=re.compile("^Activate Command Palette$")).click()
    nb7.page.locator(".lm-CommandPalette-input").fill("Open a CodeLab Instance")
    nb7.page.locator(".lm-CommandPalette-item", has_text="Open a CodeLab Instance").first.click()
    nb7.wait_running()
    assert len(nb7.open_requests) == 1


def test_the_view_menu_shows_the_codelab_panel(nb7):
    """A Notebook 7 user finds CodeLab in the View menu itself, not only under Left Sidebar."""
    page = nb7.page
    page.goto(nb7.server.page_url("tree"))
    page.wait_for_selector(PANEL, state="attached", timeout=60_000)
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile("^View$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile("^Show the CodeLab Panel$")).click()
    expect(nb7.panel).to_be_visible()
    expect(nb7.by_testid("codelab-image").locator("option")).not_to_have_count(0)


def test_the_file_list_offers_open_in_codelab_and_publish(nb7):
    page = nb7.page
    page.goto(nb7.server.page_url("tree"))
    item = page.locator('.jp-DirListing-item[data-file-type="notebook"]', has_text="demo.ipynb")
    expect(item).to_be_visible(timeout=60_000)
    item.click()
    item.click(button="right")
    menu = page.locator(".lm-Menu")
    expect(menu.locator(".lm-Menu-item", has_text="Open in CodeLab")).to_be_visible()
    expect(menu.locator(".lm-Menu-item", has_text='Publish with a "Run in ModelArts" Badge…')).to_be_visible()
    menu.locator(".lm-Menu-item", has_text="Open in CodeLab").click()
    # The same flow as in JupyterLab: a preview first, nothing sent before the confirmation.
    dialog = page.locator(".jp-Dialog")
    expect(dialog).to_contain_text("Open demo.ipynb in CodeLab?")
    dialog.locator(".jp-mod-reject").click()
    expect(dialog).to_have_count(0)
    assert nb7.open_requests == []
