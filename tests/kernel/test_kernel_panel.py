"""CodeLabPanel driven from Python (set values, click) against the real simulator."""

from __future__ import annotations

import re
import threading

import pytest
from codelab_wait import wait_for

from jupyter_codelab.kernel.panel import CodeLabPanel

NOTEBOOK_LINK = "https://github.com/org/repo/blob/main/demo.ipynb"
GPU_IMAGE = "2c113b99-72ef-4bd0-bbcc-0d711b39127b"  # pytorch1.8-cuda10.2 in the simulator's catalogue


def shown(widget) -> bool:
    return widget.layout.display != "none"


@pytest.fixture
def panel(direct_backend):
    panel = CodeLabPanel(backend=direct_backend)
    yield panel
    panel.close()


def test_open_running_extend_stop_by_clicking(panel, simulator):
    assert panel.state.mode == "simulated"
    assert GPU_IMAGE in [value for _, value in panel._ui.image.options]
    seen = []
    panel.state.observe(lambda change: seen.append(change["new"]), "status")

    panel._ui.image.value = GPU_IMAGE  # as if picked in the dropdown
    panel._ui.share.value = NOTEBOOK_LINK  # as if typed
    assert panel.state.image_id == GPU_IMAGE
    assert panel.state.share_url_b64 == "aHR0cHM6Ly9yYXcuZ2l0aHVidXNlcmNvbnRlbnQuY29tL29yZy9yZXBvL21haW4vZGVtby5pcHluYg=="
    assert "Base64" in panel._ui.share_feedback.value

    panel._ui.open_button.click()
    assert panel.state.notebook_id
    assert not panel._ui.open_button.disabled  # re-enabled once the open call returned
    wait_for(lambda: panel.state.status == "RUNNING", what="RUNNING")  # the event thread moves it: nothing here asks
    assert panel.state.progress == 100
    assert panel.state.url and panel.state.url in panel._ui.link.value
    assert panel.state.notebook["image"]["id"] == GPU_IMAGE
    assert seen[0] in ("INIT", "CREATING") and seen[-1] == "RUNNING"
    assert all(step["status"] == "COMPLETED" for step in panel.state.notebook["action_progress"])
    assert 3500 <= panel.state.remaining_seconds <= 3600
    first = panel.state.remaining_seconds
    wait_for(lambda: panel.state.remaining_seconds < first, what="the countdown to tick")
    assert re.search(r"Stops automatically in</b> 00:\d\d:\d\d, stops at \d\d:\d\d", panel._ui.countdown.value)
    instance = simulator.control("GET", "state")["instances"][0]
    assert instance["description"] == "https://raw.githubusercontent.com/org/repo/main/demo.ipynb"

    panel._ui.hours.value = 3
    before = panel.state.remaining_seconds
    panel._ui.extend_button.click()
    assert panel.state.error == ""
    assert before + 3 * 3600 - 60 <= panel.state.remaining_seconds <= before + 3 * 3600  # 3 h later than it was

    panel._ui.stop_button.click()  # asks first (tested on its own below)
    panel._ui.stop_confirm.click()
    wait_for(lambda: panel.state.status == "STOPPED", what="STOPPED")
    wait_for(lambda: panel.state.connection == "ended", what="the event stream to end after stopped")
    assert panel.state.actions == ["start"]  # the states table: a stopped instance can only be started
    assert shown(panel._ui.start_button) and not shown(panel._ui.extend_button) and not shown(panel._ui.stop_button)
    assert not shown(panel._ui.open_button)
    assert panel._ui.countdown.value == ""  # no countdown: it does not run
    panel._ui.start_button.click()
    wait_for(lambda: panel.state.status == "RUNNING", what="RUNNING again after Start")
    assert shown(panel._ui.extend_button) and shown(panel._ui.stop_button) and not shown(panel._ui.start_button)


def test_failure_is_shown_in_words_with_the_step(panel, simulator):
    simulator.control(
        "POST", "faults", {"kind": "create_failed", "fail_reason": "Insufficient resources in the free pool", "at_step": 2}
    )
    panel.open_instance()
    assert panel.wait(timeout=30) == "CREATE_FAILED"
    assert panel.state.error == (
        "Creation failed at step 2 (Prepare the compute resource): Insufficient resources in the free pool. "
        "The instance could not be created. Open again to retry, or pick another image."
    )
    assert "Insufficient resources in the free pool" in panel._ui.error.value
    assert panel._ui.bar.bar_style == "danger"
    assert "Insufficient resources" in panel._repr_mimebundle_()["text/plain"]


def test_upstream_error_on_open_keeps_the_code(panel, simulator):
    simulator.control("POST", "faults", {"kind": "error", "route": "open", "status": 400, "error_code": "ModelArts.6360",
                                         "error_msg": "Insufficient resources."})  # fmt: skip
    assert panel.open_instance() is None
    assert panel.state.error_code == "ModelArts.6360"
    assert "ModelArts.6360" in panel._ui.error.value
    assert not panel._ui.open_button.disabled and not panel.state.busy


def test_a_bad_link_is_refused_inline_and_nothing_is_opened(panel, simulator):
    panel.state.share_url = "ftp://example.com/notebook.ipynb"
    assert "http(s) link" in panel._ui.share_feedback.value
    assert panel._ui.open_button.disabled
    assert panel.open_instance() is None
    assert "Notebook link must be an http(s) link" in panel.state.error
    assert simulator.control("GET", "state")["instances"] == []
    panel.state.share_url = NOTEBOOK_LINK
    assert not panel._ui.open_button.disabled


def test_reopening_a_stopped_instance_starts_it_again(panel, simulator):
    panel.open_instance()
    assert panel.wait(timeout=30) == "RUNNING"
    first_id = panel.state.notebook_id
    panel.stop_instance()
    assert panel.wait(timeout=30, until=("STOPPED",)) == "STOPPED"
    panel.open_instance()
    assert panel.wait(timeout=30) == "RUNNING"
    assert panel.state.notebook_id == first_id


def test_text_fallback_where_widgets_cannot_render(panel):
    bundle = panel._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"].startswith("ModelArts CodeLab: no instance opened yet.")
    panel.open_instance()
    panel.wait(timeout=30)
    bundle = panel._repr_mimebundle_()
    assert "Running, 100%" in bundle["text/plain"]
    assert "Open: http" in bundle["text/plain"]
    assert "<a href=" in bundle["text/html"] and "Running" in bundle["text/html"]
    assert repr(panel).startswith("<CodeLabPanel ")


def test_close_stops_the_background_threads(direct_backend):
    before = set(threading.enumerate())
    panel = CodeLabPanel(backend=direct_backend)
    panel.open_instance()
    threads = [t for t in threading.enumerate() if t not in before and t.name.startswith("codelab-")]
    assert sorted(t.name.split("-")[1] for t in threads) == ["countdown", "events"]  # the ticker and the watcher
    panel.close()
    assert not any(thread.is_alive() for thread in threads)


def test_the_countdown_warns_before_the_automatic_stop(panel, simulator, monkeypatch):
    from dataclasses import replace

    from jupyter_codelab.client import direct_backend

    quick = replace(direct_backend.DIRECT_POLL, fast=0.2, slow=0.2)
    monkeypatch.setattr(direct_backend, "DIRECT_POLL", quick)  # see the lease change at once
    panel.open_instance()
    assert panel.wait(timeout=30) == "RUNNING"
    assert "extend it to keep working" not in panel._ui.countdown.value
    simulator.control("POST", f"notebooks/{panel.state.notebook_id}/expire", {"in_seconds": 120})
    wait_for(
        lambda: panel.state.remaining_seconds is not None and panel.state.remaining_seconds <= 120, what="the shortened lease"
    )
    assert "extend it to keep working" in panel._ui.countdown.value
    panel.extend_lease(2)
    assert "extend it to keep working" not in panel._ui.countdown.value
