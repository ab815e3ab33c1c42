"""Operations on one instance, with the error ModelArts documents for each status that refuses them.

Codes (OTC api-ref appendix/error_codes.rst): 6304 stop before delete, 6305 already running,
6306 starting, 6307 already stopped, 6308 stopping, 6326 frozen (arrears), 6327 not running,
6357 another operation in progress or already in the target state.
A mixin of ``NotebookStore``: ``Store`` is what it needs of it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from .config import SimulatorConfig
from .errors import ApiError, bad_request, frozen, in_progress, not_running
from .instance import (
    CREATE_FAILED,
    DELETED,
    DELETING,
    ERROR,
    FAILED,
    FROZEN,
    RUNNING,
    SNAPSHOTTING,
    START_FAILED,
    STARTING,
    STOPPED,
    STOPPING,
    Instance,
)  # fmt: skip
from .lease import IDLE, NO_AUTO_STOP, TIMING, Lease, parse_duration, parse_lease_type

DEFAULT_ERROR_REASON = "The instance is abnormal. Stop it and start it again."


class Store(Protocol):
    """The reads ``NotebookStore`` gives its ``Operations`` (each method's ``self``)."""

    instances: dict[str, Instance]

    @property
    def config(self) -> SimulatorConfig: ...
    def now(self) -> int: ...
    def ms(self, seconds: float) -> int: ...
    def settle(self, instance: Instance) -> Instance: ...
    def find(self, notebook_id: str) -> Instance: ...
    def get(self, owner_id: str, notebook_id: str) -> Instance: ...
    def status(self, instance: Instance) -> str: ...


class Operations:
    # -- lease -------------------------------------------------------------------------------
    def show_lease(self: Store, owner_id: str, notebook_id: str) -> Lease:
        """ShowLease is "querying the available duration of a running notebook instance": only RUNNING answers."""
        instance = self.get(owner_id, notebook_id)
        status = self.status(instance)
        if status == FROZEN:
            raise frozen(notebook_id)
        if status != RUNNING:
            raise not_running(notebook_id, status)
        return instance.lease

    def renew(self: Store, owner_id: str, notebook_id: str, duration_raw, type_raw) -> Lease:
        """TIMING: the requested duration counts from now, the stored one from the lease's create_at.
        IDLE: the instance stops after ``duration`` without activity; renewing is activity."""
        instance = self.get(owner_id, notebook_id)
        requested = parse_duration(duration_raw)
        lease_type = parse_lease_type(type_raw)
        status = self.status(instance)
        if status != RUNNING:
            raise _refusal(instance, status, {STOPPED: "ModelArts.6307", STOPPING: "ModelArts.6308"}, "renew")
        now = self.now()
        lease = instance.lease
        lease.duration = requested if lease_type == IDLE else now - lease.create_at + requested
        lease.type, lease.update_at, lease.enable = lease_type, now, True
        instance.touch(now)
        instance.update_at = now
        return lease

    def expire(self: Store, notebook_id: str, in_seconds: float) -> Instance:
        """Control API: make the lease end ``in_seconds`` from now (as a TIMING lease)."""
        instance = self.find(notebook_id)
        now = self.now()
        ends_at = now + self.ms(in_seconds)
        lease = instance.lease
        if ends_at < lease.create_at:
            lease.create_at = ends_at
        lease.duration, lease.update_at, lease.type, lease.enable = ends_at - lease.create_at, now, TIMING, True
        return self.settle(instance)

    def touch(self: Store, notebook_id: str) -> Instance:
        """Control API: activity inside the instance (a kernel ran code): what an IDLE lease waits for."""
        instance = self.find(notebook_id)
        instance.touch(self.now())
        return instance

    # -- stop / start / delete ---------------------------------------------------------------
    def stop(self: Store, owner_id: str, notebook_id: str) -> Instance:
        instance = self.get(owner_id, notebook_id)
        status = self.status(instance)
        if status not in (RUNNING, ERROR):
            codes = {STOPPED: "ModelArts.6307", STOPPING: "ModelArts.6308", START_FAILED: "ModelArts.6307"}
            raise _refusal(instance, status, codes, "stop")
        instance.enter(STOPPING, self.now(), self.ms(self.config.stop_seconds))
        return instance

    def start(
        self: Store, owner_id: str, notebook_id: str, duration_raw, type_raw, failure: Callable[[], str | None] = lambda: None
    ) -> Instance:
        """``?duration=-1`` (golangsdk, Terraform) starts without auto-stop: the lease says ``enable: false``."""
        instance = self.get(owner_id, notebook_id)
        raw = duration_raw if duration_raw not in (None, "") else self.config.default_lease_ms
        duration = parse_duration(raw, allow_no_auto_stop=True)
        lease_type = parse_lease_type(type_raw)
        status = self.status(instance)
        if status not in (STOPPED, START_FAILED):
            codes = {RUNNING: "ModelArts.6305", STARTING: "ModelArts.6306", STOPPING: "ModelArts.6308"}
            raise _refusal(instance, status, codes, "start")
        now = self.now()
        if duration == NO_AUTO_STOP:
            instance.lease = Lease(create_at=now, duration=self.config.default_lease_ms, update_at=now, enable=False)
        else:
            instance.lease = Lease(create_at=now, duration=duration, update_at=now, type=lease_type)
        instance.fail_reason, instance.start_fails_with = None, failure()
        instance.enter(STARTING, now, self.ms(self.config.effective_start_seconds))
        return instance

    def delete(self: Store, owner_id: str, notebook_id: str) -> Instance:
        """DELETE answers DELETING (the DeleteNotebook example); DELETED follows after ``delete_seconds``."""
        instance = self.get(owner_id, notebook_id)
        status = self.status(instance)
        if status not in (STOPPED,) + FAILED:
            raise _refusal(instance, status, {RUNNING: "ModelArts.6304", STOPPING: "ModelArts.6304"}, "delete")
        instance.enter(DELETING, self.now(), self.ms(self.config.delete_seconds))
        return self.settle(instance)

    # -- statuses forced by tests (the "status" fault) ---------------------------------------
    def force_status(
        self: Store, instance: Instance, status: str, fail_reason: str | None = None, seconds: float | None = None
    ) -> None:
        now = self.now()
        if status == ERROR:
            instance.fail_reason = fail_reason or DEFAULT_ERROR_REASON
            instance.enter(ERROR, now)
        elif status == FROZEN:
            if instance.phase != FROZEN:
                instance.frozen_from = instance.phase
            instance.enter(FROZEN, now)
        elif status in (SNAPSHOTTING, DELETING):
            default = 2.0 if status == SNAPSHOTTING else 1.0
            instance.enter(status, now, self.ms(default if seconds is None else seconds))
        elif status == DELETED:
            instance.enter(DELETED, now)
        else:
            raise ValueError(f"Cannot force status {status!r}.")

    def thaw(self: Store) -> list[str]:
        """Arrears paid: FROZEN instances return to the status they had (timed phases end at once)."""
        thawed = []
        for instance in self.instances.values():
            if instance.phase == FROZEN:
                instance.enter(instance.frozen_from or STOPPED, self.now())
                instance.frozen_from = None
                thawed.append(instance.id)
        return thawed


def _refusal(instance: Instance, status: str, codes: dict[str, str], action: str) -> ApiError:
    if status == FROZEN:
        return frozen(instance.id)
    code = codes.get(status)
    if code:
        return bad_request(code, _SENTENCES[code].format(id=instance.id, action=action))
    if status in (CREATE_FAILED, START_FAILED) or (status == ERROR and action == "renew"):
        return not_running(instance.id, status)
    return in_progress(instance.id, status)


_SENTENCES = {
    "ModelArts.6304": "Please stop the instance before deleting (notebook {id}).",
    "ModelArts.6305": "The instance is already running (notebook {id}).",
    "ModelArts.6306": "The instance is starting (notebook {id}): {action} it once it is running.",
    "ModelArts.6307": "The instance has already been stopped (notebook {id}).",
    "ModelArts.6308": "The instance is stopping (notebook {id}): {action} it once it is stopped.",
}
