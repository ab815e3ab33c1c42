"""Every REST route against the embedded simulator: answers, bad input, upstream errors."""

import base64
import json

import pytest

from .helpers import call, open_running, until

GITHUB_BLOB = "https://github.com/huaweicloud/ModelArts-Lab/blob/master/notebook/demo.ipynb"
RAW = "https://raw.githubusercontent.com/huaweicloud/ModelArts-Lab/master/notebook/demo.ipynb"
UNKNOWN_ID = "00000000-0000-4000-8000-000000000000"


async def test_config_says_simulated_and_holds_no_secret(jp_fetch, codelab):
    status, config = await call(jp_fetch, "config")
    assert status == 200
    assert config["mode"] == "simulated" and config["auth"] == "simulated"
    assert config["simulator_endpoint"].startswith("http://127.0.0.1:")
    assert len(config["project_id"]) == 32
    secret = codelab.settings.credentials.secret_key
    assert secret not in json.dumps(config)


async def test_images_mark_the_default(jp_fetch):
    status, body = await call(jp_fetch, "images")
    assert status == 200
    defaults = [image for image in body["images"] if image["default"]]
    assert [d["id"] for d in defaults] == [body["default_image_id"]]
    assert defaults[0]["name"].startswith("notebook2.0-mul-kernel-cpu")
    assert {image["processor"] for image in body["images"]} >= {"CPU", "GPU"}


async def test_open_encodes_a_pasted_blob_url_and_current_finds_it(jp_fetch, simulator):
    status, missing = await call(jp_fetch, "notebooks", "current")
    assert status == 404 and "No CodeLab instance yet" in missing["message"]
    status, notebook = await call(jp_fetch, "notebooks", "open", method="POST", body={"share_url": GITHUB_BLOB})
    assert status == 200
    assert notebook["status"] in ("INIT", "CREATING") and notebook["simulated"] is True
    assert "token" not in notebook
    assert [step["step"] for step in notebook["action_progress"]] == [1, 2, 3, 4]
    sent = simulator.store.instances[notebook["id"]]
    assert RAW in json.dumps(simulator.store.render(sent)) or base64.b64encode(RAW.encode()).decode() in json.dumps(
        simulator.store.render(sent)
    )
    status, current = await call(jp_fetch, "notebooks", "current")
    assert status == 200 and current["id"] == notebook["id"]


async def test_open_twice_returns_the_same_instance(jp_fetch):
    _, first = await call(jp_fetch, "notebooks", "open", method="POST")
    _, second = await call(jp_fetch, "notebooks", "open", method="POST")
    assert first["id"] == second["id"]


async def test_open_reaches_running_with_url_and_lease(jp_fetch):
    notebook = await open_running(jp_fetch)
    assert notebook["progress"] == 100
    # The embedded simulator links to its own lab page (ModelArts: https://authoring-modelarts-...).
    assert notebook["url"].startswith("http://127.0.0.1:") and notebook["url"].endswith(f"/_simulator/lab/{notebook['id']}")
    assert [s["status"] for s in notebook["action_progress"]] == ["COMPLETED"] * 4
    lease = notebook["lease"]
    assert lease["expires_at"] == lease["create_at"] + lease["duration"]
    assert 0 < lease["remaining_ms"] <= 3_600_000


@pytest.mark.parametrize(
    "body, field, words",
    [
        ({"image_id": "not-a-uuid"}, "image_id", "image UUID"),
        ({"share_url": "ftp://example.com/x.ipynb"}, "share_url", "share_url"),
        ({"share_url": "https://example.com/readme.md"}, "share_url", "share_url"),
        ({"share_url": "https://user:pw@example.com/x.ipynb"}, "share_url", "share_url"),
        ({"share_url": 42}, "share_url", "string"),
        ({"imageid": "x"}, "imageid", "Unknown field"),
        ("[1, 2]", "body", "JSON object"),
        ("{not json", "body", "not valid JSON"),
        ("x" * 20000, "body", "at most"),
    ],
)
async def test_open_rejects_bad_input_and_sends_nothing(jp_fetch, simulator, body, field, words):
    before = simulator.calls["open"]
    status, error = await call(jp_fetch, "notebooks", "open", method="POST", body=body)
    assert status == 400
    assert error["field"] == field and words in error["message"]
    assert simulator.calls["open"] == before


async def test_unknown_image_keeps_modelarts_code(jp_fetch):
    status, error = await call(jp_fetch, "notebooks", "open", method="POST", body={"image_id": UNKNOWN_ID})
    assert status == 400 and error["error_code"] == "ModelArts.6797" and error["error_msg"]


async def test_notebook_ids_are_checked(jp_fetch, simulator):
    status, error = await call(jp_fetch, "notebooks", "nope")
    assert status == 400 and error["field"] == "id"
    assert simulator.calls["get"] == 0
    status, error = await call(jp_fetch, "notebooks", UNKNOWN_ID)
    assert status == 404 and error["error_code"] == "ModelArts.6309"
    assert error["request_id"] and f"request id {error['request_id']}" in error["message"]


@pytest.mark.parametrize("code", ["ModelArts.6309", "ModelArts.6357", "ModelArts.6404"])
@pytest.mark.parametrize(
    "route, path, method",
    [("get", (UNKNOWN_ID,), "GET"), ("lease", (UNKNOWN_ID, "lease"), "GET"), ("stop", (UNKNOWN_ID, "stop"), "POST")],
)
async def test_a_vanished_notebook_is_404_with_modelarts_code_and_request_id(jp_fetch, simulator, code, route, path, method):
    """ModelArts answers 400 with these codes for a missing notebook (error table; Terraform's
    notebookNotFoundErrCodes): our clients get a 404 that keeps the code, the text and the request id."""
    simulator.faults.add(kind="error", route=route, status=400, error_code=code, error_msg="The instance does not exist.")
    status, error = await call(jp_fetch, "notebooks", *path, method=method)
    assert status == 404, error
    assert (error["error_code"], error["error_msg"]) == (code, "The instance does not exist.")
    assert error["request_id"] and error["message"].endswith(f"[{code}, request id {error['request_id']}]")


async def test_lease_renew_moves_the_auto_stop(jp_fetch):
    notebook = await open_running(jp_fetch)
    status, before = await call(jp_fetch, "notebooks", notebook["id"], "lease")
    assert status == 200
    status, after = await call(jp_fetch, "notebooks", notebook["id"], "lease", method="PATCH", body={"hours": 3})
    assert status == 200
    assert after["expires_at"] - before["expires_at"] > 1.9 * 3_600_000
    assert 2.9 * 3_600_000 < after["remaining_ms"] <= 3 * 3_600_000


@pytest.mark.parametrize(
    "body, field",
    [({"hours": 0.5}, "hours"), ({"hours": 73}, "hours"), ({"hours": "2"}, "hours"), ({}, "hours"),
     ({"duration_ms": 10}, "duration_ms"), ({"hours": 2, "type": "FOREVER"}, "type")],
)  # fmt: skip
async def test_lease_bounds_are_checked_before_upstream(jp_fetch, simulator, body, field):
    notebook = await open_running(jp_fetch)
    status, error = await call(jp_fetch, "notebooks", notebook["id"], "lease", method="PATCH", body=body)
    assert status == 400 and error["field"] == field
    assert simulator.calls["renew"] == 0


async def test_stop_then_start_and_state_errors_keep_codes(jp_fetch):
    notebook = await open_running(jp_fetch)
    nid = notebook["id"]
    status, stopping = await call(jp_fetch, "notebooks", nid, "stop", method="POST")
    assert status == 200 and stopping["status"] in ("STOPPING", "STOPPED")

    async def stopped():
        return (await call(jp_fetch, "notebooks", nid))[1]["status"] == "STOPPED"

    await until(stopped)
    status, error = await call(jp_fetch, "notebooks", nid, "stop", method="POST")
    assert status == 400 and error["error_code"] == "ModelArts.6307" and "already stopped" in error["message"]
    status, started = await call(jp_fetch, "notebooks", nid, "start", method="POST", body={"hours": 2})
    assert status == 200 and started["status"] in ("STARTING", "RUNNING")
    status, error = await call(jp_fetch, "notebooks", nid, "start", method="POST")
    assert status == 400 and error["error_code"] in ("ModelArts.6306", "ModelArts.6305")


@pytest.mark.parametrize(
    "fault, status, code",
    [
        (
            {"kind": "error", "status": 500, "error_code": "ModelArts.0001", "error_msg": "boom", "times": 9},
            502,
            "ModelArts.0001",
        ),
        ({"kind": "malformed", "times": 9}, 502, None),
        ({"kind": "reset", "times": 9}, 503, None),
        (
            {"kind": "error", "status": 403, "error_code": "ModelArts.0210", "error_msg": "project mismatch"},
            403,
            "ModelArts.0210",
        ),
        (
            {"kind": "error", "status": 401, "error_code": "APIGW.0301", "error_msg": "Incorrect IAM authentication information"},
            401,
            "APIGW.0301",
        ),
        (
            {"kind": "error", "status": 400, "error_code": "ModelArts.6360", "error_msg": "resources insufficient"},
            400,
            "ModelArts.6360",
        ),
    ],
)
async def test_upstream_failures_become_clear_statuses(jp_fetch, simulator, fault, status, code):
    simulator.faults.add(route="images", **fault)
    got, error = await call(jp_fetch, "images")
    assert got == status, error
    assert error["error_code"] == code
    assert error["message"].endswith(".") or error["message"].endswith("]")
    assert "request_id" in error and (error["request_id"] is None or error["request_id"] in error["message"])
    if code == "ModelArts.6360":
        assert "no free resources" in error["message"].lower()


async def test_the_free_quota_used_up_says_to_switch_to_billed_specifications_or_wait(jp_fetch, simulator):
    simulator.configure(free_capacity=0)  # the simulated region runs no more free instances: ModelArts.4991
    status, error = await call(jp_fetch, "notebooks", "open", method="POST", body={})
    assert (status, error["error_code"], error["error_msg"]) == (400, "ModelArts.4991", "Failed to obtain the job status."), error
    assert "switch to billed specifications or wait until resources are released" in error["message"]


async def test_throttling_is_retried_with_retry_after(jp_fetch, simulator):
    simulator.faults.add(kind="throttle", route="images", times=2, retry_after=0)
    status, body = await call(jp_fetch, "images")
    assert status == 200 and body["images"]
    assert simulator.calls["images"] == 3


class TestTimeouts:
    @pytest.fixture
    def codelab_config(self):
        return {"request_timeout": 0.5}

    async def test_a_slow_upstream_becomes_504(self, jp_fetch, simulator):
        simulator.faults.add(kind="latency", route="images", seconds=2, times=9)
        status, error = await call(jp_fetch, "images")
        assert status == 504 and "did not answer" in error["message"]


async def test_openapi_document_is_served(jp_fetch, jp_base_url):
    status, document = await call(jp_fetch, "openapi.json")
    assert status == 200 and document["openapi"].startswith("3.")
    assert document["servers"][0]["url"].endswith("/codelab/api")
    assert "/notebooks/{notebook_id}/events" in document["paths"]


async def test_opening_a_stopped_instance_starts_it(jp_fetch, simulator):
    notebook = await open_running(jp_fetch)
    await call(jp_fetch, "notebooks", notebook["id"], "stop", method="POST")

    async def stopped():
        return (await call(jp_fetch, "notebooks", notebook["id"]))[1]["status"] == "STOPPED"

    await until(stopped)
    status, reopened = await call(jp_fetch, "notebooks", "open", method="POST")
    assert status == 200 and reopened["id"] == notebook["id"]
    assert reopened["status"] in ("STARTING", "RUNNING") and simulator.calls["start"] == 1
