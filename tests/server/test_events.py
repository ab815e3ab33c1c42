"""The SSE stream of an instance, read by a real HTTP client through the jupyter server."""

import asyncio
import time

from .helpers import call, open_running, until


def seq(event):
    return int(event["id"].rsplit("-", 1)[1])


async def test_stream_walks_the_steps_to_ready(jp_fetch, watch):
    _, notebook = await call(jp_fetch, "notebooks", "open", method="POST")
    reader = watch(notebook["id"])
    events = await reader.until("ready")
    assert reader.status == 200
    assert events[0]["event"] == "snapshot"
    ready = events[-1]["data"]
    assert ready["notebook"]["status"] == "RUNNING" and ready["notebook"]["url"]
    assert all(e["id"] and e["data"]["type"] == e["event"] for e in events)
    seen_steps = {(s["step"], s["status"]) for e in events for s in e["data"]["notebook"]["action_progress"]}
    assert {(4, "COMPLETED")} <= seen_steps and any(status == "WAITING" or status == "PROCESSING" for _, status in seen_steps)
    assert [seq(e) for e in events] == sorted(seq(e) for e in events)


async def test_a_late_watcher_gets_the_current_state_at_once(jp_fetch, watch):
    notebook = await open_running(jp_fetch)
    reader = watch(notebook["id"])
    first = await reader.next()
    assert first["event"] == "snapshot" and first["data"]["notebook"]["status"] == "RUNNING"


async def test_reconnecting_with_last_event_id_resumes_without_repeats(jp_fetch, simulator, watch):
    simulator.configure(step_seconds=0.6)
    _, notebook = await call(jp_fetch, "notebooks", "open", method="POST")
    first = watch(notebook["id"])
    got = [await first.next(), await first.next()]
    first.close()
    resumed = watch(notebook["id"], last_event_id=got[-1]["id"])
    rest = await resumed.until("ready")
    ids = [e["id"] for e in got + rest]
    assert len(ids) == len(set(ids)), "an event was sent twice"
    assert rest[0]["event"] != "snapshot" and seq(rest[0]) == seq(got[-1]) + 1
    assert [seq(e) for e in got + rest] == list(range(seq(got[0]), seq(got[0]) + len(ids)))


async def test_an_unknown_last_event_id_gets_a_fresh_snapshot(jp_fetch, watch):
    notebook = await open_running(jp_fetch)
    reader = watch(notebook["id"], last_event_id="deadbeef-3")
    assert (await reader.next())["event"] == "snapshot"


async def test_fifty_watchers_share_one_upstream_poll(jp_fetch, simulator, watch, codelab):
    simulator.configure(step_seconds=1.0)
    _, notebook = await call(jp_fetch, "notebooks", "open", method="POST")
    watchers = [watch(notebook["id"]) for _ in range(50)]
    for reader in watchers:
        assert (await reader.next())["event"] == "snapshot"
    polls_before, started = simulator.calls["get"], time.monotonic()
    await asyncio.sleep(1.5)
    polls = simulator.calls["get"] - polls_before
    elapsed = time.monotonic() - started
    interval = codelab.registry.policy.fast
    assert 1 <= polls <= elapsed / interval + 2, f"{polls} polls in {elapsed:.2f} s for 50 watchers"
    for reader in watchers:
        assert (await reader.until("ready"))[-1]["data"]["notebook"]["status"] == "RUNNING"
    assert len(codelab.registry.watchers) == 1


async def test_polling_stops_when_the_last_watcher_leaves(jp_fetch, simulator, watch, codelab):
    notebook = await open_running(jp_fetch)
    reader = watch(notebook["id"])
    await reader.next()
    watcher = codelab.registry.existing(notebook["id"])
    assert watcher is not None and not watcher.polling_ended
    reader.close()
    # Its poll task ends (after the linger), not just leaves the registry: nothing can poll for it any more.
    await until(lambda: watcher.polling_ended, timeout=10)
    assert not codelab.registry.watchers and watcher.finished


async def test_a_renewal_from_anywhere_reaches_the_stream(jp_fetch, watch):
    notebook = await open_running(jp_fetch)
    reader = watch(notebook["id"])
    snapshot = await reader.next()
    await call(jp_fetch, "notebooks", notebook["id"], "lease", method="PATCH", body={"hours": 5})
    lease_event = (await reader.until("lease"))[-1]["data"]
    assert lease_event["notebook"]["lease"]["expires_at"] > snapshot["data"]["notebook"]["lease"]["expires_at"] + 3_600_000
    assert "lease" in lease_event["changed"]


async def test_a_stop_from_elsewhere_reaches_the_stream_which_goes_on(jp_fetch, simulator, watch):
    notebook = await open_running(jp_fetch)
    reader = watch(notebook["id"])
    await reader.next()
    await call(jp_fetch, "notebooks", notebook["id"], "stop", method="POST")
    stopped = (await reader.until("stopped"))[-1]
    assert stopped["data"]["notebook"]["status"] == "STOPPED"
    await until(lambda: reader.keepalives >= 1, timeout=5)  # still open: a start or a deletion may follow
    assert not reader.done.done()


async def test_auto_stop_at_lease_end_is_streamed(jp_fetch, simulator, watch):
    notebook = await open_running(jp_fetch)
    reader = watch(notebook["id"])
    await reader.next()
    simulator.store.expire(notebook["id"], 0.5)
    stopped = (await reader.until("stopped"))[-1]
    assert stopped["data"]["notebook"]["status"] == "STOPPED"


async def test_a_failed_creation_streams_its_reason(jp_fetch, simulator, watch):
    simulator.faults.add(kind="create_failed", fail_reason="Insufficient GPU resources in the pool", at_step=2)
    _, notebook = await call(jp_fetch, "notebooks", "open", method="POST")
    reader = watch(notebook["id"])
    failed = (await reader.until("failed"))[-1]["data"]["notebook"]
    assert failed["status"] == "CREATE_FAILED" and failed["fail_reason"] == "Insufficient GPU resources in the pool"
    assert [s["status"] for s in failed["action_progress"]][:2] == ["COMPLETED", "FAILED"]


async def test_keepalive_comments_while_nothing_changes(jp_fetch, watch):
    notebook = await open_running(jp_fetch)
    reader = watch(notebook["id"])
    await reader.next()
    await until(lambda: reader.keepalives >= 1, timeout=5)


async def test_watching_an_unknown_or_malformed_id_fails_before_streaming(jp_fetch, watch, simulator):
    unknown = watch("00000000-0000-4000-8000-000000000000")
    assert await unknown.ended() == 404
    malformed = watch("not-an-id")
    assert await malformed.ended() == 400
    assert simulator.calls["open"] == 0


async def test_a_vanished_instance_ends_the_stream_as_deleted_not_as_its_last_state(jp_fetch, simulator, watch):
    notebook = await open_running(jp_fetch)
    reader = watch(notebook["id"])
    assert (await reader.next())["data"]["notebook"]["status"] == "RUNNING"
    simulator.force_status("DELETED")  # deleted elsewhere: ModelArts now answers 400 ModelArts.6309
    deleted = (await reader.until("deleted"))[-1]["data"]
    assert deleted["notebook"]["status"] == "DELETED" and deleted["notebook"]["url"] is None and deleted["vanished"] is True
    assert "ModelArts.6309" in deleted["message"]


async def test_every_stream_gets_every_event_and_closed_ones_are_detached(jp_fetch, watch, codelab):
    """One publish writes the same bytes to every attached stream; a closed stream leaves the watcher."""
    _, notebook = await call(jp_fetch, "notebooks", "open", method="POST")
    readers = [watch(notebook["id"]) for _ in range(20)]
    leaving = watch(notebook["id"])
    await leaving.next()
    leaving.close()
    seen = [[seq(e) for e in await reader.until("ready")] for reader in readers]
    assert len({ids[-1] for ids in seen}) == 1, "every stream saw the same ready event"
    for ids in seen:  # after its snapshot, each stream got every published event once, in order
        assert ids[1:] == list(range(ids[0] + 1, ids[-1] + 1))
    watcher = codelab.registry.existing(notebook["id"])
    assert watcher is not None and len(watcher.sinks) == 20
    for reader in readers:
        reader.close()
    await until(lambda: not watcher.sinks, timeout=10)
