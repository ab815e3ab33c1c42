"""The image model: what ListImage / ShowImage return, and which image ``open`` uses by default."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .json_fields import rest

DEFAULT_IMAGE_ID = "e1a07296-22a8-4f05-8bc8-e936c8e54090"  # notebook2.0-mul-kernel-cpu-cp36: what open uses without image_id


@dataclass
class Image:
    """An image as ``ImageResponse`` / ``Image`` describe it (huaweicloudsdkmodelarts v1/model/image*.py)."""

    id: str
    name: str | None = None
    tag: str | None = None
    swr_path: str | None = None
    type: str | None = None  # BUILD_IN | DEDICATED
    description: str | None = None
    arch: str | None = None  # X86_64 | AARCH64
    resource_categories: list[str] = field(default_factory=list)
    support_res_categories: list[str] = field(default_factory=list)
    dev_services: list[str] = field(default_factory=list)
    service_type: str | None = None  # COMMON | INFERENCE | TRAIN | DEV | UNKNOWN
    status: str | None = None  # INIT | CREATING | CREATE_FAILED | ERROR | DELETED | ACTIVE
    status_message: str | None = None
    visibility: str | None = None  # PRIVATE | PUBLIC
    origin: str | None = None  # CUSTOMIZE | IMAGE_SAVE
    size: int | None = None  # KB
    namespace: str | None = None
    workspace_id: str | None = None
    flavor_type: str | None = None
    show_name: str | None = None
    show_tag: str | None = None
    swr_instance_id: str | None = None
    tags: list = field(default_factory=list)
    create_at: int | None = None
    update_at: int | None = None
    extra: dict = field(default_factory=dict)

    LISTS = ("resource_categories", "support_res_categories", "dev_services", "tags")
    SCALARS = (
        "name", "tag", "swr_path", "type", "description", "arch", "service_type", "status", "status_message",
        "visibility", "origin", "size", "namespace", "workspace_id", "flavor_type", "show_name", "show_tag",
        "swr_instance_id", "create_at", "update_at",
    )  # fmt: skip
    KNOWN = {"id", *LISTS, *SCALARS}

    @classmethod
    def from_json(cls, data: dict) -> Image:
        fields: dict[str, Any] = {name: data.get(name) for name in cls.SCALARS}
        fields.update({name: list(data.get(name) or []) for name in cls.LISTS})
        return cls(id=str(data.get("id") or ""), extra=rest(data, cls.KNOWN), **fields)

    @property
    def processor(self) -> str:
        categories = {str(c).upper() for c in (*self.resource_categories, *self.support_res_categories)}
        for kind in ("GPU", "ASCEND"):
            if kind in categories:
                return kind
        return "CPU"

    def to_client_json(self, default: bool = False) -> dict:
        return {
            "id": self.id,
            **{name: getattr(self, name) for name in self.SCALARS},
            **{name: getattr(self, name) for name in self.LISTS},
            "processor": self.processor,
            "default": default,
        }


def default_image_id(images: list[Image]) -> str | None:
    """The image ModelArts opens when none is given: its multi-kernel CPU image."""
    if any(image.id == DEFAULT_IMAGE_ID for image in images):
        return DEFAULT_IMAGE_ID
    multi_cpu = [i for i in images if "mul-kernel" in (i.name or "") and i.processor == "CPU"]
    candidates = multi_cpu or [i for i in images if i.processor == "CPU"] or images
    return candidates[0].id if candidates else None
