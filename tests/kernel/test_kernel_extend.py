"""Extend means "+N h from the current auto-stop" in the panel and %codelab extend,
and %codelab panel follows the running instance with its image selected. Real simulator."""

from __future__ import annotations

import re
import time

import pytest
from codelab_wait import wait_for
from IPython.core.error import UsageError

from jupyter_codelab.client import describe
from jupyter_codelab.kernel.panel_registry import current_panel

GPU_IMAGE = "2c113b99-72ef-4bd0-bbcc-0d711b39127b"  # pytorch1.8-cuda10.2 in the simulator's catalogue
HOUR_MS = 3_600_000
# The request takes some time between reading what is left and ModelArts counting from its "now":
# the new end may be that much earlier than old end + N h. Generous: this is not about speed.
SLACK_MS = 60_000


def lease_end(simulator) -> int:
    """When the simulator (ModelArts' side) will stop the instance: the truth, not what a face believes."""
    lease = simulator.control("GET", "state")["instances"][0]["lease"]
    return lease["create_at"] + lease["duration"]


def clocks_around(epoch_ms: float) -> set[str]:
    """The HH:MM a face may show for a moment known within SLACK_MS."""
    return {describe.format_clock(epoch_ms + delta) for delta in (-SLACK_MS, 0, SLACK_MS)}


def test_the_panel_extends_one_hour_from_the_current_stop_and_says_until_when(running_panel, simulator):
    panel = running_panel
    old_end = lease_end(simulator)
    wait_for(lambda: panel._ui.extend_button.description.startswith("Keep until "), what="the Extend label")
    label = panel._ui.extend_button.description
    assert label.removeprefix("Keep until ") in clocks_around(old_end + HOUR_MS)
    assert "1 h later" in panel._ui.extend_button.tooltip

    panel._ui.extend_button.click()  # the Hours field says 1
    assert panel.state.error == ""
    new_end = lease_end(simulator)
    assert old_end + HOUR_MS - SLACK_MS <= new_end <= old_end + HOUR_MS + SLACK_MS  # not 1 h from now: 1 h later than it was
    assert re.fullmatch(
        r"Extended notebook_\w+: auto-stop in 01:\d\d:\d\d, stops at \d\d:\d\d \(was \d\d:\d\d\)\.", panel.state.notice
    )
    assert describe.format_clock(new_end) in panel._ui.notice.value
    assert panel.state.remaining_seconds > HOUR_MS / 1000 + 50 * 60  # the countdown jumped

    panel._ui.hours.value = 2  # the label follows the field at once
    assert panel._ui.extend_button.description.removeprefix("Keep until ") in clocks_around(new_end + 2 * HOUR_MS)


def test_magic_extend_hours_until_and_for(ipython, simulator, direct_backend, capsys):
    ipython.run_line_magic("codelab", "open")
    old_end = lease_end(simulator)
    ipython.run_line_magic("codelab", "extend --hours 2")
    assert old_end + 2 * HOUR_MS - SLACK_MS <= lease_end(simulator) <= old_end + 2 * HOUR_MS + SLACK_MS
    assert "Extended notebook_" in capsys.readouterr().out

    ipython.run_line_magic("codelab", "extend --for 2")  # the other meaning: 2 h from now
    now_ms = time.time() * 1000
    assert now_ms + 2 * HOUR_MS - SLACK_MS <= lease_end(simulator) <= now_ms + 2 * HOUR_MS

    target = time.localtime(time.time() + 5 * 3600)
    ipython.run_line_magic("codelab", f"extend --until {target.tm_hour:02d}:{target.tm_min:02d}")
    assert abs(lease_end(simulator) - (time.mktime(target) * 1000 - target.tm_sec * 1000)) < SLACK_MS
    current_panel().close()


def test_magic_extend_respects_the_72_hour_cap(ipython, simulator, direct_backend, capsys):
    ipython.run_line_magic("codelab", "open")
    capsys.readouterr()
    ipython.run_line_magic("codelab", "extend --hours 72")  # 1 h left + 72 h is more than ModelArts allows
    out = capsys.readouterr().out
    assert "ModelArts allows at most 72 h from now, so not " in out
    capped = lease_end(simulator)
    assert time.time() * 1000 + 72 * HOUR_MS - SLACK_MS <= capped <= time.time() * 1000 + 72 * HOUR_MS
    with pytest.raises(
        UsageError, match=r"It already stops at .+, 72 h from now: the latest ModelArts allows\. Nothing was changed\."
    ):
        ipython.run_line_magic("codelab", "extend")
    assert lease_end(simulator) == capped
    current_panel().close()


@pytest.mark.parametrize(
    "line,expected",
    [
        ("extend --hours 1 --for 2", "Give one of --hours, --until or --for, not --hours and --for."),
        ("extend --until 25:00", "--until must be a local time HH:MM (24 h), e.g. 18:30, got '25:00'."),
        ("extend --until soon", "got 'soon'"),
        ("extend --for 0", "--for must be a whole number of hours from 1 to 72"),
    ],
)
def test_extend_mistakes_are_told_and_change_nothing(ipython, simulator, direct_backend, line, expected):
    opened = direct_backend.open()
    wait_for(lambda: direct_backend.notebook(opened["id"])["status"] == "RUNNING", what="RUNNING")
    before = lease_end(simulator)
    with pytest.raises(UsageError) as caught:
        ipython.run_line_magic("codelab", line)
    assert expected in str(caught.value)
    assert lease_end(simulator) == before


def test_until_less_than_an_hour_away_is_refused(ipython, simulator, direct_backend):
    ipython.run_line_magic("codelab", "open")
    before = lease_end(simulator)
    soon = time.localtime(time.time() + 20 * 60)
    with pytest.raises(
        UsageError, match=r"--until \d\d:\d\d is only 00:[12]\d:\d\d from now: ModelArts keeps an instance at least 1 h"
    ):
        ipython.run_line_magic("codelab", f"extend --until {soon.tm_hour:02d}:{soon.tm_min:02d}")
    assert lease_end(simulator) == before
    current_panel().close()


def test_panel_magic_follows_the_running_instance_with_its_image(ipython, simulator, direct_backend):
    opened = direct_backend.open(image_id=GPU_IMAGE)
    wait_for(lambda: direct_backend.notebook(opened["id"])["status"] == "RUNNING", what="RUNNING")
    ipython.run_line_magic("codelab", "panel")  # no option: it follows
    panel = current_panel()
    try:
        assert panel.state.notebook_id == opened["id"] and panel.state.status == "RUNNING"
        assert panel.state.image_id == GPU_IMAGE and panel._ui.image.value == GPU_IMAGE  # selected, not blank
        assert "pytorch1.8-cuda10.2" in dict((v, k) for k, v in panel._ui.image.options)[GPU_IMAGE]
        assert panel._ui.status.value == "<b>Status:</b> Running"  # the words, not "Running RUNNING"
        texts = " ".join(str(getattr(w, "value", "")) for w in (panel._ui.status, panel._ui.sentence, panel._ui.countdown))
        assert "RUNNING" not in texts
        assert panel._ui.extend_button.description.startswith("Keep until ")
        wait_for(lambda: panel.state.connection == "live", what="the panel to follow the event stream")
    finally:
        panel.close()
    ipython.run_line_magic("codelab", "panel --empty")
    assert current_panel().state.notebook_id is None
    current_panel().close()
