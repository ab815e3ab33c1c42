"""Each fault the simulator can inject, seen through every programmatic face.

For each: the REST API (what the sidebar fetches), the event stream as the kernel
face reads it (the same SSE stream the sidebar's EventSource reads), and the
`jupyter codelab status` command line agree on the final state and the message;
and ModelArts never saw a second instance opened.
"""

import json
import subprocess
import sys
import threading

import pytest

from jupyter_codelab.client.server_backend import ServerBackend

HOUR = 3_600_000


def cli_status(jupyter) -> dict:
    command = [
        sys.executable,
        "-m",
        "jupyter_codelab.cli",
        "status",
        "--json",
        "--server-url",
        jupyter.url,
        "--token",
        jupyter.token,
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=60, env={"PATH": "/usr/bin:/bin", "HOME": str(jupyter.root)}
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


FINAL_STATUS = {"ready": {"RUNNING"}, "stopped": {"STOPPED"}, "failed": {"CREATE_FAILED", "START_FAILED", "ERROR"}}


def reached(event, until_types) -> bool:
    """An event of one of those types, or a snapshot (after a reconnect) already in that state."""
    if event["type"] in until_types:
        return True
    status = (event.get("notebook") or {}).get("status")
    return event["type"] == "snapshot" and any(status in FINAL_STATUS.get(t, ()) for t in until_types)


def follow(jupyter, notebook_id, until_types, limit=60.0):
    """The kernel face's event stream until one of ``until_types`` (bounded by ``limit`` seconds)."""
    stream = ServerBackend.for_jupyter_server(jupyter.url, jupyter.token).events(notebook_id)
    timer = threading.Timer(limit, stream.close)
    timer.start()
    events = []
    try:
        for event in stream:
            events.append(event)
            if reached(event, until_types):
                break
    finally:
        timer.cancel()
        stream.close()
    assert events and reached(events[-1], until_types), [e["type"] for e in events]
    return events


def open_instance(jupyter, body=None):
    answer = jupyter.api("POST", "codelab/api/notebooks/open", json=body or {})
    assert answer.status_code == 200, answer.text
    return answer.json()


def assert_one_instance(upstream):
    state = upstream.state()
    assert len(state["instances"]) == 1, "a second instance was opened"


def assert_faces_agree(jupyter, notebook_id, status):
    rest = jupyter.api("GET", f"codelab/api/notebooks/{notebook_id}").json()
    cli = cli_status(jupyter)
    assert rest["status"] == status
    assert cli.get("notebook", cli).get("status", status) == status or json.dumps(cli).count(status)
    return rest


@pytest.mark.parametrize(
    "fault",
    [
        pytest.param(
            {
                "kind": "error",
                "route": "get",
                "status": 500,
                "error_code": "ModelArts.0010",
                "error_msg": "Internal error",
                "times": 6,
            },
            id="5xx",
        ),
        pytest.param({"kind": "throttle", "route": "get", "retry_after": 1, "times": 6}, id="429-APIG.0308"),
        pytest.param({"kind": "reset", "route": "get", "times": 6}, id="connection-reset"),
        pytest.param({"kind": "malformed", "route": "get", "times": 6}, id="malformed-json"),
        pytest.param({"kind": "latency", "route": "get", "seconds": 0.5, "times": 4}, id="latency"),
        pytest.param({"kind": "slow_steps", "route": "open", "step_seconds": 1.0}, id="slow-steps"),
    ],
)
def test_transient_faults_while_starting_end_running(jupyter, upstream, fault):
    upstream.control("POST", "faults", fault)
    notebook = open_instance(jupyter)
    events = follow(jupyter, notebook["id"], {"ready", "failed"})
    assert events[-1]["notebook"]["status"] == "RUNNING" and events[-1]["notebook"]["url"]
    troubles = [e for e in events if e["type"] in ("upstream_error", "reconnecting")]
    for trouble in troubles:  # said in words, with ModelArts' code where it gave one
        assert trouble["message"].endswith((".", "]")) and "Traceback" not in trouble["message"]
    assert_faces_agree(jupyter, notebook["id"], "RUNNING")
    assert_one_instance(upstream)


@pytest.mark.parametrize("kind", ["reset", "malformed", "error"])
def test_a_lost_open_answer_finds_the_instance_instead_of_opening_again(jupyter, upstream, kind):
    params = {"status": 504, "error_code": "APIG.1009", "error_msg": "Backend timeout"} if kind == "error" else {}
    upstream.control("POST", "faults", {"kind": kind, "route": "open", "after": True, **params})
    notebook = open_instance(jupyter)
    assert upstream.state()["calls"]["open"] == 1
    assert follow(jupyter, notebook["id"], {"ready"})[-1]["notebook"]["id"] == notebook["id"]
    assert_one_instance(upstream)


def test_create_failed_shows_the_reason_everywhere(jupyter, upstream):
    reason = "Insufficient resources in the free pool. Try again later."
    upstream.control("POST", "faults", {"kind": "create_failed", "fail_reason": reason, "at_step": 3})
    notebook = open_instance(jupyter)
    failed = follow(jupyter, notebook["id"], {"failed", "ready"})[-1]
    assert failed["notebook"]["status"] == "CREATE_FAILED" and failed["notebook"]["fail_reason"] == reason
    assert [s["status"] for s in failed["notebook"]["action_progress"]] == ["COMPLETED", "COMPLETED", "FAILED", "WAITING"]
    rest = assert_faces_agree(jupyter, notebook["id"], "CREATE_FAILED")
    assert rest["fail_reason"] == reason and reason in json.dumps(cli_status(jupyter))
    assert_one_instance(upstream)


def test_a_lease_expiring_while_watched_is_seen_as_stopped(jupyter, upstream):
    notebook = open_instance(jupyter)
    follow(jupyter, notebook["id"], {"ready"})
    upstream.control("POST", f"notebooks/{notebook['id']}/expire", {"in_seconds": 1})
    stopped = follow(jupyter, notebook["id"], {"stopped"})[-1]
    assert stopped["notebook"]["status"] == "STOPPED" and stopped["notebook"]["lease"]["remaining_ms"] == 0
    assert_faces_agree(jupyter, notebook["id"], "STOPPED")
    assert_one_instance(upstream)


def test_a_jupyter_restart_mid_open_resumes_without_a_second_instance(jupyter, upstream):
    upstream.control("POST", "faults", {"kind": "slow_steps", "step_seconds": 1.5})
    notebook = open_instance(jupyter)
    stream = ServerBackend.for_jupyter_server(jupyter.url, jupyter.token).events(notebook["id"])
    seen, done = [], threading.Event()

    def read():
        for event in stream:
            seen.append(event)
            if reached(event, {"ready"}):
                break
        done.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    jupyter.stop()  # the server dies while the instance starts
    jupyter.start()
    done.wait(60)
    stream.close()
    types = [e["type"] for e in seen]
    assert "reconnecting" in types and seen[-1]["notebook"]["status"] == "RUNNING", types
    again = open_instance(jupyter)  # what a reloaded sidebar or a re-run `%codelab open` does
    assert again["id"] == notebook["id"]
    assert upstream.state()["calls"]["open"] == 2
    assert_faces_agree(jupyter, notebook["id"], "RUNNING")
    assert_one_instance(upstream)
