"""Object keys, bucket names, public URLs and how a signed link is shown (pure functions)."""

import base64
import hashlib

import pytest

from jupyter_codelab.modelarts.share_url import shown_link
from jupyter_codelab.obs.naming import NamingError, check_bucket, default_bucket, object_key, public_url


def test_the_key_is_content_addressed_and_holds_no_folder():
    digest = hashlib.sha256(b'{"cells": []}').hexdigest()
    key = object_key(digest, "home/alice/secret project/Über Analyse (v2).ipynb")
    assert key == f"codelab/{digest[:16]}/ber-Analyse-v2.ipynb"
    assert "alice" not in key and "secret" not in key
    assert object_key(digest, "..ipynb").endswith("/notebook.ipynb")


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


def test_a_signed_link_is_shown_without_its_query():
    url = "https://b.obs.cn-north-4.myhuaweicloud.com/codelab/ab/x.ipynb?AccessKeyId=AK&Expires=1&Signature=abc%3D"
    assert shown_link(url) == "https://b.obs.cn-north-4.myhuaweicloud.com/codelab/ab/x.ipynb"
    assert shown_link("https://h/x.ipynb") == "https://h/x.ipynb"
    token = "https://b.obs.cn-north-4.myhuaweicloud.com/k.ipynb?X-Obs-Security-Token=t&Signature=s"
    assert shown_link(base64.b64encode(token.encode()).decode()) == "https://b.obs.cn-north-4.myhuaweicloud.com/k.ipynb"
    assert (
        shown_link("Failed to fetch http://h/a.ipynb#x and http://h/b.ipynb?s=1.")
        == "Failed to fetch http://h/a.ipynb and http://h/b.ipynb"
    )
    assert shown_link("a description") == "a description" and shown_link(None) is None
