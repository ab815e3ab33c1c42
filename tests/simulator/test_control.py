"""The ``/_simulator/`` control API and the per-route call counters."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import tempfile
from types import SimpleNamespace

import pytest
from simclient import Api, open_running

from jupyter_codelab.simulator import DEMO_ACCESS_KEY, DEMO_PROJECT_ID, DEMO_SECRET_KEY


async def test_every_route_is_counted_by_name_and_path(alice):
    running = await open_running(alice)  # open + get
    path = f"/notebooks/{running['id']}"
    await alice.get("/notebooks?feature=DEFAULT")
    await alice.get("/images")
    await alice.get(path + "/lease")
    await alice.call("PATCH", alice.v1(path + "/lease"), {"duration": 7200000})
    await alice.post(path + "/stop")
    alice.sim.clock.advance(5)
    await alice.post(path + "/start")
    await alice.post(path + "/start")  # refused (STARTING), still a call
    await alice.call("DELETE", alice.v1(path))
    await Api(alice.sim).call("POST", "/v3/auth/tokens", {}, sign=False)
    expected = {"open": 1, "get": 1, "list": 1, "images": 1, "lease": 1, "renew": 1, "stop": 1, "start": 2,
                "delete": 1, "auth": 1}  # fmt: skip
    assert dict(alice.sim.calls) == expected
    calls = (await alice.control("GET", "/state")).body["calls"]
    assert {name: calls[name] for name in expected} == expected
    assert calls["GET /notebooks/{id}"] == 1 and calls["POST /notebooks/{id}/start"] == 2
    assert calls["PATCH /notebooks/{id}/lease"] == 1 and calls["POST /notebooks/open"] == 1


async def test_rejected_calls_are_counted_too(alice):
    await Api(alice.sim, project_id=alice.project_id).get("/images")  # 401
    alice.sim.faults.add(kind="throttle", route="images")
    await alice.get("/images")  # 429
    assert alice.sim.calls["images"] == 2


async def test_state_shows_instances_without_secrets(alice):
    running = await open_running(alice)
    state = (await alice.control("GET", "/state")).body
    assert set(state) >= {"instances", "calls", "faults", "config"}
    [instance] = state["instances"]
    assert instance["id"] == running["id"] and instance["status"] == "RUNNING" and instance["owner"] == "alice"
    assert [step["phase"] for step in instance["history"]] == ["CREATING", "RUNNING"]
    assert state["config"]["step_seconds"] == 2.0
    assert {user["user_name"] for user in state["users"]} == {"alice", "bob", "carol"}


async def test_config_changes_timing_and_refuses_bad_values(alice):
    reply = await alice.control("POST", "/config", {"step_seconds": 0, "stop_seconds": 0, "default_lease_ms": 7200000})
    assert reply.status == 200 and reply.body["step_seconds"] == 0 and reply.body["default_lease_ms"] == 7200000
    opened = await alice.open()
    assert opened.body["lease"]["duration"] == 7200000
    assert (await alice.get(f"/notebooks/{opened.body['id']}")).body["status"] == "RUNNING"
    for bad in ({"step_seconds": -1}, {"default_lease_ms": 1000}, {"warp": 9}, {"stop_seconds": "fast"}):
        refused = await alice.control("POST", "/config", bad)
        assert refused.status == 400, bad
        assert next(iter(bad)) in refused.body["error_msg"]
    assert (await alice.control("GET", "/config")).body["step_seconds"] == 0


async def test_expire_ends_the_lease(alice):
    running = await open_running(alice)
    reply = await alice.control("POST", f"/notebooks/{running['id']}/expire", {"in_seconds": 30})
    assert reply.status == 200
    lease = reply.body["lease"]
    assert lease["create_at"] + lease["duration"] == alice.sim.clock.now_ms() + 30_000
    alice.sim.clock.advance(30)  # auto-stop: RUNNING -> STOPPING (stop_seconds) -> STOPPED
    assert (await alice.get(f"/notebooks/{running['id']}")).body["status"] == "STOPPING"
    alice.sim.clock.advance(1)
    assert (await alice.get(f"/notebooks/{running['id']}")).body["status"] == "STOPPED"


async def test_expire_now_and_unknown_notebook(alice):
    running = await open_running(alice)
    reply = await alice.control("POST", f"/notebooks/{running['id']}/expire", {"in_seconds": 0})
    assert reply.body["status"] == "STOPPING"
    assert (await alice.control("POST", "/notebooks/nope/expire", {"in_seconds": 0})).status == 404
    assert (await alice.control("POST", f"/notebooks/{running['id']}/expire", {})).status == 400


async def test_clock_advance(alice):
    opened = await alice.open()
    reply = await alice.control("POST", "/clock", {"advance_seconds": 8})
    assert reply.status == 200 and reply.body["offset_seconds"] == 8
    assert (await alice.get(f"/notebooks/{opened.body['id']}")).body["status"] == "RUNNING"
    assert (await alice.control("POST", "/clock", {"advance_seconds": -1})).status == 400


async def test_reset_forgets_instances_faults_counters_and_config(alice):
    await alice.control("POST", "/config", {"step_seconds": 0})
    opened = await alice.open()
    alice.sim.faults.add(kind="error", route="get")
    reply = await alice.control("POST", "/reset")
    assert reply.status == 200
    assert reply.body["instances"] == [] and reply.body["faults"] == [] and reply.body["config"]["step_seconds"] == 2.0
    assert not alice.sim.calls
    assert (await alice.get(f"/notebooks/{opened.body['id']}")).error_code == "ModelArts.6309"
    assert (await alice.open()).status == 201  # users survive a reset


def test_python_reset_and_counter_api(sim):
    sim.calls["get"] += 1
    sim.faults.add(kind="reset", route="get")
    sim.reset()
    assert not sim.calls and len(sim.faults) == 0


async def test_one_poll_per_interval_is_countable(alice):
    """How a watcher test checks its upstream load: count GETs over a known number of intervals."""
    opened = await alice.open()
    before = alice.sim.calls["get"]
    for _ in range(3):
        await alice.get(f"/notebooks/{opened.body['id']}")
    assert alice.sim.calls["get"] - before == 3


# -- standalone runner ------------------------------------------------------------------------
def _start_standalone(*args: str) -> tuple[subprocess.Popen, str]:
    log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 - outlives this function: the caller reads and closes it
    process = subprocess.Popen(
        [sys.executable, "-m", "jupyter_codelab.simulator", "--port", "0", *args],
        stdout=subprocess.PIPE, stderr=log, text=True,
    )  # fmt: skip
    line = process.stdout.readline()
    if "listening at" not in line:
        process.kill()
        log.seek(0)
        raise AssertionError(f"no endpoint announced: {line!r} {log.read()!r}")
    return process, line.split("listening at", 1)[1].strip()


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
    process.stdout.close()


async def test_standalone_serves_the_demo_credentials(jp_asyncio_loop):
    loop = asyncio.get_running_loop()
    process, endpoint = await loop.run_in_executor(None, _start_standalone, "--step-seconds", "0")
    try:
        api = Api(
            SimpleNamespace(endpoint=endpoint), access_key=DEMO_ACCESS_KEY, secret_key=DEMO_SECRET_KEY, project_id=DEMO_PROJECT_ID
        )
        opened = await api.open()
        assert opened.status == 201, opened.text
        assert (await api.get(f"/notebooks/{opened.body['id']}")).body["status"] == "RUNNING"
    finally:
        await loop.run_in_executor(None, _stop, process)


async def test_standalone_with_given_credentials(jp_asyncio_loop):
    loop = asyncio.get_running_loop()
    project = "f" * 32
    process, endpoint = await loop.run_in_executor(
        None, _start_standalone, "--ak", "MYACCESSKEY000000001", "--sk", "my-secret", "--project-id", project
    )
    try:
        api = Api(SimpleNamespace(endpoint=endpoint), access_key="MYACCESSKEY000000001", secret_key="my-secret",
                  project_id=project)  # fmt: skip
        assert (await api.get("/images")).status == 200
        demo = Api(SimpleNamespace(endpoint=endpoint), access_key=DEMO_ACCESS_KEY, secret_key=DEMO_SECRET_KEY,
                   project_id=project)  # fmt: skip
        assert (await demo.get("/images")).error_code == "APIGW.0301"
    finally:
        await loop.run_in_executor(None, _stop, process)


@pytest.mark.parametrize("args", [["--ak", "ONLYAK"], ["--project-id", "short"]])
def test_standalone_refuses_bad_arguments(args):
    result = subprocess.run(
        [sys.executable, "-m", "jupyter_codelab.simulator", "--port", "0", *args],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "error" in result.stderr
