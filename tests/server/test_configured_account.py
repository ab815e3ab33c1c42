"""An account configured for Huawei's SDK works at once: the region or project id it leaves out comes from IAM,
on the loop, before the first call that needs it; and a value nobody checked never reaches a host.

The "cloud" is the standalone simulator on its own thread (ModelArts and IAM on one port, each named by
its own setting); the attacker is a loopback listener that must receive nothing.
"""

from __future__ import annotations

import contextlib
import socket
from types import SimpleNamespace

import pytest

from jupyter_codelab.simulator import DEMO_ACCESS_KEY, DEMO_PROJECT_ID, DEMO_SECRET_KEY
from jupyter_codelab.simulator.iam_projects import projects_of
from tests.support.listener import Listener
from tests.support.simulator_thread import cloud_env

from .helpers import call

KEYS = {"HUAWEICLOUD_SDK_AK": DEMO_ACCESS_KEY, "HUAWEICLOUD_SDK_SK": DEMO_SECRET_KEY}


def calls(cloud) -> dict:
    return cloud.control("GET", "state")["calls"]


def demo_project(cloud, region: str) -> str:
    user = cloud.call(lambda: next(u for u in cloud.simulator.auth.users if u.access_key == DEMO_ACCESS_KEY))
    return next(p["id"] for p in projects_of(user, "cn-north-4") if p["name"] == region)


@pytest.fixture
def attacker():
    with Listener() as listener:
        yield listener


@pytest.fixture
def setup(request, threaded_simulator, attacker, tmp_path, monkeypatch):
    """The environment the server starts in: ``request.param(ctx)`` gives it. List it before jp_fetch."""
    ctx = SimpleNamespace(cloud=threaded_simulator, attacker=attacker, tmp_path=tmp_path, stack=contextlib.ExitStack())
    with ctx.stack:
        for name, value in {**cloud_env(threaded_simulator.endpoint), **request.param(ctx)}.items():
            monkeypatch.setenv(name, value)
        yield ctx


def sdk_file(ctx, text: str) -> dict:
    """A credentials file where HUAWEICLOUD_SDK_CREDENTIALS_FILE names it, written as for Huawei's SDK."""
    ctx.path = ctx.tmp_path / "sdk" / "credentials"
    ctx.path.parent.mkdir(exist_ok=True)
    ctx.path.write_text(text)
    return {"HUAWEICLOUD_SDK_CREDENTIALS_FILE": str(ctx.path)}


def given(function):
    return pytest.mark.parametrize("setup", [function], indirect=True, ids=[function.__name__])


def sdk_user(ctx):
    return sdk_file(ctx, f"[basic]\nak = {DEMO_ACCESS_KEY}\nsk = {DEMO_SECRET_KEY}\nproject_id = {DEMO_PROJECT_ID}\n")


@given(sdk_user)
async def test_an_sdk_credentials_file_works_at_once_its_region_from_iam(setup, jp_fetch, codelab):
    status, images = await call(jp_fetch, "images")
    assert status == 200 and images["images"], images
    status, config = await call(jp_fetch, "config")
    assert config["mode"] == "modelarts" and config["source"] == "file" and config["region"] == "cn-north-4"
    assert config["config_error"] is None and config["project_id"] == DEMO_PROJECT_ID
    assert (calls(setup.cloud)["projects"], calls(setup.cloud)["images"]) == (1, 1)  # one IAM lookup, kept
    provenance = codelab.settings.provenance
    assert (provenance.source, provenance.region_from, provenance.project_id_from) == ("file", "iam", "file")
    assert provenance.keys_set == ("ak", "sk", "project_id") and provenance.file_path == str(setup.path)


def other_regions_project(ctx):
    ctx.project = demo_project(ctx.cloud, "ap-southeast-1")
    return {**KEYS, "HUAWEICLOUD_SDK_PROJECT_ID": ctx.project}


@given(other_regions_project)
async def test_the_region_of_another_regions_project(setup, jp_fetch, codelab):
    status, config = await call(jp_fetch, "config")
    assert config["region"] == "ap-southeast-1" and config["project_id"] == setup.project, config
    assert codelab.settings.iam_endpoint == setup.cloud.endpoint  # CODELAB_IAM_ENDPOINT, never derived from CODELAB_ENDPOINT
    assert codelab.sender.settings.endpoint == "https://obs.ap-southeast-1.myhuaweicloud.com"  # OBS follows the region found


def region_only(ctx):
    return {**KEYS, "HUAWEICLOUD_SDK_REGION": "cn-north-4"}


@given(region_only)
async def test_the_project_of_a_region(setup, jp_fetch):
    assert (await call(jp_fetch, "images"))[0] == 200
    status, config = await call(jp_fetch, "config")
    assert config["project_id"] == DEMO_PROJECT_ID and config["region"] == "cn-north-4"
    assert calls(setup.cloud)["GET /v3/projects"] == 1


def password_user(ctx):
    from jupyter_codelab.simulator.standalone import DEMO_PASSWORD

    return {"CODELAB_IAM_USER": "codelab-demo", "CODELAB_IAM_PASSWORD": DEMO_PASSWORD}


@given(password_user)
async def test_a_password_user_gets_region_and_project_from_one_token(setup, jp_fetch, codelab):
    assert (await call(jp_fetch, "images"))[0] == 200
    assert codelab.settings.region == "cn-north-4" and codelab.settings.project_id == DEMO_PROJECT_ID
    assert calls(setup.cloud)["auth"] == 1  # the token that named the project serves the calls


def unknown_project(ctx):
    return {**KEYS, "HUAWEICLOUD_SDK_PROJECT_ID": "e" * 32}


@given(unknown_project)
async def test_a_project_iam_does_not_know_is_a_sentence_and_nothing_reaches_modelarts(setup, jp_fetch):
    status, images = await call(jp_fetch, "images")
    assert status == 404 and images["error_code"] == "IAM.ProjectNotFound", images
    assert "HUAWEICLOUD_SDK_PROJECT_ID" in images["message"]
    status, config = await call(jp_fetch, "config")
    assert status == 200 and "could not be found through IAM" in config["config_error"], config
    assert "images" not in calls(setup.cloud) and calls(setup.cloud)["projects"] == 1  # IAM's "no" stands a moment
    status, connected = await call(jp_fetch, "credentials", method="POST",
                                   body={"access_key": DEMO_ACCESS_KEY, "secret_key": DEMO_SECRET_KEY, "region": "cn-north-4"})  # fmt: skip
    assert status == 200 and connected["config_error"] is None and connected["project_id"] == DEMO_PROJECT_ID


def iam_elsewhere(ctx):
    ctx.iam = ctx.stack.enter_context(
        Listener(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    )
    return {**KEYS, "HUAWEICLOUD_SDK_PROJECT_ID": DEMO_PROJECT_ID, "CODELAB_IAM_ENDPOINT": ctx.iam.url}


@given(iam_elsewhere)
async def test_iam_is_asked_at_its_own_endpoint_never_at_modelarts(setup, jp_fetch):
    status, _ = await call(jp_fetch, "images")
    assert status in (502, 503) and setup.iam.received and setup.iam.received[0].startswith(b"GET /v3/projects ")
    assert sum(calls(setup.cloud).values()) == 0  # CODELAB_ENDPOINT's host heard nothing


def hostile(ctx) -> str:
    return f"x@127.0.0.1:{ctx.attacker.port}/#"


def hostile_file(ctx):
    ctx.named = "[basic] region in {path}"
    return sdk_file(ctx, f"[basic]\nak = {DEMO_ACCESS_KEY}\nsk = {DEMO_SECRET_KEY}\nsecurity_token = TEMPORARYTOKEN\n"
                         f"project_id = {DEMO_PROJECT_ID}\nregion = {hostile(ctx)}\n")  # fmt: skip


def hostile_env(ctx):
    ctx.named = "HUAWEICLOUD_SDK_REGION"
    return {**KEYS, "HUAWEICLOUD_SDK_PROJECT_ID": DEMO_PROJECT_ID, "HUAWEICLOUD_SDK_REGION": hostile(ctx)}


def hostile_env_with_a_password(ctx):
    ctx.named = "HUAWEICLOUD_SDK_REGION"
    return {"CODELAB_IAM_USER": "someone", "CODELAB_IAM_PASSWORD": "p4ssw0rd", "HUAWEICLOUD_SDK_REGION": hostile(ctx)}


@pytest.mark.parametrize("setup", [hostile_file, hostile_env, hostile_env_with_a_password], indirect=True)
async def test_a_hostile_region_is_config_error_and_nothing_is_sent(setup, jp_fetch):
    status, config = await call(jp_fetch, "config")
    named = setup.named.format(path=getattr(setup, "path", ""))
    assert config["mode"] == "simulated" and f"{named} '{hostile(setup)}' is not a region name" in config["config_error"]
    assert (await call(jp_fetch, "images"))[0] == 200  # the simulator serves meanwhile
    assert setup.attacker.received == [] and sum(calls(setup.cloud).values()) == 0


def nothing(ctx):
    return {}


@given(nothing)
@pytest.mark.parametrize("codelab_config", [{"region": "x@127.0.0.1:1/#"}, {"obs_endpoint": "https://u:p@obs.example"}])
async def test_a_hostile_setting_refuses_typed_keys_too(setup, codelab_config, jp_fetch):
    status, body = await call(jp_fetch, "credentials", method="POST",
                              body={"access_key": DEMO_ACCESS_KEY, "secret_key": DEMO_SECRET_KEY})  # fmt: skip
    assert status == 400 and "c.CodeLab." in body["message"] and body["field"] is None, body
    assert sum(calls(setup.cloud).values()) == 0 and "u:p" not in body["message"]


def broken_keys_in_the_environment(ctx):
    return {"HUAWEICLOUD_SDK_AK": "not an access key", "HUAWEICLOUD_SDK_SK": "x"}


@given(broken_keys_in_the_environment)
async def test_broken_keys_in_the_environment_do_not_stop_a_person_connecting_theirs(setup, jp_fetch):
    status, config = await call(jp_fetch, "config")
    assert config["mode"] == "simulated" and "HUAWEICLOUD_SDK_AK must be letters and digits" in config["config_error"]
    status, body = await call(jp_fetch, "credentials", method="POST",
                              body={"access_key": DEMO_ACCESS_KEY, "secret_key": DEMO_SECRET_KEY, "region": "cn-north-4"})  # fmt: skip
    assert status == 200 and body["mode"] == "modelarts" and body["config_error"] is None, body


@given(unknown_project)
async def test_doctor_reports_what_iam_said_when_it_cannot_complete_the_configuration(setup, jp_fetch):
    status, report = await call(jp_fetch, "doctor")
    assert status == 200 and report["ok"] is False, report
    credentials = next(check for check in report["checks"] if check["id"] == "credentials")
    assert credentials["ok"] is False and "could not be found through IAM" in credentials["fix"], credentials
    assert "IAM.ProjectNotFound" in credentials["fix"] and "images" not in calls(setup.cloud)


def iam_unreachable(ctx):
    with socket.socket() as free:  # a port nothing listens on
        free.bind(("127.0.0.1", 0))
        ctx.port = free.getsockname()[1]
    return {**KEYS, "HUAWEICLOUD_SDK_REGION": "cn-north-4", "CODELAB_IAM_ENDPOINT": f"http://127.0.0.1:{ctx.port}"}


@given(iam_unreachable)
async def test_an_unreachable_iam_is_named_iam(setup, jp_fetch):
    status, images = await call(jp_fetch, "images")
    assert status == 503 and f"Could not reach IAM at 127.0.0.1:{setup.port}" in images["message"], images
