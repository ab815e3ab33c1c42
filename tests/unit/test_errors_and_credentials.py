"""The error family's sentences, and where credentials come from."""

import json

import pytest

from jupyter_codelab.modelarts import errors
from jupyter_codelab.modelarts.credentials import (
    AkSkCredentials,
    ConfigError,
    PasswordCredentials,
    endpoint_for_region,
    resolve_settings,
)

PROJECT = "0123456789abcdef0123456789abcdef"


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
        (400, "ModelArts.4991", errors.ModelArtsError, "failed to obtain the job status"),
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


def test_config_wins_over_env_which_wins_over_the_file(tmp_path):
    (tmp_path / ".huaweicloud").mkdir()
    (tmp_path / ".huaweicloud" / "credentials").write_text(f"[basic]\nak = FILEAK\nsk = FILESK\nproject_id = {PROJECT}\n")
    env = {"HUAWEICLOUD_SDK_AK": "ENVAK", "HUAWEICLOUD_SDK_SK": "ENVSK", "HUAWEICLOUD_SDK_REGION": "cn-east-3"}
    from_file = resolve_settings(env={}, home=tmp_path)
    assert from_file.credentials == AkSkCredentials("FILEAK", "FILESK") and from_file.source == "file"
    assert from_file.endpoint == "https://modelarts.cn-north-4.myhuaweicloud.com"
    from_env = resolve_settings(env=env, home=tmp_path)
    assert from_env.credentials.access_key == "ENVAK" and from_env.project_id == PROJECT and from_env.region == "cn-east-3"
    assert from_env.endpoint == "https://modelarts.cn-east-3.myhuaweicloud.com"
    from_config = resolve_settings(
        {"access_key": "CFGAK", "secret_key": "CFGSK", "endpoint": "http://127.0.0.1:9/"}, env=env, home=tmp_path
    )
    assert from_config.credentials.access_key == "CFGAK" and from_config.endpoint == "http://127.0.0.1:9"
    assert from_config.iam_endpoint == "http://127.0.0.1:9"


def test_no_credentials_anywhere_means_simulated(tmp_path):
    assert resolve_settings(env={}, home=tmp_path) is None


def test_temporary_credentials_and_passwords(tmp_path):
    env = {
        "HUAWEICLOUD_SDK_AK": "A",
        "HUAWEICLOUD_SDK_SK": "S",
        "HUAWEICLOUD_SDK_SECURITY_TOKEN": "T",
        "HUAWEICLOUD_SDK_PROJECT_ID": PROJECT,
    }
    assert resolve_settings(env=env, home=tmp_path).credentials.security_token == "T"
    password = resolve_settings({"user_name": "alice", "password": "pw", "project_id": PROJECT}, env={}, home=tmp_path)
    assert password.credentials == PasswordCredentials("alice", "pw", "alice") and password.auth_method == "token"
    assert "pw" not in repr(password) and "'S'" not in repr(resolve_settings(env=env, home=tmp_path))


@pytest.mark.parametrize(
    "config, words",
    [
        ({"access_key": "A", "secret_key": "S"}, "HUAWEICLOUD_SDK_PROJECT_ID"),
        ({"access_key": "A", "secret_key": "S", "project_id": "abc"}, "32 lowercase hex"),
        ({"access_key": "A"}, "secret_key"),
    ],
)
def test_incomplete_configuration_is_explained(tmp_path, config, words):
    with pytest.raises(ConfigError, match=words):
        resolve_settings(config, env={}, home=tmp_path)


def test_endpoints_follow_the_region_with_one_exception():
    assert endpoint_for_region("cn-north-4") == "https://modelarts.cn-north-4.myhuaweicloud.com"
    assert endpoint_for_region("ap-southeast-1") == "https://modelarts.ap-southeast-1.myhuaweicloud.cn"


def test_the_iam_host_is_com_everywhere():
    """huaweicloudsdkcore/auth/endpoint.py: iam.ap-southeast-1.myhuaweicloud.com; only ModelArts uses .cn there."""
    from jupyter_codelab.modelarts.credentials import iam_endpoint_for_region

    assert iam_endpoint_for_region("ap-southeast-1") == "https://iam.ap-southeast-1.myhuaweicloud.com"
    assert iam_endpoint_for_region("cn-north-4") == "https://iam.cn-north-4.myhuaweicloud.com"
    settings = resolve_settings(
        {"user_name": "u", "password": "p", "project_id": PROJECT, "region": "ap-southeast-1"}, env={}, home="/nonexistent"
    )
    assert (
        settings.endpoint.endswith(".myhuaweicloud.cn")
        and settings.iam_endpoint == "https://iam.ap-southeast-1.myhuaweicloud.com"
    )
