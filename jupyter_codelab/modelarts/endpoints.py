"""Every Huawei Cloud host we call by default, built here and nowhere else, from a region that passed the rules.

An explicit endpoint (``c.CodeLab.*endpoint``, ``CODELAB_ENDPOINT``, ``CODELAB_IAM_ENDPOINT``,
``HUAWEICLOUD_SDK_IAM_ENDPOINT``, ``iam_endpoint`` in the credentials file) replaces the default
of its own service only: a ModelArts endpoint never receives IAM's calls.
"""

from __future__ import annotations

from typing import Literal

from .value_rules import REGION_RE

Service = Literal["modelarts", "iam", "obs"]


class UncheckedRegion(ValueError):
    """A caller's bug: a host was asked for with a region that never passed ``value_rules.check``."""


# IAM's global endpoint: what the SDK uses for a region its table does not name (auth/internal.py IamHelper.DEFAULT_ENDPOINT).
GLOBAL_IAM = "https://iam.myhuaweicloud.com"
# Copied from huaweicloudsdkcore 3.1.219 auth/endpoint.py (__IAM_ENDPOINT_DICT); tests/unit/test_endpoints.py compares it
# with the installed SDK's, so a newer SDK with more regions fails that test until this is updated.
IAM_ENDPOINTS = {
    region: f"https://iam.{region}.myhuaweicloud.com"
    for region in (
        "cn-north-2", "cn-north-4", "cn-north-1", "cn-east-2", "cn-east-3", "cn-south-1", "cn-south-2", "cn-southwest-2",
        "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "af-south-1", "sa-brazil-1", "la-south-2", "na-mexico-1",
        "la-north-2", "cn-north-9", "eu-west-0", "my-kualalumpur-1", "ru-moscow-1", "me-east-1", "ap-southeast-4", "ae-ad-1",
        "cn-east-4", "cn-east-5", "tr-west-1", "cn-north-12",
    )
}  # fmt: skip


def service_url(service: Service, region: str | None) -> str:
    """The default endpoint of ``service`` in ``region`` (IAM: the global one without a region or outside the table)."""
    if region is None and service == "iam":
        return GLOBAL_IAM
    if not isinstance(region, str) or not REGION_RE.match(region):
        raise UncheckedRegion(repr(region)[:80])
    if service == "iam":
        return IAM_ENDPOINTS.get(region, GLOBAL_IAM)
    if service == "modelarts":
        # Only ModelArts' ap-southeast-1 host is on .myhuaweicloud.cn (huaweicloudsdkmodelarts/v1/region/modelarts_region.py).
        suffix = "myhuaweicloud.cn" if region == "ap-southeast-1" else "myhuaweicloud.com"
        return f"https://modelarts.{region}.{suffix}"
    # OBS endpoints: https://obs.{region}.myhuaweicloud.com (Regions and Endpoints, OBS).
    return f"https://obs.{region}.myhuaweicloud.com"
