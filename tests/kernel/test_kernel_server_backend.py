"""ServerBackend and the panel through a real Jupyter server with the extension (simulated mode).

The server runs on this test's event loop, so every blocking call runs in a thread.
"""

from __future__ import annotations

import asyncio
import os
import threading

import pytest
from codelab_wait import async_wait_for
from server_fixtures import codelab_server, jp_server_config  # noqa: F401 - fixtures

from jupyter_codelab.client.choose import backend_from_env
from jupyter_codelab.client.errors import CodeLabError
from jupyter_codelab.client.server_backend import ServerBackend, _shutdown_socket

run = asyncio.to_thread


async def test_kernel_env_selects_the_server_backend(codelab_server):
    backend = backend_from_env()  # what a kernel started by this server does, with no configuration
    assert isinstance(backend, ServerBackend)
    assert os.environ["CODELAB_API_TOKEN"] not in backend.where()
    config = await run(backend.config)
    assert config["mode"] == "simulated"
    catalogue = await run(backend.images)
    assert catalogue["default_image_id"] in [image["id"] for image in catalogue["images"]]
    assert await run(backend.current) is None


async def test_a_jupyter_token_works_too_and_a_wrong_one_is_refused(codelab_server):
    server_url, token = codelab_server
    backend = ServerBackend.for_jupyter_server(server_url, token)
    assert (await run(backend.config))["mode"] == "simulated"
    wrong = ServerBackend.for_jupyter_server(server_url, "not-the-token")
    with pytest.raises(CodeLabError) as caught:
        await run(wrong.images)
    assert caught.value.status in (401, 403)
    assert "token" in caught.value.message.lower()


async def test_errors_carry_the_servers_sentence(codelab_server):
    backend = backend_from_env()
    with pytest.raises(CodeLabError) as caught:
        await run(backend.notebook, "00000000-0000-4000-8000-000000000000")
    assert caught.value.status == 404
    assert caught.value.message
    with pytest.raises(CodeLabError) as caught:
        await run(backend.open, None, "ftp://example.com/x.ipynb")
    assert caught.value.status == 400 and "share_url" in caught.value.message


async def test_events_from_snapshot_to_ready_resume_after_a_drop(codelab_server):
    backend = backend_from_env()
    notebook = await run(backend.open)
    stream = backend.events(notebook["id"])
    events: list[dict] = []

    def consume():
        for event in stream:
            events.append(event)
            if event["type"] == "progress" and not any(e["type"] == "reconnecting" for e in events):
                _shutdown_socket(stream._response)  # the connection drops mid-way
            if event["type"] == "ready":
                return

    await asyncio.wait_for(run(consume), timeout=60)
    stream.close()
    kinds = [event["type"] for event in events]
    assert kinds[0] == "snapshot" and kinds[-1] == "ready"
    assert "reconnecting" in kinds
    assert kinds.count("snapshot") == 1, "Last-Event-ID resumed the stream instead of starting over"
    ids = [event["id"] for event in events if event["type"] != "reconnecting"]
    assert len(ids) == len(set(ids))
    assert events[-1]["notebook"]["status"] == "RUNNING" and events[-1]["notebook"]["url"]


async def test_closing_a_stream_wakes_a_blocked_reader(codelab_server):
    backend = backend_from_env()
    notebook = await run(backend.open)
    stream = backend.events(notebook["id"])
    started = threading.Event()

    def consume():
        for _event in stream:
            started.set()

    reader = threading.Thread(target=consume, daemon=True)
    reader.start()
    await async_wait_for(started.is_set, what="the first event")
    await async_wait_for(lambda: stream._response is not None, what="an open response")
    stream.close()
    await run(reader.join, 10)
    assert not reader.is_alive()


async def test_panel_through_the_server_open_extend_stop(codelab_server):
    from jupyter_codelab.kernel.panel import CodeLabPanel

    panel = await run(CodeLabPanel)  # no backend given: chosen from the kernel env the server published
    try:
        assert panel.state.mode == "simulated"
        panel.state.share_url = "https://github.com/org/repo/blob/main/demo.ipynb"
        await run(panel._ui.open_button.click)
        await async_wait_for(lambda: panel.state.status == "RUNNING", what="RUNNING")
        assert panel.state.url and panel.state.progress == 100 and panel.state.connection == "live"
        panel._ui.hours.value = 4
        await run(panel._ui.extend_button.click)
        assert panel.state.error == "" and panel.state.remaining_seconds > 3 * 3600
        await run(panel._ui.stop_button.click)  # asks first
        await run(panel._ui.stop_confirm.click)
        await async_wait_for(lambda: panel.state.status == "STOPPED", what="STOPPED")
        await async_wait_for(lambda: panel.state.connection == "ended", what="the stream to end after stopped")
    finally:
        await run(panel.close)
