"""The lease model: what ShowLease and RenewLease return, and a notebook's ``lease``: when the instance stops by itself."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from .json_fields import pick, rest


@dataclass
class Lease:
    create_at: int | None = None
    duration: int | None = None
    enable: bool = True
    type: str | None = None
    update_at: int | None = None
    extra: dict = field(default_factory=dict)

    KNOWN = {"create_at", "create_time", "duration", "enable", "type", "update_at", "update_time"}

    @classmethod
    def from_json(cls, data: dict) -> Lease:
        return cls(
            create_at=pick(data, "create_at", "create_time"),
            duration=data.get("duration"),
            enable=bool(data.get("enable", True)),
            type=data.get("type"),
            update_at=pick(data, "update_at", "update_time"),
            extra=rest(data, cls.KNOWN),
        )

    @property
    def auto_stops(self) -> bool:
        """False when auto-stop is off: ``enable: false``, or ``duration: -1`` as Terraform starts billed instances."""
        return self.enable and not (self.duration is not None and int(self.duration) < 0)

    @property
    def expires_at_ms(self) -> int | None:
        """The auto-stop moment (the lease counts its duration from its creation), None without one."""
        if not self.auto_stops or self.create_at is None or self.duration is None:
            return None
        return int(self.create_at) + int(self.duration)

    def remaining_ms(self, now_ms: int | None = None) -> int | None:
        if self.expires_at_ms is None:
            return None
        # Rounded like the simulator's clock: truncating could read a lease renewed a moment ago as 1 ms longer than asked.
        now_ms = round(time.time() * 1000) if now_ms is None else now_ms
        return max(0, self.expires_at_ms - now_ms)

    def to_client_json(self, now_ms: int | None = None) -> dict:
        return {
            "create_at": self.create_at,
            "duration": self.duration,
            "enable": self.enable,
            "type": self.type or "TIMING",
            "update_at": self.update_at,
            "auto_stop": self.auto_stops,
            "expires_at": self.expires_at_ms,
            "remaining_ms": self.remaining_ms(now_ms),
        }
