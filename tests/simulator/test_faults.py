"""Each fault kind, queued through the control API and through the Python API."""

from __future__ import annotations

import asyncio
import json

import pytest
import requests
from simclient import open_running
from tornado.simple_httpclient import HTTPStreamClosedError

THROTTLE_MSG = "The throttling threshold has been reached: policy user over ratelimit,limit:{},time:1 second"


@pytest.fixture(params=["http", "python"])
def add_fault(request, alice):
    """Queue a fault over ``POST /_simulator/faults`` or with ``sim.faults.add``: both must behave alike."""

    async def add(**fault):
        if request.param == "python":
            alice.sim.faults.add(**fault)
            return
        reply = await alice.control("POST", "/faults", fault)
        assert reply.status == 201, reply.text

    return add


async def test_error_fault(alice, add_fault):
    await add_fault(kind="error", route="open", status=503, error_code="ModelArts.0999", error_msg="Service busy.")
    reply = await alice.open()
    assert (reply.status, reply.body) == (503, {"error_code": "ModelArts.0999", "error_msg": "Service busy."})
    assert not alice.sim.store.instances, "a failed call changes nothing"
    assert (await alice.open()).status == 201


async def test_throttle_fault(alice, add_fault):
    await add_fault(kind="throttle", route="get", times=2, retry_after=3)
    running_id = (await alice.open()).body["id"]
    for _ in range(2):
        reply = await alice.get(f"/notebooks/{running_id}")
        assert (reply.status, reply.error_code) == (429, "APIG.0308")
        assert reply.body["error_msg"] == THROTTLE_MSG.format(10)
        assert reply.headers["Retry-After"] == "3"
    assert (await alice.get(f"/notebooks/{running_id}")).status == 200


async def test_reset_fault_drops_the_connection(alice, add_fault):
    await add_fault(kind="reset", route="list")
    with pytest.raises(HTTPStreamClosedError):
        await alice.get("/notebooks?feature=DEFAULT")
    assert (await alice.get("/notebooks?feature=DEFAULT")).status == 200


async def test_reset_fault_seen_by_requests(alice, add_fault):
    await add_fault(kind="reset", route="images")
    url = alice.url(alice.v1("/images"))
    headers = alice.signer.sign("GET", url, {}, "")
    loop = asyncio.get_running_loop()
    with pytest.raises(requests.ConnectionError):
        await loop.run_in_executor(None, lambda: requests.get(url, headers=headers, timeout=10))


async def test_malformed_fault(alice, add_fault):
    await add_fault(kind="malformed", route="images")
    reply = await alice.get("/images")
    assert reply.status == 200 and reply.body is None
    with pytest.raises(ValueError):
        json.loads(reply.text)
    assert (await alice.get("/images")).body["total"] > 0


async def test_latency_fault_does_not_block_the_loop(alice, add_fault):
    await add_fault(kind="latency", route="get", seconds=2)
    opened = await alice.open()
    slow = asyncio.ensure_future(alice.get(f"/notebooks/{opened.body['id']}"))
    await asyncio.sleep(0.05)
    quick = await alice.get("/images")  # served while the slow call still waits
    assert quick.status == 200 and not slow.done()
    assert (await slow).status == 200


async def test_latency_then_error_on_the_same_call(alice, add_fault):
    await add_fault(kind="latency", route="*", seconds=0.01)
    await add_fault(kind="error", route="*", status=500, error_code="ModelArts.0010", error_msg="Boom.")
    reply = await alice.get("/images")
    assert reply.status == 500 and not alice.sim.faults.to_json()


async def test_create_failed_fault(alice, add_fault):
    await add_fault(kind="create_failed", fail_reason="Insufficient free resources.", at_step=3)
    opened = await alice.open()
    assert opened.status == 201 and opened.body["status"] == "CREATING"
    path = f"/notebooks/{opened.body['id']}"
    alice.sim.clock.advance(5.9)
    body = (await alice.get(path)).body
    assert body["status"] == "CREATING" and [s["status"] for s in body["action_progress"]][2] == "PROCESSING"
    alice.sim.clock.advance(0.1)
    body = (await alice.get(path)).body
    assert body["status"] == "CREATE_FAILED"
    assert body["fail_reason"] == "Insufficient free resources."
    assert [s["status"] for s in body["action_progress"]] == ["COMPLETED", "COMPLETED", "FAILED", "WAITING"]
    alice.sim.clock.advance(3600)
    assert (await alice.get(path)).body["status"] == "CREATE_FAILED"
    again = await alice.open()
    assert again.status == 201 and again.body["id"] != opened.body["id"]
    assert (await open_running(alice))["status"] == "RUNNING"


async def test_slow_steps_fault(alice, add_fault):
    await add_fault(kind="slow_steps", step_seconds=30)
    opened = await alice.open()
    alice.sim.clock.advance(60)
    body = (await alice.get(f"/notebooks/{opened.body['id']}")).body
    assert [s["status"] for s in body["action_progress"]] == ["COMPLETED", "COMPLETED", "PROCESSING", "WAITING"]
    alice.sim.clock.advance(60)
    assert (await alice.get(f"/notebooks/{opened.body['id']}")).body["status"] == "RUNNING"


async def test_fault_targets_only_its_route(alice, add_fault):
    await add_fault(kind="error", route="list", status=500, error_code="ModelArts.0010", error_msg="Boom.")
    assert (await alice.get("/images")).status == 200
    assert (await alice.open()).status == 201
    assert (await alice.get("/notebooks?feature=DEFAULT")).status == 500


async def test_wildcard_fault_hits_the_next_call_whatever_it_is(alice, add_fault):
    await add_fault(kind="throttle", route="*", times=2)
    assert (await alice.get("/images")).status == 429
    assert (await alice.open()).status == 429
    assert (await alice.open()).status == 201


@pytest.mark.parametrize(
    ("fault", "field"),
    [
        ({"kind": "explode"}, "kind"),
        ({"kind": "error", "route": "everything"}, "route"),
        ({"kind": "error", "times": 0}, "times"),
        ({"kind": "error", "status": 200}, "status"),
        ({"kind": "latency", "seconds": -1}, "seconds"),
        ({"kind": "latency", "delay": 1}, "delay"),
        ({"kind": "create_failed", "at_step": 5}, "at_step"),
        ({"kind": "create_failed", "route": "get"}, "route"),
        ({"kind": "slow_steps"}, "step_seconds"),
    ],
)
async def test_bad_faults_are_refused_with_a_sentence(alice, fault, field):
    reply = await alice.control("POST", "/faults", fault)
    assert reply.status == 400 and field in reply.body["error_msg"], reply.text
    with pytest.raises(ValueError, match=field):
        alice.sim.faults.add(**fault)
    assert not alice.sim.faults.to_json()


async def test_list_and_clear_faults(alice):
    await alice.control("POST", "/faults", {"kind": "error", "route": "get", "times": 3})
    alice.sim.faults.add(kind="latency", route="stop", seconds=0.1)
    listed = (await alice.control("GET", "/faults")).body["faults"]
    assert [(f["kind"], f["route"], f["times"]) for f in listed] == [("error", "get", 3), ("latency", "stop", 1)]
    assert len((await alice.control("GET", "/state")).body["faults"]) == 2
    assert (await alice.control("DELETE", "/faults")).status == 200
    assert not alice.sim.faults.to_json()


async def test_the_free_quota_used_up_is_4991_and_a_stop_releases_it(alice, bob):
    """ModelArts.4991: the error table's message "Failed to obtain the job status.", its description the free
    specifications' quota; ``free_capacity`` is how many free instances the simulated region runs at once."""
    assert (await alice.control("POST", "/config", {"free_capacity": 1})).status == 200
    mine = await open_running(alice)
    refused = await bob.open()
    assert (refused.status, refused.error_code) == (400, "ModelArts.4991"), refused.text
    assert refused.body["error_msg"] == "Failed to obtain the job status."
    assert (await alice.open()).status == 200  # one's own instance is no new one
    assert (await alice.post(f"/notebooks/{mine['id']}/stop")).status == 200
    alice.sim.clock.advance(60)
    assert (await bob.open()).status == 201
    assert (await alice.control("POST", "/config", {"free_capacity": -1})).status == 400
