"""Checking what browsers and kernels send, before anything goes upstream.

Every failure is a ``BadInput`` whose message names the field and the fix.
"""

from __future__ import annotations

import json

from ..echo import MAX_ECHO_CHARS, quoted
from ..i18n import _
from ..modelarts.limits import HOUR_MS, LEASE_MAX_MS, LEASE_MIN_MS, MAX_HOURS, MIN_HOURS, is_uuid
from ..modelarts.limits import NO_AUTO_STOP_MS as NO_AUTO_STOP  # start only
from ..modelarts.share_url import ShareUrlError, encode_share_url

MAX_BODY_BYTES = 16 * 1024
LEASE_TYPES = ("TIMING", "IDLE")
UTC_OFFSETS_MINUTES = (-12 * 60, 14 * 60)  # the widest time zones: UTC-12 to UTC+14


class BadInput(ValueError):
    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)


def json_body(raw: bytes, allowed: set[str]) -> dict:
    """The request body as a JSON object with only known fields (an empty body is ``{}``)."""
    if len(raw) > MAX_BODY_BYTES:
        raise BadInput(
            "body",
            _("The request body is {size} bytes; send at most {limit} bytes of JSON.").format(
                size=len(raw), limit=MAX_BODY_BYTES
            ),
        )
    if not raw.strip():
        return {}
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise BadInput("body", _("The request body is not valid JSON: send a JSON object such as {}.")) from None
    except RecursionError:  # thousands of nested brackets fit in a small body
        raise BadInput("body", _("The request body is nested too deeply: send a flat JSON object such as {}.")) from None
    if not isinstance(data, dict):
        raise BadInput("body", _("The request body must be a JSON object, such as {}."))
    unknown = sorted(set(data) - allowed)
    if unknown:
        known = ", ".join(sorted(allowed)) or "none"
        raise BadInput(
            unknown[0][:MAX_ECHO_CHARS],
            _("Unknown field {unknown}: the fields accepted here are {known}.").format(unknown=quoted(unknown[0]), known=known),
        )
    return data


def notebook_id(value: str) -> str:
    if not is_uuid(value):
        raise BadInput(
            "id",
            _("{value} is not a notebook id: ids are UUIDs such as f9937afa-ca78-45b6-bc12-7ecf42553c48.").format(
                value=quoted(value)
            ),
        )
    return value.lower()


def image_id(value) -> str | None:
    if value is None or value == "":
        return None
    if not is_uuid(value):
        raise BadInput("image_id", _("image_id must be an image UUID from GET codelab/api/images (or left out for the default)."))
    return value.lower()


def share_url(value) -> str | None:
    """What a person pasted (URL, GitHub blob page or Base64) as the Base64 ModelArts wants."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise BadInput("share_url", _("share_url must be a string: the URL of an .ipynb file."))
    try:
        return encode_share_url(value)
    except ShareUrlError as error:
        raise BadInput("share_url", str(error)) from None


def lease_type(value) -> str:
    if value is None:
        return "TIMING"
    if value not in LEASE_TYPES:
        raise BadInput("type", _("type must be TIMING (stop at a fixed time) or IDLE (stop when idle)."))
    return value


def _number(field: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise BadInput(field, _("{field} must be a number.").format(field=field))
    return value


def duration_ms(body: dict, required: bool, allow_no_auto_stop: bool = False) -> int | None:
    """The lease duration from ``hours`` (1-72) or ``duration_ms``; it counts from now.
    ``allow_no_auto_stop``: ``duration_ms: -1`` means no auto-stop (the start route)."""
    if "hours" in body and "duration_ms" in body:
        raise BadInput("hours", _("Send either hours or duration_ms, not both."))
    if allow_no_auto_stop and body.get("duration_ms") == NO_AUTO_STOP and not isinstance(body["duration_ms"], bool):
        return NO_AUTO_STOP
    if body.get("hours") is not None:
        hours = _number("hours", body["hours"])
        if not MIN_HOURS <= hours <= MAX_HOURS:
            raise BadInput(
                "hours",
                _("hours must be between {min} and {max}; {hours:g} is outside that range.").format(
                    min=MIN_HOURS, max=MAX_HOURS, hours=hours
                ),
            )
        return int(round(hours * HOUR_MS))
    if body.get("duration_ms") is not None:
        value = _number("duration_ms", body["duration_ms"])
        if not LEASE_MIN_MS <= value <= LEASE_MAX_MS:
            if allow_no_auto_stop:
                sentence = _("duration_ms must be between {min} (1 h) and {max} (72 h) or -1 (no auto-stop).")
            else:
                sentence = _("duration_ms must be between {min} (1 h) and {max} (72 h).")
            raise BadInput("duration_ms", sentence.format(min=LEASE_MIN_MS, max=LEASE_MAX_MS))
        return int(value)
    if required:
        raise BadInput("hours", _("Say how long to keep the instance: hours between 1 and 72."))
    return None


def extend_hours(body: dict) -> int | None:
    """``extend_hours``: N whole hours after the current automatic stop (1-72), sent alone."""
    value = body.get("extend_hours")
    if value is None:
        return None
    if body.get("hours") is not None or body.get("duration_ms") is not None:
        raise BadInput("extend_hours", _("Send extend_hours alone, without hours or duration_ms."))
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_HOURS <= value <= MAX_HOURS:
        raise BadInput(
            "extend_hours",
            _("extend_hours must be a whole number of hours from {min} to {max}.").format(min=MIN_HOURS, max=MAX_HOURS),
        )
    return value


def utc_offset_minutes(value) -> int | None:
    """The requester's clock, in minutes east of UTC (a browser's ``-Date.getTimezoneOffset()``)."""
    if value is None:
        return None
    low, high = UTC_OFFSETS_MINUTES
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise BadInput(
            "utc_offset_minutes",
            _("utc_offset_minutes must be whole minutes east of UTC, from {low} to {high}.").format(low=low, high=high),
        )
    return value
