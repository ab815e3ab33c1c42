"""One simulated CodeLab instance: its lifecycle, computed lazily from the clock, and its wire form.

Nothing runs in the background: every read first ``settle``s the instance to the
current time (creating -> running -> auto-stopped, stopping -> stopped, ...), so the
state is a pure function of what was asked and when.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from . import images

STEP_DESCRIPTIONS = (
    "Prepare the storage.",
    "Prepare the compute resource.",
    "Configuring the network.",
    "Initialize the notebook instance.",
)
JUPYTER_VERSION = "3.2.9"

# Phases the simulator stores; the wire status is derived from them (and the clock while creating).
CREATING, RUNNING, STOPPING, STOPPED, STARTING, CREATE_FAILED, DELETED = (
    "CREATING", "RUNNING", "STOPPING", "STOPPED", "STARTING", "CREATE_FAILED", "DELETED",
)


@dataclass
class Lease:
    create_at: int
    duration: int
    update_at: int
    enable: bool = True
    type: str = "TIMING"

    @property
    def ends_at(self) -> int:
        return self.create_at + self.duration

    def to_json(self) -> dict:
        return {
            "create_at": self.create_at,
            "duration": self.duration,
            "enable": self.enable,
            "type": self.type,
            "update_at": self.update_at,
        }


@dataclass
class CreationPlan:
    """How the creation will go: fixed when the instance is opened."""

    init_ms: int = 0
    step_ms: int = 2000
    fail_at_step: int | None = None
    fail_reason: str | None = None


@dataclass
class Instance:
    id: str
    name: str
    owner_id: str
    image: dict
    flavor: str
    token: str
    create_at: int
    lease: Lease
    plan: CreationPlan
    description: str = ""
    phase: str = CREATING
    phase_since: int = 0
    phase_ms: int = 0  # how long STOPPING / STARTING last
    update_at: int = 0
    fail_reason: str | None = None
    history: list = field(default_factory=list)  # (ms, status) transitions, for the control API

    def _enter(self, phase: str, moment: int, phase_ms: int = 0) -> None:
        self.phase, self.phase_since, self.phase_ms, self.update_at = phase, moment, phase_ms, moment
        self.history.append((moment, phase))

    # -- lifecycle ---------------------------------------------------------------------------
    def settle(self, now: int) -> None:
        """Apply every transition due by ``now``, each at the moment it was due."""
        while True:
            if self.phase == CREATING:
                plan = self.plan
                if plan.fail_at_step:
                    failed_at = self.phase_since + plan.init_ms + plan.fail_at_step * plan.step_ms
                    if now < failed_at:
                        return
                    self.fail_reason = plan.fail_reason
                    self._enter(CREATE_FAILED, failed_at)
                    return
                ready_at = self.phase_since + plan.init_ms + len(STEP_DESCRIPTIONS) * plan.step_ms
                if now < ready_at:
                    return
                self._enter(RUNNING, ready_at)
            elif self.phase == STARTING:
                if now < self.phase_since + self.phase_ms:
                    return
                self._enter(RUNNING, self.phase_since + self.phase_ms)
            elif self.phase == RUNNING:
                if not (self.lease.enable and now >= self.lease.ends_at):
                    return
                # Auto-stop: the lease ran out (possibly while the instance was still starting).
                self._enter(STOPPED, max(self.lease.ends_at, self.phase_since))
            elif self.phase == STOPPING:
                if now < self.phase_since + self.phase_ms:
                    return
                self._enter(STOPPED, self.phase_since + self.phase_ms)
            else:
                return

    def status_and_steps(self, now: int, fresh: bool = False) -> tuple[str, list[str]]:
        """The wire status and the four step statuses at ``now`` (after ``settle``)."""
        count = len(STEP_DESCRIPTIONS)
        if self.phase == CREATING:
            elapsed = now - self.phase_since - self.plan.init_ms
            if fresh or elapsed < 0:
                return ("INIT" if self.plan.init_ms else "CREATING"), ["WAITING"] * count
            current = min(int(elapsed // self.plan.step_ms) if self.plan.step_ms else count - 1, count - 1)
            steps = ["COMPLETED"] * current + ["PROCESSING"] + ["WAITING"] * (count - current - 1)
            # The last step initialises the notebook itself: the instance is starting by then.
            return ("STARTING" if current == count - 1 else "CREATING"), steps
        if self.phase == CREATE_FAILED:
            failed = (self.plan.fail_at_step or 1) - 1
            return CREATE_FAILED, ["COMPLETED"] * failed + ["FAILED"] + ["WAITING"] * (count - failed - 1)
        return self.phase, ["COMPLETED"] * count

    # -- wire form ---------------------------------------------------------------------------
    def to_json(self, now: int, region: str, detail: bool = True, fresh: bool = False) -> dict:
        status, steps = self.status_and_steps(now, fresh)
        body = {
            "action_progress": [
                {"step": number, "status": step_status, "description": text}
                for number, (step_status, text) in enumerate(zip(steps, STEP_DESCRIPTIONS), start=1)
            ],
            "create_at": self.create_at,
            "feature": "DEFAULT",
            "flavor": self.flavor,
            "id": self.id,
            "image": images.summary(self.image),
            "lease": self.lease.to_json(),
            "name": self.name,
            "status": status,
            "token": self.token,
            "update_at": self.update_at,
            "workspace_id": "0",
        }
        if self.fail_reason and status == CREATE_FAILED:
            body["fail_reason"] = self.fail_reason
        if self.description:
            body["description"] = self.description
        if status == RUNNING:
            body["url"] = lab_url(region, self.id)
        if detail:
            body["description"] = self.description
            body["jupyter_version"] = JUPYTER_VERSION
            body["user_id"] = self.owner_id
            body["volume"] = {"capacity": 5, "category": "EFS", "mount_path": "/home/ma-user/work/", "ownership": "MANAGED"}
            endpoints = self.endpoints(region)
            if endpoints:  # only images that offer SSH have an endpoint
                body["endpoints"] = endpoints
        return body

    def endpoints(self, region: str) -> list[dict]:
        if "SSH" not in self.image.get("dev_services", ()):
            return []
        # A stable, plausible port per instance, like the ones ModelArts hands out.
        port = 30000 + int(hashlib.sha256(self.id.encode()).hexdigest(), 16) % 2768
        host = f"dev-modelarts-{_compact(region)}.huaweicloud.com"
        return [{"dev_service": "SSH", "uri": f"ssh://{host}:{port}", "ssh_keys": [], "allowed_access_ips": []}]


def _compact(region: str) -> str:
    return re.sub(r"[^a-z0-9]", "", region.lower())


def lab_url(region: str, notebook_id: str) -> str:
    return f"https://authoring-modelarts-{_compact(region)}.huaweicloud.com/{notebook_id}/lab"
