"""The auto-stop lease of an instance and how ModelArts reads the durations it is given.

Sources: SDK ``huaweicloudsdkmodelarts`` 3.1.219 ``lease_req.py`` / ``renew_lease_request.py`` /
``start_notebook_request.py`` (duration 3600000-259200000 ms, default 3600000; type TIMING | IDLE,
default TIMING; a ``?duration=`` query overrides the body and means TIMING), and the error table
of the API reference (OTC copy, ``api-ref/source/appendix/error_codes.rst``):
6346 "The timestamp of auto stop must be later than the current timestamp.",
6348 "The 'duration' parameter is mandatory for enabling auto stop.",
6349 "The 'duration' parameter is incorrect. The value ranges from {} to {}.",
6332 "Incorrect parameter type. The '{}' parameter must be of the '{}' type.",
6336 "'{}' property value is incorrect."
"""

from __future__ import annotations

from dataclasses import dataclass

from .config import LEASE_MAX_MS, LEASE_MIN_MS
from .errors import bad_request

TIMING, IDLE = "TIMING", "IDLE"
NO_AUTO_STOP = -1  # what golangsdk and Terraform send to start a billed instance without auto-stop


@dataclass
class Lease:
    """``create_at + duration`` is the TIMING stop moment; an IDLE lease stops ``duration`` after the last activity."""

    create_at: int
    duration: int
    update_at: int
    enable: bool = True
    type: str = TIMING

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


def parse_duration(raw, allow_no_auto_stop: bool = False) -> int:
    """Milliseconds from an int or a decimal string, checked against the documented range.

    The choice of code per mistake (the table names the codes, not the cases):
    an explicit null or an empty query value is a missing duration (6348); a value that is
    not an integer is a type error (6332); zero or less would put the stop moment at or before
    now (6346); a positive value outside 1 h..72 h is out of range (6349).
    """
    if raw is None or raw == "":
        raise bad_request("ModelArts.6348", "The 'duration' parameter is mandatory for enabling auto stop.")
    value = None
    if isinstance(raw, int) and not isinstance(raw, bool):
        value = raw
    elif isinstance(raw, str):
        try:
            value = int(raw.strip())
        except ValueError:
            value = None
    if value is None:
        raise bad_request(
            "ModelArts.6332",
            f"Incorrect parameter type. The 'duration' parameter must be of the 'integer' type (milliseconds), got {raw!r}.",
        )
    if allow_no_auto_stop and value == NO_AUTO_STOP:
        return value
    if value <= 0:
        raise bad_request(
            "ModelArts.6346",
            f"The timestamp of auto stop must be later than the current timestamp: duration {value} ms is not positive.",
        )
    if not LEASE_MIN_MS <= value <= LEASE_MAX_MS:
        raise bad_request(
            "ModelArts.6349",
            f"The 'duration' parameter is incorrect. The value ranges from {LEASE_MIN_MS} to {LEASE_MAX_MS} (1 h to 72 h), got {value}.",
        )
    return value


def parse_lease_type(raw, default: str = TIMING) -> str:
    """TIMING or IDLE in any case (the OTC RenewLease example sends ``"timing"``)."""
    if raw is None or raw == "":
        return default
    if isinstance(raw, str) and raw.upper() in (TIMING, IDLE):
        return raw.upper()
    raise bad_request("ModelArts.6336", f"'type' property value is incorrect: use TIMING or IDLE, got {raw!r}.")
