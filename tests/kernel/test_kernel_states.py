"""Every ModelArts status, a vanished instance and an image switch, as the panel and
`%codelab status` show them: in-process IPython, DirectBackend, the real simulator driven
through its control API."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from codelab_wait import wait_for
from IPython.core.error import UsageError

from jupyter_codelab.client import direct_backend as direct_backend_module
from jupyter_codelab.client.errors import CodeLabError
from jupyter_codelab.kernel.panel_registry import current_panel
from tests.support.status_faults import CASES, DELETED_FAULT, OPEN_0113, START_6360, VANISHED_SENTENCE

GPU_IMAGE = "2c113b99-72ef-4bd0-bbcc-0d711b39127b"  # pytorch1.8-cuda10.2 in the simulator's catalogue
LINK = "https://github.com/org/repo/blob/main/demo.ipynb"
CONTROLS = ("open_button", "image", "share", "start_button", "extend_button", "stop_button")
OFFERED_BY = {
    "open_button": "open",
    "image": "open",
    "share": "open",
    "start_button": "start",
    "extend_button": "extend",
    "stop_button": "stop",
}


@pytest.fixture(autouse=True)
def quick_polls(monkeypatch):
    quick = replace(direct_backend_module.DIRECT_POLL, fast=0.2, slow=0.2)
    monkeypatch.setattr(direct_backend_module, "DIRECT_POLL", quick)  # see faults on a running instance at once


def shown(panel) -> set[str]:
    return {name for name in CONTROLS if getattr(panel._ui, name).layout.display != "none"}


def controls_for(actions) -> set[str]:
    return {name for name, action in OFFERED_BY.items() if action in actions}


def open_running(ipython):
    ipython.run_line_magic("codelab", "open")
    panel = current_panel()
    assert panel.state.status == "RUNNING"
    return panel


def status_magic(ipython, capsys) -> str:
    capsys.readouterr()
    ipython.run_line_magic("codelab", "status")
    return capsys.readouterr().out


@pytest.mark.parametrize("case", CASES, ids=[case.status for case in CASES])
def test_each_status_in_the_panel_and_the_status_magic(ipython, simulator, capsys, case):
    panel = open_running(ipython)
    try:
        if case.needs_start:
            ipython.run_line_magic("codelab", "stop")
            assert panel.wait(timeout=30, until=("STOPPED",)) == "STOPPED"
        for fault in case.faults:
            simulator.control("POST", "faults", fault)
        if case.needs_start:
            panel._ui.start_button.click()
        wait_for(lambda: panel.state.status == case.status, what=case.status)

        assert panel.state.actions == case.actions  # the states table's, nothing made up
        assert case.sentence in panel.state.sentence and (case.reason or "") in panel.state.sentence
        assert shown(panel) == controls_for(case.actions)
        assert f"<b>Status:</b> {case.words}" in panel._ui.status.value and case.status not in panel._ui.status.value
        text = panel.summary_text()  # the text fallback
        assert f" - {case.words}" in text and case.sentence in text

        out = status_magic(ipython, capsys)
        assert f" - {case.words}" in out and case.sentence in out and f"[{case.status}]" not in out
        assert (case.reason or "") in out
        expected = case.next_line("%codelab")
        if expected:
            assert out.rstrip().splitlines()[-1] == expected
        else:
            assert "Next:" not in out and "%codelab start" not in out

        if case.vanishes:  # DELETING -> DELETED: gone; the panel is back to the open form
            simulator.control("POST", "faults", DELETED_FAULT)
            wait_for(lambda: panel.state.vanished, what="the panel to notice the deletion")
            assert_back_to_the_open_form(panel)
            assert_status_says_vanished(ipython, capsys)
    finally:
        panel.close()


def assert_back_to_the_open_form(panel):
    assert panel.state.notebook_id is None and panel.state.status == "" and panel.state.url is None
    assert panel.state.notice == VANISHED_SENTENCE and panel.state.actions == ["open"]
    assert shown(panel) == {"open_button", "image", "share"}
    assert VANISHED_SENTENCE in panel._ui.notice.value
    assert VANISHED_SENTENCE in panel.summary_text() and VANISHED_SENTENCE in panel._repr_mimebundle_()["text/html"]


def assert_status_says_vanished(ipython, capsys):
    out = status_magic(ipython, capsys)
    assert out.splitlines()[1:] == [VANISHED_SENTENCE, "Next: %codelab open"]
    assert "no instance opened yet" in status_magic(ipython, capsys)  # said once; after that there is just none


def test_a_vanished_instance_panel_and_magics(ipython, simulator, capsys):
    panel = open_running(ipython)
    try:
        simulator.reset()  # deleted elsewhere, or the service reset: 400 ModelArts.6309 from now on
        wait_for(lambda: panel.state.vanished, what="the panel to notice")
        assert_back_to_the_open_form(panel)
        assert_status_says_vanished(ipython, capsys)
    finally:
        panel.close()
    open_running(ipython).close()
    simulator.reset()
    vanished = (
        "There is no CodeLab instance to extend: The instance no longer exists (deleted elsewhere, or the service was reset)."
    )
    with pytest.raises(UsageError, match=re.escape(vanished + " Open a new one with %codelab open.")):
        ipython.run_line_magic("codelab", "extend --hours 2")


def test_6360_on_start_keeps_the_stopped_instance_and_the_start_suggestion(ipython, simulator, capsys):
    panel = open_running(ipython)
    try:
        ipython.run_line_magic("codelab", "stop")
        assert panel.wait(timeout=30, until=("STOPPED",)) == "STOPPED"
        simulator.control("POST", "faults", START_6360)
        with pytest.raises(CodeLabError) as caught:
            ipython.run_line_magic("codelab", "start")
        error = caught.value
        assert error.error_code == "ModelArts.6360" and error.request_id
        assert "No free resources right now: try again in a few minutes." in str(error)
        assert f"request id {error.request_id}" in str(error) and error._render_traceback_() == [f"CodeLab: {error.describe()}"]

        simulator.control("POST", "faults", START_6360)
        panel._ui.start_button.click()
        assert panel.state.error_code == "ModelArts.6360" and "request id" in panel.state.error
        assert panel.state.status == "STOPPED" and shown(panel) == {"start_button"}
        out = status_magic(ipython, capsys)
        assert " - Stopped" in out and out.rstrip().endswith("Next: %codelab start")
    finally:
        panel.close()


def test_quota_0113_on_open(ipython, simulator, capsys):
    simulator.control("POST", "faults", OPEN_0113)
    with pytest.raises(CodeLabError) as caught:
        ipython.run_line_magic("codelab", "open --no-wait")
    assert caught.value.error_code == "ModelArts.0113" and caught.value.request_id
    assert "The quota is exhausted" in str(caught.value) and "request id" in str(caught.value)
    panel = current_panel()
    try:
        assert panel.state.error_code == "ModelArts.0113" and panel.state.notebook_id is None
        assert shown(panel) == {"open_button", "image", "share"}
        assert status_magic(ipython, capsys).splitlines()[-1] == "Next: %codelab open"
        assert simulator.control("GET", "state")["instances"] == []
    finally:
        panel.close()


def test_opening_with_another_image_switches_the_instance_and_says_so(ipython, simulator, capsys):
    first = open_running(ipython)
    first.close()
    capsys.readouterr()
    ipython.run_line_magic("codelab", f"open --image {GPU_IMAGE}")
    out = capsys.readouterr().out
    note = f"Switched your CodeLab instance from image {first.state.notebook['image']['name']} to pytorch1.8-cuda10.2-cudnn7-ubuntu18.04; it restarts."
    assert note in out and "is running: http" in out
    panel = current_panel()
    try:
        assert panel.state.notice == note and note in panel._ui.notice.value
        assert panel.state.notebook_id == first.state.notebook_id and panel.state.notebook["image"]["id"] == GPU_IMAGE
        assert [i["image"]["id"] for i in simulator.control("GET", "state")["instances"]] == [GPU_IMAGE]
    finally:
        panel.close()
    ipython.run_line_magic("codelab", f"open --image {GPU_IMAGE} --share-url {LINK}")
    assert f"Loaded the notebook {LINK} into the running instance." in capsys.readouterr().out
    current_panel().close()


def test_start_without_auto_stop(ipython, simulator, capsys):
    panel = open_running(ipython)
    panel.close()
    ipython.run_line_magic("codelab", "stop")
    wait_for(lambda: simulator.control("GET", "state")["instances"][0]["status"] == "STOPPED", what="STOPPED")
    ipython.run_line_magic("codelab", "start --no-auto-stop")
    started = current_panel()
    try:
        assert started.state.status == "RUNNING" and started.state.remaining_seconds is None
        assert started._ui.countdown.value == "No auto-stop: the instance runs until you stop it."  # the sidebar's words
        out = status_magic(ipython, capsys)
        assert "No auto-stop: the instance runs until you stop it." in out and "Stops automatically in" not in out
    finally:
        started.close()
