"""Remembering keys in ~/.huaweicloud/credentials, and checking a typed credentials form."""

from __future__ import annotations

import configparser
import stat

import pytest

from jupyter_codelab.modelarts import credentials_file
from jupyter_codelab.modelarts.credential_input import CredentialInputError, parse_credential_input
from jupyter_codelab.modelarts.credentials import ConfigError, resolve_settings

PROJECT = "0123456789abcdef0123456789abcdef"


def test_remember_creates_a_private_file_the_lookup_reads(tmp_path):
    path = credentials_file.remember("AKAKAKAKAK", "secret", PROJECT, "cn-south-1", home=tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    settings = resolve_settings(env={}, home=tmp_path)
    assert settings.source == "file" and settings.project_id == PROJECT and settings.region == "cn-south-1"
    assert settings.credentials.secret_key == "secret" and settings.credentials.security_token is None
    assert credentials_file.remembered(tmp_path)


def test_remember_keeps_other_sections_keys_and_comments_and_drops_a_stale_token(tmp_path):
    path = tmp_path / ".huaweicloud" / "credentials"
    path.parent.mkdir()
    path.write_text(
        "; top comment\n[other]\nak = A1\n\n[basic]\n# keep me\nak = OLD\nsecurity_token = STALE\niam_endpoint = https://iam.x\n[last]\nk = v\n"
    )
    credentials_file.remember("NEWAKNEWAK", "newsecret", PROJECT, home=tmp_path)
    text = path.read_text()
    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(text)
    assert "; top comment" in text and "# keep me" in text
    assert parser["other"]["ak"] == "A1" and parser["last"]["k"] == "v"
    basic = parser["basic"]
    assert basic["ak"] == "NEWAKNEWAK" and basic["sk"] == "newsecret" and basic["iam_endpoint"] == "https://iam.x"
    assert "security_token" not in basic and "region" not in basic

    assert credentials_file.forget(tmp_path) is True
    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(path.read_text())
    assert dict(parser["basic"]) == {"iam_endpoint": "https://iam.x"} and parser["other"]["ak"] == "A1"
    assert not credentials_file.remembered(tmp_path)


def test_forget_removes_a_file_that_held_only_our_keys(tmp_path):
    credentials_file.remember("AKAKAKAKAK", "secret", PROJECT, home=tmp_path)
    assert credentials_file.forget(tmp_path) is True
    assert not (tmp_path / ".huaweicloud" / "credentials").exists()
    assert credentials_file.forget(tmp_path) is False


def test_an_invalid_file_is_never_overwritten(tmp_path):
    path = tmp_path / ".huaweicloud" / "credentials"
    path.parent.mkdir()
    path.write_text("this is not an ini file\n")
    with pytest.raises(ConfigError, match="not a valid INI"):
        credentials_file.remember("AKAKAKAKAK", "secret", PROJECT, home=tmp_path)
    assert path.read_text() == "this is not an ini file\n"


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
