"""The panel's Stop asks first (in place, in the sidebar's words; while it starts, it is sent once the instance
runs), and after a stop the panel shows what is true: no steps, no bar, no countdown, Start only. Against the
real simulator."""

from __future__ import annotations

import pytest
from codelab_wait import wait_for

from jupyter_codelab.client import describe
from jupyter_codelab.modelarts import states


def shown(widget) -> bool:
    return widget.layout.display != "none"


def simulated_status(simulator) -> str:
    return simulator.control("GET", "state")["instances"][0]["status"]


def test_stop_asks_then_stops(running_panel, simulator):
    ui, state = running_panel._ui, running_panel.state
    assert shown(ui.stop_button) and not shown(ui.asking_row)

    ui.stop_button.click()  # asks: nothing is stopped yet
    assert state.asking == "stop" and shown(ui.asking_row) and not shown(ui.stop_button)
    assert describe.stop_question(state.notebook) in ui.stop_question.value
    assert f"Stop your CodeLab instance {state.notebook['name']} (image " in ui.stop_question.value
    assert "Stop the CodeLab instance?" in ui.stop_question.value
    assert (ui.stop_confirm.description, ui.stop_cancel.description) == ("Stop", "Cancel")
    assert simulated_status(simulator) == "RUNNING" and state.status == "RUNNING"

    ui.stop_cancel.click()  # Cancel: back as it was, still running
    assert state.asking == "" and not shown(ui.asking_row) and shown(ui.stop_button)
    assert simulated_status(simulator) == "RUNNING"

    ui.stop_button.click()
    ui.stop_confirm.click()  # the Yes
    assert state.asking == "" and not shown(ui.asking_row)
    wait_for(lambda: state.status == "STOPPED", what="STOPPED")
    assert simulated_status(simulator) == "STOPPED"


def test_after_a_stop_the_panel_shows_a_stopped_instance(running_panel):
    ui, state = running_panel._ui, running_panel.state
    assert running_panel.stop_instance() is not None
    wait_for(lambda: state.status == "STOPPED", what="STOPPED")
    assert all(step["status"] == "COMPLETED" for step in state.notebook["action_progress"])  # ModelArts keeps them ...
    assert ui.steps.value == "" and not shown(ui.bar) and state.progress == 0  # ... the panel does not show them
    words = " ".join(str(w.value) for w in (ui.steps, ui.status, ui.sentence, ui.countdown, ui.link, ui.ssh))
    assert "✓" not in words and "Completed" not in words
    assert "<b>Status:</b> Stopped" in ui.status.value and "Start it again" in ui.sentence.value
    assert ui.countdown.value == "" and ui.link.value == "" and ui.ssh.value == "" and state.url is None
    assert state.actions == ["start"] and shown(ui.start_button) and not shown(ui.stop_button)


def test_a_question_that_no_longer_fits_goes(running_panel, simulator):
    running_panel._ui.stop_button.click()
    assert running_panel.state.asking == "stop"
    simulator.control("POST", f"notebooks/{running_panel.state.notebook_id}/expire", {"in_seconds": 0})  # stopped by its lease
    wait_for(lambda: running_panel.state.status == "STOPPED", what="the lease to stop it")
    assert running_panel.state.asking == "" and not shown(running_panel._ui.asking_row)


def test_a_running_instance_shows_its_ssh_card_and_the_sidebars_words(running_panel):
    ui, state = running_panel._ui, running_panel.state
    endpoint = describe.ssh_endpoint(state.notebook)
    assert endpoint and endpoint["uri"] in ui.ssh.value and "Copy SSH config" in ui.ssh.value
    assert "Stops automatically in</b> 00:" in ui.countdown.value
    assert "Open in new tab" in ui.link.value and state.url in ui.link.value
    assert ">Simulated</span>" in ui.badge.value
    assert ui.steps.value == "" and not shown(ui.bar)  # running: the steps are done and say nothing more


@pytest.fixture
def starting_panel(direct_backend, simulator):
    """A panel whose instance takes a few seconds to start (ModelArts refuses a stop until it runs)."""
    from jupyter_codelab.kernel.panel import CodeLabPanel

    simulator.control("POST", "config", {"step_seconds": 1.0})
    panel = CodeLabPanel(backend=direct_backend)
    panel.open_instance()
    assert panel.state.starting, panel.state.status
    yield panel
    panel.close()


def test_stop_while_it_starts_asks_then_stops_it_once_it_runs(starting_panel, simulator):
    ui, state = starting_panel._ui, starting_panel.state
    assert shown(ui.stop_button) and not shown(ui.keep_running) and ui.pending_stop.value == ""
    assert ui.stop_button.tooltip == states.STOP_STARTING_WORDS["stop_tooltip"]

    ui.stop_button.click()  # asks, in the sidebar's words for a start
    assert state.asking == "stop" and describe.stop_question(state.notebook, starting=True) in ui.stop_question.value
    assert "ModelArts cannot stop an instance while it starts" in ui.stop_question.value
    ui.stop_confirm.click()  # nothing is sent now: ModelArts would refuse it
    assert state.stop_when_running == state.notebook_id and state.starting
    assert shown(ui.keep_running) and not shown(ui.stop_button) and "It stops as soon as it runs" in ui.pending_stop.value
    assert simulated_status(simulator) != "STOPPED"

    wait_for(lambda: simulated_status(simulator) == "STOPPED", timeout=60, what="the stop sent once it ran")
    wait_for(lambda: state.status == "STOPPED", what="the panel to show it stopped")
    assert state.stop_when_running is None and not shown(ui.keep_running) and ui.pending_stop.value == ""


def test_keep_it_running_takes_the_stop_back(starting_panel, simulator):
    ui, state = starting_panel._ui, starting_panel.state
    ui.stop_button.click()
    ui.stop_confirm.click()
    assert state.stop_when_running == state.notebook_id
    ui.keep_running.click()
    assert state.stop_when_running is None and shown(ui.stop_button) and not shown(ui.keep_running)
    assert starting_panel.wait(timeout=60) == "RUNNING"
    assert simulated_status(simulator) == "RUNNING" and state.actions == ["extend", "stop"]


def test_a_problem_goes_once_the_state_it_arose_in_moves_on(running_panel, simulator):
    state = running_panel.state
    simulator.control("POST", "faults", {"kind": "error", "route": "renew", "status": 400, "error_code": "ModelArts.6360",
                                         "error_msg": "Insufficient background resources. Try again later."})  # fmt: skip
    assert running_panel.extend_lease(1) is None
    assert state.error_code == "ModelArts.6360" and "request id" in state.error and state.error_of == "extend"
    simulator.control("POST", f"notebooks/{state.notebook_id}/expire", {"in_seconds": 0})  # the lease stops it
    wait_for(lambda: state.status != "RUNNING", what="the lease to stop it")
    assert state.error == "" and state.error_code is None and "Problem" not in running_panel._ui.error.value
