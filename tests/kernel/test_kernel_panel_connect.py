"""The panel's Connect form: the sidebar's fields (AK, SK, security token, a region picked from
the one list, project id, remember), shown in simulated mode; it says before and after what
happens to the simulated instance, and the secret boxes are emptied at once. Through a real
server on this test's loop: blocking calls in a thread."""

from __future__ import annotations

import asyncio

import ipywidgets as widgets
import pytest
from codelab_wait import async_wait_for
from server_fixtures import codelab_server, jp_server_config  # noqa: F401 - fixtures

from jupyter_codelab.client.choose import backend_from_env
from jupyter_codelab.modelarts.credential_input import AKSK_FIELDS, COMMON_FIELDS
from jupyter_codelab.modelarts.regions import REGIONS
from jupyter_codelab.simulator import DEMO_ACCESS_KEY, DEMO_PROJECT_ID, DEMO_SECRET_KEY
from tests.support.simulator_thread import cloud_env

run = asyncio.to_thread
SIMULATED_STAYS = "The simulated instance stays in the simulator: sign out to see it again."


@pytest.fixture
def cloud(threaded_simulator, monkeypatch):
    for name, value in cloud_env(threaded_simulator.endpoint).items():
        monkeypatch.setenv(name, value)
    return threaded_simulator


@pytest.fixture
def new_panel(cloud, codelab_server):
    """Build a panel in a thread (it asks the server, which runs on this test's loop); closed after the test."""
    from jupyter_codelab.kernel.panel import CodeLabPanel

    made = []

    async def build():
        made.append(await run(CodeLabPanel, backend_from_env()))
        return made[-1]

    yield build
    for panel in made:
        panel.close()


def shown(widget) -> bool:
    return widget.layout.display != "none"


async def test_the_form_has_the_sidebars_fields_and_the_served_regions(new_panel):
    panel = await new_panel()
    ui, form = panel._ui, panel._ui.account
    assert panel.state.mode == "simulated" and shown(ui.connect_button) and not form.shown
    assert set(form.fields) == set(AKSK_FIELDS + COMMON_FIELDS)  # what POST credentials takes for an access key
    assert isinstance(form.fields["secret_key"], widgets.Password) and isinstance(form.fields["security_token"], widgets.Password)
    assert form.fields["security_token"].description == "Security token (temporary keys only)"
    assert isinstance(form.fields["remember"], widgets.Checkbox)

    ui.connect_button.click()
    config = await run(panel._backend.config)
    region = form.fields["region"]
    assert form.shown and isinstance(region, widgets.Dropdown)  # picked from a list, not typed
    assert list(region.options) == config["regions"] == list(REGIONS) and region.value == config["region"]
    assert shown(form.simulated_note)
    assert "Connecting switches this server to your account; the simulated instance stays in the simulator." in (
        form.simulated_note.value
    )
    form.cancel.click()
    assert not form.shown


async def test_connect_from_the_panel_says_what_happens_to_the_simulated_instance(new_panel):
    panel = await new_panel()
    ui, form, state = panel._ui, panel._ui.account, panel.state
    await run(panel.open_instance)
    await async_wait_for(lambda: state.status == "RUNNING", what="the simulated instance RUNNING")
    simulated_id = state.notebook_id

    ui.connect_button.click()
    fields = form.fields
    fields["access_key"].value, fields["secret_key"].value = DEMO_ACCESS_KEY, "wrong-secret-123"
    fields["security_token"].value = "token-typed-by-mistake"
    await run(form.submit.click)
    assert fields["secret_key"].value == "" and fields["security_token"].value == ""
    assert "secret key" in state.error and "wrong-secret-123" not in state.error and state.error_of == "connect"
    assert "cleared" in form.problem.value and ui.error.value == ""  # said on the form, once
    assert state.mode == "simulated" and state.notebook_id == simulated_id  # nothing changed
    await async_wait_for(lambda: state.connection == "live", what="the simulated instance followed again")

    fields["secret_key"].value = DEMO_SECRET_KEY
    await run(form.submit.click)
    assert state.error == "", state.error
    assert fields["secret_key"].value == "" and not form.shown
    assert state.mode == "modelarts" and not shown(ui.connect_button) and ">Huawei Cloud · " in ui.badge.value
    assert state.notebook_id is None and not state.vanished  # the account has no instance yet; none vanished
    assert state.notice.startswith("Connected to ModelArts in ") and state.notice.endswith(SIMULATED_STAYS)
    assert SIMULATED_STAYS in ui.notice.value
    config = await run(panel._backend.config)
    assert config["project_id"] == DEMO_PROJECT_ID and config["source"] == "session"
