"""AK/SK signing (SDK-HMAC-SHA256): published vectors, canonical form, verification."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from jupyter_codelab.modelarts.signing import (
    AkSkSigner,
    canonical_query,
    canonical_request,
    canonical_uri,
    parse_authorization,
    parse_sdk_date,
    sdk_date,
    verify,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# The team's reference folder sits beside the repository (in CI too, as a read-only copy).
SHARED_FIXTURES = Path(__file__).resolve().parents[2] / ".." / "shared" / "reference" / "fixtures"

VECTORS = json.loads((FIXTURES / "signing-vectors.json").read_text(encoding="utf-8"))["vectors"]

ENDPOINT = "https://modelarts.cn-north-4.myhuaweicloud.com"
PROJECT = "0123456789abcdef0123456789abcdef"
OPEN_URL = f"{ENDPOINT}/v1/{PROJECT}/notebooks/open"
MOMENT = datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone.utc)


@pytest.mark.parametrize("name", ["signing-vectors.json", "open-response-example.json"])
def test_fixture_copies_match_the_shared_reference(name: str) -> None:
    original = SHARED_FIXTURES / name
    if not original.is_file():
        pytest.skip("shared/ reference folder not beside this checkout")
    assert json.loads((FIXTURES / name).read_text("utf-8")) == json.loads(original.read_text("utf-8"))


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_published_vector(vector: dict) -> None:
    signer = AkSkSigner(vector["ak"], vector["sk"])
    signed = signer.sign(vector["method"], vector["url"], vector["headers"], vector["body"])
    expect = vector["expect"]
    assert signed["Authorization"] == (
        f"SDK-HMAC-SHA256 Access={vector['ak']}, SignedHeaders={expect['signed_headers']}, Signature={expect['signature']}"
    )
    assert signed["Host"] == urlsplit(vector["url"]).netloc
    assert signed["X-Sdk-Date"] == vector["headers"]["X-Sdk-Date"]  # a given date is kept


@pytest.mark.parametrize("vector", [v for v in VECTORS if "canonical_request_sha256" in v["expect"]], ids=lambda v: v["name"])
def test_published_canonical_request_hash(vector: dict) -> None:
    headers = {**vector["headers"], "Host": urlsplit(vector["url"]).netloc}
    text, names = canonical_request(vector["method"], vector["url"], headers, vector["body"])
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == vector["expect"]["canonical_request_sha256"]
    assert ";".join(names) == vector["expect"]["signed_headers"]


def test_canonical_request_layout() -> None:
    url = "https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0"
    headers = {"Content-Type": "application/json", "X-Sdk-Date": "20191115T033655Z", "Host": "service.region.example.com"}
    text, _ = canonical_request("get", url, headers, "")
    assert text == (
        "GET\n"
        "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/\n"
        "limit=2&marker=13551d6b-755d-4757-b956-536f674975c0\n"
        "content-type:application/json\nhost:service.region.example.com\nx-sdk-date:20191115T033655Z\n\n"
        "content-type;host;x-sdk-date\n"
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    )


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("", "/"),
        ("/", "/"),
        ("/v1/p/notebooks", "/v1/p/notebooks/"),
        ("/v1/p/notebooks/", "/v1/p/notebooks/"),
        ("/a b/ü", "/a%20b/%C3%BC/"),
        ("/a%20b/%C3%BC", "/a%20b/%C3%BC/"),  # decoded first, so a pre-encoded path signs the same
        ("/x~y/a+b/c=d", "/x~y/a%2Bb/c%3Dd/"),  # only "~" stays literal
    ],
)
def test_canonical_uri(path: str, expected: str) -> None:
    assert canonical_uri(path) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ""),
        ("b=2&a=1", "a=1&b=2"),
        ("k=b&k=a", "k=a&k=b"),  # repeated keys: sorted by value too
        ("flag", "flag="),
        ("name=a%20b&x=%7E", "name=a%20b&x=~"),
        ("feature=DEFAULT&limit=10", "feature=DEFAULT&limit=10"),
    ],
)
def test_canonical_query(query: str, expected: str) -> None:
    assert canonical_query(query) == expected


@pytest.mark.parametrize("vector", [v for v in VECTORS if v["name"].startswith("sdk core")], ids=lambda v: v["name"])
def test_headers_with_underscores_are_sent_but_not_signed(vector: dict) -> None:
    signer = AkSkSigner(vector["ak"], vector["sk"])
    headers = {**vector["headers"], "X-Sdk_Test": "x", "another_one": "y"}
    signed = signer.sign(vector["method"], vector["url"], headers, vector["body"])
    assert signed["X-Sdk_Test"] == "x" and signed["another_one"] == "y"
    assert f"SignedHeaders={vector['expect']['signed_headers']}," in signed["Authorization"]
    assert signed["Authorization"].endswith(f"Signature={vector['expect']['signature']}")


def test_project_id_and_security_token_are_added_and_signed() -> None:
    signer = AkSkSigner("AK", "SK", security_token="temporary-token", project_id=PROJECT)
    signed = signer.sign("POST", OPEN_URL, {"Content-Type": "application/json"}, "{}", moment=MOMENT)
    assert signed["X-Project-Id"] == PROJECT
    assert signed["X-Security-Token"] == "temporary-token"
    auth = parse_authorization(signed["Authorization"])
    assert auth.signed_headers == ["content-type", "host", "x-project-id", "x-sdk-date", "x-security-token"]
    assert verify("SK", "POST", OPEN_URL, signed, "{}", auth)
    for name in ("X-Project-Id", "X-Security-Token"):
        assert not verify("SK", "POST", OPEN_URL, {**signed, name: "other"}, "{}", auth)


def test_permanent_keys_add_no_security_token_and_no_project_without_one() -> None:
    signed = AkSkSigner("AK", "SK").sign("GET", OPEN_URL, moment=MOMENT)
    assert "X-Security-Token" not in signed and "X-Project-Id" not in signed
    assert parse_authorization(signed["Authorization"]).signed_headers == ["host", "x-sdk-date"]


def test_sign_adds_host_and_date_and_leaves_the_input_alone() -> None:
    given = {"Content-Type": "application/json"}
    signed = AkSkSigner("AK", "SK").sign("POST", OPEN_URL, given, b"{}", moment=MOMENT)
    assert given == {"Content-Type": "application/json"}
    assert signed["Host"] == "modelarts.cn-north-4.myhuaweicloud.com"
    assert signed["X-Sdk-Date"] == "20240506T070809Z"
    assert parse_sdk_date(signed["X-Sdk-Date"]) == MOMENT


def test_given_host_is_kept_whatever_its_case() -> None:
    signed = AkSkSigner("AK", "SK").sign("GET", OPEN_URL, {"host": "proxy.example:8443"}, moment=MOMENT)
    assert "Host" not in signed and signed["host"] == "proxy.example:8443"


def test_date_defaults_to_now_in_utc() -> None:
    stamp = AkSkSigner("AK", "SK").sign("GET", OPEN_URL)["X-Sdk-Date"]
    assert abs(parse_sdk_date(stamp) - datetime.now(timezone.utc)) < timedelta(hours=1)
    assert sdk_date(MOMENT) == "20240506T070809Z"


def test_str_and_bytes_bodies_sign_the_same() -> None:
    signer = AkSkSigner("AK", "SK")
    body = '{"share_url": "ü"}'
    assert signer.sign("POST", OPEN_URL, {}, body, MOMENT) == signer.sign("POST", OPEN_URL, {}, body.encode(), MOMENT)
    assert signer.sign("GET", OPEN_URL, {}, None, MOMENT) == signer.sign("GET", OPEN_URL, {}, b"", MOMENT)


# --- verification, as the simulator's gateway does it -------------------------------------


@pytest.fixture
def fresh() -> tuple[str, str, dict[str, str], str]:
    url = f"{ENDPOINT}/v1/{PROJECT}/notebooks?feature=DEFAULT&limit=10"
    body = '{"image_id": "e1a07296-22a8-4f05-8bc8-e936c8e54090"}'
    headers = AkSkSigner("AK", "SK", project_id=PROJECT).sign(
        "POST", url, {"Content-Type": "application/json;charset=UTF-8", "X-Trace_Id": "t"}, body
    )
    return "POST", url, headers, body


def test_parse_authorization_of_a_fresh_signature(fresh) -> None:
    _, _, headers, _ = fresh
    auth = parse_authorization(headers["Authorization"])
    assert auth.access_key == "AK"
    assert auth.signed_headers == ["content-type", "host", "x-project-id", "x-sdk-date"]
    assert len(auth.signature) == 64 and int(auth.signature, 16) >= 0


@pytest.mark.parametrize(
    "value",
    [
        "",
        "Bearer abc",
        "SDK-HMAC-SHA256",
        "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host",
        "SDK-HMAC-SHA256 Access=, SignedHeaders=host, Signature=ab",
        "SDK-HMAC-SHA256 SignedHeaders=host, Signature=ab",
        "SDK-HMAC-SM3 Access=AK, SignedHeaders=host, Signature=ab",
    ],
)
def test_parse_authorization_refuses_malformed_values(value: str) -> None:
    assert parse_authorization(value) is None


def test_verify_accepts_a_fresh_signature(fresh) -> None:
    method, url, headers, body = fresh
    assert verify("SK", method, url, headers, body, parse_authorization(headers["Authorization"]))


def test_verify_ignores_what_does_not_change_meaning(fresh) -> None:
    method, url, headers, body = fresh
    auth = parse_authorization(headers["Authorization"])
    reordered = url.replace("feature=DEFAULT&limit=10", "limit=10&feature=DEFAULT")
    assert verify("SK", method.lower(), reordered, headers, body.encode(), auth)
    recased = {name.upper(): value for name, value in headers.items()}
    assert verify("SK", method, url, recased, body, auth)
    assert verify("SK", method, url, {**headers, "Content-Type": " application/json;charset=UTF-8  "}, body, auth)
    assert verify("SK", method, url, {**headers, "X-Trace_Id": "changed", "X-Unsigned_Extra": "1"}, body, auth)


def _tampered(fresh):
    method, url, headers, body = fresh
    yield "method", ("PUT", url, headers, body)
    yield "path", (method, url.replace("/notebooks?", "/notebooks/x?"), headers, body)
    yield "project in path", (method, url.replace(PROJECT, "f" * 32), headers, body)
    yield "query value", (method, url.replace("limit=10", "limit=11"), headers, body)
    yield "query added", (method, url + "&status=RUNNING", headers, body)
    yield "query removed", (method, url.split("?")[0], headers, body)
    yield "body", (method, url, headers, body.replace("e1a0", "ffff"))
    yield "body emptied", (method, url, headers, "")
    yield "signed header value", (method, url, {**headers, "Content-Type": "text/plain"}, body)
    yield "host", (method, url, {**headers, "Host": "evil.example.com"}, body)
    yield "date", (method, url, {**headers, "X-Sdk-Date": "20990101T000000Z"}, body)
    yield "signed header missing", (method, url, {k: v for k, v in headers.items() if k != "X-Project-Id"}, body)
    yield "date missing", (method, url, {k: v for k, v in headers.items() if k != "X-Sdk-Date"}, body)


@pytest.mark.parametrize("case", [
    "method", "path", "project in path", "query value", "query added", "query removed", "body", "body emptied",
    "signed header value", "host", "date", "signed header missing", "date missing",
])  # fmt: skip
def test_verify_rejects_tampering(fresh, case: str) -> None:
    tampered = dict(_tampered(fresh))[case]
    auth = parse_authorization(fresh[2]["Authorization"])
    assert not verify("SK", *tampered, auth)


def test_verify_rejects_a_wrong_secret_or_signature(fresh) -> None:
    method, url, headers, body = fresh
    auth = parse_authorization(headers["Authorization"])
    assert not verify("SK2", method, url, headers, body, auth)
    flipped = auth.signature[:-1] + ("0" if auth.signature[-1] != "0" else "1")
    forged = parse_authorization(headers["Authorization"].replace(auth.signature, flipped))
    assert not verify("SK", method, url, headers, body, forged)


def test_verify_rejects_a_narrowed_signed_header_list(fresh) -> None:
    # Claiming fewer signed headers than were signed changes the canonical request.
    method, url, headers, body = fresh
    value = headers["Authorization"].replace("content-type;", "")
    assert not verify("SK", method, url, headers, body, parse_authorization(value))


# --- secrets ---------------------------------------------------------------------------------


def test_repr_hides_the_secret_key_and_token() -> None:
    signer = AkSkSigner("QTWAOYTTINDUT2QVKYUC", "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc", "sts-token-value", PROJECT)
    for text in (repr(signer), str(signer), f"{signer}", f"{signer!r}", repr([signer]), repr({"s": signer})):
        assert "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc" not in text
        assert "sts-token-value" not in text
        assert "QTWAOYTTINDUT2QVKYUC" not in text  # only a prefix of the AK is shown
    assert "temporary=True" in repr(signer)


def test_secret_key_never_appears_in_the_signed_headers() -> None:
    signed = AkSkSigner("AK", "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc").sign("GET", OPEN_URL, moment=MOMENT)
    assert all("MFyfvK41" not in value for value in signed.values())


# --- re-signing and headers given in another case ---------------------------------------------


def test_resigning_signed_headers_gives_a_valid_signature() -> None:
    signer = AkSkSigner("AK", "SK", project_id=PROJECT)
    first = signer.sign("POST", OPEN_URL, {"Content-Type": "application/json"}, "{}", moment=MOMENT)
    again = signer.sign("POST", OPEN_URL, first, "{}", moment=MOMENT)  # e.g. a retry reusing the headers
    auth = parse_authorization(again["Authorization"])
    assert "authorization" not in auth.signed_headers
    assert verify("SK", "POST", OPEN_URL, again, "{}", auth)


def test_project_header_given_in_lower_case_is_signed_once() -> None:
    signed = AkSkSigner("AK", "SK", project_id=PROJECT).sign("GET", OPEN_URL, {"x-project-id": PROJECT}, moment=MOMENT)
    auth = parse_authorization(signed["Authorization"])
    assert auth.signed_headers.count("x-project-id") == 1
    assert verify("SK", "GET", OPEN_URL, signed, None, auth)
