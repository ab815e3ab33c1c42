"""The one "+N h" rule of every face's Extend, within what ModelArts allows.

ModelArts counts a renewed lease from now, so "N hours after the current automatic stop" asks for
what is left plus N hours, capped at the 72 h it allows (the plan's ``note`` says so), and refused
when the cap leaves nothing to gain. The CLI, the magics and the panel plan with it in their process
(``client/actions.plan_extension``); the server plans with it for the sidebar
(``PATCH notebooks/{id}/lease {"extend_hours": N}``), so the sidebar holds no copy of the rule.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from ..i18n import _
from .limits import HOUR_MS, LEASE_MAX_MS, MAX_HOURS

NOTHING_GAINED_MS = 60_000  # a cap closer than this to the current stop changes nothing worth asking for


@dataclass
class LeasePlan:
    """What to ask ModelArts for (it counts the duration from now) and when the instance will then stop."""

    duration_ms: int
    stops_at_ms: int  # epoch ms, on the planner's clock
    note: str = ""  # why it is not what was asked (the 72 h cap)


class PlanRefused(ValueError):
    """The instance already stops as late as ModelArts allows; ``str(e)`` is the sentence."""


def local_clock(epoch_ms: float) -> str:
    """A stop time on this machine's clock: ``15:42`` today, ``Tue 15:42`` on another day."""
    when = time.localtime(epoch_ms / 1000)
    same_day = time.localtime()[:3] == when[:3]
    return time.strftime("%H:%M" if same_day else "%a %H:%M", when)


def clock_at_offset(utc_offset_minutes: int) -> Callable[[float], str]:
    """The same words on the clock of a person ``utc_offset_minutes`` east of UTC (a browser's)."""
    zone = timezone(timedelta(minutes=utc_offset_minutes))

    def clock(epoch_ms: float) -> str:
        when = datetime.fromtimestamp(epoch_ms / 1000, zone)
        same_day = datetime.now(zone).date() == when.date()
        return when.strftime("%H:%M" if same_day else "%a %H:%M")

    return clock


def plan_more_hours(
    remaining_ms: float | None, hours: int, now_ms: float | None = None, clock: Callable[[float], str] = local_clock
) -> LeasePlan:
    """N hours after the current automatic stop (no auto-stop: N hours from now), capped at 72 h from now."""
    now_ms = time.time() * 1000 if now_ms is None else now_ms
    wanted = max(0, remaining_ms or 0) + hours * HOUR_MS
    duration = min(LEASE_MAX_MS, wanted)
    if duration < wanted:
        if remaining_ms is not None and duration - remaining_ms < NOTHING_GAINED_MS:
            raise PlanRefused(
                _("It already stops at {clock}, {max} h from now: the latest ModelArts allows. Nothing was changed.").format(
                    clock=clock(now_ms + remaining_ms), max=MAX_HOURS
                )
            )
        note = _("ModelArts allows at most {max} h from now, so not {wanted}.").format(
            max=MAX_HOURS, wanted=clock(now_ms + wanted)
        )
        return LeasePlan(int(duration), int(now_ms + duration), note)
    return LeasePlan(int(duration), int(now_ms + duration))
