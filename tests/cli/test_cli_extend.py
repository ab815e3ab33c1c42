"""`jupyter codelab extend`: --hours N is N h later than the current stop, --until HH:MM, --for N (real simulator)."""

from __future__ import annotations

import json
import time

import pytest

from jupyter_codelab.client import describe

HOUR_MS = 3_600_000
SLACK_MS = 60_000  # between reading what is left and ModelArts' "now": not a speed assertion, a bound


def lease_end(simulator) -> int:
    lease = simulator.control("GET", "state")["instances"][0]["lease"]
    return lease["create_at"] + lease["duration"]


@pytest.fixture
def running(codelab, simulator):
    assert codelab("open").returncode == 0
    return simulator


def test_hours_is_counted_from_the_current_stop(codelab, running):
    old_end = lease_end(running)
    done = codelab("extend", "--hours", "2")
    assert done.returncode == 0, done.stderr
    assert old_end + 2 * HOUR_MS - SLACK_MS <= lease_end(running) <= old_end + 2 * HOUR_MS + SLACK_MS
    assert done.stdout.startswith("Extended notebook_") and ": auto-stop in 02:5" in done.stdout and "(was " in done.stdout
    default = codelab("extend", "--json")  # no option: 1 h later
    assert default.returncode == 0
    assert old_end + 3 * HOUR_MS - SLACK_MS <= lease_end(running) <= old_end + 3 * HOUR_MS + SLACK_MS
    assert json.loads(default.stdout)["remaining_ms"] > 3 * HOUR_MS + 50 * 60_000


def test_for_is_counted_from_now(codelab, running):
    assert codelab("extend", "--hours", "5").returncode == 0
    done = codelab("extend", "--for", "2")
    assert done.returncode == 0, done.stderr
    now_ms = time.time() * 1000
    assert now_ms + 2 * HOUR_MS - SLACK_MS <= lease_end(running) <= now_ms + 2 * HOUR_MS


def test_until_is_a_local_time(codelab, running):
    target = time.localtime(time.time() + 6 * 3600)
    done = codelab("extend", "--until", f"{target.tm_hour:02d}:{target.tm_min:02d}")
    assert done.returncode == 0, done.stderr
    wanted_ms = (time.mktime(target) - target.tm_sec) * 1000
    assert abs(lease_end(running) - wanted_ms) < SLACK_MS
    assert f", stops at {describe.format_clock(wanted_ms)} (was " in done.stdout


def test_the_72_hour_cap_is_said(codelab, running):
    done = codelab("extend", "--hours", "72")
    assert done.returncode == 0 and "ModelArts allows at most 72 h from now" in done.stdout
    again = codelab("extend")
    assert again.returncode == 2 and "the latest ModelArts allows. Nothing was changed." in again.stderr


@pytest.mark.parametrize(
    "args,expected",
    [
        (("--hours", "1", "--for", "2"), "Give one of --hours, --until or --for, not --hours and --for."),
        (("--until", "9.30"), "--until must be a local time HH:MM (24 h)"),
        (("--for", "73"), "--for must be a whole number of hours from 1 to 72"),
    ],
)
def test_mistakes_exit_2_and_change_nothing(codelab, running, args, expected):
    before = lease_end(running)
    done = codelab("extend", *args)
    assert done.returncode == 2 and expected in done.stderr
    assert lease_end(running) == before
