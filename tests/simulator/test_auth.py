"""The gateway's checks: AK/SK signatures, temporary credentials, IAM tokens, project scope."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

import pytest
from simclient import ALICE, BOB, CAROL_PASSWORD, CAROL_PROJECT, Api


async def test_signed_request_is_accepted(alice):
    reply = await alice.get("/images")
    assert reply.status == 200, reply.text
    assert reply.body["total"] >= 5


async def test_missing_authentication_is_0201(sim):
    reply = await Api(sim, project_id=ALICE["project_id"]).get("/images")
    assert (reply.status, reply.error_code) == (401, "ModelArts.0201")


async def test_non_sdk_authorization_header_is_0301(sim):
    api = Api(sim, project_id=ALICE["project_id"])
    reply = await api.get("/images", headers={"Authorization": "Basic dXNlcjpwYXNz"})
    assert (reply.status, reply.error_code) == (401, "APIGW.0301")


async def test_malformed_signature_header_is_0301(alice):
    reply = await alice.get("/images", sign=False, headers={"Authorization": "SDK-HMAC-SHA256 Access=X"})
    assert (reply.status, reply.error_code) == (401, "APIGW.0301")


async def test_tampered_body_is_0301(alice):
    reply = await alice.open({"image_id": None}, sent_body='{"image_id": "something-else"}')
    assert (reply.status, reply.error_code) == (401, "APIGW.0301")
    assert not alice.sim.store.instances, "a rejected call must change nothing"


async def test_tampered_query_is_0301(alice):
    url_signed = alice.url(alice.v1("/images?limit=1"))
    headers = alice.signer.sign("GET", url_signed, {"Content-Type": "application/json"}, "")
    reply = await alice.get("/images?limit=2", sign=False, headers=headers)
    assert (reply.status, reply.error_code) == (401, "APIGW.0301")


async def test_wrong_secret_key_is_0301(sim):
    api = Api(sim, access_key=ALICE["access_key"], secret_key="not-the-secret", project_id=ALICE["project_id"])
    reply = await api.get("/images")
    assert (reply.status, reply.error_code) == (401, "APIGW.0301")


@pytest.mark.parametrize("minutes", [-16, 16])
async def test_skewed_date_is_0303(alice, minutes):
    moment = datetime.now(timezone.utc) + timedelta(minutes=minutes)
    reply = await alice.get("/images", moment=moment)
    assert (reply.status, reply.error_code) == (401, "APIGW.0303")


async def test_date_within_fifteen_minutes_is_accepted(alice):
    moment = datetime.now(timezone.utc) - timedelta(minutes=14)
    assert (await alice.get("/images", moment=moment)).status == 200


async def test_unknown_access_key_is_0301(sim):
    api = Api(sim, access_key="UNKNOWNACCESSKEY0000", secret_key="whatever", project_id=ALICE["project_id"])
    reply = await api.get("/images")
    assert (reply.status, reply.error_code) == (401, "APIGW.0301")
    assert "UNKNOWNACCESSKEY0000" in reply.body["error_msg"]


async def test_project_of_another_credential_is_0210(sim):
    api = Api(sim, access_key=ALICE["access_key"], secret_key=ALICE["secret_key"], project_id=BOB["project_id"])
    reply = await api.get("/images")
    assert (reply.status, reply.error_code) == (403, "ModelArts.0210")


async def test_signed_project_header_of_another_project_is_0210(alice):
    url = alice.url(alice.v1("/images"))
    signer = type(alice.signer)(ALICE["access_key"], ALICE["secret_key"], project_id="b" * 32)
    headers = signer.sign("GET", url, {"Content-Type": "application/json"}, "")
    reply = await alice.get("/images", sign=False, headers=headers)
    assert (reply.status, reply.error_code) == (403, "ModelArts.0210")


async def test_temporary_credentials_need_their_security_token(sim):
    sim.add_user(access_key="TEMPORARYACCESSKEY01", secret_key="temp-secret", project_id="d" * 32,
                 user_name="dave", security_token="session-token-value")  # fmt: skip
    good = Api(sim, access_key="TEMPORARYACCESSKEY01", secret_key="temp-secret", project_id="d" * 32,
               security_token="session-token-value")  # fmt: skip
    assert (await good.get("/images")).status == 200
    wrong = Api(sim, access_key="TEMPORARYACCESSKEY01", secret_key="temp-secret", project_id="d" * 32,
                security_token="another-session-token")  # fmt: skip
    assert (await wrong.get("/images")).error_code == "APIGW.0301"
    missing = Api(sim, access_key="TEMPORARYACCESSKEY01", secret_key="temp-secret", project_id="d" * 32)
    assert (await missing.get("/images")).error_code == "APIGW.0301"


async def test_request_signed_by_the_huawei_sdk_is_accepted(sim, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    signer_module = pytest.importorskip("huaweicloudsdkcore.signer.signer")
    request_module = pytest.importorskip("huaweicloudsdkcore.sdk_request")
    host = sim.endpoint.split("//", 1)[1]
    request = request_module.SdkRequest(
        method="GET", schema="http", host=host, resource_path=f"/v1/{ALICE['project_id']}/images",
        query_params=[("limit", 2), ("name_fuzzy_match", "true"), ("name", "pytorch")],
        header_params={"Content-Type": "application/json"}, body="",
    )  # fmt: skip
    credentials = SimpleNamespace(ak=ALICE["access_key"], sk=ALICE["secret_key"])
    signed = signer_module.Signer(credentials).sign(request).header_params
    api = Api(sim, project_id=ALICE["project_id"])
    reply = await api.get("/images?limit=2&name_fuzzy_match=true&name=pytorch", headers=signed)
    assert reply.status == 200, reply.text
    names = [image["name"] for image in reply.body["data"]]
    assert len(names) == 2 and all("pytorch" in name for name in names), names


# -- IAM tokens -------------------------------------------------------------------------------
def _password_body(name="carol", password=CAROL_PASSWORD, domain="carol-domain", project=None):
    return {
        "auth": {
            "identity": {
                "methods": ["password"],
                "password": {"user": {"name": name, "password": password, "domain": {"name": domain}}},
            },
            "scope": {"project": project or {"name": "cn-north-4"}},
        }
    }


async def _token(sim, **kw):
    return await Api(sim).call("POST", "/v3/auth/tokens", _password_body(**kw), sign=False)


async def test_iam_password_login_issues_a_project_token(sim):
    reply = await _token(sim)
    assert reply.status == 201, reply.text
    token = reply.headers["X-Subject-Token"]
    assert token and token not in reply.text
    body = reply.body["token"]
    assert body["project"]["id"] == CAROL_PROJECT
    assert body["user"]["name"] == "carol"
    expires = datetime.strptime(body["expires_at"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
    issued = datetime.strptime(body["issued_at"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
    assert expires - issued == timedelta(hours=24)
    assert CAROL_PASSWORD not in reply.text


async def test_token_opens_the_users_own_instance(sim, alice):
    token = (await _token(sim, project={"id": CAROL_PROJECT})).headers["X-Subject-Token"]
    carol = Api(sim, project_id=CAROL_PROJECT, token=token)
    opened = await carol.open()
    assert opened.status == 201
    mine = await alice.open()
    assert mine.status == 201 and mine.body["id"] != opened.body["id"]
    assert (await alice.get(f"/notebooks/{opened.body['id']}")).error_code == "ModelArts.6309"
    assert (await carol.get(f"/notebooks/{opened.body['id']}")).status == 200


async def test_wrong_password_is_401(sim):
    reply = await _token(sim, password="not-the-password")
    assert reply.status == 401
    # IAM's own shape (IAM API reference, iam_30_0001 example): nested, and nothing else.
    assert reply.body == {"error": {"code": 401, "message": "The username or password is wrong.", "title": "Unauthorized"}}
    assert "not-the-password" not in reply.text


async def test_unknown_user_or_domain_is_401(sim):
    assert (await _token(sim, name="mallory")).status == 401
    assert (await _token(sim, domain="other-domain")).status == 401


async def test_malformed_token_request_is_400(sim):
    reply = await Api(sim).call("POST", "/v3/auth/tokens", {"auth": {"identity": {"methods": ["token"]}}}, sign=False)
    assert reply.status == 400 and set(reply.body) == {"error"}, reply.text
    assert reply.body["error"]["code"] == 400 and reply.body["error"]["title"] == "Bad Request"
    assert "password" in reply.body["error"]["message"]
    not_json = await Api(sim).call("POST", "/v3/auth/tokens", "{not json", sign=False)
    assert not_json.status == 400 and set(not_json.body) == {"error"}, not_json.text


async def test_foreign_project_scope_is_rejected(sim):
    assert (await _token(sim, project={"id": "e" * 32})).status == 400


async def test_expired_token_is_0202(sim):
    token = (await _token(sim)).headers["X-Subject-Token"]
    carol = Api(sim, project_id=CAROL_PROJECT, token=token)
    assert (await carol.get("/images")).status == 200
    sim.clock.advance(24 * 3600)
    reply = await carol.get("/images")
    assert (reply.status, reply.error_code) == (401, "ModelArts.0202")


async def test_configurable_token_lifetime(sim):
    sim.configure(token_ttl_seconds=60)
    token = (await _token(sim)).headers["X-Subject-Token"]
    carol = Api(sim, project_id=CAROL_PROJECT, token=token)
    sim.clock.advance(59)
    assert (await carol.get("/images")).status == 200
    sim.clock.advance(1)
    assert (await carol.get("/images")).error_code == "ModelArts.0202"


async def test_unknown_token_is_0203(sim):
    reply = await Api(sim, project_id=CAROL_PROJECT, token="MIIforged").get("/images")
    assert (reply.status, reply.error_code) == (401, "ModelArts.0203")


async def test_token_for_another_project_is_0210(sim):
    token = (await _token(sim)).headers["X-Subject-Token"]
    reply = await Api(sim, project_id=ALICE["project_id"], token=token).get("/images")
    assert (reply.status, reply.error_code) == (403, "ModelArts.0210")


async def test_no_secret_reaches_the_control_api(sim, alice):
    await alice.open()
    await _token(sim)
    state = json.dumps((await alice.control("GET", "/state")).body)
    for secret in (ALICE["secret_key"], BOB["secret_key"], CAROL_PASSWORD):
        assert secret not in state


async def test_a_clock_skew_fault_moves_the_gateways_date_and_its_check(alice):
    """The gateway's clock 20 min ahead: its Date says so, and a request signed by a right clock is 15+ min off."""
    from email.utils import parsedate_to_datetime

    assert (await alice.control("POST", "/faults", {"kind": "clock_skew", "seconds": 1200})).status == 201
    reply = await alice.get("/images")
    assert (reply.status, reply.error_code) == (401, "APIGW.0303")
    assert "signature expired, signature time:" in reply.body["error_msg"] and reply.body["request_id"]
    ahead = parsedate_to_datetime(reply.headers["Date"]) - datetime.now(timezone.utc)
    assert timedelta(minutes=19) < ahead < timedelta(minutes=21)
    # A client whose clock agrees with the (skewed) gateway is accepted: the check is against the gateway's clock.
    assert (await alice.get("/images", moment=datetime.now(timezone.utc) + timedelta(minutes=20))).status == 200
    assert [f["kind"] for f in (await alice.control("GET", "/faults")).body["faults"]] == ["clock_skew"]  # standing, not used up
    await alice.control("DELETE", "/faults")
    cleared = await alice.get("/images")
    assert cleared.status == 200
    assert abs(parsedate_to_datetime(cleared.headers["Date"]) - datetime.now(timezone.utc)) < timedelta(minutes=1)


@pytest.mark.parametrize(
    ("fault", "field"),
    [({"kind": "clock_skew"}, "seconds"), ({"kind": "clock_skew", "seconds": "10"}, "seconds"),
     ({"kind": "clock_skew", "seconds": 600, "route": "open"}, "route")],
)  # fmt: skip
async def test_a_bad_clock_skew_fault_is_refused(alice, fault, field):
    reply = await alice.control("POST", "/faults", fault)
    assert reply.status == 400 and field in reply.body["error_msg"], reply.text
    assert alice.sim.gateway_time() == pytest.approx(__import__("time").time(), abs=2)
