"""The ModelArts regions a person can pick when connecting an account, written once.

The sidebar gets them generated into TypeScript (``scripts/generate_ts_tables``), GET config
serves them, and the kernel's panel reads them here. They are the regions of the Huawei
Cloud SDK's ModelArts table (huaweicloudsdkmodelarts ``v1/region/modelarts_region.py``,
``ModelArtsRegion.static_fields``), the common ones first.
"""

from __future__ import annotations

from .credentials import DEFAULT_REGION  # also this module's: the form's first choice

REGIONS: tuple[str, ...] = (
    DEFAULT_REGION,  # cn-north-4, Beijing 4: the free CodeLab pool
    "cn-north-9",
    "cn-east-3",
    "cn-south-1",
    "cn-southwest-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "cn-north-1",
    "cn-north-2",
    "cn-north-11",
    "cn-north-12",
    "cn-east-4",
    "cn-southwest-3",
    "af-south-1",
    "af-north-1",
    "la-south-2",
    "la-north-2",
    "sa-brazil-1",
    "tr-west-1",
    "me-east-1",
)


def region_choices(current: str | None) -> list[str]:
    """The regions to offer: the list, with the current one first when it is not in it (a region set in the config)."""
    region = (current or "").strip()
    return [region, *REGIONS] if region and region not in REGIONS else list(REGIONS)


def regions_json() -> dict:
    """The table for other languages (the labextension's generated copy)."""
    return {"regions": list(REGIONS), "default": DEFAULT_REGION}
