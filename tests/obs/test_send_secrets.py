"""The signed link of a sent notebook goes to ModelArts and nowhere else: no answer, no event and no log
line of the send flows carries its query (the object's address without it is what they show)."""

import json
import re

import pytest

from tests.server.helpers import call, until
from tests.server.sse import SSEReader
from tests.server.test_security import captured_logs  # noqa: F401 (fixture)

from .conftest import notebook_bytes

# What a signed OBS link carries (OBS and S3-compatible forms, and a security token's header name).
SIGNED = re.compile(r"Signature|AccessKeyId|X-Obs-|X-Amz-|Expires=", re.IGNORECASE)


@pytest.fixture
def events(jp_http_port, jp_base_url, jp_auth_header):
    readers = []

    def watch(notebook_id):
        url = f"http://127.0.0.1:{jp_http_port}{jp_base_url}codelab/api/notebooks/{notebook_id}/events"
        readers.append(SSEReader(url, jp_auth_header).start())
        return readers[-1]

    yield watch
    for reader in readers:
        reader.close()


async def test_no_answer_event_or_log_line_of_a_send_holds_the_signed_query(jp_fetch, write_notebook, simulator, events,
                                                                            captured_logs):  # noqa: F811  # fmt: skip
    write_notebook("a.ipynb")
    write_notebook("b.ipynb", notebook_bytes("print(2)"))
    seen = []

    async def answer(*path, **kwargs):
        status, body = await call(jp_fetch, *path, **kwargs)
        seen.append(body)
        return status, body

    status, notebook = await answer("notebooks", "open", method="POST", body={"path": "a.ipynb", "create_bucket": True})
    assert status == 200, notebook
    stream = events(notebook["id"])
    seen += await stream.until("ready")
    await answer("notebooks", "current")
    await answer("notebooks", notebook["id"])
    status, job = await answer("send", method="POST", body={"path": "b.ipynb"})  # into the running instance
    assert status == 202

    async def done():
        _, body = await answer("send", "jobs", job["id"])
        return body if body["state"] in ("done", "failed") else None

    final = await until(done)
    assert final["state"] == "done" and final["notebook"]["id"] == notebook["id"]
    status, again = await answer("notebooks", "open", method="POST", body={"path": "b.ipynb"})
    assert status == 200
    late = events(notebook["id"])
    seen.append(await late.next())  # a new watcher's snapshot
    bucket = next(iter(simulator.obs.store.buckets))
    assert again["description"] == f"{simulator.obs.endpoint}/{bucket}/{final['key']}"  # the object, not its signed link
    download = await until(lambda: simulator.obs.downloads[-1].ended and simulator.obs.downloads[-1])
    assert download.status == 200  # what ModelArts was given did work
    while not stream.queue.empty():  # whatever the second send published
        seen.append(stream.queue.get_nowait())
    text = json.dumps(seen) + "\n".join(captured_logs)
    assert '"description"' in text and SIGNED.search(text) is None, SIGNED.search(text)


def test_a_link_modelarts_echoes_is_shown_without_its_query_in_the_notebook_and_its_events():
    from jupyter_codelab.modelarts.events import event_message
    from jupyter_codelab.modelarts.models import Notebook
    from jupyter_codelab.modelarts.states import EVENT_FAILED

    signed = "https://b.obs.cn-north-4.myhuaweicloud.com/codelab/ab/x.ipynb?AccessKeyId=AK&Expires=9&Signature=s%3D&x-obs-security-token=t"
    notebook = Notebook.from_json(
        {"id": "n1", "status": "CREATE_FAILED", "description": signed, "fail_reason": f"Failed to download {signed}"}
    )
    shown = json.dumps(notebook.to_client_json()) + event_message(EVENT_FAILED, notebook)
    assert "https://b.obs.cn-north-4.myhuaweicloud.com/codelab/ab/x.ipynb" in shown and SIGNED.search(shown) is None
