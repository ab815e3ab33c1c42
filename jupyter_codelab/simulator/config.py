"""Timing knobs of the simulator, its clock, and the public demo credentials."""

from __future__ import annotations

import time
from dataclasses import dataclass, field, fields, replace

# Public demo values of the standalone simulator (documented, not secrets).
DEMO_ACCESS_KEY = "CODELABSIMULATORAK00"
DEMO_SECRET_KEY = "codelab-simulator-demo-secret"
DEMO_PROJECT_ID = "0123456789abcdef0123456789abcdef"
DEMO_USER_NAME = "codelab-demo"
DEMO_DOMAIN = "codelab-demo"

# Huawei's bounds (start_notebook_request.py, lease_req.py: 3600000-259200000 ms), kept here and not imported
# from modelarts.limits: the simulator follows Huawei's sources, never our client.
LEASE_MIN_MS = 3_600_000  # 1 h
LEASE_MAX_MS = 259_200_000  # 72 h


class Clock:
    """Wall-clock time plus an offset that tests can move forward (``advance``)."""

    def __init__(self) -> None:
        self.offset_seconds = 0.0

    def now(self) -> float:
        return time.time() + self.offset_seconds

    def now_ms(self) -> int:
        return round(self.now() * 1000)

    def advance(self, seconds: float) -> None:
        self.offset_seconds += seconds

    def reset(self) -> None:
        self.offset_seconds = 0.0


@dataclass
class SimulatorConfig:
    """How fast the simulated cloud moves.

    ``step_seconds``: each of the four creation steps (0: RUNNING at the next read).
    ``init_seconds``: time in INIT before the first step (0: the open answer says CREATING,
    as the documented example does). ``start_seconds``: STARTING after a start (None: one step).
    ``stop_seconds``: STOPPING (asked for, or the auto-stop). ``delete_seconds``: DELETING after a delete.
    """

    step_seconds: float = 2.0
    stop_seconds: float = 1.0
    delete_seconds: float = 1.0
    start_seconds: float | None = None
    init_seconds: float = 0.0
    default_lease_ms: int = LEASE_MIN_MS
    token_ttl_seconds: float = 86_400.0
    sdk_date_tolerance_seconds: float = 900.0
    region: str = "cn-north-4"
    free_capacity: int | None = None  # free instances the region runs at once (None: no limit); then open is 4991
    clock: Clock = field(default_factory=Clock, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        for name in (
            "step_seconds",
            "stop_seconds",
            "delete_seconds",
            "init_seconds",
            "token_ttl_seconds",
            "sdk_date_tolerance_seconds",
        ):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
                raise ValueError(f"{name} must be a number of seconds >= 0, got {value!r}.")
        if self.start_seconds is not None and (not isinstance(self.start_seconds, (int, float)) or self.start_seconds < 0):
            raise ValueError(f"start_seconds must be a number of seconds >= 0 or None, got {self.start_seconds!r}.")
        if not isinstance(self.region, str) or not self.region:
            raise ValueError(f"region must be a region name such as cn-north-4, got {self.region!r}.")
        capacity = self.free_capacity
        if capacity is not None and (not isinstance(capacity, int) or isinstance(capacity, bool) or capacity < 0):
            raise ValueError(f"free_capacity must be a whole number of instances >= 0 or null, got {capacity!r}.")
        lease = self.default_lease_ms
        if not isinstance(lease, int) or isinstance(lease, bool) or not LEASE_MIN_MS <= lease <= LEASE_MAX_MS:
            raise ValueError(
                f"default_lease_ms must be an integer from {LEASE_MIN_MS} to {LEASE_MAX_MS} (1 h to 72 h), got {lease!r}."
            )

    @property
    def effective_start_seconds(self) -> float:
        return self.step_seconds if self.start_seconds is None else self.start_seconds

    def updated(self, **changes) -> SimulatorConfig:
        """A validated copy with ``changes``; unknown names raise ValueError."""
        known = {f.name for f in fields(self)} - {"clock"}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise ValueError(f"Unknown config field(s) {', '.join(unknown)}; use one of {', '.join(sorted(known))}.")
        return replace(self, **changes)

    def to_json(self) -> dict:
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "clock"}
        data["clock_offset_seconds"] = self.clock.offset_seconds
        return data
