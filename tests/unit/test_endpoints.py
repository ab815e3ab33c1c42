"""The default hosts: ModelArts', OBS' and IAM's, the last from the table of Huawei's SDK core."""

from __future__ import annotations

import pytest

from jupyter_codelab.modelarts.endpoints import GLOBAL_IAM, IAM_ENDPOINTS, service_url


@pytest.fixture
def sdk_endpoints(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))  # importing huaweicloudsdkcore writes $HOME/.huaweicloud
    monkeypatch.delenv("HUAWEICLOUD_SDK_IAM_ENDPOINT", raising=False)
    from huaweicloudsdkcore.auth import endpoint
    from huaweicloudsdkcore.auth.internal import IamHelper

    return vars(endpoint)["__IAM_ENDPOINT_DICT"], IamHelper


def test_the_iam_table_is_the_sdks(sdk_endpoints):
    table, iam_helper = sdk_endpoints
    assert table == IAM_ENDPOINTS
    assert iam_helper.DEFAULT_ENDPOINT == GLOBAL_IAM
    for region in ("cn-north-4", "ap-southeast-1", "eu-west-101", None):
        assert service_url("iam", region) == iam_helper.get_iam_endpoint(region)


def test_modelarts_and_obs_follow_the_region():
    assert service_url("modelarts", "cn-north-4") == "https://modelarts.cn-north-4.myhuaweicloud.com"
    assert service_url("modelarts", "ap-southeast-1") == "https://modelarts.ap-southeast-1.myhuaweicloud.cn"
    assert service_url("obs", "ap-southeast-1") == "https://obs.ap-southeast-1.myhuaweicloud.com"


@pytest.mark.parametrize("region", ["x@127.0.0.1:18951/#", "", None, "cn-north-4.evil.test", "CN-NORTH-4"])
def test_no_host_is_built_from_an_unchecked_region(region):
    for service in ("modelarts", "obs") + (("iam",) if region is not None else ()):
        with pytest.raises(ValueError):
            service_url(service, region)
