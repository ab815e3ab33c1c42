"""PATCH notebooks/{id}/lease {"extend_hours": N}: the server plans "+N h from the current automatic stop"
with the one rule (modelarts/lease_plan.py) for the sidebar, which keeps no copy of it."""

import pytest

from jupyter_codelab.modelarts.lease_plan import clock_at_offset

from .helpers import call, open_running

HOUR_MS = 3_600_000


async def extend(jp_fetch, notebook_id, **body):
    return await call(jp_fetch, "notebooks", notebook_id, "lease", method="PATCH", body=body)


async def test_extend_hours_is_what_is_left_plus_n_hours(jp_fetch):
    notebook = await open_running(jp_fetch)
    left = notebook["lease"]["remaining_ms"]  # the simulator's default lease: about 1 h
    status, lease = await extend(jp_fetch, notebook["id"], extend_hours=2)
    assert status == 200, lease
    assert left + 2 * HOUR_MS - 60_000 < lease["remaining_ms"] <= left + 2 * HOUR_MS
    assert lease["note"] is None


async def test_the_72_hour_cap_is_said_and_at_the_cap_nothing_is_asked(jp_fetch, simulator):
    notebook = await open_running(jp_fetch)
    await extend(jp_fetch, notebook["id"], duration_ms=71 * HOUR_MS)
    status, lease = await extend(jp_fetch, notebook["id"], extend_hours=5, utc_offset_minutes=480)
    assert status == 200, lease
    assert 72 * HOUR_MS - 60_000 < lease["remaining_ms"] <= 72 * HOUR_MS
    assert lease["note"].startswith("ModelArts allows at most 72 h from now, so not ")
    renewed = simulator.calls["renew"]
    status, error = await extend(jp_fetch, notebook["id"], extend_hours=1, utc_offset_minutes=480)
    assert status == 400 and error["field"] == "extend_hours"
    assert "the latest ModelArts allows. Nothing was changed." in error["message"]
    assert simulator.calls["renew"] == renewed


def test_stop_times_are_said_on_the_requesters_clock():
    noon_utc = 1_767_268_800_000  # 2026-01-01 12:00 UTC
    assert clock_at_offset(480)(noon_utc).endswith("20:00")  # Beijing
    assert clock_at_offset(-300)(noon_utc).endswith("07:00")  # New York


@pytest.mark.parametrize(
    "body, field",
    [({"extend_hours": 0}, "extend_hours"), ({"extend_hours": 1.5}, "extend_hours"), ({"extend_hours": "1"}, "extend_hours"),
     ({"extend_hours": 1, "hours": 2}, "extend_hours"), ({"extend_hours": 1, "utc_offset_minutes": 900}, "utc_offset_minutes")],
)  # fmt: skip
async def test_extend_hours_is_checked_before_upstream(jp_fetch, simulator, body, field):
    notebook = await open_running(jp_fetch)
    status, error = await extend(jp_fetch, notebook["id"], **body)
    assert status == 400 and error["field"] == field, error
    assert simulator.calls["renew"] == 0 and simulator.calls["lease"] == 0
