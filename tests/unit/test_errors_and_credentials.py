"""The error family's sentences (where credentials come from: test_credential_sources.py)."""

import json

import pytest

from jupyter_codelab.modelarts import errors


def body(code, msg="upstream text"):
    return json.dumps({"error_code": code, "error_msg": msg})


@pytest.mark.parametrize(
    "status, code, cls, words",
    [
        (401, "APIGW.0301", errors.AuthError, "check HUAWEICLOUD_SDK_AK/SK"),
        (401, "APIG.0301", errors.AuthError, "expired token"),
        (401, "APIGW.0303", errors.AuthError, "clock"),
        (401, "APIG.0303", errors.AuthError, "clock"),
        (401, "ModelArts.0202", errors.AuthError, "expired"),
        (403, "ModelArts.0210", errors.ForbiddenError, "project id"),
        (403, "ModelArts.0108", errors.ForbiddenError, "not authorized"),
        (404, None, errors.NotFoundError, "not found"),
        (404, "ModelArts.6309", errors.NotFoundError, "does not exist"),
        # A missing notebook is 400 6309; Terraform's notebookNotFoundErrCodes add 6357 and 6404.
        (400, "ModelArts.6309", errors.NotFoundError, "does not exist"),
        (400, "ModelArts.6357", errors.NotFoundError, "gone"),
        (400, "ModelArts.6404", errors.NotFoundError, "does not exist"),
        (429, "APIG.0308", errors.ThrottledError, "throttling"),
        (429, "APIGW.0308", errors.ThrottledError, "throttling"),
        (400, "ModelArts.6360", errors.NoResourcesError, "no free resources right now: try again in a few minutes"),
        (400, "ModelArts.6304", errors.InvalidStateError, "stop the instance before deleting it"),
        (400, "ModelArts.6305", errors.InvalidStateError, "already running"),
        (400, "ModelArts.6307", errors.InvalidStateError, "already stopped"),
        (400, "ModelArts.6326", errors.ModelArtsError, "frozen"),
        (400, "ModelArts.6797", errors.ModelArtsError, "image was not found"),
        # error_codes.rst: 6346 auto-stop time not later than now, 6348 duration missing, 6349 out of range.
        (400, "ModelArts.6346", errors.ModelArtsError, "later than now"),
        (400, "ModelArts.6348", errors.ModelArtsError, "duration is required"),
        (400, "ModelArts.6349", errors.ModelArtsError, "out of range: use 1 to 72 hours"),
        # The error table's description and solution for 4991, not its message ("Failed to obtain the job status").
        (400, "ModelArts.4991", errors.NoResourcesError, "free specifications is used up: switch to billed specifications"),
        (500, "ModelArts.0001", errors.UpstreamUnavailable, "internal problem"),
    ],
)
def test_errors_keep_the_upstream_code_and_say_what_to_do(status, code, cls, words):
    error = errors.error_from_response(status, body(code) if code else b"", {"Retry-After": "3"})
    assert type(error) is cls
    assert (error.status, error.error_code) == (status, code)
    assert words.lower() in str(error).lower()
    assert (code or "") in str(error) and str(error)[0].isupper()
    if code:
        assert error.error_msg == "upstream text"
    if cls is errors.ThrottledError:
        assert error.retry_after == 3.0


def test_the_request_id_reaches_the_sentence_and_the_json():
    """APIG puts request_id in the body (APIG FAQ); the SDK core reads the X-Request-Id header."""
    in_body = json.dumps(
        {"error_code": "APIG.0301", "error_msg": "Incorrect IAM authentication information", "request_id": "abc"}
    )
    error = errors.error_from_response(401, in_body, {"X-Request-Id": "from-header"})
    assert error.request_id == "abc" and str(error).endswith("[APIG.0301, request id abc]")
    assert error.to_json()["request_id"] == "abc" and error.to_json()["message"] == str(error)
    from_header = errors.error_from_response(400, body("ModelArts.6309"), {"x-request-id": "r-42"})
    assert type(from_header) is errors.NotFoundError and from_header.request_id == "r-42"
    assert str(from_header).endswith("[ModelArts.6309, request id r-42]")
    neither = errors.error_from_response(400, body("ModelArts.6309"))
    assert neither.request_id is None and "request id" not in str(neither) and neither.to_json()["request_id"] is None
    no_code = errors.error_from_response(502, b"<html/>", {"X-Request-Id": "r-1"})
    assert str(no_code).endswith("[request id r-1]")


def test_nested_error_bodies_are_read_like_the_sdk_core():
    """IAM nests its errors: {"error": {"code", "message", "title"}} (IAM API reference);
    huaweicloudsdkcore's exception_handler.py looks inside nested objects."""
    iam = json.dumps({"error": {"code": 401, "message": "The username or password is wrong.", "title": "Unauthorized"}})
    error = errors.error_from_response(401, iam)
    assert (
        type(error) is errors.AuthError and error.error_code == "401" and error.error_msg == "The username or password is wrong."
    )
    titled = errors.error_from_response(400, json.dumps({"error": {"code": "1101", "title": "Bad Request"}}))
    assert (titled.error_code, titled.error_msg) == ("1101", "Bad Request")
    camel = errors.error_from_response(400, json.dumps({"errorCode": "ModelArts.6797", "errorMsg": "no image"}))
    assert camel.error_code == "ModelArts.6797" and "image was not found" in str(camel)
    deep = errors.error_from_response(
        400, json.dumps({"x": 1, "detail": {"error_code": "ModelArts.6309", "error_msg": "gone", "request_id": "n1"}})
    )
    assert type(deep) is errors.NotFoundError and deep.request_id == "n1"


def test_gateway_prefixes_share_their_advice():
    for number in ("0101", "0301", "0303", "0308"):
        assert errors.advice_for(f"APIGW.{number}") == errors.advice_for(f"APIG.{number}") is not None
    assert errors.advice_key("APIGW.0301") == "APIG.0301" and errors.advice_key(None) == ""
    assert errors.advice_for("ModelArts.9999") is None


def test_a_non_json_error_body_still_gives_a_sentence():
    error = errors.error_from_response(502, b"<html>Bad gateway</html>")
    assert isinstance(error, errors.UpstreamUnavailable) and error.error_code is None and "HTTP 502" in str(error)
    assert errors.parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") is None
