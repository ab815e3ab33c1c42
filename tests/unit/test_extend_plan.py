"""The one Extend rule (client/actions.plan_extension) on fixed clocks: +N h, --until, --for, the 72 h cap."""

from __future__ import annotations

from datetime import datetime

import pytest

from jupyter_codelab.client.actions import check_extension, plan_extension
from jupyter_codelab.client.inputs import InputError

HOUR_MS = 3_600_000
NOW_MS = datetime(2026, 3, 10, 14, 44, 0).timestamp() * 1000  # local time 14:44


def test_plus_hours_is_what_is_left_plus_n_hours():
    plan = plan_extension(59 * 60_000, hours=1, now_ms=NOW_MS)  # 59 min left: the bug asked for 1 h from now (+1 min)
    assert plan.duration_ms == 59 * 60_000 + HOUR_MS
    assert plan.stops_at_ms == NOW_MS + 119 * 60_000 and plan.note == ""


def test_plus_hours_without_auto_stop_counts_from_now():
    assert plan_extension(None, hours=3, now_ms=NOW_MS).duration_ms == 3 * HOUR_MS


def test_the_72_hour_cap_is_said_and_at_the_cap_nothing_is_asked():
    plan = plan_extension(71 * HOUR_MS, hours=5, now_ms=NOW_MS)
    assert plan.duration_ms == 72 * HOUR_MS
    assert plan.note.startswith("ModelArts allows at most 72 h from now, so not ")
    with pytest.raises(InputError, match="already stops at .*72 h from now.*Nothing was changed"):
        plan_extension(72 * HOUR_MS - 1000, hours=1, now_ms=NOW_MS)


def test_until_is_the_next_occurrence_of_a_local_time():
    assert plan_extension(HOUR_MS, until=(18, 30), now_ms=NOW_MS).duration_ms == (3 * 60 + 46) * 60_000  # today
    assert plan_extension(HOUR_MS, until=(9, 0), now_ms=NOW_MS).duration_ms == (18 * 60 + 16) * 60_000  # tomorrow
    with pytest.raises(InputError, match=r"--until 15:30 is only 00:46:00 from now"):
        plan_extension(HOUR_MS, until=(15, 30), now_ms=NOW_MS)


def test_for_is_n_hours_from_now_whatever_is_left():
    assert plan_extension(5 * HOUR_MS, for_hours=2, now_ms=NOW_MS).duration_ms == 2 * HOUR_MS


@pytest.mark.parametrize(
    "kwargs,expected",
    [
        ({}, {"hours": 1}),
        ({"hours": "3"}, {"hours": 3}),
        ({"until": "7:05"}, {"until": (7, 5)}),
        ({"for_hours": "4"}, {"for_hours": 4}),
    ],
)
def test_check_extension_defaults_to_one_hour_later(kwargs, expected):
    assert check_extension(**kwargs) == expected


@pytest.mark.parametrize("kwargs", [{"hours": 1, "until": "10:00"}, {"until": "7:5"}, {"until": "24:00"}, {"for_hours": 73}])
def test_check_extension_refuses_with_a_sentence(kwargs):
    with pytest.raises(InputError):
        check_extension(**kwargs)
