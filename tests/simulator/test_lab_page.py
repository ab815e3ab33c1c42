"""The simulator's lab page: where a simulated instance's `url` ("Open in new tab") leads."""

from __future__ import annotations

import base64

import pytest
from simclient import open_running
from tornado.httpclient import AsyncHTTPClient, HTTPClientError

NOTEBOOK = "https://raw.githubusercontent.com/org/repo/main/demo.ipynb"


async def test_the_url_opens_a_page_naming_the_instance_and_its_notebook(alice):
    opened = await alice.open({"share_url": base64.b64encode(NOTEBOOK.encode()).decode()})
    running = await open_running(alice)
    assert running["id"] == opened.body["id"]
    page = await AsyncHTTPClient().fetch(running["url"])  # a browser tab: no credentials
    text = page.body.decode()
    assert page.headers["Content-Type"].startswith("text/html")
    assert f"Simulated CodeLab instance {running['id']}" in text and f"Notebook: {NOTEBOOK}." in text


async def test_an_unknown_instance_is_a_404(sim):
    with pytest.raises(HTTPClientError) as caught:
        await AsyncHTTPClient().fetch(f"{sim.endpoint}/_simulator/lab/nope")
    assert caught.value.code == 404
