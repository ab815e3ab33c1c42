"""Every user's CodeLab instance and the operations on it, with ModelArts' answers for wrong states."""

from __future__ import annotations

import base64
import binascii
import secrets
import uuid
from typing import Callable
from urllib.parse import urlsplit

from . import images
from .config import LEASE_MAX_MS, LEASE_MIN_MS, SimulatorConfig
from .errors import ApiError, bad_request, invalid_parameter, notebook_not_found
from .instance import (
    CREATE_FAILED,
    CREATING,
    DELETED,
    RUNNING,
    STARTING,
    STOPPED,
    STOPPING,
    CreationPlan,
    Instance,
    Lease,
)
from .paging import paginate

LEASE_TYPES = ("TIMING", "IDLE")


def decode_share_url(value) -> str:
    """The http(s) URL inside ``share_url`` (standard Base64 with padding), or a 400."""
    problem = None
    if not isinstance(value, str) or not value:
        problem = "it must be a non-empty string"
    else:
        try:
            if len(value) % 4:
                raise binascii.Error("missing padding")
            url = base64.b64decode(value, validate=True).decode("utf-8")
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                problem = "it must encode an http(s) URL of an .ipynb file"
        except (binascii.Error, UnicodeDecodeError):
            problem = "it is not standard Base64 with padding"
    if problem:
        raise invalid_parameter(f"Invalid parameter share_url: {problem}.")
    return url


def parse_duration(raw) -> int:
    if isinstance(raw, bool) or raw is None:
        raise bad_request("ModelArts.6348", f"The auto-stop duration must be an integer number of milliseconds, got {raw!r}.")
    try:
        value = int(raw) if isinstance(raw, (int, str)) else None
    except ValueError:
        value = None
    if value is None:
        raise bad_request("ModelArts.6348", f"The auto-stop duration must be an integer number of milliseconds, got {raw!r}.")
    if not LEASE_MIN_MS <= value <= LEASE_MAX_MS:
        raise bad_request(
            "ModelArts.6346",
            f"The auto-stop duration {value} ms is out of range: use {LEASE_MIN_MS} to {LEASE_MAX_MS} ms (1 h to 72 h).",
        )
    return value


def parse_lease_type(raw, default: str) -> str:
    if raw in (None, ""):
        return default
    if raw not in LEASE_TYPES:
        raise bad_request("ModelArts.6349", f"The auto-stop type must be TIMING or IDLE, got {raw!r}.")
    return raw


class NotebookStore:
    def __init__(self, config_source: Callable[[], SimulatorConfig]):
        self._config_source = config_source
        self.instances: dict[str, Instance] = {}
        self.current: dict[str, str] = {}  # owner id -> id of that user's CodeLab instance

    @property
    def config(self) -> SimulatorConfig:
        return self._config_source()

    def now(self) -> int:
        return self.config.clock.now_ms()

    def reset(self) -> None:
        self.instances.clear()
        self.current.clear()

    # -- reads -------------------------------------------------------------------------------
    def find(self, notebook_id: str) -> Instance:
        instance = self.instances.get(notebook_id)
        if instance is None or instance.phase == DELETED:
            raise notebook_not_found(notebook_id)
        instance.settle(self.now())
        return instance

    def get(self, owner_id: str, notebook_id: str) -> Instance:
        instance = self.instances.get(notebook_id)
        if instance is None or instance.owner_id != owner_id:  # others' instances do not exist for you
            raise notebook_not_found(notebook_id)
        return self.find(notebook_id)

    def status(self, instance: Instance) -> str:
        return instance.status_and_steps(self.now())[0]

    def render(self, instance: Instance, detail: bool = True, fresh: bool = False) -> dict:
        return instance.to_json(self.now(), self.config.region, detail=detail, fresh=fresh)

    def list(self, owner_id: str, params: dict[str, str]) -> dict:
        now = self.now()
        rows = []
        for instance in self.instances.values():
            if instance.owner_id != owner_id or instance.phase == DELETED:
                continue
            instance.settle(now)
            rows.append(self.render(instance))
        # The list call's feature defaults to NOTEBOOK (billed): the CodeLab one needs feature=DEFAULT.
        rows = [r for r in rows if r["feature"] == (params.get("feature") or "NOTEBOOK")]
        if params.get("name"):
            rows = [r for r in rows if params["name"] in r["name"]]
        for key in ("status", "id", "flavor", "workspace_id"):
            if params.get(key):
                rows = [r for r in rows if r[key] == params[key]]
        if params.get("image_id"):
            rows = [r for r in rows if r["image"]["id"] == params["image_id"]]
        sort_key = params.get("sort_key") or "create_at"
        if sort_key in ("create_at", "update_at", "name", "status"):
            rows.sort(key=lambda r: r[sort_key], reverse=(params.get("sort_dir") or "DESC").upper() == "DESC")
        return paginate(rows, params, default_limit=10)

    # -- open --------------------------------------------------------------------------------
    def open(
        self, owner_id: str, image_id: str | None, share_url: str | None, plan_factory: Callable[[], CreationPlan]
    ) -> tuple[Instance, bool]:
        """The user's live instance (False) or a new one (True) replacing a failed or deleted one."""
        if image_id is not None and not isinstance(image_id, str):
            raise invalid_parameter("Invalid parameter image_id: it must be an image ID string.")
        image = images.find_image(image_id or images.DEFAULT_IMAGE_ID)
        if image is None:
            raise bad_request("ModelArts.6797", f"The image {image_id} does not exist.")
        description = decode_share_url(share_url) if share_url is not None else ""
        existing = self.instances.get(self.current.get(owner_id, ""))
        if existing is not None:
            existing.settle(self.now())
            if existing.phase not in (CREATE_FAILED, DELETED):
                if description:  # the shared notebook is fetched into the instance already there
                    existing.description = description
                return existing, False
            self.instances.pop(existing.id, None)  # replaced: a failed CodeLab instance is not kept
        now = self.now()
        instance = Instance(
            id=str(uuid.uuid4()),
            name=f"notebook_{secrets.token_hex(4)}",
            owner_id=owner_id,
            image=image,
            flavor=images.free_flavor(image),
            token=str(uuid.uuid4()),
            create_at=now,
            lease=Lease(create_at=now, duration=self.config.default_lease_ms, update_at=now),
            plan=plan_factory(),
            description=description,
        )
        instance._enter(CREATING, now)
        self.instances[instance.id] = instance
        self.current[owner_id] = instance.id
        return instance, True

    # -- lease -------------------------------------------------------------------------------
    def renew(self, owner_id: str, notebook_id: str, duration_raw, type_raw) -> Lease:
        """The requested duration counts from now; the stored one from the lease's create_at."""
        instance = self.get(owner_id, notebook_id)
        requested = parse_duration(duration_raw)
        lease_type = parse_lease_type(type_raw, instance.lease.type)
        status = self.status(instance)
        if status != RUNNING:
            code = {STOPPED: "ModelArts.6307", STOPPING: "ModelArts.6308"}.get(status, "ModelArts.6357")
            raise bad_request(
                code, f"Notebook instance {notebook_id} is {status}: its auto-stop time can only be changed while it is RUNNING."
            )
        now = self.now()
        lease = instance.lease
        lease.duration, lease.type, lease.update_at, lease.enable = now - lease.create_at + requested, lease_type, now, True
        instance.update_at = now
        return lease

    def expire(self, notebook_id: str, in_seconds: float) -> Instance:
        """Control API: make the lease end ``in_seconds`` from now."""
        instance = self.find(notebook_id)
        now = self.now()
        ends_at = now + int(in_seconds * 1000)
        lease = instance.lease
        if ends_at < lease.create_at:
            lease.create_at = ends_at
        lease.duration, lease.update_at = ends_at - lease.create_at, now
        instance.settle(now)
        return instance

    # -- stop / start / delete ---------------------------------------------------------------
    def stop(self, owner_id: str, notebook_id: str) -> Instance:
        instance = self.get(owner_id, notebook_id)
        status = self.status(instance)
        if status == STOPPED:
            raise bad_request("ModelArts.6307", f"Notebook instance {notebook_id} is already stopped.")
        if status == STOPPING:
            raise bad_request("ModelArts.6308", f"Notebook instance {notebook_id} is stopping.")
        if status != RUNNING:
            raise _in_progress(notebook_id, status)
        instance._enter(STOPPING, self.now(), int(self.config.stop_seconds * 1000))
        return instance

    def start(self, owner_id: str, notebook_id: str, duration_raw, type_raw) -> Instance:
        instance = self.get(owner_id, notebook_id)
        duration = parse_duration(duration_raw if duration_raw not in (None, "") else self.config.default_lease_ms)
        lease_type = parse_lease_type(type_raw, "TIMING")
        status = self.status(instance)
        if status == RUNNING:
            raise bad_request("ModelArts.6305", f"Notebook instance {notebook_id} is already running.")
        if status == STARTING:
            raise bad_request("ModelArts.6306", f"Notebook instance {notebook_id} is starting.")
        if status == STOPPING:
            raise bad_request("ModelArts.6308", f"Notebook instance {notebook_id} is stopping: start it once it is stopped.")
        if status != STOPPED:
            raise _in_progress(notebook_id, status)
        now = self.now()
        instance.lease = Lease(create_at=now, duration=duration, update_at=now, type=lease_type)
        instance._enter(STARTING, now, int(self.config.effective_start_seconds * 1000))
        return instance

    def delete(self, owner_id: str, notebook_id: str) -> Instance:
        instance = self.get(owner_id, notebook_id)
        status = self.status(instance)
        if status in (RUNNING, STOPPING):
            raise bad_request("ModelArts.6304", f"Stop notebook instance {notebook_id} before deleting it.")
        if status not in (STOPPED, CREATE_FAILED):
            raise _in_progress(notebook_id, status)
        instance._enter(DELETED, self.now())
        if self.current.get(owner_id) == notebook_id:
            del self.current[owner_id]
        return instance


def _in_progress(notebook_id: str, status: str) -> ApiError:
    if status in (CREATING, STARTING, "INIT"):
        text = f"Another operation is in progress on notebook instance {notebook_id} ({status}); try again when it ends."
    else:
        text = f"Notebook instance {notebook_id} cannot do that in status {status}."
    return bad_request("ModelArts.6357", text)
