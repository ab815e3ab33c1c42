"""Typed views of the JSON ModelArts returns for CodeLab notebooks.

The API page's tables and its own example spell some fields differently
(``step_description`` vs ``description``, ``create_time`` vs ``create_at``); both
are accepted. Unknown fields are kept in ``extra`` and never fail parsing, and
enums keep values they do not know, so a new ModelArts status cannot break us.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from .images import Image
from .json_fields import drop_none, pick, rest
from .lease import Lease
from .share_url import shown_link


class _OpenEnum(str, Enum):
    """A string enum that keeps unknown values instead of raising."""

    @classmethod
    def _missing_(cls, value: object):
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = "UNKNOWN"
        member._value_ = value
        return member


class NotebookStatus(_OpenEnum):
    """The 14 statuses of the SDK's ``notebook_resp.py``; what each means (phase, event, actions) is ``states``."""

    INIT = "INIT"
    CREATING = "CREATING"
    STARTING = "STARTING"
    STOPPING = "STOPPING"
    DELETING = "DELETING"
    RUNNING = "RUNNING"
    STOPPED = "STOPPED"
    SNAPSHOTTING = "SNAPSHOTTING"
    CREATE_FAILED = "CREATE_FAILED"
    START_FAILED = "START_FAILED"
    DELETE_FAILED = "DELETE_FAILED"
    ERROR = "ERROR"
    DELETED = "DELETED"
    FROZEN = "FROZEN"


class StepStatus(_OpenEnum):
    WAITING = "WAITING"
    PROCESSING = "PROCESSING"
    FAILED = "FAILED"
    COMPLETED = "COMPLETED"


STEP_NAMES = {1: "storage", 2: "compute", 3: "network", 4: "initialization"}


@dataclass
class JobProgress:
    """One step of ``action_progress``: the SDK and the example say ``description``, the tables
    and golangsdk (notebook/results.go) ``step_description`` and ``notebook_id``: keep both."""

    step: int
    status: StepStatus
    description: str | None = None
    step_description: str | None = None
    notebook_id: str | None = None
    extra: dict = field(default_factory=dict)

    KNOWN = {"step", "status", "description", "step_description", "notebook_id"}

    @classmethod
    def from_json(cls, data: dict) -> JobProgress:
        return cls(
            step=int(data.get("step") or 0),
            status=StepStatus(data.get("status") or "WAITING"),
            description=pick(data, "description", "step_description"),
            step_description=pick(data, "step_description", "description"),
            notebook_id=data.get("notebook_id"),
            extra=rest(data, cls.KNOWN),
        )

    def to_client_json(self) -> dict:
        return {
            "step": self.step,
            "name": STEP_NAMES.get(self.step, f"step {self.step}"),
            "status": self.status.value,
            "description": self.description,
            "step_description": self.step_description,
            "notebook_id": self.notebook_id,
        }


@dataclass
class EndpointsRes:
    """How to reach the instance: ``{dev_service, service, uri, key_pair_names}`` in the SDK
    (endpoints_res.py), whose text gives both names the same meaning (NOTEBOOK | SSH); Terraform and
    golangsdk read ``endpoints[?service=='SSH'].key_pair_names`` and ``allowed_access_ips``.
    ``ssh_keys`` appears in no source, but older answers of ours used it: still accepted."""

    dev_service: str | None = None
    service: str | None = None
    uri: str | None = None
    key_pair_names: list[str] = field(default_factory=list)
    allowed_access_ips: list[str] = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    KNOWN = {"dev_service", "service", "uri", "key_pair_names", "ssh_keys", "allowed_access_ips"}

    @classmethod
    def from_json(cls, data: dict) -> EndpointsRes:
        return cls(
            dev_service=pick(data, "dev_service", "service"),
            service=pick(data, "service", "dev_service"),
            uri=data.get("uri"),
            key_pair_names=list(pick(data, "key_pair_names", "ssh_keys", default=[])),
            allowed_access_ips=list(data.get("allowed_access_ips") or []),
            extra=rest(data, cls.KNOWN),
        )

    @property
    def is_ssh(self) -> bool:
        return "SSH" in {(self.service or "").upper(), (self.dev_service or "").upper()}

    def to_client_json(self) -> dict:
        return {
            **self.extra,
            "dev_service": self.dev_service,
            "service": self.service,
            "uri": self.uri,
            "key_pair_names": self.key_pair_names,
            "allowed_access_ips": self.allowed_access_ips,
        }


@dataclass
class Pool:
    id: str | None = None
    name: str | None = None
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: dict) -> Pool:
        return cls(id=data.get("id"), name=data.get("name"), extra=rest(data, {"id", "name"}))


@dataclass
class VolumeRes:
    capacity: int | None = None
    category: str | None = None
    mount_path: str | None = None
    ownership: str | None = None
    status: str | None = None
    extra: dict = field(default_factory=dict)

    KNOWN = {"capacity", "category", "mount_path", "ownership", "status"}

    @classmethod
    def from_json(cls, data: dict) -> VolumeRes:
        return cls(**{k: data.get(k) for k in cls.KNOWN}, extra=rest(data, cls.KNOWN))

    def to_client_json(self) -> dict:
        return drop_none({k: getattr(self, k) for k in sorted(self.KNOWN)})


@dataclass
class Notebook:
    id: str
    status: NotebookStatus
    name: str | None = None
    feature: str | None = None
    flavor: str | None = None
    url: str | None = None
    token: str | None = None
    fail_reason: str | None = None
    description: str | None = None
    workspace_id: str | None = None
    create_at: int | None = None
    update_at: int | None = None
    image: Image | None = None
    lease: Lease | None = None
    pool: Pool | None = None
    volume: VolumeRes | None = None
    action_progress: list[JobProgress] = field(default_factory=list)
    endpoints: list[EndpointsRes] = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    KNOWN = {
        "id", "status", "name", "feature", "flavor", "url", "token", "fail_reason", "description",
        "workspace_id", "create_at", "create_time", "update_at", "update_time", "image", "lease",
        "pool", "volume", "action_progress", "endpoints",
    }  # fmt: skip

    def __repr__(self) -> str:  # the instance token stays out of logs
        return f"Notebook(id={self.id!r}, status={self.status.value!r})"

    @classmethod
    def from_json(cls, data: dict) -> Notebook:
        def sub(key, model):
            value = data.get(key)
            return model.from_json(value) if isinstance(value, dict) else None

        return cls(
            id=str(data.get("id") or ""),
            status=NotebookStatus(data.get("status") or "INIT"),
            name=data.get("name"),
            feature=data.get("feature"),
            flavor=data.get("flavor"),
            url=data.get("url"),
            token=data.get("token"),
            fail_reason=data.get("fail_reason"),
            description=data.get("description"),
            workspace_id=data.get("workspace_id"),
            create_at=pick(data, "create_at", "create_time"),
            update_at=pick(data, "update_at", "update_time"),
            image=sub("image", Image),
            lease=sub("lease", Lease),
            pool=sub("pool", Pool),
            volume=sub("volume", VolumeRes),
            action_progress=sorted(
                (JobProgress.from_json(p) for p in data.get("action_progress") or [] if isinstance(p, dict)),
                key=lambda p: p.step,
            ),
            endpoints=[EndpointsRes.from_json(e) for e in data.get("endpoints") or [] if isinstance(e, dict)],
            extra=rest(data, cls.KNOWN),
        )

    @property
    def progress(self) -> int:
        """0-100: a quarter per completed step, all of it once running."""
        if self.status == NotebookStatus.RUNNING:
            return 100
        if not self.action_progress:
            return 0
        done = sum(1 for p in self.action_progress if p.status == StepStatus.COMPLETED)
        return round(100 * done / max(4, len(self.action_progress)))

    def to_client_json(self, simulated: bool = False, now_ms: int | None = None) -> dict:
        """The normalized notebook served to browsers and kernels; never the instance token."""
        image = self.image
        return {
            "id": self.id,
            "name": self.name,
            "status": self.status.value,
            "feature": self.feature,
            "flavor": self.flavor,
            "url": self.url,
            # A notebook sent from Jupyter was opened with a signed link, which ModelArts keeps as its description.
            "fail_reason": shown_link(self.fail_reason),
            "description": shown_link(self.description),
            "workspace_id": self.workspace_id,
            "create_at": self.create_at,
            "update_at": self.update_at,
            "image": None
            if image is None
            else {"id": image.id, "name": image.name, "tag": image.tag, "type": image.type, "swr_path": image.swr_path},
            "action_progress": [p.to_client_json() for p in self.action_progress],
            "endpoints": [e.to_client_json() for e in self.endpoints],
            "lease": self.lease.to_client_json(now_ms) if self.lease else None,
            "pool": None if self.pool is None else {"id": self.pool.id, "name": self.pool.name},
            "volume": self.volume.to_client_json() if self.volume else None,
            "progress": self.progress,
            "simulated": simulated,
        }


@dataclass
class Page:
    """The list envelope ModelArts uses: ``{current, data, pages, size, total}``."""

    items: list
    total: int
    current: int = 0
    pages: int = 1
    size: int = 0  # the page size asked for (the SDK: "每一页的数量"), not the number of rows
