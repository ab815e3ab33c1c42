"""Faults queued by tests (Python API) or over HTTP (``/_simulator/faults``).

Request faults (latency, error, throttle, reset, malformed) hit the next calls of a
route before the operation runs, so a failed call changes nothing; with ``after: true``
an error, reset or malformed answer replaces the answer of an operation that did run
(the "it worked but the answer was lost" case). Creation faults (create_failed,
slow_steps) shape the next instances opened.

The "status" fault puts instances in a status a user can meet: with route "*" (the default)
it applies at once to every user's current CodeLab instance (ERROR, FROZEN, SNAPSHOTTING,
DELETING, DELETED; see ``Simulator.force_status``) and is not queued; with route "start" and
status START_FAILED it is queued and the next start ends in START_FAILED.

The "clock_skew" fault sets the gateway's clock ``seconds`` off real time (negative: behind),
for every call until the faults are cleared: its ``Date`` header and its check of ``X-Sdk-Date``
(``Simulator.gateway_time``). The simulated time of leases (``/_simulator/clock``) is another clock.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

from .instance import FORCEABLE, START_FAILED, STEP_DESCRIPTIONS

ROUTES = ("open", "get", "list", "images", "lease", "renew", "stop", "start", "delete", "auth", "*")
REQUEST_KINDS = ("latency", "error", "throttle", "reset", "malformed")
CREATION_KINDS = ("create_failed", "slow_steps")
KINDS = REQUEST_KINDS + CREATION_KINDS + ("status", "clock_skew")
MAX_SKEW_SECONDS = 86_400
DEFAULT_START_FAILURE = "Failed to start the notebook due to insufficient resources. Please try again later."

# kind -> {parameter: default}; None marks a required parameter.
_PARAMETERS: dict[str, dict] = {
    "latency": {"seconds": 1.0},
    "error": {"status": 500, "error_code": "ModelArts.0010", "error_msg": "Internal server error.", "after": False},
    "throttle": {"retry_after": 1, "limit": 10},
    "reset": {"after": False},
    "malformed": {"after": False},
    "create_failed": {"fail_reason": "Insufficient resources. Please try again later.", "at_step": 2},
    "slow_steps": {"step_seconds": None},
    "status": {"status": None, "fail_reason": None, "seconds": None},
    "clock_skew": {"seconds": None},
}


_OPTIONAL = {("status", "fail_reason"), ("status", "seconds")}  # default None, yet not required


@dataclass
class Fault:
    id: int
    kind: str
    route: str
    times: int
    params: dict = field(default_factory=dict)
    applied_to: list[str] | None = None  # a "status" fault with route "*": the instances it changed

    def to_json(self) -> dict:
        body = {"id": self.id, "kind": self.kind, "route": self.route, "times": self.times, **self.params}
        if self.applied_to is not None:
            body["applied_to"] = list(self.applied_to)
        return body


def _number(kind: str, name: str, value, minimum: float, maximum: float | None = None, integer: bool = False):
    ok = isinstance(value, int) if integer else isinstance(value, (int, float))
    if not ok or isinstance(value, bool) or value < minimum or (maximum is not None and value > maximum):
        kind_of = "an integer" if integer else "a number"
        bound = f"from {minimum} to {maximum}" if maximum is not None else f">= {minimum}"
        raise ValueError(f"Fault {kind}: {name} must be {kind_of} {bound}, got {value!r}.")
    return value


def _check(kind: str, params: dict) -> dict:
    if not isinstance(params.get("after", False), bool):
        raise ValueError(f"Fault {kind}: after must be true or false, got {params['after']!r}.")
    if kind == "latency":
        _number(kind, "seconds", params["seconds"], 0, 300)
    elif kind == "error":
        _number(kind, "status", params["status"], 400, 599, integer=True)
        for name in ("error_code", "error_msg"):
            if not isinstance(params[name], str) or not params[name]:
                raise ValueError(f"Fault error: {name} must be a non-empty string, got {params[name]!r}.")
    elif kind == "throttle":
        _number(kind, "retry_after", params["retry_after"], 0, 3600, integer=True)
        _number(kind, "limit", params["limit"], 1, integer=True)
    elif kind == "create_failed":
        _number(kind, "at_step", params["at_step"], 1, len(STEP_DESCRIPTIONS), integer=True)
        if not isinstance(params["fail_reason"], str) or not params["fail_reason"]:
            raise ValueError(f"Fault create_failed: fail_reason must be a non-empty string, got {params['fail_reason']!r}.")
    elif kind == "slow_steps":
        _number(kind, "step_seconds", params["step_seconds"], 0, 3600)
    elif kind == "clock_skew":
        _number(kind, "seconds", params["seconds"], -MAX_SKEW_SECONDS, MAX_SKEW_SECONDS)
    elif kind == "status":
        if params["seconds"] is not None:
            _number(kind, "seconds", params["seconds"], 0, 3600)
        if params["fail_reason"] is not None and (not isinstance(params["fail_reason"], str) or not params["fail_reason"]):
            raise ValueError(f"Fault status: fail_reason must be a non-empty string, got {params['fail_reason']!r}.")
    return params


def _check_status_route(route: str, status) -> None:
    if route == "*":
        if status not in FORCEABLE:
            raise ValueError(
                f"Fault status: status must be one of {', '.join(FORCEABLE)} (or START_FAILED with route 'start'), got {status!r}."
            )
    elif route == "start":
        if status != START_FAILED:
            raise ValueError(f"Fault status with route 'start': status must be START_FAILED, got {status!r}.")
    else:
        raise ValueError(f"Fault status takes route '*' (apply now) or 'start' (START_FAILED), not {route!r}.")


class FaultQueue:
    def __init__(self, apply_status: Callable[..., list[str]] | None = None) -> None:
        self._faults: list[Fault] = []
        self._ids = itertools.count(1)
        self._apply_status = apply_status  # Simulator.force_status: how a route-"*" status fault acts now

    def add(self, kind: object, route: object = None, times: int = 1, **params) -> Fault:
        """Queue a fault; bad input (any JSON the control API was sent) raises ValueError with a sentence naming the field."""
        if not isinstance(kind, str) or kind not in KINDS:
            raise ValueError(f"Unknown fault kind {kind!r}: use one of {', '.join(KINDS)}.")
        route = route or ("open" if kind in CREATION_KINDS else "*")
        if not isinstance(route, str) or route not in ROUTES:
            raise ValueError(f"Unknown fault route {route!r}: use one of {', '.join(ROUTES)}.")
        if kind in CREATION_KINDS and route not in ("open", "*"):
            raise ValueError(f"Fault {kind} shapes newly opened instances: use route 'open', not {route!r}.")
        if kind == "clock_skew" and route != "*":
            raise ValueError(f"Fault clock_skew moves the gateway's clock for every call: use route '*', not {route!r}.")
        _number(kind, "times", times, 1, integer=True)
        allowed = _PARAMETERS[kind]
        unknown = sorted(set(params) - set(allowed))
        if unknown:
            known = ", ".join(allowed) or "no parameters"
            raise ValueError(f"Fault {kind} does not take {', '.join(unknown)}; it takes {known}.")
        missing = [
            name for name, default in allowed.items() if default is None and name not in params and (kind, name) not in _OPTIONAL
        ]
        if missing:
            raise ValueError(f"Fault {kind} needs {', '.join(missing)}.")
        values = _check(kind, {**allowed, **params})
        if kind == "status":
            _check_status_route(route, values["status"])
        fault = Fault(next(self._ids), kind, route, times, values)
        if kind == "status" and route == "*":
            if self._apply_status is None:
                raise ValueError("Fault status with route '*' needs a simulator to apply it to.")
            fault.applied_to = self._apply_status(values["status"], values["fail_reason"], values["seconds"])
            return fault
        if kind == "clock_skew":  # one gateway clock: the new skew replaces the old
            self._faults = [f for f in self._faults if f.kind != "clock_skew"]
        self._faults.append(fault)
        return fault

    def clear(self) -> None:
        self._faults.clear()

    def to_json(self) -> list[dict]:
        return [fault.to_json() for fault in self._faults]

    def __len__(self) -> int:
        return len(self._faults)

    def _consume(self, fault: Fault) -> Fault:
        fault.times -= 1
        if fault.times <= 0:
            self._faults.remove(fault)
        return fault

    def _first(self, kinds: tuple[str, ...], route: str, after: bool = False) -> Fault | None:
        for fault in self._faults:
            if fault.kind in kinds and fault.route in (route, "*") and fault.params.get("after", False) == after:
                return self._consume(fault)
        return None

    def clock_skew_seconds(self) -> float:
        """How far the gateway's clock is off real time (a standing fault, never used up)."""
        return next((f.params["seconds"] for f in self._faults if f.kind == "clock_skew"), 0.0)

    def take_for_request(self, route: str) -> list[Fault]:
        """Every matching latency (each once), then at most one fault that answers for the call."""
        taken = [self._consume(f) for f in list(self._faults) if f.kind == "latency" and f.route in (route, "*")]
        answer = self._first(("error", "throttle", "reset", "malformed"), route)
        return taken + ([answer] if answer else [])

    def take_after(self, route: str) -> Fault | None:
        """A fault that replaces the answer of an operation that already ran."""
        return self._first(("error", "reset", "malformed"), route, after=True)

    def take_start_failure(self) -> str | None:
        """The fail_reason of a queued START_FAILED for the start that is beginning, or None."""
        fault = self._first(("status",), "start")
        return (fault.params["fail_reason"] or DEFAULT_START_FAILURE) if fault else None

    def take_for_creation(self) -> tuple[Fault | None, Fault | None]:
        """(create_failed, slow_steps) faults for one newly opened instance."""
        return self._first(("create_failed",), "open"), self._first(("slow_steps",), "open")
