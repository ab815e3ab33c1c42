"""One simulated CodeLab instance: its lifecycle, computed lazily from the clock.

Nothing runs in the background: every read first ``settle``s the instance to the
current time (creating -> running -> auto-stopping -> stopped, snapshotting -> running,
deleting -> deleted, ...), so the state is a pure function of what was asked and when.
The wire form is in ``wire.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .lease import IDLE, Lease

STEP_DESCRIPTIONS = (
    "Prepare the storage.",
    "Prepare the compute resource.",
    "Configuring the network.",
    "Initialize the notebook instance.",
)

# Phases the simulator stores; the wire status is derived from them (and the clock while creating).
# All are statuses of the SDK's notebook_resp.py; INIT only shows while a creation waits (init_seconds).
CREATING, RUNNING, STOPPING, STOPPED, STARTING = "CREATING", "RUNNING", "STOPPING", "STOPPED", "STARTING"
CREATE_FAILED, START_FAILED, ERROR, FROZEN = "CREATE_FAILED", "START_FAILED", "ERROR", "FROZEN"
SNAPSHOTTING, DELETING, DELETED = "SNAPSHOTTING", "DELETING", "DELETED"
FAILED = (CREATE_FAILED, START_FAILED, ERROR)  # open replaces these; they carry fail_reason
FORCEABLE = (ERROR, FROZEN, SNAPSHOTTING, DELETING, DELETED)  # what the "status" fault can put an instance in


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
    phase_ms: int = 0  # how long STOPPING / STARTING / SNAPSHOTTING / DELETING last
    update_at: int = 0
    fail_reason: str | None = None
    last_activity: int = 0  # what an IDLE lease counts from
    start_fails_with: str | None = None  # a queued START_FAILED: the running start ends there
    restart_ms: int | None = None  # set while a switch stops the instance: start again for this long
    frozen_from: str | None = None  # the phase a FROZEN instance returns to when thawed
    awaiting_download: bool = False  # share_url on the simulated OBS still downloading (simulator/obs/download.py)
    history: list = field(default_factory=list)  # (ms, status) transitions, for the control API

    def enter(self, phase: str, moment: int, phase_ms: int = 0) -> None:
        """Move to ``phase`` at ``moment`` (for ``phase_ms`` when the phase is timed), in the history too."""
        self.phase, self.phase_since, self.phase_ms, self.update_at = phase, moment, phase_ms, moment
        self.history.append((moment, phase))

    @property
    def phase_ends_at(self) -> int:
        return self.phase_since + self.phase_ms

    def auto_stop_at(self) -> int | None:
        lease = self.lease
        if not lease.enable:
            return None
        if lease.type == IDLE:  # stops after `duration` without activity (see docs/simulator.md)
            return max(self.last_activity, lease.update_at) + lease.duration
        return lease.ends_at

    def touch(self, now: int) -> None:
        """Activity inside the instance (what an IDLE lease waits for)."""
        self.last_activity = max(self.last_activity, now)

    # -- lifecycle ---------------------------------------------------------------------------
    def settle(self, now: int, stop_ms: int) -> None:
        """Apply every transition due by ``now``, each at the moment it was due."""
        while self._step(now, stop_ms):
            pass

    def _step(self, now: int, stop_ms: int) -> bool:
        phase = self.phase
        if phase == CREATING:
            plan = self.plan
            if plan.fail_at_step:
                failed_at = self.phase_since + plan.init_ms + plan.fail_at_step * plan.step_ms
                if now < failed_at:
                    return False
                self.fail_reason = plan.fail_reason
                self.enter(CREATE_FAILED, failed_at)
                return False
            ready_at = self.phase_since + plan.init_ms + len(STEP_DESCRIPTIONS) * plan.step_ms
            if now < ready_at or self.awaiting_download:
                return False
            self._run(ready_at)
            return True
        if phase == RUNNING:
            stop_at = self.auto_stop_at()
            if stop_at is None or now < stop_at:
                return False
            # Auto-stop goes through STOPPING like a stop asked for (the lease ran out).
            self.enter(STOPPING, max(stop_at, self.phase_since), stop_ms)
            return True
        if phase in (STARTING, STOPPING, SNAPSHOTTING, DELETING):
            end = self.phase_ends_at
            if now < end:
                return False
            if phase == STARTING and self.start_fails_with:
                self.fail_reason, self.start_fails_with = self.start_fails_with, None
                self.enter(START_FAILED, end)
            elif phase in (STARTING, SNAPSHOTTING):
                self._run(end)
            elif phase == STOPPING and self.restart_ms is not None:  # a switch: start again with the new image
                restart_ms, self.restart_ms = self.restart_ms, None
                self.enter(STARTING, end, restart_ms)
            else:
                self.enter(STOPPED if phase == STOPPING else DELETED, end)
            return True
        return False

    def _run(self, moment: int) -> None:
        self.enter(RUNNING, moment)
        self.touch(moment)

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
