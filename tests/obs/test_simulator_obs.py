"""The simulated OBS on the wire, driven by Huawei's esdk-obs-python and by plain HTTP (no SDK)."""

import time
from email.utils import formatdate

import pytest
import requests
from obs import ACL, Grant, Grantee, Group, ObsClient, Owner, convertor

from jupyter_codelab.obs.gateway import ObsGateway, ObsRequestError
from jupyter_codelab.simulator import DEMO_ACCESS_KEY, DEMO_SECRET_KEY
from jupyter_codelab.simulator.obs import signature

BUCKET = "codelab-test-bucket"


@pytest.fixture
def obs(threaded_simulator):
    return threaded_simulator.simulator.obs


def sdk(endpoint, scheme, ak=DEMO_ACCESS_KEY, sk=DEMO_SECRET_KEY, token=None):
    client = ObsClient(access_key_id=ak, secret_access_key=sk, security_token=token, server=endpoint, path_style=True,
                       is_signature_negotiation=False, max_retry_count=0)  # fmt: skip
    if scheme == "obs":  # path style made the SDK pick 'v2' (S3-compatible); the test wants OBS's own form too
        client.signature, client.ha = "obs", convertor.Adapter("obs")
        client.convertor = convertor.Convertor("obs", client.ha)
    return client


@pytest.mark.parametrize("scheme", ["obs", "v2"])
def test_the_sdk_creates_uploads_heads_and_signs_in_both_forms(obs, scheme):
    client = sdk(obs.endpoint, scheme)
    assert client.createBucket(BUCKET, location="cn-north-4").status == 200
    assert client.createBucket(BUCKET, location="cn-north-4").status == 200  # one's own, again, same region (obs_04_0021)
    assert client.putContent(BUCKET, "codelab/ab/x y.ipynb", b"{}").status == 200
    assert client.headObject(BUCKET, "codelab/ab/x y.ipynb").status == 200
    assert client.headObject(BUCKET, "codelab/ab/missing.ipynb").status == 404
    url = client.createSignedUrl("GET", BUCKET, "codelab/ab/x y.ipynb", expires=60).signedUrl
    assert ("AccessKeyId=" if scheme == "obs" else "AWSAccessKeyId=") in url
    assert requests.get(url, timeout=10).content == b"{}"


def test_error_xml_for_a_bad_signature_a_missing_bucket_and_key_and_an_expired_link(obs):
    client = sdk(obs.endpoint, "obs")
    client.createBucket(BUCKET)
    client.putContent(BUCKET, "k.ipynb", b"{}")
    url = client.createSignedUrl("GET", BUCKET, "k.ipynb", expires=60).signedUrl
    tampered = requests.get(url.replace("k.ipynb", "K.ipynb"), timeout=10)
    assert tampered.status_code == 403 and tampered.headers["Content-Type"] == "application/xml"
    assert "<Code>SignatureDoesNotMatch</Code>" in tampered.text and "<RequestId>" in tampered.text
    missing = sdk(obs.endpoint, "obs").putContent("no-such-bucket-here", "k.ipynb", b"{}")
    assert (missing.status, missing.errorCode) == (404, "NoSuchBucket")
    no_key = requests.get(client.createSignedUrl("GET", BUCKET, "nope.ipynb", expires=60).signedUrl, timeout=10)
    assert no_key.status_code == 404 and "<Code>NoSuchKey</Code>" in no_key.text
    expired = client.createSignedUrl("GET", BUCKET, "k.ipynb", expires=1).signedUrl
    time.sleep(2.1)  # the link's Expires is in whole seconds of real time
    answer = requests.get(expired, timeout=10)
    assert answer.status_code == 403 and "<Code>AccessDenied</Code><Message>Request has expired</Message>" in answer.text


def test_a_hand_made_obs_header_signature_is_accepted_and_a_skewed_date_refused(obs):
    sdk(obs.endpoint, "obs").createBucket(BUCKET)
    date = formatdate(usegmt=True)
    text = signature.string_to_sign("PUT", {"date": date, "content-type": "text/plain", "x-obs-acl": "public-read"},
                                    f"/{BUCKET}/hand.ipynb", "OBS")  # fmt: skip
    assert text == f"PUT\n\ntext/plain\n{date}\nx-obs-acl:public-read\n/{BUCKET}/hand.ipynb"  # obs_04_0010's layout
    headers = {"Date": date, "Content-Type": "text/plain", "x-obs-acl": "public-read",
               "Authorization": f"OBS {DEMO_ACCESS_KEY}:{signature.sign(DEMO_SECRET_KEY, text)}"}  # fmt: skip
    assert requests.put(f"{obs.endpoint}/{BUCKET}/hand.ipynb", data=b"{}", headers=headers, timeout=10).status_code == 200
    assert requests.get(f"{obs.endpoint}/{BUCKET}/hand.ipynb", timeout=10).content == b"{}"  # public-read: anonymous GET
    headers["Date"] = formatdate(time.time() - 3600, usegmt=True)
    skewed = requests.put(f"{obs.endpoint}/{BUCKET}/hand.ipynb", data=b"{}", headers=headers, timeout=10)
    assert skewed.status_code == 403 and "RequestTimeTooSkewed" in skewed.text


def test_temporary_credentials_need_their_security_token(threaded_simulator):
    sim = threaded_simulator.simulator
    threaded_simulator.call(sim.add_user, access_key="TEMPAK", secret_key="tempsk", project_id="1" * 32, user_name="temp",
                            security_token="the-token")  # fmt: skip
    without = sdk(sim.obs.endpoint, "obs", "TEMPAK", "tempsk").createBucket("temp-bucket-1")
    assert (without.status, without.errorCode) == (403, "InvalidSecurity")
    gateway = ObsGateway(sim.obs.endpoint, "TEMPAK", "tempsk", "the-token")
    gateway.create_bucket("temp-bucket-1")
    gateway.put("temp-bucket-1", "a.ipynb", b"{}")
    url = gateway.signed_get_url("temp-bucket-1", "a.ipynb", 60)
    assert "x-amz-security-token=the-token" in url  # path style: the SDK's S3-compatible form
    assert requests.get(url, timeout=10).content == b"{}"
    obs_form = sdk(sim.obs.endpoint, "obs", "TEMPAK", "tempsk", token="the-token").createSignedUrl(
        "GET", "temp-bucket-1", "a.ipynb", expires=60
    )
    assert "x-obs-security-token=the-token" in obs_form.signedUrl
    assert requests.get(obs_form.signedUrl, timeout=10).content == b"{}"
    assert requests.get(obs_form.signedUrl.replace("the-token", "other"), timeout=10).status_code == 403


def test_faults_answer_with_obs_errors_and_the_gateway_keeps_code_and_request_id(obs, threaded_simulator):
    gateway = ObsGateway(obs.endpoint, DEMO_ACCESS_KEY, DEMO_SECRET_KEY)
    gateway.create_bucket(BUCKET)
    answer = requests.post(
        f"{obs.endpoint}/_simulator/obs/faults", json={"kind": "error", "route": "put", "times": 3}, timeout=10
    )
    assert answer.status_code == 201
    with pytest.raises(ObsRequestError) as caught:
        gateway.put(BUCKET, "a.ipynb", b"{}")
    assert caught.value.status == 503 and caught.value.code == "ServiceUnavailable" and caught.value.request_id
    bad = requests.post(f"{obs.endpoint}/_simulator/obs/faults", json={"kind": "nope"}, timeout=10)
    assert bad.status_code == 400 and "Unknown OBS fault kind" in bad.json()["error_msg"]


def test_the_access_log_never_holds_the_signature(obs, caplog):
    client = sdk(obs.endpoint, "obs")
    client.createBucket(BUCKET)
    client.putContent(BUCKET, "k.ipynb", b"{}")
    with caplog.at_level("INFO", logger="tornado.access"):
        requests.get(client.createSignedUrl("GET", BUCKET, "k.ipynb", expires=60).signedUrl, timeout=10)
    assert f"/{BUCKET}/k.ipynb" in caplog.text and "Signature" not in caplog.text


# --- where the simulated OBS used to differ from OBS -----------------------------------------------
@pytest.mark.parametrize("scheme", ["obs", "v2"])
def test_the_location_the_sdk_sends_is_read_and_another_region_refused(obs, scheme):
    """esdk-obs-python writes <Location> with OBS's signature and <LocationConstraint> with the S3-compatible one
    (convertor.py trans_create_bucket); OBS's error table: 400 InvalidLocationConstraint for an invalid Location."""
    client = sdk(obs.endpoint, scheme)
    refused = client.createBucket(BUCKET, location="ap-southeast-1")
    assert (refused.status, refused.errorCode) == (400, "InvalidLocationConstraint")
    assert client.headBucket(BUCKET).status == 404
    assert client.createBucket(BUCKET, location="cn-north-4").status == 200
    assert [b["location"] for b in obs_state(obs)["buckets"]] == ["cn-north-4"]


def test_someone_elses_bucket_name_is_409(obs, threaded_simulator):
    sdk(obs.endpoint, "obs").createBucket(BUCKET)
    threaded_simulator.call(threaded_simulator.simulator.add_user, access_key="OTHERACCOUNTAK000001", secret_key="other",
                            project_id="2" * 32, user_name="other")  # fmt: skip
    taken = sdk(obs.endpoint, "obs", ak="OTHERACCOUNTAK000001", sk="other").createBucket(BUCKET)
    assert (taken.status, taken.errorCode) == (409, "BucketAlreadyExists")


@pytest.mark.parametrize(
    "name", ["my-.bucket", "my.-bucket", "my..bucket", "192.168.1.10", "ab", "a" * 64, "-bucket", "bucket.", "Bucket"]
)
def test_names_obs_refuses(obs, name):
    """The bucket name constraints of the OBS API reference (obs_04_0022)."""
    answer = sdk(obs.endpoint, "v2").createBucket(name)
    assert (answer.status, answer.errorCode) == (400, "InvalidBucketName")


@pytest.mark.parametrize("scheme", ["obs", "v2"])
@pytest.mark.parametrize(
    "grantee, permissions, acl",
    [
        (Grantee(group=Group.ALL_USERS), ["READ"], "public-read"),
        (Grantee(group=Group.ALL_USERS), ["READ", "WRITE"], "public-read-write"),
        (Grantee(group=Group.ALL_USERS), ["READ_ACP"], "private"),
        (Grantee(grantee_id="783fc6652cf246c096ea836694f71855"), ["READ"], "private"),
    ],
)
def test_an_acl_body_granting_everyone_read_is_public_read(obs, scheme, grantee, permissions, acl):
    """Configuring an Object ACL (obs_04_0089): the SDK writes everyone as <Canned>Everyone</Canned> in OBS's form,
    the AllUsers <URI> in the S3-compatible one (convertor.py trans_grantee)."""
    client = sdk(obs.endpoint, scheme)
    client.createBucket(BUCKET)
    client.putContent(BUCKET, "k.ipynb", b"{}")
    policy = ACL(owner=Owner(owner_id="b4bf1b36d9ca43d984fbcb9491b6fce9"), grants=[Grant(grantee, p) for p in permissions])
    assert client.setObjectAcl(BUCKET, "k.ipynb", acl=policy).status == 200
    assert obs_state(obs)["buckets"][0]["objects"][0]["acl"] == acl
    assert (requests.get(f"{obs.endpoint}/{BUCKET}/k.ipynb", timeout=10).status_code == 200) == (acl != "private")


def obs_state(obs) -> dict:
    return requests.get(f"{obs.endpoint}/_simulator/obs/state", timeout=10).json()
