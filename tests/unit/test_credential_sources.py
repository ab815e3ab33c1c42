"""Where the credentials, region, project id and endpoints come from, and the rules every value meets."""

from __future__ import annotations

import pytest

from jupyter_codelab.modelarts.credentials import AkSkCredentials, ConfigError, PasswordCredentials, find_configuration

PROJECT = "0123456789abcdef0123456789abcdef"
OTHER_PROJECT = "fedcba9876543210fedcba9876543210"
AK, SK = "FILEACCESSKEY0000001", "file-secret"


def write(path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def sdk_file(tmp_path, text: str) -> dict:
    """An environment naming a credentials file outside ~/.huaweicloud, as HUAWEICLOUD_SDK_CREDENTIALS_FILE does."""
    return {"HUAWEICLOUD_SDK_CREDENTIALS_FILE": str(write(tmp_path / "elsewhere" / "creds.ini", text))}


def test_config_wins_over_env_which_wins_over_the_file(tmp_path):
    write(tmp_path / ".huaweicloud" / "credentials", f"[basic]\nak = {AK}\nsk = {SK}\nproject_id = {PROJECT}\n")
    env = {"HUAWEICLOUD_SDK_AK": "ENVACCESSKEY00000001", "HUAWEICLOUD_SDK_SK": "ENVSK", "HUAWEICLOUD_SDK_REGION": "cn-east-3"}
    from_file = find_configuration(env={}, home=tmp_path)
    assert from_file.credentials == AkSkCredentials(AK, SK) and from_file.provenance.source == "file"
    assert from_file.project_id == PROJECT and from_file.region is None  # the region is IAM's to name
    assert from_file.provenance.keys_set == ("ak", "sk", "project_id")
    assert from_file.provenance.file_path == str(tmp_path / ".huaweicloud" / "credentials")
    from_env = find_configuration(env=env, home=tmp_path).settings()
    assert from_env.credentials.access_key == "ENVACCESSKEY00000001" and from_env.project_id == PROJECT
    assert from_env.endpoint == "https://modelarts.cn-east-3.myhuaweicloud.com" and from_env.source == "env"
    assert (from_env.provenance.region_from, from_env.provenance.project_id_from) == ("env", "file")
    config = {"access_key": "CONFIGACCESSKEY00001", "secret_key": "CFGSK", "endpoint": "http://127.0.0.1:9/"}
    from_config = find_configuration(config, env=env, home=tmp_path).settings()
    assert from_config.credentials.access_key == "CONFIGACCESSKEY00001" and from_config.endpoint == "http://127.0.0.1:9"
    # CODELAB_ENDPOINT / c.CodeLab.endpoint is ModelArts only: IAM keeps its own host.
    assert from_config.iam_endpoint == "https://iam.cn-east-3.myhuaweicloud.com"


def test_no_credentials_anywhere_means_simulated(tmp_path):
    assert find_configuration(env={}, home=tmp_path) is None


def test_the_sdk_credentials_file_variable_names_the_file(tmp_path):
    write(tmp_path / ".huaweicloud" / "credentials", "[basic]\nak = HOMEACCESSKEY0000001\nsk = home\n")
    env = sdk_file(tmp_path, f"[basic]\nak = {AK}\nsk = {SK}\nproject_id = {PROJECT}\niam_endpoint = https://iam.example.test\n")
    configured = find_configuration(env=env, home=tmp_path)
    assert configured.credentials.access_key == AK and configured.iam_base == "https://iam.example.test"
    assert configured.provenance.file_path == env["HUAWEICLOUD_SDK_CREDENTIALS_FILE"]
    assert configured.provenance.keys_set == ("ak", "sk", "project_id", "iam_endpoint")


def test_global_serves_when_basic_has_no_key_pair(tmp_path):
    env = sdk_file(tmp_path, f"[global]\nak = {AK}\nsk = {SK}\ndomain_id = {OTHER_PROJECT}\nproject_id = {PROJECT}\n")
    configured = find_configuration(env=env, home=tmp_path)
    assert configured.credentials.access_key == AK and configured.project_id is None  # a project belongs to [basic]
    assert configured.region == "cn-north-4" and configured.provenance.region_from == "default"
    assert "domain_id" in configured.provenance.keys_set
    both = sdk_file(tmp_path, f"[global]\nak = GLOBALACCESSKEY00001\nsk = g\n[basic]\nak = {AK}\nsk = {SK}\n")
    assert find_configuration(env=both, home=tmp_path).credentials.access_key == AK


def test_the_iam_endpoint_ranks_as_in_the_sdk(tmp_path):
    env = sdk_file(tmp_path, f"[basic]\nak = {AK}\nsk = {SK}\nproject_id = {PROJECT}\niam_endpoint = https://iam.file.test\n")
    env["HUAWEICLOUD_SDK_IAM_ENDPOINT"] = "https://iam.sdk-env.test"
    env["HUAWEICLOUD_SDK_REGION"] = "ap-southeast-1"
    assert find_configuration(env=env).settings().iam_endpoint == "https://iam.file.test"  # the credentials' own first
    assert find_configuration(env={**env, "CODELAB_IAM_ENDPOINT": "https://iam.ours.test"}).iam_base == "https://iam.ours.test"
    assert find_configuration({"iam_endpoint": "http://[::1]:8/"}, env=env).iam_base == "http://[::1]:8"
    without_file = {k: v for k, v in env.items() if k != "HUAWEICLOUD_SDK_CREDENTIALS_FILE"}
    without_file |= {"HUAWEICLOUD_SDK_AK": AK, "HUAWEICLOUD_SDK_SK": SK, "HUAWEICLOUD_SDK_PROJECT_ID": PROJECT}
    assert find_configuration(env=without_file, home=tmp_path).iam_base == "https://iam.sdk-env.test"
    del without_file["HUAWEICLOUD_SDK_IAM_ENDPOINT"]
    settings = find_configuration(env=without_file, home=tmp_path).settings()
    assert settings.iam_endpoint == "https://iam.ap-southeast-1.myhuaweicloud.com"  # the SDK's table
    assert settings.endpoint == "https://modelarts.ap-southeast-1.myhuaweicloud.cn"  # ModelArts' own exception
    other = find_configuration(env={**without_file, "HUAWEICLOUD_SDK_REGION": "eu-west-101"}, home=tmp_path).settings()
    assert other.iam_endpoint == "https://iam.myhuaweicloud.com"  # not in the table: the global IAM


def test_what_iam_must_find(tmp_path):
    keys = {"HUAWEICLOUD_SDK_AK": AK, "HUAWEICLOUD_SDK_SK": SK}
    nothing = find_configuration(env=keys, home=tmp_path)
    assert (nothing.region, nothing.project_id, nothing.complete) == ("cn-north-4", None, False)
    assert (nothing.provenance.region_from, nothing.provenance.project_id_from) == ("default", "iam")
    project_only = find_configuration(env={**keys, "HUAWEICLOUD_SDK_PROJECT_ID": PROJECT}, home=tmp_path)
    assert project_only.region is None and project_only.iam_base == "https://iam.myhuaweicloud.com"
    found = project_only.settings(region="la-south-2")
    assert found.region == "la-south-2" and found.provenance.region_from == "iam" and found.project_id == PROJECT
    with pytest.raises(TypeError):
        project_only.settings()


def test_temporary_credentials_and_passwords(tmp_path):
    env = {"HUAWEICLOUD_SDK_AK": AK, "HUAWEICLOUD_SDK_SK": "S", "HUAWEICLOUD_SDK_SECURITY_TOKEN": "T",
           "HUAWEICLOUD_SDK_PROJECT_ID": PROJECT, "HUAWEICLOUD_SDK_REGION": "cn-north-4"}  # fmt: skip
    assert find_configuration(env=env, home=tmp_path).credentials.security_token == "T"
    password = find_configuration({"user_name": "alice", "password": "pw", "project_id": PROJECT}, env={}, home=tmp_path)
    assert password.credentials == PasswordCredentials("alice", "pw", "alice") and password.provenance.source == "config"
    assert password.provenance.keys_set == ("project_id", "iam_user", "iam_password")
    for configured in (password, find_configuration(env=env, home=tmp_path)):
        text = repr(configured) + repr(configured.provenance)
        assert "pw" not in text and "'S'" not in text and "'T'" not in text


@pytest.mark.parametrize(
    "config, env, file, words",
    [
        (
            {},
            {"HUAWEICLOUD_SDK_REGION": "x@127.0.0.1:18951/#"},
            "",
            "HUAWEICLOUD_SDK_REGION 'x@127.0.0.1:18951/#' is not a region",
        ),
        ({"region": "North China"}, {}, "", "c.CodeLab.region 'North China' is not a region"),
        ({}, {}, "[basic]\nregion = x@127.0.0.1:18951/#\n", "[basic] region in {path} 'x@127.0.0.1:18951/#'"),
        ({}, {}, "[basic]\nproject_id = abc\n", "[basic] project_id in {path} must be 32 hex"),
        ({"project_id": "12345"}, {}, "", "c.CodeLab.project_id must be 32 hex"),
        ({}, {"CODELAB_ENDPOINT": "https://u:secret@modelarts.example"}, "", "CODELAB_ENDPOINT must be an http"),
        ({}, {"CODELAB_IAM_ENDPOINT": "ftp://iam.example"}, "", "CODELAB_IAM_ENDPOINT must be an http"),
        ({}, {"HUAWEICLOUD_SDK_IAM_ENDPOINT": "https://iam.example/?x=1"}, "", "HUAWEICLOUD_SDK_IAM_ENDPOINT must be"),
        ({}, {}, "[basic]\niam_endpoint = https://iam.example/#frag\n", "[basic] iam_endpoint in {path} must be"),
        ({"endpoint": "https://bad host"}, {}, "", "c.CodeLab.endpoint must be"),
        ({"obs_endpoint": "obs.example"}, {}, "", "c.CodeLab.obs_endpoint must be"),
        ({}, {"HUAWEICLOUD_SDK_AK": "has spaces", "HUAWEICLOUD_SDK_SK": "s"}, "", "HUAWEICLOUD_SDK_AK must be letters"),
        ({}, {"HUAWEICLOUD_SDK_DOMAIN_ID": "acme"}, "", "HUAWEICLOUD_SDK_DOMAIN_ID must be 32 hex"),
        ({}, {"CODELAB_IAM_DOMAIN": "d" * 200}, "", "CODELAB_IAM_DOMAIN is longer than 128"),
        ({"access_key": "CONFIGACCESSKEY00001"}, {}, "", "secret_key"),
    ],
)
def test_every_value_meets_the_rules_of_the_form_and_names_where_it_was_set(tmp_path, config, env, file, words):
    path = write(tmp_path / "credentials", file)
    with pytest.raises(ConfigError) as caught:
        find_configuration(config, env={**env, "HUAWEICLOUD_SDK_CREDENTIALS_FILE": str(path)})
    assert words.format(path=path) in str(caught.value)
    assert "secret" not in str(caught.value).replace("secret_key", "")  # an endpoint's userinfo is never echoed


def test_an_echoed_value_is_quoted_and_a_long_one_not_echoed():
    with pytest.raises(ConfigError) as caught:
        find_configuration(env={"HUAWEICLOUD_SDK_REGION": "cn\r\nnorth\x00"})
    message = str(caught.value)
    assert "\r" not in message and "\n" not in message and "\x00" not in message and "'cn\\r\\nnorth\\x00'" in message
    with pytest.raises(ConfigError) as caught:
        find_configuration(env={"HUAWEICLOUD_SDK_REGION": "x" * 10_000})
    assert "x" * 65 not in str(caught.value) and "longer than 64" in str(caught.value)
