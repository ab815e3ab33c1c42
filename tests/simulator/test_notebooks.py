"""Open, get, list, delete and the image catalogue, checked against the documented wire format."""

from __future__ import annotations

import base64
import json
import re
import uuid
from pathlib import Path

import pytest
from simclient import START, open_running

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "open-response-example.json"
DEFAULT_IMAGE = "e1a07296-22a8-4f05-8bc8-e936c8e54090"
NO_SSH_IMAGE = "ce1bb52b-9780-4c4a-b31d-d73e12f0d2fb"
GPU_IMAGE = "2c113b99-72ef-4bd0-bbcc-0d711b39127b"
NOTEBOOK_URL = "https://example.com/notebooks/demo.ipynb"


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


async def test_open_answers_like_the_documented_example(alice):
    example = json.loads(FIXTURE.read_text())
    reply = await alice.open()
    assert reply.status == 201, reply.text
    body = reply.body
    assert set(example) <= set(body)
    assert "url" not in body  # a fresh instance: the example has none
    # JobProgress carries notebook_id (the tables, golangsdk); otherwise exactly the example's steps.
    assert all(step.pop("notebook_id") == body["id"] for step in body["action_progress"])
    assert body["action_progress"] == example["action_progress"]
    for key in ("feature", "flavor", "status", "workspace_id"):
        assert body[key] == example[key], key
    assert body["image"]["id"] == example["image"]["id"] == DEFAULT_IMAGE
    assert body["image"]["name"] == example["image"]["name"]
    assert body["image"]["tag"] == example["image"]["tag"]
    assert set(example["image"]) <= set(body["image"])
    assert re.fullmatch(r"notebook_[0-9a-f]{8}", body["name"])
    uuid.UUID(body["id"]), uuid.UUID(body["token"])
    assert body["create_at"] == body["update_at"] == int(START * 1000)
    assert body["lease"] == {"create_at": body["create_at"], "duration": 3600000, "enable": True, "type": "TIMING",
                             "update_at": body["create_at"]}  # fmt: skip


async def test_open_again_returns_the_same_live_instance(alice):
    first = await alice.open()
    alice.sim.clock.advance(3)
    for body in ({}, {"image_id": DEFAULT_IMAGE}):
        again = await alice.open(body)
        assert again.status == 200
        assert again.body["id"] == first.body["id"]
        assert again.body["image"]["id"] == DEFAULT_IMAGE
        assert again.body["action_progress"][0]["status"] == "COMPLETED"


async def test_open_with_another_image_switches_the_running_instance(alice):
    running = await open_running(alice)
    switched = await alice.open({"image_id": GPU_IMAGE})
    assert switched.status == 200, switched.text
    body = switched.body
    assert (body["id"], body["name"]) == (running["id"], running["name"])  # the same instance (and work volume)
    assert (body["image"]["id"], body["flavor"], body["status"]) == (GPU_IMAGE, "modelarts.vm.gpu.free", "STOPPING")
    path = f"/notebooks/{running['id']}"
    alice.sim.clock.advance(1)  # stop_seconds, then start_seconds
    assert (await alice.get(path)).body["status"] == "STARTING"
    alice.sim.clock.advance(1)
    detail = (await alice.get(path)).body
    assert (detail["status"], detail["image"]["id"]) == ("RUNNING", GPU_IMAGE)
    assert detail["lease"]["create_at"] == alice.sim.clock.now_ms() - 2000  # a new lease from the switch


async def test_switching_a_stopped_instance_keeps_it_stopped_and_a_busy_one_refuses(alice):
    running = await open_running(alice)
    path = f"/notebooks/{running['id']}"
    await alice.post(path + "/stop")
    busy = await alice.open({"image_id": GPU_IMAGE})  # STOPPING: another operation is in progress
    assert (busy.status, busy.error_code) == (400, "ModelArts.6357"), busy.text
    alice.sim.clock.advance(1)
    switched = await alice.open({"image_id": GPU_IMAGE})
    assert switched.status == 200 and (switched.body["status"], switched.body["image"]["id"]) == ("STOPPED", GPU_IMAGE)


async def test_each_user_has_one_instance(alice, bob):
    mine, theirs = await alice.open(), await bob.open()
    assert mine.status == theirs.status == 201
    assert mine.body["id"] != theirs.body["id"]
    assert (await bob.get(f"/notebooks/{mine.body['id']}")).error_code == "ModelArts.6309"


async def test_open_with_an_image(alice):
    reply = await alice.open({"image_id": "2c113b99-72ef-4bd0-bbcc-0d711b39127b"})
    assert reply.status == 201
    assert reply.body["image"]["name"] == "pytorch1.8-cuda10.2-cudnn7-ubuntu18.04"
    assert reply.body["flavor"] == "modelarts.vm.gpu.free"


async def test_unknown_image_is_6797_and_opens_nothing(alice):
    reply = await alice.open({"image_id": str(uuid.uuid4())})
    assert (reply.status, reply.error_code) == (400, "ModelArts.6797")
    assert not alice.sim.store.instances


async def test_share_url_is_decoded_into_the_description(alice):
    reply = await alice.open({"share_url": b64(NOTEBOOK_URL)})
    assert reply.status == 201
    detail = await alice.get(f"/notebooks/{reply.body['id']}")
    assert detail.body["description"] == NOTEBOOK_URL


@pytest.mark.parametrize(
    "share_url",
    [
        NOTEBOOK_URL,  # not Base64 at all
        b64(NOTEBOOK_URL + "x").rstrip("="),  # padding dropped
        b64(NOTEBOOK_URL + "x").replace("=", "%3D"),  # URL-encoded padding
        b64("ftp://example.com/a.ipynb"),  # not http(s)
        b64("just some words"),
        "",
        42,
    ],
)
async def test_invalid_share_url_is_400_and_opens_nothing(alice, share_url):
    reply = await alice.open({"share_url": share_url})
    assert reply.status == 400, reply.text
    assert reply.error_code == "ModelArts.0101"
    assert "share_url" in reply.body["error_msg"]
    assert not alice.sim.store.instances


@pytest.mark.parametrize("body", ["not json", "[1, 2]"])
async def test_body_must_be_a_json_object(alice, body):
    reply = await alice.open(body)
    assert (reply.status, reply.error_code) == (400, "ModelArts.0101")


async def test_get_adds_detail_fields_and_url_when_running(alice):
    opened = await alice.open()
    creating = await alice.get(f"/notebooks/{opened.body['id']}")
    assert creating.status == 200 and creating.body["status"] == "CREATING"
    assert "url" in creating.body  # as in the ShowNotebook example: url does not mean RUNNING
    running = await open_running(alice)
    # A listening simulator links to its own lab page (ModelArts: https://authoring-modelarts-<region>.../<id>/lab).
    assert running["url"] == f"{alice.sim.endpoint}/_simulator/lab/{running['id']}"
    assert running["jupyter_version"]
    assert running["user_id"] == alice.sim.auth.users[0].user_id
    [endpoint] = running["endpoints"]
    assert endpoint["dev_service"] == endpoint["service"] == "SSH" and endpoint["uri"].startswith("ssh://")
    assert endpoint["key_pair_names"] and "ssh_keys" not in endpoint  # SDK endpoints_res.py names


async def test_no_ssh_endpoint_for_images_without_ssh(alice):
    opened = await alice.open({"image_id": NO_SSH_IMAGE})
    alice.sim.clock.advance(60)
    detail = await alice.get(f"/notebooks/{opened.body['id']}")
    assert detail.body["status"] == "RUNNING"
    assert "endpoints" not in detail.body


async def test_unknown_notebook_is_6309(alice):
    missing = f"/notebooks/{uuid.uuid4()}"
    for reply in (
        await alice.get(missing),
        await alice.call("DELETE", alice.v1(missing)),
        await alice.post(missing + "/start"),
        await alice.post(missing + "/stop"),
        await alice.get(missing + "/lease"),
        await alice.call("PATCH", alice.v1(missing + "/lease"), {"duration": 3600000}),
    ):
        assert (reply.status, reply.error_code) == (400, "ModelArts.6309"), reply.text


async def test_list_needs_feature_default_for_codelab(alice):
    opened = await alice.open()
    default_list = await alice.get("/notebooks")
    assert default_list.body == {"current": 0, "data": [], "pages": 0, "size": 10, "total": 0}  # size: the page size
    codelab = await alice.get("/notebooks?feature=DEFAULT")
    assert codelab.body["total"] == 1 and codelab.body["pages"] == 1
    assert codelab.body["data"][0]["id"] == opened.body["id"]


async def test_list_filters(alice):
    opened = await alice.open()
    name = opened.body["name"]
    assert (await alice.get("/notebooks?feature=DEFAULT&status=RUNNING")).body["total"] == 0
    assert (await alice.get("/notebooks?feature=DEFAULT&status=CREATING")).body["total"] == 1
    assert (await alice.get(f"/notebooks?feature=DEFAULT&name={name[:12]}")).body["total"] == 1
    assert (await alice.get("/notebooks?feature=DEFAULT&name=other")).body["total"] == 0
    page = (await alice.get("/notebooks?feature=DEFAULT&limit=10&offset=10")).body
    assert page == {"current": 1, "data": [], "pages": 1, "size": 10, "total": 1}
    for limit in (10, 20, 50):  # SDK list_notebooks_request.py: limit in [10, 20, 50]
        assert (await alice.get(f"/notebooks?feature=DEFAULT&limit={limit}")).body["size"] == limit
    for limit in ("lots", "1", "100"):
        bad = await alice.get(f"/notebooks?feature=DEFAULT&limit={limit}")
        assert (bad.status, bad.error_code) == (400, "ModelArts.0101") and "limit" in bad.body["error_msg"], bad.text
    # The workspace filter: workspaceId (OTC docs, golangsdk) and workspace_id (SDK).
    for spelling in ("workspaceId", "workspace_id"):
        assert (await alice.get(f"/notebooks?feature=DEFAULT&{spelling}=0")).body["total"] == 1
        assert (await alice.get(f"/notebooks?feature=DEFAULT&{spelling}=1" + "0" * 31)).body["total"] == 0
    row = (await alice.get("/notebooks?feature=DEFAULT")).body["data"][0]
    assert "url" not in row  # list rows carry url only when RUNNING (the ListNotebooks example)
    assert {"notebook_id", "step_description"} <= set(row["action_progress"][0])  # the tables' spelling


async def test_delete_needs_a_stopped_instance(alice):
    running = await open_running(alice)
    path = f"/notebooks/{running['id']}"
    refused = await alice.call("DELETE", alice.v1(path))
    assert (refused.status, refused.error_code) == (400, "ModelArts.6304")
    await alice.post(path + "/stop")
    alice.sim.clock.advance(5)
    deleted = await alice.call("DELETE", alice.v1(path))
    assert deleted.status == 200 and deleted.body["status"] == "DELETING" and "url" not in deleted.body  # the example
    assert (await alice.get(path)).body["status"] == "DELETING"
    again = await alice.call("DELETE", alice.v1(path))
    assert (again.status, again.error_code) == (400, "ModelArts.6357")  # already going to the target state
    alice.sim.clock.advance(1)  # delete_seconds
    assert (await alice.get(path)).error_code == "ModelArts.6309"
    assert (await alice.get("/notebooks?feature=DEFAULT")).body["total"] == 0
    reopened = await alice.open()
    assert reopened.status == 201 and reopened.body["id"] != running["id"]


async def test_images_catalogue(alice):
    reply = await alice.get("/images")
    assert reply.status == 200
    page = reply.body
    assert set(page) == {"current", "data", "pages", "size", "total"}
    assert page["data"][0]["id"] == DEFAULT_IMAGE
    default = page["data"][0]
    assert default["name"] == "notebook2.0-mul-kernel-cpu-cp36" and default["tag"] == "3.3.2-release_v1"
    # Every field of the SDK's image_response.py, plus support_res_categories (show_image_response.py, image.py).
    fields = {"arch", "create_at", "description", "dev_services", "id", "name", "namespace", "origin", "resource_categories",
              "service_type", "size", "status", "status_message", "swr_path", "tag", "type", "update_at", "visibility",
              "workspace_id", "flavor_type", "swr_instance_id", "show_name", "show_tag", "tags", "support_res_categories"}  # fmt: skip
    categories = set()
    for image in page["data"]:
        assert set(image) == fields
        assert image["type"] == "BUILD_IN" and image["status"] == "ACTIVE" and image["visibility"] == "PUBLIC"
        categories.update(image["resource_categories"])
    assert categories == {"CPU", "GPU", "ASCEND"}
    ids = {image["id"] for image in page["data"]}
    # Real ids: the docs' ListImage example and public "Run in ModelArts" badges (MindSpore, MindQuantum docs).
    assert {"278e88d1-5b71-4766-8502-b3ba72e824d9", "65f636a0-56cf-49df-b941-7d2a07ba8c8c", "4c43b3ad-9df7-4b83-a096-c775dc4ba243",
            "73522c7f-6d98-43d8-b306-8ff374c7d3a7", "9d63f4d1-dc09-4873-b669-3483cea777c0"} <= ids  # fmt: skip


async def test_images_filters_and_paging(alice):
    total = (await alice.get("/images")).body["total"]
    page = (await alice.get("/images?limit=2&offset=2")).body
    assert page["size"] == 2 and page["current"] == 1 and page["pages"] == -(-total // 2) and len(page["data"]) == 2
    exact = (await alice.get("/images?name=notebook2.0-mul-kernel-cpu-cp36&name_fuzzy_match=false")).body
    assert [i["id"] for i in exact["data"]] == [DEFAULT_IMAGE]
    assert (await alice.get("/images?name=mindspore1.7&name_fuzzy_match=false")).body["total"] == 0
    fuzzy_by_default = (await alice.get("/images?name=mindspore1.7")).body  # SDK: name_fuzzy_match defaults to true
    assert {i["name"] for i in fuzzy_by_default["data"]} == {"mindspore1.7.0-cuda10.1-py3.7-ubuntu18.04",
                                                              "mindspore1.7.0-cann5.1.0-py3.7-euler2.8.3"}  # fmt: skip
    assert (await alice.get("/images?type=DEDICATED")).body["total"] == 0
    named = (await alice.get("/images?sort_key=name&sort_dir=ASC")).body["data"]
    assert [i["name"] for i in named] == sorted(i["name"] for i in named)
    descending = (await alice.get("/images?sort_key=name")).body["data"]  # SDK: sort_dir defaults to DESC
    assert [i["name"] for i in descending] == sorted((i["name"] for i in descending), reverse=True)


async def test_one_image(alice):
    reply = await alice.get(f"/images/{DEFAULT_IMAGE}")
    assert reply.status == 200 and reply.body["swr_path"].endswith("notebook2.0-mul-kernel-cpu-cp36:3.3.2-release_v1")
    missing = await alice.get(f"/images/{uuid.uuid4()}")
    assert (missing.status, missing.error_code) == (400, "ModelArts.6797")


async def test_unknown_paths_and_methods_are_404_with_an_error_body(alice):
    for method, path in (("GET", "/v1/nothing"), ("GET", alice.v1("/trainings")), ("PUT", alice.v1("/notebooks/open")),
                         ("POST", alice.v1("/images")), ("GET", "/")):  # fmt: skip
        reply = await alice.call(method, path, {} if method in ("PUT", "POST") else None)
        assert reply.status == 404, (method, path)
        assert reply.error_code == "APIGW.0101" and reply.body["error_msg"]


async def test_share_url_reaches_the_instance_already_there(alice):
    first = await alice.open()
    again = await alice.open({"share_url": b64(NOTEBOOK_URL)})
    assert again.status == 200 and again.body["id"] == first.body["id"]
    assert (await alice.get(f"/notebooks/{first.body['id']}")).body["description"] == NOTEBOOK_URL


async def test_a_stopped_instance_is_returned_not_replaced(alice):
    running = await open_running(alice)
    await alice.post(f"/notebooks/{running['id']}/stop")
    alice.sim.clock.advance(5)
    again = await alice.open()
    assert (again.status, again.body["id"], again.body["status"]) == (200, running["id"], "STOPPED")
