"""Every user's CodeLab instance: reads, lists and ``open`` (with the image switch).

The operations on one instance (lease, start, stop, delete, forced statuses) are in
``operations.py``; both share the rules here for statuses that refuse everything.
"""

from __future__ import annotations

import base64
import binascii
import secrets
import uuid
from collections.abc import Callable
from urllib.parse import urlsplit

from . import images
from .config import SimulatorConfig
from .errors import free_quota_exhausted, frozen, image_not_found, in_progress, invalid_parameter, notebook_not_found
from .instance import DELETED, DELETING, FAILED, FROZEN, RUNNING, STOPPED, STOPPING, CreationPlan, Instance
from .lease import Lease
from .operations import Operations
from .paging import paginate
from .wire import notebook_json

NOTEBOOK_LIST_LIMITS = (10, 20, 50)  # SDK list_notebooks_request.py: limit 取值范围 [10,20,50], default 10


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


class NotebookStore(Operations):
    def __init__(self, config_source: Callable[[], SimulatorConfig]):
        self._config_source = config_source
        self.instances: dict[str, Instance] = {}
        self.lab_base: str | None = None  # the listening simulator's endpoint: `url` links to its lab page
        self.current: dict[str, str] = {}  # owner id -> id of that user's CodeLab instance

    @property
    def config(self) -> SimulatorConfig:
        return self._config_source()

    def now(self) -> int:
        return self.config.clock.now_ms()

    def ms(self, seconds: float) -> int:
        return int(seconds * 1000)

    def reset(self) -> None:
        self.instances.clear()
        self.current.clear()

    # -- reads -------------------------------------------------------------------------------
    def settle(self, instance: Instance) -> Instance:
        instance.settle(self.now(), self.ms(self.config.stop_seconds))
        return instance

    def find(self, notebook_id: str) -> Instance:
        """Any user's instance (control API); a deleted one does not exist (400 ModelArts.6309)."""
        instance = self.instances.get(notebook_id)
        if instance is not None:
            self.settle(instance)
        if instance is None or instance.phase == DELETED:
            raise notebook_not_found(notebook_id)
        return instance

    def get(self, owner_id: str, notebook_id: str) -> Instance:
        instance = self.instances.get(notebook_id)
        if instance is None or instance.owner_id != owner_id:  # others' instances do not exist for you
            raise notebook_not_found(notebook_id)
        return self.find(notebook_id)

    def status(self, instance: Instance) -> str:
        return instance.status_and_steps(self.now())[0]

    def render(self, instance: Instance, view: str = "detail", fresh: bool = False) -> dict:
        return notebook_json(instance, self.now(), self.config.region, view=view, fresh=fresh, lab_base=self.lab_base)

    def current_instances(self) -> list[Instance]:
        """Each user's live CodeLab instance (what the "status" fault applies to)."""
        live = []
        for notebook_id in self.current.values():
            instance = self.instances.get(notebook_id)
            if instance is not None and self.settle(instance).phase != DELETED:
                live.append(instance)
        return live

    def list(self, owner_id: str, params: dict[str, str]) -> dict:
        rows = []
        for instance in self.instances.values():
            if instance.owner_id == owner_id and self.settle(instance).phase != DELETED:
                rows.append(self.render(instance, view="list"))
        # The list call's feature defaults to NOTEBOOK (billed): the CodeLab one needs feature=DEFAULT.
        rows = [r for r in rows if r["feature"] == (params.get("feature") or "NOTEBOOK")]
        if params.get("name"):
            rows = [r for r in rows if params["name"] in r["name"]]
        # The OTC docs and golangsdk spell the workspace filter workspaceId; the SDK workspace_id.
        wanted = {key: params.get(key) for key in ("status", "id", "flavor")}
        wanted["workspace_id"] = params.get("workspace_id") or params.get("workspaceId")
        for key, value in wanted.items():
            if value:
                rows = [r for r in rows if r[key] == value]
        if params.get("image_id"):
            rows = [r for r in rows if r["image"]["id"] == params["image_id"]]
        sort_key = params.get("sort_key") or "create_at"
        if sort_key in ("create_at", "update_at", "name", "status"):
            rows.sort(key=lambda r: r[sort_key], reverse=(params.get("sort_dir") or "DESC").upper() == "DESC")
        return paginate(rows, params, default_limit=10, allowed_limits=NOTEBOOK_LIST_LIMITS)

    # -- open --------------------------------------------------------------------------------
    def open(self, owner_id: str, image_id, share_url, plan_factory: Callable[[], CreationPlan]) -> tuple[Instance, bool]:
        """The user's instance (False), switched to ``image_id`` if needed, or a new one (True).

        One free CodeLab instance per user (``feature: DEFAULT``, "You can create only one").
        - none yet, deleted, or failed (CREATE_FAILED, START_FAILED, ERROR): a new instance
          replaces it (201): a failed free instance cannot be started, and open is the only
          way the API page gives to get another.
        - FROZEN: 400 ModelArts.6326 (arrears); DELETING: 400 ModelArts.6357.
        - no ``image_id``, or the instance's own: that instance as it is (200).
        - another ``image_id``: the instance is switched (see ``_switch``).
        """
        if image_id is not None and not isinstance(image_id, str):
            raise invalid_parameter("Invalid parameter image_id: it must be an image ID string.")
        image = images.find_image(image_id or images.DEFAULT_IMAGE_ID)
        if image is None:
            raise image_not_found(image_id)
        description = decode_share_url(share_url) if share_url is not None else ""
        existing = self.instances.get(self.current.get(owner_id, ""))
        if existing is not None:
            status = self.status(self.settle(existing))
            if existing.phase == FROZEN:
                raise frozen(existing.id)
            if existing.phase == DELETING:
                raise in_progress(existing.id, status)
            if existing.phase not in FAILED + (DELETED,):
                if image_id and image_id != existing.image["id"]:
                    self._switch(existing, image, status)
                if description:  # the shared notebook is fetched into the instance already there
                    existing.description = description
                existing.touch(self.now())
                return existing, False
            self.instances.pop(existing.id, None)  # replaced: a failed or deleted CodeLab instance is not kept
        capacity = self.config.free_capacity
        if (
            capacity is not None
            and sum(self.settle(i).phase not in FAILED + (STOPPED, DELETED) for i in self.instances.values()) >= capacity
        ):
            raise free_quota_exhausted()  # every free instance of the region is taken
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
        instance.enter(instance.phase, now)
        self.instances[instance.id] = instance
        self.current[owner_id] = instance.id
        return instance, True

    def _switch(self, instance: Instance, image: dict, status: str) -> None:
        """Open with another image while the instance exists: the same instance changes image.

        Sources: the open API page ("After opening it, you can switch to another instance as
        required"), UpdateNotebook (``PUT /v1/{project_id}/notebooks/{id}`` takes ``flavor`` and
        ``image_id`` and "can be used only when the notebook instance is stopped") and
        ShowSwitchableFlavors (``GET .../notebooks/{id}/flavors``, DEFAULT = CodeLab flavors).
        So the id, the name and the work volume stay; image and free flavor change:
        - RUNNING: it is stopped, switched and started again: STOPPING, then STARTING, then
          RUNNING; a new TIMING lease counts from now.
        - STOPPED: switched, and stays STOPPED (start it to use it).
        - any other status (INIT, CREATING, STARTING, STOPPING, SNAPSHOTTING): 400 ModelArts.6357.
        """
        if status not in (RUNNING, STOPPED):
            raise in_progress(instance.id, status)
        now = self.now()
        instance.image, instance.flavor = image, images.free_flavor(image)
        instance.history.append((now, f"SWITCHED to {image['id']}"))
        if status == RUNNING:
            instance.lease = Lease(create_at=now, duration=self.config.default_lease_ms, update_at=now)
            instance.restart_ms = self.ms(self.config.effective_start_seconds)
            instance.enter(STOPPING, now, self.ms(self.config.stop_seconds))
        else:
            instance.update_at = now
