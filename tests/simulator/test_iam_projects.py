"""IAM's GET /v3/projects in the simulator: signed with AK/SK (no project header), IAM's answer shape."""

from __future__ import annotations

from simclient import ALICE, BOB, CAROL_PASSWORD, CAROL_PROJECT, Api


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


async def test_the_whole_list_has_projects_in_several_regions(sim):
    """A region's project is named after it, a sub-project {region}_{name} (KeystoneCreateProject, iam_06_0004)."""
    reply = await unscoped(sim).call("GET", "/v3/projects")
    projects = {p["name"]: p for p in reply.body["projects"]}
    assert {"cn-north-4", "ap-southeast-1", "cn-east-3", "la-south-2", "cn-north-4_codelab"} <= set(projects)
    assert projects["cn-north-4"]["id"] == ALICE["project_id"]
    assert projects["cn-north-4_codelab"]["parent_id"] == ALICE["project_id"]
    assert len({p["id"] for p in projects.values()}) == len(projects)
    assert all(len(p["id"]) == 32 and p["domain_id"] == projects["cn-north-4"]["domain_id"] for p in projects.values())
    bobs = await unscoped(sim, BOB).call("GET", "/v3/projects?name=ap-southeast-1")
    assert bobs.body["projects"][0]["id"] != projects["ap-southeast-1"]["id"]  # each account its own projects


async def test_another_regions_project_is_not_modelarts_here(sim):
    """The simulator's ModelArts is in its own region: another region's project id is not these credentials' project."""
    other = (await unscoped(sim).call("GET", "/v3/projects?name=ap-southeast-1")).body["projects"][0]["id"]
    reply = await Api(sim, **{**ALICE, "project_id": other}).get("/images")
    assert (reply.status, reply.error_code) == (403, "ModelArts.0210")


async def test_a_password_token_names_the_project_it_is_scoped_to(sim):
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "carol", "password": CAROL_PASSWORD,
            "domain": {"name": "carol-domain"}}}}, "scope": {"project": {"name": "la-south-2"}}}}  # fmt: skip
    reply = await Api(sim).call("POST", "/v3/auth/tokens", body, sign=False)
    assert reply.status == 201 and reply.body["token"]["project"]["name"] == "la-south-2"
    project_id = reply.body["token"]["project"]["id"]
    body["auth"]["scope"]["project"] = {"id": CAROL_PROJECT}
    by_id = await Api(sim).call("POST", "/v3/auth/tokens", body, sign=False)
    assert by_id.body["token"]["project"] == {**by_id.body["token"]["project"], "id": CAROL_PROJECT, "name": "cn-north-4"}
    assert project_id != CAROL_PROJECT
