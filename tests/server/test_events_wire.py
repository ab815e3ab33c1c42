"""How a publish reaches the streams: the same framed bytes for every HTTP/1.1 stream, plain bytes
for HTTP/1.0, the handler's own path when the server compresses responses, and no garbage
collection in the middle of a publish."""

import gc
import inspect

import pytest

from jupyter_codelab.server.handlers.events import _Sink

from .helpers import call, open_running


@pytest.fixture
def compress(request):
    return getattr(request, "param", False)


@pytest.fixture
def jp_server_config(jp_server_config, compress):
    if not compress:
        return jp_server_config
    return {**jp_server_config, "ServerApp": {**jp_server_config["ServerApp"], "tornado_settings": {"compress_response": True}}}


async def renew_and_stop(jp_fetch, notebook_id):
    await call(jp_fetch, "notebooks", notebook_id, "lease", method="PATCH", body={"hours": 5})
    await call(jp_fetch, "notebooks", notebook_id, "stop", method="POST")


async def read_to_the_end(simulator, notebook_id, *readers):
    """The event types of each stream after its snapshot: the renewal, maybe the stopping status, the stop,
    then (once the instance is deleted elsewhere) the deletion; then the stream ends."""
    kinds = [[e["event"] for e in await reader.until("stopped")] for reader in readers]
    simulator.force_status("DELETED", notebook_id=notebook_id)
    for reader, seen in zip(readers, kinds, strict=True):
        seen += [e["event"] for e in await reader.until("deleted")]
        assert await reader.ended() == 200
        assert seen[0] == "lease" and seen[-2:] == ["stopped", "deleted"], seen
    return kinds


async def test_http_1_0_and_1_1_streams_read_the_same_events(jp_fetch, simulator, watch):
    notebook = await open_running(jp_fetch)
    chunked, plain = watch(notebook["id"]), watch(notebook["id"], version="HTTP/1.0")
    assert (await chunked.next())["event"] == (await plain.next())["event"] == "snapshot"
    await renew_and_stop(jp_fetch, notebook["id"])
    chunked_kinds, plain_kinds = await read_to_the_end(simulator, notebook["id"], chunked, plain)
    assert chunked_kinds == plain_kinds
    assert chunked.response_headers.get("transfer-encoding") == "chunked"
    assert "transfer-encoding" not in plain.response_headers
    assert chunked.stray_lines == plain.stray_lines == []


@pytest.mark.parametrize("compress", [True], indirect=True)
async def test_a_compressing_server_streams_events_a_gzip_client_can_read(jp_fetch, simulator, watch):
    notebook = await open_running(jp_fetch)
    reader = watch(notebook["id"], headers={"Accept-Encoding": "gzip"})
    assert (await reader.next())["event"] == "snapshot"
    await renew_and_stop(jp_fetch, notebook["id"])
    await read_to_the_end(simulator, notebook["id"], reader)
    assert reader.response_headers.get("content-encoding") == "gzip"


async def test_no_collection_runs_while_an_event_is_handed_to_the_streams(jp_fetch, watch):
    notebook = await open_running(jp_fetch)
    readers = [watch(notebook["id"]) for _ in range(20)]
    for reader in readers:
        assert (await reader.next())["event"] == "snapshot"
    inside = []

    def spy(phase, info):
        frame = inspect.currentframe()
        while phase == "start" and frame is not None:
            if frame.f_code is _Sink.deliver.__code__:
                inside.append(info["generation"])
                return
            frame = frame.f_back

    thresholds = gc.get_threshold()
    gc.set_threshold(1, 10**6, 10**6)  # a young collection at nearly every allocation, were it allowed
    gc.callbacks.append(spy)
    try:
        await call(jp_fetch, "notebooks", notebook["id"], "lease", method="PATCH", body={"hours": 5})
        assert gc.isenabled(), "collections are back on once the event is out"
        gc.disable()  # and a host that switched them off keeps them off
        await call(jp_fetch, "notebooks", notebook["id"], "lease", method="PATCH", body={"hours": 6})
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.callbacks.remove(spy)
        gc.set_threshold(*thresholds)
    for reader in readers:
        assert [e["event"] for e in await reader.until("lease")] == ["lease"]
        assert (await reader.next())["event"] == "lease"
    assert inside == []
