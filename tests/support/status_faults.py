"""The statuses every face must show, and how tests reach them in the simulator.

Each case: the control API call(s) that put the running instance there (``faults``),
and what every face must then say, read from the one table (modelarts/states.py),
so a face that invents its own words fails.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jupyter_codelab.modelarts.states import STATES, VANISHED_SENTENCE

START_FAILED_REASON = "Insufficient resources to start the instance"
ERROR_REASON = "The instance hit an internal error"


@dataclass(frozen=True)
class StatusCase:
    status: str
    faults: tuple = ()  # control API fault bodies applied to the running instance, in order
    needs_start: bool = False  # reached by stopping, queueing the fault, then starting again
    reason: str | None = None
    vanishes: bool = False  # ends with the instance gone (DELETING -> DELETED)
    extra: dict = field(default_factory=dict)

    @property
    def words(self) -> str:
        return STATES[self.status].words

    @property
    def actions(self) -> list[str]:
        return list(STATES[self.status].actions)

    @property
    def sentence(self) -> str:
        return STATES[self.status].sentence

    def next_line(self, prefix: str) -> str | None:
        """What `%codelab status` / `jupyter codelab status` suggest running next (None: nothing)."""
        commands = {"open": "open", "start": "start", "stop": "stop", "extend": "extend --hours H"}
        names = [f"{prefix} {commands[a]}" for a in self.actions]
        if not names:
            return None
        return f"Next: {names[0]}" + (f" (or: {', '.join(names[1:])})" if names[1:] else "")


CASES = [
    StatusCase("START_FAILED", faults=({"kind": "status", "route": "start", "status": "START_FAILED", "fail_reason": START_FAILED_REASON},),
               needs_start=True, reason=START_FAILED_REASON),
    StatusCase("ERROR", faults=({"kind": "status", "status": "ERROR", "fail_reason": ERROR_REASON},), reason=ERROR_REASON),
    StatusCase("FROZEN", faults=({"kind": "status", "status": "FROZEN"},)),
    StatusCase("SNAPSHOTTING", faults=({"kind": "status", "status": "SNAPSHOTTING", "seconds": 600},)),
    StatusCase("DELETING", faults=({"kind": "status", "status": "DELETING", "seconds": 600},), vanishes=True),
]  # fmt: skip
DELETED_FAULT = {"kind": "status", "status": "DELETED"}  # DELETING -> DELETED at once: 6309 everywhere after
START_6360 = {"kind": "error", "route": "start", "status": 400, "error_code": "ModelArts.6360",
              "error_msg": "Insufficient background resources. Try again later."}  # fmt: skip
OPEN_0113 = {"kind": "error", "route": "open", "status": 400, "error_code": "ModelArts.0113",
             "error_msg": "The number of notebook instances has reached the quota."}  # fmt: skip

__all__ = ["CASES", "DELETED_FAULT", "OPEN_0113", "START_6360", "StatusCase", "VANISHED_SENTENCE"]
