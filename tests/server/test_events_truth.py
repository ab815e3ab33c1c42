"""What the stream shows is true now: status changes made elsewhere (a freeze and its thaw, a deletion
while running or stopped, a failed read then a good one) reach an open stream, which ends only when
the instance is gone. The simulator's ``status`` fault drives them, as ModelArts would report them
(FROZEN: 400 ModelArts.6326 on actions; DELETED: 400 ModelArts.6309 on reads)."""

from .helpers import call, open_running

# The test config polls a running, stopped or frozen instance every poll_slow_seconds (1 s) and
# a moving one every poll_fast_seconds (0.1 s): these deadlines leave many intervals of slack.
DEADLINE = 15.0


def statuses(events):
    return [e["data"]["notebook"]["status"] for e in events if e["data"].get("notebook")]


async def test_a_freeze_and_its_thaw_reach_the_stream_which_stays_open(jp_fetch, simulator, watch, codelab):
    notebook = await open_running(jp_fetch)
    reader = watch(notebook["id"])
    assert statuses([await reader.next()]) == ["RUNNING"]
    simulator.force_status("FROZEN")
    frozen = (await reader.until("status", DEADLINE))[-1]
    assert frozen["data"]["notebook"]["status"] == "FROZEN" and frozen["data"]["notebook"]["url"] is None
    watcher = codelab.registry.existing(notebook["id"])
    assert watcher is not None and not watcher.polling_ended  # frozen is no end: still read, at the slow pace
    assert simulator.clear_faults() == [notebook["id"]]  # the arrears are paid
    thawed = await reader.until("ready", DEADLINE)
    assert statuses(thawed)[-1] == "RUNNING" and "FROZEN" not in statuses(thawed)


async def test_a_deletion_elsewhere_while_running_ends_the_stream_as_deleted(jp_fetch, simulator, watch):
    notebook = await open_running(jp_fetch)
    reader = watch(notebook["id"])
    await reader.next()
    simulator.force_status("DELETED", notebook_id=notebook["id"])
    events = await reader.until("deleted", DEADLINE)
    assert [e["event"] for e in events] == ["deleted"]  # nothing in between: no stale RUNNING
    assert events[0]["data"]["vanished"] is True and events[0]["data"]["notebook"]["status"] == "DELETED"
    assert await reader.ended() == 200


async def test_a_stopped_instance_deleted_elsewhere_is_noticed(jp_fetch, simulator, watch, codelab):
    notebook = await open_running(jp_fetch)
    await call(jp_fetch, "notebooks", notebook["id"], "stop", method="POST")
    reader = watch(notebook["id"])
    assert statuses(await reader.until("stopped", DEADLINE))[-1] == "STOPPED"  # the snapshot may say STOPPING first
    assert not codelab.registry.existing(notebook["id"]).polling_ended  # one shared watcher reads it on, slowly
    simulator.force_status("DELETED", notebook_id=notebook["id"])
    deleted = (await reader.until("deleted", DEADLINE))[-1]["data"]
    assert deleted["vanished"] is True and deleted["notebook"]["status"] == "DELETED"
    assert await reader.ended() == 200


async def test_a_stopped_instance_started_elsewhere_reaches_the_stream(jp_fetch, simulator, watch):
    notebook = await open_running(jp_fetch)
    await call(jp_fetch, "notebooks", notebook["id"], "stop", method="POST")
    reader = watch(notebook["id"])
    await reader.until("stopped", DEADLINE)
    instance = simulator.store.find(notebook["id"])
    simulator.store.start(instance.owner_id, instance.id, None, None)  # the console's Start, not ours
    assert statuses(await reader.until("ready", DEADLINE))[-1] == "RUNNING"


async def test_a_failed_read_then_a_good_one_clears_the_error_on_the_stream(jp_fetch, simulator, watch):
    notebook = await open_running(jp_fetch)
    reader = watch(notebook["id"])
    await reader.next()
    # Four 500s: the transport's own retries (RetryPolicy.attempts) all fail, so the watcher sees the error.
    simulator.faults.add(kind="error", route="get", times=4, status=500, error_code="ModelArts.0010", error_msg="Internal")
    error = (await reader.until("upstream_error", DEADLINE))[-1]["data"]
    assert error["error_code"] == "ModelArts.0010"
    # The retry reads the same RUNNING instance: one event says so, and the faces drop their error line.
    recovered = await reader.next(DEADLINE)
    assert recovered["event"] == "status" and recovered["data"]["notebook"]["status"] == "RUNNING"
    assert recovered["data"]["changed"] == []
