"""Every ModelArts status, a vanished instance, 6360 on start and 0113 on open, as
`jupyter codelab status|start|open` show them (a child process, DirectBackend, the real
simulator driven through its control API)."""

from __future__ import annotations

import json
import re

import pytest

from jupyter_codelab.modelarts.errors import ADVICE_BY_CODE
from tests.support.status_faults import CASES, DELETED_FAULT, OPEN_0113, START_6360, VANISHED_SENTENCE


def open_running(codelab) -> dict:
    done = codelab("open", "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def stopped(codelab, simulator) -> None:
    assert codelab("stop").returncode == 0
    done = codelab("status", "--json")
    while json.loads(done.stdout)["status"] == "STOPPING":
        done = codelab("status", "--json")
    assert json.loads(done.stdout)["status"] == "STOPPED"


@pytest.mark.parametrize("case", CASES, ids=[case.status for case in CASES])
def test_each_status_in_jupyter_codelab_status(codelab, simulator, case):
    notebook = open_running(codelab)
    if case.needs_start:
        stopped(codelab, simulator)
    for fault in case.faults:
        simulator.control("POST", "faults", fault)
    if case.needs_start:  # the start waits and fails with the reason and what to run next
        done = codelab("start", "--json")
        assert done.returncode == 1
        message = f"Start failed: {case.reason}. {case.sentence} {case.next_line('jupyter codelab')}."
        assert done.stderr.splitlines()[-1] == f"jupyter codelab start: error: {message}"  # after the progress lines
        error = json.loads(done.stdout)["error"]
        assert error["status"] == "START_FAILED" and error["actions"] == case.actions and error["fail_reason"] == case.reason

    done = codelab("status")
    assert done.returncode == 0
    lines = done.stdout.rstrip().splitlines()
    assert lines[0].endswith(f" - {case.words}") and f"[{case.status}]" not in done.stdout
    assert case.sentence in done.stdout and (case.reason or "") in done.stdout
    expected = case.next_line("jupyter codelab")
    if expected:
        assert lines[-1] == expected
    else:
        assert "Next:" not in done.stdout and "codelab start" not in done.stdout
    as_json = json.loads(codelab("status", "--json").stdout)
    assert as_json["id"] == notebook["id"] and as_json["status"] == case.status

    if case.vanishes:
        simulator.control("POST", "faults", DELETED_FAULT)
        assert_status_says_vanished(codelab)


def assert_status_says_vanished(codelab):
    done = codelab("status")
    assert done.returncode == 1
    assert done.stdout.splitlines()[1:] == [VANISHED_SENTENCE, "Next: jupyter codelab open"]
    again = codelab("status", "--json")  # said once; then there is just none
    assert again.returncode == 1 and json.loads(again.stdout) is None and "No CodeLab instance yet" in again.stderr


def test_a_vanished_instance(codelab, simulator):
    open_running(codelab)
    simulator.reset()  # deleted elsewhere, or the service reset: 400 ModelArts.6309 from now on
    assert_status_says_vanished(codelab)
    open_running(codelab)
    simulator.reset()
    done = codelab("stop")
    assert done.returncode == 2
    assert "There is no CodeLab instance to stop: The instance no longer exists" in done.stderr
    assert done.stderr.rstrip().endswith("Open a new one with jupyter codelab open.")


def test_6360_on_start(codelab, simulator):
    open_running(codelab)
    stopped(codelab, simulator)
    simulator.control("POST", "faults", START_6360)
    done = codelab("start", "--json")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    match = re.search(
        r"No free resources right now: try again in a few minutes\. \[ModelArts\.6360, request id (\S+)\]", done.stderr
    )
    assert match, done.stderr
    error = json.loads(done.stdout)["error"]
    assert error["error_code"] == "ModelArts.6360" and error["request_id"] == match.group(1)
    status = codelab("status")
    assert " - Stopped" in status.stdout and status.stdout.rstrip().endswith("Next: jupyter codelab start")


def test_quota_0113_on_open(codelab, simulator):
    simulator.control("POST", "faults", OPEN_0113)
    done = codelab("open", "--json")
    assert done.returncode == 1
    error = json.loads(done.stdout)["error"]
    assert error["error_code"] == "ModelArts.0113" and error["request_id"]
    assert f"{ADVICE_BY_CODE['ModelArts.0113']} [ModelArts.0113, request id {error['request_id']}]" in done.stderr
    status = codelab("status")
    assert status.returncode == 1 and status.stdout.splitlines()[-1] == "Next: jupyter codelab open"


def test_start_without_auto_stop_and_mistakes(codelab, simulator):
    assert codelab("start", "--hours", "2", "--no-auto-stop").returncode == 2
    missing = codelab("start")
    assert (
        missing.returncode == 2
        and "There is no CodeLab instance to start: open one first with jupyter codelab open." in missing.stderr
    )
    open_running(codelab)
    stopped(codelab, simulator)
    done = codelab("start", "--no-auto-stop")
    assert done.returncode == 0, done.stderr
    assert "No auto-stop: the instance runs until you stop it." in done.stdout and "Stops automatically in" not in done.stdout
    assert simulator.control("GET", "state")["instances"][0]["lease"]["enable"] is False
