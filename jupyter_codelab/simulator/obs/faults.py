"""The simulated OBS's own faults (``POST /_simulator/obs/faults`` on the OBS port, or ``sim.obs.faults.add``).

Kinds: ``latency {seconds}`` (before the call is checked, so a signed link can expire on the
way), ``error {status, code, message}`` (an OBS error XML instead of the operation), ``reset``
(drop the connection). Routes: the OBS operation names below, or ``*``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

ROUTES = ("create_bucket", "head_bucket", "put", "head", "get", "acl", "*")
KINDS: dict[str, dict[str, object]] = {
    "latency": {"seconds": 1.0},
    "error": {"status": 503, "code": "ServiceUnavailable", "message": "Please reduce your request rate."},
    "reset": {},
}


@dataclass
class ObsFault:
    id: int
    kind: str
    route: str
    times: int
    params: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"id": self.id, "kind": self.kind, "route": self.route, "times": self.times, **self.params}


class ObsFaults:
    def __init__(self) -> None:
        self._faults: list[ObsFault] = []
        self._ids = itertools.count(1)

    def add(self, kind: str, route: str = "*", times: int = 1, **params) -> ObsFault:
        if kind not in KINDS:
            raise ValueError(f"Unknown OBS fault kind {kind!r}: use one of {', '.join(KINDS)}.")
        if route not in ROUTES:
            raise ValueError(f"Unknown OBS fault route {route!r}: use one of {', '.join(ROUTES)}.")
        if isinstance(times, bool) or not isinstance(times, int) or times < 1:
            raise ValueError(f"OBS fault times must be an integer >= 1, got {times!r}.")
        unknown = sorted(set(params) - set(KINDS[kind]))
        if unknown:
            raise ValueError(
                f"OBS fault {kind} does not take {', '.join(unknown)}; it takes {', '.join(KINDS[kind]) or 'nothing'}."
            )
        values = {**KINDS[kind], **params}
        if kind == "latency" and (
            isinstance(values["seconds"], bool)
            or not isinstance(values["seconds"], (int, float))
            or not 0 <= values["seconds"] <= 300
        ):
            raise ValueError(f"OBS fault latency: seconds must be a number from 0 to 300, got {values['seconds']!r}.")
        if kind == "error" and (not isinstance(values["status"], int) or not 400 <= values["status"] <= 599):
            raise ValueError(f"OBS fault error: status must be an integer from 400 to 599, got {values['status']!r}.")
        fault = ObsFault(next(self._ids), kind, route, times, values)
        self._faults.append(fault)
        return fault

    def take(self, route: str) -> list[ObsFault]:
        """Every matching latency, then at most one error or reset; each used once."""
        taken = []
        answered = False
        for fault in list(self._faults):
            if fault.route not in (route, "*") or (fault.kind != "latency" and answered):
                continue
            answered = answered or fault.kind != "latency"
            fault.times -= 1
            if fault.times <= 0:
                self._faults.remove(fault)
            taken.append(fault)
        return taken

    def clear(self) -> None:
        self._faults.clear()

    def to_json(self) -> list[dict]:
        return [fault.to_json() for fault in self._faults]
