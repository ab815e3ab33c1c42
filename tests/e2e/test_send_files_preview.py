"""The send preview in a real browser lists the files the notebook reads: a row each (a folder is one row),
all ticked, with sizes and the total; what stays ticked is sent with the notebook, and nothing else."""

from __future__ import annotations

import json

import pytest
import requests
from playwright.sync_api import expect

from .lab_page import SCREENSHOTS, UI_TIMEOUT_MS
from .test_send_context_menu import open_in_codelab

pytestmark = [pytest.mark.browser, pytest.mark.slow]

READER = "import utils\nimport pandas as pd\nframes = [pd.read_csv(f) for f in ['data/a.csv', 'data/b.csv']]\n%ls data"


def test_the_preview_ticks_every_file_and_sends_those_left_ticked(lab):
    folder = lab.server.root / "notebooks"
    (folder / "data").mkdir(parents=True, exist_ok=True)
    (folder / "data" / "a.csv").write_bytes(b"x" * 2000)
    (folder / "data" / "b.csv").write_bytes(b"y" * 3000)
    (folder / "utils.py").write_bytes(b"ANSWER = 42\n")
    cell = {"cell_type": "code", "execution_count": None, "id": "c1", "metadata": {}, "outputs": [], "source": READER}
    notebook = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (folder / "reader.ipynb").write_text(json.dumps(notebook))
    open_in_codelab(lab, "reader.ipynb")

    files = lab.page.locator(".jp-Dialog .jp-codelab-send-files")
    rows = files.locator(".jp-codelab-send-file")
    expect(rows).to_have_count(2, timeout=UI_TIMEOUT_MS)
    expect(rows.nth(0)).to_contain_text("data/")
    expect(rows.nth(0)).to_contain_text("2 files, 5,000 bytes")
    expect(rows.nth(1)).to_contain_text("utils.py")
    expect(rows.nth(1)).to_contain_text("imported in cell 1")
    for index in range(2):
        expect(rows.nth(index).locator("input[type=checkbox]")).to_be_checked()
    expect(files.locator(".jp-codelab-send-files-total")).to_have_text("Sent with it: 3 files, 5,012 bytes")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)  # the README's picture of the preview (scripts/screenshots)
    lab.page.locator(".jp-Dialog-content").screenshot(path=str(SCREENSHOTS / "send-files-preview.png"))
    rows.nth(1).locator("input[type=checkbox]").uncheck()
    expect(files.locator(".jp-codelab-send-files-total")).to_have_text("Sent with it: 2 files, 5,000 bytes")
    # "Create the Bucket and Open", or "Open in CodeLab" where an earlier test of this session made the bucket.
    lab.page.locator(".jp-Dialog .jp-mod-accept").click()

    lab.wait_running()
    obs = lab.server.sim("GET", "state")["obs_endpoint"]
    (bucket,) = requests.get(f"{obs}/_simulator/obs/state", timeout=10).json()["buckets"]
    keys = sorted(o["key"].rsplit("/", 1)[-1] for o in bucket["objects"] if o["key"].startswith("codelab/files/"))
    assert keys == ["a.csv", "b.csv"]  # utils.py was unticked: not sent
