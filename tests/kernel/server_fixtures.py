"""A real Jupyter server (pytest-jupyter) with the jupyter-codelab extension in simulated mode."""

from __future__ import annotations

import os

import pytest

SERVER_CONFIG = {
    "ServerApp": {"jpserver_extensions": {"jupyter_codelab": True}},
    "CodeLab": {"simulator_step_seconds": 0.3, "poll_fast_seconds": 0.2, "poll_slow_seconds": 0.5},
}


@pytest.fixture
def jp_server_config():
    return SERVER_CONFIG


@pytest.fixture
def codelab_server(jp_serverapp, http_server, jp_http_port, jp_base_url):
    """``(server_url, jupyter_token)`` of a listening server whose extension published the kernel env."""
    assert os.environ["CODELAB_API_URL"].endswith("/codelab/api/"), "the extension did not publish CODELAB_API_URL"
    return f"http://127.0.0.1:{jp_http_port}{jp_base_url}", jp_serverapp.identity_provider.token


@pytest.fixture
def embedded_simulator(jp_serverapp):
    """The server's own simulator (it runs on the test's loop: call it directly, never over blocking HTTP)."""
    app = jp_serverapp.extension_manager.extension_apps["jupyter_codelab"]
    return next(iter(app)).simulator
