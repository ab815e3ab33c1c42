"""INIT -> CREATING -> STARTING -> RUNNING, auto-stop, stop/start and the wrong-state codes."""

from __future__ import annotations

import pytest
from simclient import ALICE, Api, FrozenClock, open_running, wait_for

from jupyter_codelab.simulator import Simulator, SimulatorConfig


def steps(body: dict) -> list[str]:
    return [step["status"] for step in body["action_progress"]]


async def test_steps_walk_with_the_clock(alice):
    opened = await alice.open()
    path = f"/notebooks/{opened.body['id']}"
    seen = []
    for _ in range(5):
        body = (await alice.get(path)).body
        seen.append((body["status"], steps(body)))
        alice.sim.clock.advance(2.0)
    assert seen == [
        ("CREATING", ["PROCESSING", "WAITING", "WAITING", "WAITING"]),
        ("CREATING", ["COMPLETED", "PROCESSING", "WAITING", "WAITING"]),
        ("CREATING", ["COMPLETED", "COMPLETED", "PROCESSING", "WAITING"]),
        ("STARTING", ["COMPLETED", "COMPLETED", "COMPLETED", "PROCESSING"]),
        ("RUNNING", ["COMPLETED"] * 4),
    ]
    descriptions = [step["description"] for step in body["action_progress"]]
    assert descriptions == ["Prepare the storage.", "Prepare the compute resource.", "Configuring the network.",
                            "Initialize the notebook instance."]  # fmt: skip
    assert body["update_at"] == opened.body["create_at"] + 8000


async def test_init_phase_when_configured(alice):
    alice.sim.configure(init_seconds=1.0)
    opened = await alice.open()
    assert opened.body["status"] == "INIT" and steps(opened.body) == ["WAITING"] * 4
    path = f"/notebooks/{opened.body['id']}"
    assert (await alice.get(path)).body["status"] == "INIT"
    alice.sim.clock.advance(1.0)
    assert (await alice.get(path)).body["status"] == "CREATING"


async def test_zero_step_seconds_is_running_at_the_next_read(alice):
    alice.sim.configure(step_seconds=0)
    opened = await alice.open()
    assert opened.body["status"] == "CREATING" and steps(opened.body) == ["WAITING"] * 4
    detail = await alice.get(f"/notebooks/{opened.body['id']}")
    assert detail.body["status"] == "RUNNING" and steps(detail.body) == ["COMPLETED"] * 4


async def test_real_clock_small_steps_reach_running(jp_asyncio_loop):
    sim = Simulator(SimulatorConfig(step_seconds=0.05, stop_seconds=0.05))
    sim.add_user(user_name="alice", **ALICE)
    sim.listen()
    try:
        alice = Api(sim, **ALICE)
        opened = await alice.open()
        path = f"/notebooks/{opened.body['id']}"

        async def running():
            body = (await alice.get(path)).body
            return body if body["status"] == "RUNNING" else None

        body = await wait_for(running)
        assert body["url"] == f"{sim.endpoint}/_simulator/lab/{opened.body['id']}"
        assert (await alice.post(path + "/stop")).body["status"] == "STOPPING"

        async def stopped():
            return (await alice.get(path)).body["status"] == "STOPPED"

        await wait_for(stopped)
    finally:
        await sim.close()


async def test_auto_stop_when_the_lease_ends(alice):
    running = await open_running(alice)
    lease_end = running["lease"]["create_at"] + running["lease"]["duration"]
    path = f"/notebooks/{running['id']}"
    alice.sim.clock.advance((lease_end - alice.sim.clock.now_ms()) / 1000 - 1)
    assert (await alice.get(path)).body["status"] == "RUNNING"
    alice.sim.clock.advance(1)
    stopping = (await alice.get(path)).body  # auto-stop goes RUNNING -> STOPPING -> STOPPED
    assert stopping["status"] == "STOPPING" and stopping["update_at"] == lease_end
    assert "url" in stopping  # the StopNotebook example carries url while STOPPING: url does not mean RUNNING
    alice.sim.clock.advance(1)
    stopped = (await alice.get(path)).body
    assert stopped["status"] == "STOPPED" and stopped["update_at"] == lease_end + 1000


async def test_short_default_lease(alice):
    alice.sim.configure(step_seconds=0, default_lease_ms=3600000)
    opened = await alice.open()
    alice.sim.clock.advance(3599.999)
    assert (await alice.get(f"/notebooks/{opened.body['id']}")).body["status"] == "RUNNING"
    alice.sim.clock.advance(0.001)
    assert (await alice.get(f"/notebooks/{opened.body['id']}")).body["status"] == "STOPPING"
    alice.sim.clock.advance(1)
    assert (await alice.get(f"/notebooks/{opened.body['id']}")).body["status"] == "STOPPED"


async def test_stop_then_start(alice):
    running = await open_running(alice)
    path = f"/notebooks/{running['id']}"
    stopping = await alice.post(path + "/stop")
    assert stopping.status == 200 and stopping.body["status"] == "STOPPING"
    assert (await alice.post(path + "/stop")).error_code == "ModelArts.6308"
    assert (await alice.post(path + "/start")).error_code == "ModelArts.6308"
    alice.sim.clock.advance(1)
    assert (await alice.get(path)).body["status"] == "STOPPED"
    assert (await alice.post(path + "/stop")).error_code == "ModelArts.6307"

    now = alice.sim.clock.now_ms()
    starting = await alice.post(path + "/start?duration=7200000&type=TIMING")
    assert starting.status == 200 and starting.body["status"] == "STARTING"
    assert starting.body["lease"]["create_at"] == now and starting.body["lease"]["duration"] == 7200000
    assert (await alice.post(path + "/start")).error_code == "ModelArts.6306"
    alice.sim.clock.advance(1)
    assert (await alice.get(path)).body["status"] == "RUNNING"
    refused = await alice.post(path + "/start")
    assert (refused.status, refused.error_code) == (400, "ModelArts.6305")


async def test_start_default_duration_is_the_default_lease(alice):
    running = await open_running(alice)
    path = f"/notebooks/{running['id']}"
    await alice.post(path + "/stop")
    alice.sim.clock.advance(1)
    started = await alice.post(path + "/start")
    assert started.body["lease"]["duration"] == 3600000


@pytest.mark.parametrize(
    ("duration", "code"),
    [("3599999", "ModelArts.6349"), ("259200001", "ModelArts.6349"), ("0", "ModelArts.6346"), ("soon", "ModelArts.6332")],
)
async def test_start_duration_bounds(alice, duration, code):
    running = await open_running(alice)
    path = f"/notebooks/{running['id']}"
    await alice.post(path + "/stop")
    alice.sim.clock.advance(1)
    reply = await alice.post(path + f"/start?duration={duration}")
    assert (reply.status, reply.error_code) == (400, code), reply.text
    assert (await alice.get(path)).body["status"] == "STOPPED"


async def test_start_with_duration_minus_one_has_no_auto_stop(alice):
    """golangsdk and Terraform start billed instances with ?duration=-1: no auto-stop."""
    running = await open_running(alice)
    path = f"/notebooks/{running['id']}"
    await alice.post(path + "/stop")
    alice.sim.clock.advance(1)
    started = await alice.post(path + "/start?duration=-1")
    assert started.status == 200 and started.body["lease"]["enable"] is False, started.text
    alice.sim.clock.advance(80 * 3600)
    assert (await alice.get(path)).body["status"] == "RUNNING"


async def test_operations_while_creating_are_6357(alice):
    opened = await alice.open()
    path = f"/notebooks/{opened.body['id']}"
    for reply in (
        await alice.post(path + "/stop"),
        await alice.post(path + "/start"),
        await alice.call("PATCH", alice.v1(path + "/lease"), {"duration": 7200000}),
        await alice.call("DELETE", alice.v1(path)),
    ):
        assert (reply.status, reply.error_code) == (400, "ModelArts.6357"), reply.text


async def test_create_failed_instance_is_replaced_on_open(alice):
    alice.sim.faults.add(kind="create_failed", at_step=1, fail_reason="No free resources.")
    failed = await alice.open()
    alice.sim.clock.advance(2)
    detail = (await alice.get(f"/notebooks/{failed.body['id']}")).body
    assert detail["status"] == "CREATE_FAILED" and detail["fail_reason"] == "No free resources."
    replaced = await alice.open()
    assert replaced.status == 201 and replaced.body["id"] != failed.body["id"]
    assert (await alice.get(f"/notebooks/{failed.body['id']}")).error_code == "ModelArts.6309"


async def test_injected_clock_and_embedding_api(jp_asyncio_loop):
    clock = FrozenClock()
    sim = Simulator(SimulatorConfig(step_seconds=1, clock=clock))
    assert sim.clock is clock and sim.endpoint is None
    sim.add_user(user_name="alice", **ALICE)
    port = sim.listen(port=0, address="127.0.0.1")
    assert sim.endpoint == f"http://127.0.0.1:{port}"
    with pytest.raises(RuntimeError):
        sim.listen()
    alice = Api(sim, **ALICE)
    opened = await alice.open()
    clock.advance(4)
    assert (await alice.get(f"/notebooks/{opened.body['id']}")).body["status"] == "RUNNING"
    assert sim.calls["open"] == 1 and sim.calls["get"] == 1
    sim.stop()
    with pytest.raises(OSError):
        await alice.get("/images")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"access_key": "AK", "project_id": "a" * 32},  # no secret key
        {"project_id": "a" * 32},  # neither keys nor password
        {"access_key": "AK", "secret_key": "SK", "project_id": "not-a-project"},
        {"password": "pw", "project_id": "a" * 32, "security_token": "token"},
    ],
)
def test_add_user_rejects_incomplete_credentials(kwargs):
    with pytest.raises(ValueError):
        Simulator().add_user(**kwargs)


def test_config_is_validated():
    with pytest.raises(ValueError, match="step_seconds"):
        SimulatorConfig(step_seconds=-1)
    with pytest.raises(ValueError, match="default_lease_ms"):
        SimulatorConfig(default_lease_ms=60_000)
    with pytest.raises(ValueError, match="Unknown config"):
        Simulator().configure(speed=3)
