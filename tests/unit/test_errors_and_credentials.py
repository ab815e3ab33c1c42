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
        (401, "APIGW.0301", errors.AuthError, "credentials rejected: check HUAWEICLOUD_SDK_AK/SK"),
        (401, "APIGW.0303", errors.AuthError, "clock"),
        (401, "ModelArts.0202", errors.AuthError, "expired"),
        (403, "ModelArts.0210", errors.ForbiddenError, "project id"),
        (403, "ModelArts.0108", errors.ForbiddenError, "not authorized"),
        (404, None, errors.NotFoundError, "not found"),
        (404, "ModelArts.6309", errors.NotFoundError, "does not exist"),
        (429, "APIG.0308", errors.ThrottledError, "throttling"),
        (400, "ModelArts.6360", errors.NoResourcesError, "no free resources right now, try again in a few minutes"),
        (400, "ModelArts.6305", errors.InvalidStateError, "already running"),
        (400, "ModelArts.6307", errors.InvalidStateError, "already stopped"),
        (400, "ModelArts.6357", errors.InvalidStateError, "in progress"),
        (400, "ModelArts.6326", errors.ModelArtsError, "frozen"),
        (400, "ModelArts.6797", errors.ModelArtsError, "image was not found"),
        (400, "ModelArts.6346", errors.ModelArtsError, "between 1 and 72 hours"),
        (400, "ModelArts.4991", errors.ModelArtsError, "quota"),
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
    from_config = resolve_settings({"access_key": "CFGAK", "secret_key": "CFGSK", "endpoint": "http://127.0.0.1:9/"}, env=env, home=tmp_path)
    assert from_config.credentials.access_key == "CFGAK" and from_config.endpoint == "http://127.0.0.1:9"
    assert from_config.iam_endpoint == "http://127.0.0.1:9"


def test_no_credentials_anywhere_means_simulated(tmp_path):
    assert resolve_settings(env={}, home=tmp_path) is None


def test_temporary_credentials_and_passwords(tmp_path):
    env = {"HUAWEICLOUD_SDK_AK": "A", "HUAWEICLOUD_SDK_SK": "S", "HUAWEICLOUD_SDK_SECURITY_TOKEN": "T", "HUAWEICLOUD_SDK_PROJECT_ID": PROJECT}
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
