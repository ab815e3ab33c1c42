"""Each simulator answer has the shape of the documented example of the same call (see shapes.py)."""

from __future__ import annotations

import pytest
from shapes import shape_differences
from simclient import ALICE, Api, open_running

from examples import example
from jupyter_codelab.simulator.images import DEFAULT_IMAGE_ID

IMAGE_WITH_EXAMPLE = "278e88d1-5b71-4766-8502-b3ba72e824d9"  # the ShowImage example's image, in the catalogue


def assert_shape(name: str, reply) -> None:
    documented = example(name)
    problems = shape_differences(documented["body"], reply.body)
    assert not problems, f"{name} ({documented['_source']}):\n" + "\n".join(problems)


@pytest.fixture
def alice(sim) -> Api:
    return Api(sim, **ALICE)


async def test_open(alice):
    assert_shape("open_notebook", await alice.open())


async def test_show_notebook_while_creating(alice):
    opened = await alice.open()
    reply = await alice.get(f"/notebooks/{opened.body['id']}")
    assert reply.body["status"] == "CREATING"  # the example's status
    assert_shape("show_notebook", reply)


async def test_list_notebooks(alice):
    await alice.open()
    reply = await alice.get("/notebooks?feature=DEFAULT")
    assert reply.body["data"]
    assert_shape("list_notebooks", reply)


async def test_show_and_renew_lease(alice):
    running = await open_running(alice)
    assert_shape("show_lease", await alice.get(f"/notebooks/{running['id']}/lease"))
    renewed = await alice.call("PATCH", alice.v1(f"/notebooks/{running['id']}/lease"), {"duration": 3600000, "type": "timing"})
    assert_shape("renew_lease", renewed)


async def test_stop_start_delete(alice):
    running = await open_running(alice)
    path = f"/notebooks/{running['id']}"
    assert_shape("stop_notebook", await alice.post(path + "/stop"))
    alice.sim.clock.advance(1)
    assert_shape("start_notebook", await alice.post(path + "/start"))
    alice.sim.clock.advance(1)
    await alice.post(path + "/stop")
    alice.sim.clock.advance(1)
    assert_shape("delete_notebook", await alice.call("DELETE", alice.v1(path)))


async def test_images(alice):
    reply = await alice.get("/images?limit=2")
    assert_shape("list_image", reply)
    assert_shape("show_image", await alice.get(f"/images/{IMAGE_WITH_EXAMPLE}"))
    assert_shape("show_image", await alice.get(f"/images/{DEFAULT_IMAGE_ID}"))


async def test_error_bodies(alice, sim):
    missing = await alice.get("/notebooks/00000000-0000-0000-0000-000000000000")
    assert missing.status == example("error_modelarts")["_status"]
    assert_shape("error_modelarts", missing)
    forged = Api(sim, access_key=ALICE["access_key"], secret_key="not-the-secret", project_id=ALICE["project_id"])
    refused = await forged.get("/images")
    assert refused.status == 401 and refused.error_code == "APIGW.0301"
    assert refused.body["request_id"] == refused.headers["X-Request-Id"]
    assert_shape("error_apig", refused)


async def test_iam_errors(sim):
    body = {
        "auth": {
            "identity": {
                "methods": ["password"],
                "password": {"user": {"name": "alice", "password": "wrong", "domain": {"name": "alice-domain"}}},
            },
            "scope": {"project": {"name": "cn-north-4"}},
        }
    }
    wrong = await Api(sim).call("POST", "/v3/auth/tokens", body, sign=False)
    assert wrong.status == 401
    assert_shape("error_iam_401", wrong)
    malformed = await Api(sim).call("POST", "/v3/auth/tokens", {"auth": {}}, sign=False)
    assert malformed.status == 400
    assert_shape("error_iam_400", malformed)
