"""Remembering keys in the credentials file (as Huawei's SDK reads it), and checking a typed credentials form."""

from __future__ import annotations

import configparser
import stat

import pytest

from jupyter_codelab.modelarts import credentials_file
from jupyter_codelab.modelarts.credential_input import CredentialInputError, parse_credential_input
from jupyter_codelab.modelarts.credentials import AkSkCredentials, ConfigError, find_configuration

PROJECT = "0123456789abcdef0123456789abcdef"


def file_in(tmp_path):
    return tmp_path / ".huaweicloud" / "credentials"


def test_remember_creates_a_private_file_the_lookup_reads(tmp_path):
    path = credentials_file.remember("AKAKAKAKAK", "secret", PROJECT, path=file_in(tmp_path))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    configured = find_configuration(env={}, home=tmp_path)
    assert configured.provenance.source == "file" and configured.project_id == PROJECT and configured.region is None
    assert configured.credentials.secret_key == "secret" and configured.credentials.security_token is None
    assert credentials_file.remembered(path)


def test_remember_keeps_other_sections_keys_and_comments_and_drops_a_stale_token(tmp_path):
    path = file_in(tmp_path)
    path.parent.mkdir()
    path.write_text(
        "; top comment\n[other]\nak = A1\n\n[basic]\n# keep me\nak = OLD\nsecurity_token = STALE\niam_endpoint = https://iam.x\n"
        "region = cn-south-1\n[last]\nk = v\n"
    )
    credentials_file.remember("NEWAKNEWAK", "newsecret", PROJECT, path=path)
    text = path.read_text()
    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(text)
    assert "; top comment" in text and "# keep me" in text
    assert parser["other"]["ak"] == "A1" and parser["last"]["k"] == "v"
    basic = parser["basic"]
    assert basic["ak"] == "NEWAKNEWAK" and basic["sk"] == "newsecret" and basic["iam_endpoint"] == "https://iam.x"
    assert "security_token" not in basic and "region" not in basic  # the SDK has no region key: IAM names it

    assert credentials_file.forget(path) is True
    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(path.read_text())
    assert dict(parser["basic"]) == {"iam_endpoint": "https://iam.x"} and parser["other"]["ak"] == "A1"
    assert not credentials_file.remembered(path)


def test_forget_removes_a_file_that_held_only_our_keys(tmp_path):
    path = credentials_file.remember("AKAKAKAKAK", "secret", PROJECT, path=file_in(tmp_path))
    assert credentials_file.forget(path) is True
    assert not path.exists()
    assert credentials_file.forget(path) is False


def test_an_invalid_file_is_never_overwritten(tmp_path):
    path = file_in(tmp_path)
    path.parent.mkdir()
    path.write_text("this is not an ini file\n")
    with pytest.raises(ConfigError, match="not a valid INI"):
        credentials_file.remember("AKAKAKAKAK", "secret", PROJECT, path=path)
    assert path.read_text() == "this is not an ini file\n"


def test_the_sdk_variable_names_the_file_written_and_read(tmp_path, monkeypatch):
    named = tmp_path / "profiles" / "huawei.ini"
    monkeypatch.setenv("HUAWEICLOUD_SDK_CREDENTIALS_FILE", str(named))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert credentials_file.check_writable() == named
    credentials_file.remember("AKAKAKAKAK", "secret", PROJECT)
    assert named.exists() and not (tmp_path / "home" / ".huaweicloud").exists()
    assert credentials_file.remembered() and find_configuration().credentials.access_key == "AKAKAKAKAK"
    assert credentials_file.forget() is True and not named.exists()


@pytest.fixture
def sdk_provider(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # importing huaweicloudsdkcore writes $HOME/.huaweicloud
    from huaweicloudsdkcore.auth.provider import ProfileCredentialProvider

    return ProfileCredentialProvider


def test_a_file_we_remember_is_read_by_the_sdk(tmp_path, monkeypatch, sdk_provider):
    path = tmp_path / "sdk" / "credentials"
    monkeypatch.setenv("HUAWEICLOUD_SDK_CREDENTIALS_FILE", str(path))
    credentials_file.remember("AKAKAKAKAK", "s%cret", PROJECT, security_token="temporary+token/=")
    read = sdk_provider.get_basic_credential_profile_provider().get_credentials()
    assert (read.ak, read.sk, read.security_token, read.project_id) == ("AKAKAKAKAK", "s%cret", "temporary+token/=", PROJECT)
    assert find_configuration().credentials == AkSkCredentials("AKAKAKAKAK", "s%cret", "temporary+token/=")


def test_a_file_written_for_the_sdk_is_read_by_us(tmp_path, monkeypatch, sdk_provider):
    path = tmp_path / "for-the-sdk.ini"
    path.write_text(
        f"[basic]\nak = SDKACCESSKEY00000001\nsk = sdk-secret\nproject_id = {PROJECT}\niam_endpoint = https://iam.example.test\n"
        "[global]\nak = SDKACCESSKEY00000001\nsk = sdk-secret\ndomain_id = 0123456789abcdef0123456789abcd00\n"
    )
    monkeypatch.setenv("HUAWEICLOUD_SDK_CREDENTIALS_FILE", str(path))
    theirs = sdk_provider.get_basic_credential_profile_provider().get_credentials()
    ours = find_configuration()
    assert (ours.credentials.access_key, ours.credentials.secret_key, ours.project_id) == (
        theirs.ak,
        theirs.sk,
        theirs.project_id,
    )
    assert ours.iam_base == theirs.iam_endpoint == "https://iam.example.test"
    assert ours.provenance.file_path == str(path) and ours.provenance.source == "file"


@pytest.mark.parametrize(
    "body, field",
    [
        ({}, "access_key"),
        ({"access_key": "AKAKAKAKAK"}, "secret_key"),
        ({"access_key": "AK AK", "secret_key": "s"}, "access_key"),
        ({"access_key": "AKAKAKAKAK", "secret_key": 5}, "secret_key"),
        ({"access_key": "AKAKAKAKAK", "secret_key": "s", "region": "CN North"}, "region"),
        ({"iam_user": "u", "iam_password": "p", "remember": True}, "remember"),
        ({"iam_user": "u", "access_key": "AKAKAKAKAK"}, "iam_user"),
    ],
)
def test_form_mistakes_name_the_field_and_never_the_secret(body, field):
    with pytest.raises(CredentialInputError) as caught:
        parse_credential_input(body)
    assert caught.value.field == field
    assert str(caught.value) != "p" and 'secret_key": "s' not in str(caught.value)


def test_forms_parse():
    aksk = parse_credential_input({"access_key": " AKAKAKAKAK ", "secret_key": "s", "project_id": PROJECT.upper(), "region": ""})
    assert aksk.is_aksk and aksk.credentials.access_key == "AKAKAKAKAK" and aksk.project_id == PROJECT and aksk.region is None
    iam = parse_credential_input({"iam_user": "u", "iam_password": "p"})
    assert not iam.is_aksk and iam.credentials.domain_name == "u"
