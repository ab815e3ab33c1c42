"""The lease: reading it, renewing it (duration counted from now), bounds and wrong states."""

from __future__ import annotations

import pytest
from simclient import open_running

HOUR = 3_600_000


async def _running_lease_path(alice) -> str:
    running = await open_running(alice)
    return f"/notebooks/{running['id']}/lease"


async def test_get_lease(alice):
    path = await _running_lease_path(alice)
    reply = await alice.get(path)
    assert reply.status == 200
    assert set(reply.body) == {"create_at", "duration", "enable", "type", "update_at"}
    assert reply.body["duration"] == HOUR and reply.body["enable"] is True and reply.body["type"] == "TIMING"


async def test_renew_counts_from_now(alice):
    path = await _running_lease_path(alice)
    alice.sim.clock.advance(1234.5)
    now = alice.sim.clock.now_ms()
    reply = await alice.call("PATCH", alice.v1(path), {"duration": 2 * HOUR, "type": "TIMING"})
    assert reply.status == 200, reply.text
    lease = reply.body
    assert lease["create_at"] + lease["duration"] == now + 2 * HOUR
    assert lease["update_at"] == now
    assert (await alice.get(path)).body == lease
    detail = await alice.get(path.removesuffix("/lease"))
    assert detail.body["lease"] == lease


async def test_renew_by_query(alice):
    path = await _running_lease_path(alice)
    now = alice.sim.clock.now_ms()
    reply = await alice.call("PATCH", alice.v1(path + "?duration=10800000"), "")
    assert reply.status == 200, reply.text
    assert reply.body["create_at"] + reply.body["duration"] == now + 3 * HOUR
    assert reply.body["type"] == "TIMING"


async def test_renew_can_switch_to_idle(alice):
    path = await _running_lease_path(alice)
    reply = await alice.call("PATCH", alice.v1(path), {"duration": HOUR, "type": "IDLE"})
    assert reply.body["type"] == "IDLE"


async def test_renewed_lease_moves_the_auto_stop(alice):
    path = await _running_lease_path(alice)
    await alice.call("PATCH", alice.v1(path), {"duration": 2 * HOUR})
    notebook = path.removesuffix("/lease")
    alice.sim.clock.advance(2 * 3600 - 1)
    assert (await alice.get(notebook)).body["status"] == "RUNNING"
    alice.sim.clock.advance(1)  # auto-stop goes through STOPPING (stop_seconds = 1 here)
    assert (await alice.get(notebook)).body["status"] == "STOPPING"
    alice.sim.clock.advance(1)
    assert (await alice.get(notebook)).body["status"] == "STOPPED"


async def test_renew_defaults_to_one_hour_timing_and_takes_type_in_any_case(alice):
    path = await _running_lease_path(alice)
    alice.sim.clock.advance(600)
    now = alice.sim.clock.now_ms()
    reply = await alice.call("PATCH", alice.v1(path), {})  # SDK lease_req.py: duration default 3600000, type TIMING
    assert reply.status == 200, reply.text
    assert (reply.body["create_at"] + reply.body["duration"], reply.body["type"]) == (now + HOUR, "TIMING")
    lower = await alice.call("PATCH", alice.v1(path), {"duration": 2 * HOUR, "type": "timing"})  # the OTC example's spelling
    assert (lower.status, lower.body["type"]) == (200, "TIMING"), lower.text
    idle = await alice.call("PATCH", alice.v1(path), {"duration": HOUR, "type": "Idle"})
    assert (idle.status, idle.body["type"]) == (200, "IDLE"), idle.text


async def test_query_duration_wins_over_the_body_and_means_timing(alice):
    path = await _running_lease_path(alice)
    now = alice.sim.clock.now_ms()
    reply = await alice.call("PATCH", alice.v1(path + "?duration=7200000"), {"duration": 5 * HOUR, "type": "IDLE"})
    assert reply.status == 200, reply.text
    assert (reply.body["create_at"] + reply.body["duration"], reply.body["type"]) == (now + 2 * HOUR, "TIMING")


async def test_idle_lease_stops_after_duration_without_activity(alice):
    path = await _running_lease_path(alice)
    notebook = path.removesuffix("/lease")
    await alice.call("PATCH", alice.v1(path), {"duration": HOUR, "type": "IDLE"})
    alice.sim.clock.advance(3000)
    touched = await alice.control("POST", f"/notebooks/{notebook.split('/')[-1]}/activity")
    assert touched.status == 200, touched.text
    alice.sim.clock.advance(3000)  # 100 min after the renewal, 50 min after the last activity: a TIMING lease would have ended
    assert (await alice.get(notebook)).body["status"] == "RUNNING"
    alice.sim.clock.advance(600)  # an hour without activity
    assert (await alice.get(notebook)).body["status"] == "STOPPING"
    alice.sim.clock.advance(1)
    assert (await alice.get(notebook)).body["status"] == "STOPPED"


async def test_show_lease_of_an_instance_that_is_not_running_is_6327(alice):
    path = await _running_lease_path(alice)
    await alice.post(path.replace("/lease", "/stop"))
    alice.sim.clock.advance(5)
    reply = await alice.get(path)
    assert (reply.status, reply.error_code) == (400, "ModelArts.6327"), reply.text
    assert "not in running" in reply.body["error_msg"]


@pytest.mark.parametrize("duration", [HOUR, 72 * HOUR])
async def test_bounds_are_inclusive(alice, duration):
    path = await _running_lease_path(alice)
    assert (await alice.call("PATCH", alice.v1(path), {"duration": duration})).status == 200


@pytest.mark.parametrize(
    ("body", "code"),
    [
        # Error table: 6349 duration out of range, 6346 auto-stop moment not later than now,
        # 6348 duration missing, 6332 wrong parameter type, 6336 wrong property value.
        ({"duration": HOUR - 1}, "ModelArts.6349"),
        ({"duration": 72 * HOUR + 1}, "ModelArts.6349"),
        ({"duration": 0}, "ModelArts.6346"),
        ({"duration": -HOUR}, "ModelArts.6346"),
        ({"duration": None}, "ModelArts.6348"),
        ({"duration": "two hours"}, "ModelArts.6332"),
        ({"duration": 1.5}, "ModelArts.6332"),
        ({"duration": True}, "ModelArts.6332"),
        ({"duration": HOUR, "type": "FOREVER"}, "ModelArts.6336"),
    ],
)
async def test_invalid_renewals_change_nothing(alice, body, code):
    path = await _running_lease_path(alice)
    before = (await alice.get(path)).body
    reply = await alice.call("PATCH", alice.v1(path), body)
    assert (reply.status, reply.error_code) == (400, code), reply.text
    assert reply.body["error_msg"]
    assert (await alice.get(path)).body == before


async def test_renewing_a_stopped_instance_is_refused(alice):
    path = await _running_lease_path(alice)
    await alice.post(path.replace("/lease", "/stop"))
    stopping = await alice.call("PATCH", alice.v1(path), {"duration": 2 * HOUR})
    assert (stopping.status, stopping.error_code) == (400, "ModelArts.6308")
    alice.sim.clock.advance(5)
    stopped = await alice.call("PATCH", alice.v1(path), {"duration": 2 * HOUR})
    assert (stopped.status, stopped.error_code) == (400, "ModelArts.6307")
    assert "stopped" in stopped.body["error_msg"]


async def test_lease_of_unknown_notebook_is_6309(alice):
    reply = await alice.get("/notebooks/00000000-0000-0000-0000-000000000000/lease")
    assert (reply.status, reply.error_code) == (400, "ModelArts.6309")
    renew = await alice.call("PATCH", alice.v1("/notebooks/00000000-0000-0000-0000-000000000000/lease"), {"duration": HOUR})
    assert (renew.status, renew.error_code) == (400, "ModelArts.6309")
