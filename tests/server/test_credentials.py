"""Connecting a Huawei Cloud account to a running server (POST/DELETE credentials), and config_error.

The "cloud" is the standalone simulator on its own thread, given by CODELAB_ENDPOINT and CODELAB_IAM_ENDPOINT,
with its documented demo user; the server starts simulated (its embedded simulator).
"""

import json
import os
import stat
from pathlib import Path

import pytest

from jupyter_codelab.simulator import DEMO_ACCESS_KEY, DEMO_PROJECT_ID, DEMO_SECRET_KEY
from jupyter_codelab.simulator.standalone import DEMO_PASSWORD
from tests.support.simulator_thread import cloud_env

from .helpers import call
from .sse import SSEReader
from .test_security import _cookie_session, captured_logs, raw  # noqa: F401 (fixtures)

KEYS = {"access_key": DEMO_ACCESS_KEY, "secret_key": DEMO_SECRET_KEY}
WRONG_SK = "this-is-not-the-right-secret-0123456789"


@pytest.fixture
def cloud(threaded_simulator, monkeypatch):
    """The standalone simulator, where CODELAB_ENDPOINT and CODELAB_IAM_ENDPOINT point."""
    for name, value in cloud_env(threaded_simulator.endpoint).items():
        monkeypatch.setenv(name, value)
    return threaded_simulator


def calls(cloud) -> dict:
    return cloud.control("GET", "state")["calls"]


async def config(jp_fetch) -> dict:
    status, body = await call(jp_fetch, "config")
    assert status == 200
    return body


async def test_connect_switches_to_modelarts_at_once(jp_fetch, cloud, simulator):
    assert (await config(jp_fetch))["mode"] == "simulated"
    status, body = await call(jp_fetch, "credentials", method="POST", body={**KEYS, "project_id": DEMO_PROJECT_ID})
    assert status == 200, body
    assert body["mode"] == "modelarts" and body["source"] == "session" and body["auth"] == "aksk"
    assert body["endpoint"] == cloud.endpoint and body["project_id"] == DEMO_PROJECT_ID
    assert body["config_error"] is None and body["can_change_credentials"] is True
    assert body == await config(jp_fetch)  # the same body as GET config
    assert calls(cloud).get("images") == 1  # the one cheap check
    embedded_images = simulator.calls["images"]
    status, images = await call(jp_fetch, "images")
    assert status == 200 and images["images"]
    assert calls(cloud)["images"] == 2 and simulator.calls["images"] == embedded_images  # from the standalone cloud
    _, opened = await call(jp_fetch, "notebooks", "open", method="POST", body={})
    assert opened["simulated"] is False and calls(cloud)["open"] == 1


async def test_a_wrong_secret_key_is_401_and_changes_nothing(jp_fetch, cloud):
    before = await config(jp_fetch)
    status, body = await call(
        jp_fetch, "credentials", method="POST", body={**KEYS, "secret_key": WRONG_SK, "project_id": DEMO_PROJECT_ID}
    )
    assert status == 401, body
    assert body["field"] == "secret_key" and body["error_code"] == "APIGW.0301"
    assert "secret key" in body["message"] and WRONG_SK not in json.dumps(body)
    assert await config(jp_fetch) == before


async def test_an_unknown_access_key_names_that_field(jp_fetch, cloud):
    status, body = await call(
        jp_fetch, "credentials", method="POST", body={"access_key": "NOSUCHKEY0123456789A", "secret_key": WRONG_SK}
    )
    assert status == 401 and body["field"] == "access_key", body


async def test_the_project_id_is_found_from_the_region(jp_fetch, cloud):
    status, body = await call(jp_fetch, "credentials", method="POST", body={**KEYS, "region": "cn-north-4"})
    assert status == 200, body
    assert body["project_id"] == DEMO_PROJECT_ID and body["region"] == "cn-north-4"
    assert calls(cloud)["projects"] == 1 and calls(cloud)["GET /v3/projects"] == 1


async def test_a_region_without_a_project_names_the_region(jp_fetch, cloud):
    status, body = await call(jp_fetch, "credentials", method="POST", body={**KEYS, "region": "eu-west-101"})
    assert status == 400 and body["field"] == "region" and "eu-west-101" in body["message"], body
    assert (await config(jp_fetch))["mode"] == "simulated"


async def test_the_iam_password_form(jp_fetch, cloud):
    body = {"iam_user": "codelab-demo", "iam_password": DEMO_PASSWORD, "iam_domain": "codelab-demo"}
    status, answer = await call(jp_fetch, "credentials", method="POST", body=body)
    assert status == 200, answer
    assert answer["auth"] == "token" and answer["project_id"] == DEMO_PROJECT_ID
    assert calls(cloud)["auth"] == 1  # the token that named the project is reused for the check
    status, wrong = await call(jp_fetch, "credentials", method="POST", body={**body, "iam_password": "wrong-password"})
    assert status == 401 and wrong["field"] == "iam_password", wrong
    assert (await config(jp_fetch))["auth"] == "token"  # still connected as before


@pytest.mark.parametrize(
    "body, field",
    [
        ({"secret_key": DEMO_SECRET_KEY}, "access_key"),
        ({"access_key": DEMO_ACCESS_KEY}, "secret_key"),
        ({**KEYS, "project_id": "not-a-project"}, "project_id"),
        ({**KEYS, "region": "North China"}, "region"),
        ({**KEYS, "remember": "yes"}, "remember"),
        ({**KEYS, "iam_user": "someone"}, "iam_user"),
        ({**KEYS, "password": "x"}, "password"),
        ({"iam_user": "someone"}, "iam_password"),
        ({"access_key": "has spaces", "secret_key": "x"}, "access_key"),
        ({"access_key": DEMO_ACCESS_KEY, "secret_key": "two words"}, "secret_key"),
    ],
)
async def test_bad_input_is_400_naming_the_field_and_calls_nothing(jp_fetch, cloud, body, field):
    status, answer = await call(jp_fetch, "credentials", method="POST", body=body)
    assert status == 400 and answer["field"] == field, answer
    assert sum(calls(cloud).values()) == 0
    assert (await config(jp_fetch))["mode"] == "simulated"
    for secret in (DEMO_SECRET_KEY, "two words"):
        assert secret not in answer["message"]


async def test_sign_out_goes_back_to_simulated(jp_fetch, cloud, simulator):
    await call(jp_fetch, "credentials", method="POST", body={**KEYS, "project_id": DEMO_PROJECT_ID})
    status, body = await call(jp_fetch, "credentials", method="DELETE")
    assert status == 200, body
    assert body["mode"] == "simulated" and body["source"] is None and body["simulator_endpoint"] == simulator.endpoint
    before = calls(cloud).get("images", 0)
    assert (await call(jp_fetch, "images"))[0] == 200
    assert calls(cloud).get("images", 0) == before  # the keys are forgotten: nothing goes to the cloud any more


async def test_switching_ends_running_event_streams(jp_fetch, jp_http_port, jp_base_url, jp_auth_header, cloud):
    _, notebook = await call(jp_fetch, "notebooks", "open", method="POST", body={})
    url = f"http://127.0.0.1:{jp_http_port}{jp_base_url}codelab/api/notebooks/{notebook['id']}/events"
    reader = SSEReader(url, jp_auth_header).start()
    try:
        assert (await reader.next())["event"] == "snapshot"
        await call(jp_fetch, "credentials", method="POST", body={**KEYS, "project_id": DEMO_PROJECT_ID})
        assert await reader.ended() == 200  # the stream closed cleanly; a reconnect finds the new mode
    finally:
        reader.close()


def credentials_file() -> Path:
    return Path(os.environ["HOME"]) / ".huaweicloud" / "credentials"


async def test_remember_writes_a_private_file_keeping_other_sections(jp_fetch, cloud):
    path = credentials_file()
    path.parent.mkdir(parents=True)
    path.write_text(
        "# my profiles\n[basic]\nak = OLDAK\nsk = OLDSK\niam_endpoint = https://iam.example\n\n[other]\nak = KEEPME\n"
    )
    status, body = await call(jp_fetch, "credentials", method="POST", body={**KEYS, "region": "cn-north-4", "remember": True})
    assert status == 200 and body["remembered"] is True, body
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text()
    assert "# my profiles" in text and "[other]\nak = KEEPME" in text and "iam_endpoint = https://iam.example" in text
    assert f"ak = {DEMO_ACCESS_KEY}" in text and f"sk = {DEMO_SECRET_KEY}" in text and f"project_id = {DEMO_PROJECT_ID}" in text
    assert "OLDAK" not in text and "OLDSK" not in text
    assert not [p for p in path.parent.iterdir() if p.name != "credentials"]  # no temporary file left behind

    status, body = await call(jp_fetch, "credentials", method="DELETE")  # keeps the file: back to its keys
    assert body["mode"] == "modelarts" and body["source"] == "file" and body["remembered"] is True
    status, body = await call(jp_fetch, "credentials", method="DELETE", params={"forget": "true"})
    assert status == 200 and body["mode"] == "simulated" and body["remembered"] is False, body
    text = path.read_text()
    assert DEMO_SECRET_KEY not in text and "[other]\nak = KEEPME" in text and "iam_endpoint = https://iam.example" in text


async def test_remember_refuses_a_file_it_cannot_read_before_calling_anything(jp_fetch, cloud):
    credentials_file().mkdir(parents=True)  # a folder where the file should be: unreadable as a file
    status, body = await call(jp_fetch, "credentials", method="POST", body={**KEYS, "remember": True})
    assert status == 400 and body["field"] == "remember", body
    assert sum(calls(cloud).values()) == 0


@pytest.mark.parametrize("codelab_config", [{"allow_user_credentials": False}])
async def test_a_locked_server_answers_403(jp_fetch, cloud, codelab_config):
    assert (await config(jp_fetch))["can_change_credentials"] is False
    for method in ("POST", "DELETE"):
        status, body = await call(jp_fetch, "credentials", method=method, body=KEYS if method == "POST" else None)
        assert status == 403 and "allow_user_credentials" in body["message"], body
    assert sum(calls(cloud).values()) == 0


@pytest.mark.parametrize(
    "codelab_config, words",
    [
        ({"access_key": DEMO_ACCESS_KEY}, "secret_key"),
        (
            {"access_key": DEMO_ACCESS_KEY, "secret_key": DEMO_SECRET_KEY, "project_id": "12345"},
            "c.CodeLab.project_id must be 32 hex",
        ),
    ],
)
async def test_a_broken_configuration_is_config_error_not_silently_simulated(jp_fetch, codelab_config, words):
    body = await config(jp_fetch)
    assert body["mode"] == "simulated" and words in body["config_error"], body
    assert DEMO_SECRET_KEY not in json.dumps(body)


def test_an_unreadable_credentials_file_is_config_error_and_logged_at_start(tmp_path):
    from tests.support.jupyter_process import JupyterProcess

    server = JupyterProcess(tmp_path)
    (tmp_path / "home" / ".huaweicloud" / "credentials").mkdir(parents=True)  # a folder: cannot be read as a file
    server.start()
    try:
        body = server.api("GET", "codelab/api/config").json()
    finally:
        server.stop()
    assert body["mode"] == "simulated" and "cannot be read" in body["config_error"], body
    assert "cannot be read" in server.log_tail(200)


async def test_connect_by_cookie_needs_xsrf(raw, jp_serverapp, cloud):
    cookie, xsrf = await _cookie_session(raw, jp_serverapp)
    body = json.dumps({**KEYS, "project_id": DEMO_PROJECT_ID})
    refused = await raw("codelab/api/credentials", "POST", {"Cookie": cookie}, body)
    assert refused.code == 403 and sum(calls(cloud).values()) == 0
    accepted = await raw("codelab/api/credentials", "POST", {"Cookie": cookie, "X-XSRFToken": xsrf}, body)
    assert accepted.code == 200
    assert (await raw("codelab/api/credentials", "DELETE", {"Cookie": cookie})).code == 403
    assert (await raw("codelab/api/credentials", "DELETE", {"Cookie": cookie, "X-XSRFToken": xsrf})).code == 200


async def test_the_secret_never_leaves(jp_fetch, cloud, codelab, captured_logs):  # noqa: F811
    answers = []
    for body in ({**KEYS, "secret_key": WRONG_SK}, {**KEYS, "region": "cn-north-4"}, {**KEYS, "remember": True}):
        answers.append(await call(jp_fetch, "credentials", method="POST", body=body))
    answers += [
        await call(jp_fetch, "config"),
        await call(jp_fetch, "images"),
        await call(jp_fetch, "credentials", method="DELETE"),
    ]
    text = json.dumps(answers) + "\n".join(captured_logs) + repr(codelab) + repr(codelab.client.builder)
    assert captured_logs and "connected to ModelArts" in text
    for secret in (DEMO_SECRET_KEY, WRONG_SK):
        assert secret not in text
    assert DEMO_SECRET_KEY not in json.dumps(dict(os.environ))  # nor in what kernels inherit
