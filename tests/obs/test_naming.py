"""Object keys, bucket names, public URLs and log redaction (pure functions)."""

import hashlib

import pytest

from jupyter_codelab.obs.naming import NamingError, check_bucket, default_bucket, object_key, public_url
from jupyter_codelab.obs.redact import redact_url


def test_the_key_is_content_addressed_and_holds_no_folder():
    data = b'{"cells": []}'
    key = object_key(data, "home/alice/secret project/Über Analyse (v2).ipynb")
    assert key == f"codelab/{hashlib.sha256(data).hexdigest()[:16]}/ber-Analyse-v2.ipynb"
    assert "alice" not in key and "secret" not in key
    assert object_key(data, "a.ipynb") != object_key(data + b" ", "a.ipynb")
    assert object_key(data, "..ipynb").endswith("/notebook.ipynb")


def test_the_default_bucket_follows_project_and_region():
    assert default_bucket("0123456789ABCDEF0123456789abcdef", "cn-north-4") == "codelab-01234567-cn-north-4"
    for bad in ("UPPER", "a", "has_underscore", "-dash-first", "192.168.0.1", "a..b"):
        with pytest.raises(NamingError) as caught:
            check_bucket(bad)
        assert caught.value.field == "obs_bucket" and "c.CodeLab.obs_bucket" in str(caught.value)


def test_public_urls_virtual_host_on_the_cloud_path_style_on_the_simulator():
    assert (
        public_url("https://obs.cn-north-4.myhuaweicloud.com", "b1", "codelab/ab/x.ipynb", False)
        == "https://b1.obs.cn-north-4.myhuaweicloud.com/codelab/ab/x.ipynb"
    )
    assert public_url("http://127.0.0.1:9000", "b1", "codelab/ab/x.ipynb", True) == "http://127.0.0.1:9000/b1/codelab/ab/x.ipynb"


def test_redaction_cuts_the_signed_query():
    url = "https://b.obs.cn-north-4.myhuaweicloud.com/codelab/ab/x.ipynb?AccessKeyId=AK&Expires=1&Signature=abc%3D"
    assert redact_url(url) == "https://b.obs.cn-north-4.myhuaweicloud.com/codelab/ab/x.ipynb?<signature redacted>"
    assert redact_url("https://h/x.ipynb") == "https://h/x.ipynb"
