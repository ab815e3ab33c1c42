"""A real jupyter server with the CodeLab extension, its embedded simulator as the upstream."""

import os

import pytest

from .sse import SSEReader

STEP_SECONDS = 0.3


@pytest.fixture(autouse=True)
def _no_real_credentials(monkeypatch):
    for name in list(os.environ):
        if name.startswith(("HUAWEICLOUD_", "CODELAB_")):
            monkeypatch.delenv(name)


@pytest.fixture
def codelab_config():
    """Override in a test module to change ``c.CodeLab``."""
    return {}


@pytest.fixture
def jp_server_config(codelab_config):
    return {
        "ServerApp": {"jpserver_extensions": {"jupyter_codelab": True}},
        "CodeLab": {
            "simulator_step_seconds": STEP_SECONDS,
            "poll_fast_seconds": 0.1,
            "poll_slow_seconds": 1.0,
            "keepalive_seconds": 1.0,
            "watcher_linger_seconds": 0.5,
            **codelab_config,
        },
    }


@pytest.fixture
def codelab(jp_serverapp):
    return jp_serverapp.web_app.settings["codelab"]


@pytest.fixture
def simulator(jp_serverapp):
    app = jp_serverapp.extension_manager.extension_apps["jupyter_codelab"]
    return next(iter(app)).simulator


@pytest.fixture
def watch(jp_http_port, jp_base_url, jp_auth_header):
    """``watch(notebook_id, last_event_id=None, headers=None, **SSEReader options)``: a reader of the
    instance's event stream, closed after the test."""
    opened = []

    def start(notebook_id, last_event_id=None, headers=None, **options):
        url = f"http://127.0.0.1:{jp_http_port}{jp_base_url}codelab/api/notebooks/{notebook_id}/events"
        reader = SSEReader(url, {**jp_auth_header, **(headers or {})}, last_event_id, **options).start()
        opened.append(reader)
        return reader

    yield start
    for reader in opened:
        reader.close()
