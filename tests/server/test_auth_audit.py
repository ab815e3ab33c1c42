"""jupyter_server audits every extension endpoint for ``@web.authenticated``: with
``allow_unauthenticated_access=False`` an endpoint it cannot see as authenticated is a
``JupyterServerAuthWarning``. Every CodeLab route must pass that audit, and still work."""

import warnings

import pytest
from jupyter_server.utils import JupyterServerAuthWarning

from .helpers import call


@pytest.fixture
def audit_warnings():
    # Entered before the server fixtures below it, so the warnings of their setup are recorded.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield caught


@pytest.fixture
def jp_server_config(jp_server_config):
    return {**jp_server_config, "ServerApp": {**jp_server_config["ServerApp"], "allow_unauthenticated_access": False}}


async def test_the_audit_sees_every_codelab_route_as_authenticated(audit_warnings, jp_serverapp, jp_fetch, codelab):
    assert "jupyter_codelab" in jp_serverapp.extension_manager.extension_apps  # loaded, not skipped on an error
    audit = [str(w.message) for w in audit_warnings if issubclass(w.category, JupyterServerAuthWarning)]
    assert not [line for text in audit for line in text.splitlines() if "codelab" in line.lower()], audit
    status, answer = await call(jp_fetch, "config")
    assert status == 200, answer
    assert answer["mode"] == "simulated"
