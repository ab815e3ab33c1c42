"""IAM's GET /v3/projects in the simulator: signed with AK/SK (no project header), IAM's answer shape."""

from __future__ import annotations

from simclient import ALICE, Api


def unscoped(sim, creds=ALICE) -> Api:
    """Alice's keys without a project id: what a client looking its project up sends."""
    return Api(sim, access_key=creds["access_key"], secret_key=creds["secret_key"])


async def test_the_region_names_the_users_project(sim):
    reply = await unscoped(sim).call("GET", "/v3/projects?name=cn-north-4")
    assert reply.status == 200, reply.text
    [project] = reply.body["projects"]
    assert project["id"] == ALICE["project_id"] and project["name"] == "cn-north-4" and project["enabled"] is True
    assert {"domain_id", "is_domain", "parent_id", "description", "links"} <= set(project)
    assert set(reply.body["links"]) == {"self", "previous", "next"}
    assert sim.calls["projects"] == 1


async def test_another_region_is_an_empty_list(sim):
    reply = await unscoped(sim).call("GET", "/v3/projects?name=eu-west-101")
    assert reply.status == 200 and reply.body["projects"] == []


async def test_a_wrong_secret_key_is_refused_like_any_signed_call(sim):
    reply = await unscoped(sim, {**ALICE, "secret_key": "not-alices-secret"}).call("GET", "/v3/projects?name=cn-north-4")
    assert (reply.status, reply.error_code) == (401, "APIGW.0301")
