"""The one poll policy (modelarts/poll_policy.py): intervals by state and lease, the backoff with its
cap and Retry-After, and what a failed read means. Its defaults are the server watcher's timing."""

from __future__ import annotations

import time

import pytest

from jupyter_codelab.modelarts.errors import AuthError, ModelArtsError, NotFoundError, ThrottledError, UpstreamUnavailable
from jupyter_codelab.modelarts.models import Notebook
from jupyter_codelab.modelarts.poll_policy import Poller, PollPolicy, Verdict
from jupyter_codelab.modelarts.states import STATES
from jupyter_codelab.server.app import CodeLab
from jupyter_codelab.server.watcher import WatcherRegistry, watcher_policy

POLICY = PollPolicy()


def notebook(status: str, lease_left_s: float | None = 3600.0, auto_stop: bool = True) -> Notebook:
    now_ms = round(time.time() * 1000)
    lease = {"create_at": now_ms, "duration": int((lease_left_s or 0) * 1000), "enable": auto_stop, "type": "TIMING"}
    return Notebook.from_json({"id": "n1", "status": status, **({"lease": lease} if lease_left_s is not None else {})})


def test_the_defaults_are_the_watchers_timing():
    shipped = watcher_policy(CodeLab.poll_fast_seconds.default_value, CodeLab.poll_slow_seconds.default_value)
    assert POLICY == shipped == WatcherRegistry(client=None, simulated=True).policy
    assert POLICY.keep_trying  # the watcher retries every failure; only a 404 ends it


@pytest.mark.parametrize("status", ["INIT", "CREATING", "STARTING", "SNAPSHOTTING", "STOPPING", "DELETING"])
def test_a_moving_instance_is_read_fast(status):
    assert POLICY.interval(notebook(status)) == 1.0


@pytest.mark.parametrize("status", ["STOPPED", "CREATE_FAILED", "START_FAILED", "ERROR", "DELETED"])
def test_an_idle_instance_is_read_at_the_idle_pace(status):
    assert PollPolicy(idle=3.0).interval(notebook(status)) == 3.0
    assert POLICY.interval(notebook(status)) == 10.0


def test_a_frozen_instance_is_read_at_its_own_pace_for_the_thaw():
    assert PollPolicy(frozen=30.0).interval(notebook("FROZEN")) == 30.0
    assert PollPolicy(idle=3.0).interval(notebook("FROZEN")) == POLICY.frozen


def test_a_running_instance_is_read_slowly_and_just_after_its_lease_ends():
    assert POLICY.interval(notebook("RUNNING")) == 10.0
    assert POLICY.interval(notebook("RUNNING", lease_left_s=None)) == 10.0  # no lease known
    assert POLICY.interval(notebook("RUNNING", auto_stop=False)) == 10.0  # no auto-stop
    assert 3.0 <= POLICY.interval(notebook("RUNNING", lease_left_s=3)) <= 3.5  # the auto-stop shows promptly
    assert POLICY.interval(notebook("RUNNING", lease_left_s=0)) == 1.0  # never faster than fast


def test_every_status_of_the_table_has_an_interval():
    for status in STATES:
        assert 1.0 <= POLICY.interval(notebook(status)) <= 10.0


def test_failures_back_off_doubling_up_to_the_cap_and_a_good_read_ends_it():
    poller = Poller(POLICY)
    delays = []
    for _ in range(8):
        assert poller.failed(UpstreamUnavailable(503)) is Verdict.AGAIN
        delays.append(poller.backoff)
    assert delays == [2.0, 4.0, 8.0, 16.0, 32.0, 60.0, 60.0, 60.0]
    assert poller.read(notebook("CREATING")) == 1.0
    assert poller.failed(UpstreamUnavailable(503)) is Verdict.AGAIN and poller.backoff == 2.0


def test_retry_after_is_honoured_even_beyond_the_cap():
    poller = Poller(POLICY)
    poller.failed(ThrottledError(429, "APIG.0308", retry_after=7))
    assert poller.backoff == 7.0
    poller.failed(ThrottledError(429, "APIG.0308", retry_after=120))
    assert poller.backoff == 120.0
    poller.failed(ThrottledError(429, "APIG.0308"))  # no Retry-After: the doubling, capped
    assert poller.backoff == 60.0


def test_a_404_means_vanished_whatever_the_policy():
    assert Poller(POLICY).failed(NotFoundError(404, "ModelArts.6309")) is Verdict.VANISHED
    assert Poller(PollPolicy(keep_trying=False)).failed(NotFoundError(404)) is Verdict.VANISHED


@pytest.mark.parametrize("error", [AuthError(401, "APIG.1002"), ModelArtsError(403, "ModelArts.0113")])
def test_other_failures_are_retried_or_given_up_by_keep_trying(error):
    assert Poller(POLICY).failed(error) is Verdict.AGAIN
    assert Poller(PollPolicy(keep_trying=False)).failed(error) is Verdict.GIVE_UP
    for passing in (UpstreamUnavailable(502), ThrottledError(429)):
        assert Poller(PollPolicy(keep_trying=False)).failed(passing) is Verdict.AGAIN
