"""Sending a local notebook, in a real browser: right-click a notebook in the file browser, "Open in CodeLab",
confirm the preview (name, size, bucket, private, expiry), and the sidebar follows the
instance to Running; the simulated CodeLab fetched exactly the file's bytes."""

from __future__ import annotations

import hashlib
import json

import pytest
import requests
from playwright.sync_api import expect

from .lab_page import UI_TIMEOUT_MS

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def notebook(text: str) -> bytes:
    cell = {"cell_type": "code", "execution_count": None, "id": "c1", "metadata": {}, "outputs": [], "source": text}
    return (json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n").encode()


def open_in_codelab(lab, name: str) -> None:
    """Load JupyterLab, right-click the notebook ``name`` in the file browser, pick "Open in CodeLab"."""
    lab.load()
    item = lab.page.locator('.jp-DirListing-item[data-file-type="notebook"]', has_text=name)
    expect(item).to_be_visible(timeout=UI_TIMEOUT_MS)
    item.click()
    item.click(button="right")
    lab.page.locator(".lm-Menu-item", has_text="Open in CodeLab").click()


def test_file_browser_open_in_codelab_reaches_running(lab):
    data = notebook("print('sent from the file browser')")
    (lab.server.root / "notebooks" / "sendme.ipynb").write_bytes(data)
    open_in_codelab(lab, "sendme.ipynb")

    dialog = lab.page.locator(".jp-Dialog")
    expect(dialog).to_contain_text("Open sendme.ipynb in CodeLab?")
    expect(dialog.locator(".jp-codelab-send-preview")).to_contain_text(
        "Private: CodeLab gets a signed link that works for 60 min"
    )
    expect(dialog.locator(".jp-codelab-send-preview")).to_contain_text("codelab-")
    expect(dialog.locator(".jp-codelab-send-preview")).to_contain_text(f"{len(data):,} bytes")
    obs = lab.server.sim("GET", "state")["obs_endpoint"]
    assert requests.get(f"{obs}/_simulator/obs/state", timeout=10).json()["puts"] == 0  # nothing before the confirmation
    dialog.locator("button", has_text="Create the Bucket and Open").click()

    lab.wait_running()
    downloads = requests.get(f"{obs}/_simulator/obs/downloads", timeout=10).json()["downloads"]
    assert [d["sha256"] for d in downloads] == [hashlib.sha256(data).hexdigest()]
