"""The panel's Connect button: shown in simulated mode, its form connects through the server,
and the secret box is emptied at once. The server runs on this test's loop: blocking calls in a thread."""

from __future__ import annotations

import asyncio

import pytest
from server_fixtures import codelab_server, jp_server_config  # noqa: F401 - fixtures

from jupyter_codelab.client.choose import backend_from_env
from jupyter_codelab.simulator import DEMO_ACCESS_KEY, DEMO_PROJECT_ID, DEMO_SECRET_KEY
from tests.support.simulator_thread import cloud_env

run = asyncio.to_thread


@pytest.fixture
def cloud(threaded_simulator, monkeypatch):
    for name, value in cloud_env(threaded_simulator.endpoint).items():
        monkeypatch.setenv(name, value)
    return threaded_simulator


async def test_connect_from_the_panel(cloud, codelab_server):
    from jupyter_codelab.kernel.panel import CodeLabPanel

    panel = await run(CodeLabPanel, backend_from_env())
    try:
        ui = panel._ui
        assert panel.mode == "simulated" and ui.connect_button.layout.display == ""
        ui.connect_button.click()
        assert ui.account.layout.display == ""
        ui.access_key.value, ui.secret_key.value, ui.region.value = DEMO_ACCESS_KEY, "wrong-secret-123", "cn-north-4"
        await run(ui.connect_submit.click)
        assert ui.secret_key.value == "" and "secret key" in panel.error and panel.mode == "simulated"
        assert "wrong-secret-123" not in panel.error
        ui.secret_key.value = DEMO_SECRET_KEY
        await run(ui.connect_submit.click)
        assert panel.error == "", panel.error
        assert ui.secret_key.value == "" and ui.account.layout.display == "none"
        assert panel.mode == "modelarts" and ui.connect_button.layout.display == "none"
        config = await run(panel._backend.config)
        assert config["project_id"] == DEMO_PROJECT_ID and config["source"] == "session"
    finally:
        panel.close()
