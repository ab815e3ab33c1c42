"""Every status a user can meet, reached through the "status" fault (HTTP and Python) and the error fault."""

from __future__ import annotations

import pytest
from simclient import open_running

HOUR = 3_600_000
GPU_IMAGE = "2c113b99-72ef-4bd0-bbcc-0d711b39127b"
MSG_6360 = "Failed to start the notebook due to insufficient background resources. Try again later."  # error table


async def _status(api, notebook_id: str):
    return (await api.get(f"/notebooks/{notebook_id}")).body.get("status")


async def test_status_fault_over_http_applies_now_to_every_users_current_instance(alice, bob):
    mine, theirs = await open_running(alice), await open_running(bob)
    reply = await alice.control("POST", "/faults", {"kind": "status", "status": "ERROR", "fail_reason": "Disk full."})
    assert reply.status == 201, reply.text
    assert sorted(reply.body["applied_to"]) == sorted([mine["id"], theirs["id"]])
    assert reply.body["kind"] == "status" and reply.body["route"] == "*"
    detail = (await alice.get(f"/notebooks/{mine['id']}")).body
    assert (detail["status"], detail["fail_reason"]) == ("ERROR", "Disk full.")
    assert await _status(bob, theirs["id"]) == "ERROR"
    assert (await alice.control("GET", "/faults")).body["faults"] == []  # applied, not queued


async def test_status_fault_from_python_returns_the_fault(alice):
    running = await open_running(alice)
    fault = alice.sim.faults.add("status", status="SNAPSHOTTING", seconds=3)
    assert fault.applied_to == [running["id"]] and fault.to_json()["applied_to"] == [running["id"]]
    assert await _status(alice, running["id"]) == "SNAPSHOTTING"
    stop = await alice.post(f"/notebooks/{running['id']}/stop")
    assert (stop.status, stop.error_code) == (400, "ModelArts.6357")
    alice.sim.clock.advance(3)
    assert await _status(alice, running["id"]) == "RUNNING"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "status", "status": "RUNNING"}, "status"),
        ({"kind": "status"}, "status"),
        ({"kind": "status", "status": "ERROR", "route": "open"}, "route"),
        ({"kind": "status", "status": "ERROR", "route": "start"}, "START_FAILED"),
        ({"kind": "status", "status": "SNAPSHOTTING", "seconds": -1}, "seconds"),
        ({"kind": "status", "status": "ERROR", "fail_reason": ""}, "fail_reason"),
    ],
)
async def test_bad_status_faults_are_400_and_change_nothing(alice, body, field):
    running = await open_running(alice)
    reply = await alice.control("POST", "/faults", body)
    assert reply.status == 400 and field in reply.body["error_msg"], reply.text
    assert await _status(alice, running["id"]) == "RUNNING"


async def test_frozen_refuses_operations_with_6326_until_cleared(alice):
    running = await open_running(alice)
    path = f"/notebooks/{running['id']}"
    await alice.control("POST", "/faults", {"kind": "status", "status": "FROZEN"})
    assert await _status(alice, running["id"]) == "FROZEN"
    for reply in (
        await alice.post(path + "/start"),
        await alice.post(path + "/stop"),
        await alice.call("PATCH", alice.v1(path + "/lease"), {"duration": HOUR}),
        await alice.open(),
        await alice.open({"image_id": GPU_IMAGE}),
        await alice.get(path + "/lease"),
    ):
        assert (reply.status, reply.error_code) == (400, "ModelArts.6326"), reply.text
        assert "arrears" in reply.body["error_msg"]
    alice.sim.clock.advance(10 * 3600)  # frozen instances do not auto-stop
    assert await _status(alice, running["id"]) == "FROZEN"
    cleared = await alice.control("DELETE", "/faults")
    assert cleared.body["thawed"] == [running["id"]]
    assert await _status(alice, running["id"]) == "STOPPING"  # back to RUNNING, whose lease ran out meanwhile


async def test_deleting_then_deleted_then_gone(alice):
    running = await open_running(alice)
    alice.sim.faults.add("status", status="DELETING", seconds=2)
    assert await _status(alice, running["id"]) == "DELETING"
    assert (await alice.open()).error_code == "ModelArts.6357"
    alice.sim.clock.advance(2)
    for reply in (await alice.get(f"/notebooks/{running['id']}"), await alice.post(f"/notebooks/{running['id']}/start")):
        assert (reply.status, reply.error_code) == (400, "ModelArts.6309")
    assert (await alice.get("/notebooks?feature=DEFAULT")).body["total"] == 0
    reopened = await alice.open()
    assert reopened.status == 201 and reopened.body["id"] != running["id"]


async def test_deleted_is_immediate(alice):
    running = await open_running(alice)
    await alice.control("POST", "/faults", {"kind": "status", "status": "DELETED"})
    assert (await alice.get(f"/notebooks/{running['id']}")).error_code == "ModelArts.6309"


@pytest.mark.parametrize("status", ["ERROR", "DELETED"])
async def test_open_replaces_a_failed_or_deleted_instance(alice, status):
    running = await open_running(alice)
    alice.sim.faults.add("status", status=status)
    replaced = await alice.open()
    assert replaced.status == 201 and replaced.body["id"] != running["id"]


async def test_error_instance_can_be_stopped_or_deleted(alice):
    running = await open_running(alice)
    path = f"/notebooks/{running['id']}"
    alice.sim.faults.add("status", status="ERROR")
    assert (await alice.get(path + "/lease")).error_code == "ModelArts.6327"
    assert (await alice.post(path + "/stop")).body["status"] == "STOPPING"
    alice.sim.clock.advance(1)
    assert (await alice.get(path)).body["status"] == "STOPPED"


async def test_start_failed_is_queued_for_the_next_start(alice):
    running = await open_running(alice)
    path = f"/notebooks/{running['id']}"
    queued = await alice.control("POST", "/faults", {"kind": "status", "route": "start", "status": "START_FAILED",
                                                     "fail_reason": "No GPU left."})  # fmt: skip
    assert queued.status == 201 and "applied_to" not in queued.body
    await alice.post(path + "/stop")
    alice.sim.clock.advance(1)
    starting = await alice.post(path + "/start")
    assert starting.body["status"] == "STARTING"
    alice.sim.clock.advance(1)
    failed = (await alice.get(path)).body
    assert (failed["status"], failed["fail_reason"]) == ("START_FAILED", "No GPU left.")
    assert (await alice.get(path + "/lease")).error_code == "ModelArts.6327"
    retried = await alice.post(path + "/start")  # a failed start can be retried; the fault was used up
    assert retried.status == 200 and "fail_reason" not in retried.body
    alice.sim.clock.advance(1)
    assert await _status(alice, running["id"]) == "RUNNING"


async def test_6360_on_start_with_the_error_fault(alice):
    running = await open_running(alice)
    path = f"/notebooks/{running['id']}"
    await alice.post(path + "/stop")
    alice.sim.clock.advance(1)
    alice.sim.faults.add("error", route="start", status=400, error_code="ModelArts.6360", error_msg=MSG_6360)
    refused = await alice.post(path + "/start")
    assert (refused.status, refused.error_code, refused.body["error_msg"]) == (400, "ModelArts.6360", MSG_6360)
    assert await _status(alice, running["id"]) == "STOPPED"  # nothing changed
    assert (await alice.post(path + "/start")).status == 200


async def test_quota_0113_on_open_with_the_error_fault(alice):
    message = "Create Notebook failed. Quota: notebook is exhausted."  # error table: "Quota: {} is exhausted."
    fault = await alice.control("POST", "/faults", {"kind": "error", "route": "open", "status": 400,
                                                    "error_code": "ModelArts.0113", "error_msg": message})  # fmt: skip
    assert fault.status == 201
    refused = await alice.open()
    assert (refused.status, refused.error_code, refused.body["error_msg"]) == (400, "ModelArts.0113", message)
    assert not alice.sim.store.instances
