"""What a send checks and keeps, over the REST API against the simulated OBS: the size before reading,
a notebook at every size, stripped bytes, content-addressed keys, a file changed while it was sent,
another contents manager, and finished jobs across an account switch."""

import hashlib
import json

import nbformat

from jupyter_codelab.obs.notebook_file import read_notebook
from jupyter_codelab.simulator import DEMO_ACCESS_KEY, DEMO_PROJECT_ID, DEMO_SECRET_KEY
from tests.server.helpers import call, until
from tests.support.simulator_thread import cloud_env

from .conftest import notebook_bytes
from .test_notebook_prepare import nbformat_stripped

MB = 1024 * 1024
ROUTES = (("send", "preview"), ("send",), ("send", "publish"), ("notebooks", "open"))


def body_for(route, path, strip=False):
    extra = {"preview": {}, "send": {"create_bucket": True}, "publish": {"create_bucket": True, "confirm": True}}.get(
        route[-1], {"create_bucket": True}
    )
    return {"path": path, "strip_outputs": strip, **extra}


async def finished(jp_fetch, job_id):
    async def done():
        _, body = await call(jp_fetch, "send", "jobs", job_id)
        return body if body["state"] in ("done", "failed") else None

    return await until(done)


async def send(jp_fetch, path, **body):
    status, job = await call(jp_fetch, "send", method="POST", body={"path": path, "create_bucket": True, "open": False, **body})
    assert status == 202, job
    return await finished(jp_fetch, job["id"])


async def test_a_notebook_over_the_limit_is_refused_unread_on_every_route(jp_fetch, jp_root_dir, simulator):
    with open(jp_root_dir / "huge.ipynb", "wb") as sparse:
        sparse.truncate(3 * 1024 * MB)  # 3 GB of nothing: reading it would take the server's memory
    for route in ROUTES:
        for strip in (False, True):
            status, error = await call(jp_fetch, *route, method="POST", body=body_for(route, "huge.ipynb", strip))
            assert status == 413 and error["field"] == "path", (route, error)
            assert "'huge.ipynb' is 3072.0 MB, over the 100 MB limit" in error["message"], error
            assert "c.CodeLab.send_size_limit_mb" in error["message"]
    assert simulator.obs.store.puts == 0


async def test_a_large_file_that_is_not_a_notebook_is_refused_whatever_its_size(jp_fetch, write_notebook, simulator):
    write_notebook("fake.ipynb", b'{"cells": [], "nbformat": 4, "pad": "' + b"x" * (9 * MB) + b'" oops}')
    write_notebook("list.ipynb", b"[" + b"1, " * (3 * MB) + b"1]")
    for path in ("fake.ipynb", "list.ipynb"):
        for route in ROUTES:
            status, error = await call(jp_fetch, *route, method="POST", body=body_for(route, path))
            assert status == 400 and error["field"] == "path" and "is not a valid notebook" in error["message"], (route, error)
    assert simulator.obs.store.puts == 0


async def test_what_codelab_fetches_is_the_file_byte_for_byte_and_its_key_is_its_hash(jp_fetch, write_notebook, simulator):
    data = write_notebook("big.ipynb", notebook_bytes("print('é 😀')", outputs=6, pad=MB // 2))  # many parts of reading
    _, preview = await call(jp_fetch, "send", "preview", method="POST", body={"path": "big.ipynb"})
    key = f"codelab/{hashlib.sha256(data).hexdigest()[:16]}/big.ipynb"
    assert preview["key"] == key and preview["size"] == preview["original_size"] == len(data) and preview["too_large"] is None
    status, notebook = await call(jp_fetch, "notebooks", "open", method="POST", body={"path": "big.ipynb", "create_bucket": True})
    assert status == 200, notebook
    download = await until(lambda: simulator.obs.downloaded(notebook["id"]).ended and simulator.obs.downloaded(notebook["id"]))
    assert download.status == 200 and download.body == data
    (bucket,) = simulator.obs.store.buckets.values()
    assert bucket.objects[key].body == data


async def test_stripping_sends_nbformats_bytes_and_a_stripped_resend_uploads_nothing(jp_fetch, write_notebook, simulator):
    data = write_notebook("work/run.ipynb", notebook_bytes("x = 1", outputs=4, pad=400_000))
    expected = nbformat_stripped(data)
    _, preview = await call(jp_fetch, "send", "preview", method="POST", body={"path": "work/run.ipynb", "strip_outputs": True})
    assert preview["stripped"] and preview["size"] == len(expected) and preview["original_size"] == len(data)
    first = await send(jp_fetch, "work/run.ipynb", strip_outputs=True)
    assert first["state"] == "done" and first["uploaded"] is True and first["stripped"] is True
    assert first["key"] == preview["key"] == f"codelab/{hashlib.sha256(expected).hexdigest()[:16]}/run.ipynb"
    (bucket,) = simulator.obs.store.buckets.values()
    stored = bucket.objects[first["key"]].body
    assert stored == expected
    assert nbformat.reads(stored.decode(), as_version=4).cells[0].outputs == []
    again = await send(jp_fetch, "work/run.ipynb", strip_outputs=True)
    assert again["uploaded"] is False and again["key"] == first["key"] and simulator.obs.store.puts == 1


async def test_a_file_changed_while_it_is_sent_leaves_nothing_under_its_key(jp_fetch, write_notebook, jp_root_dir, simulator):
    write_notebook("live.ipynb", notebook_bytes(outputs=1, pad=2 * MB))
    simulator.obs.faults.add("latency", route="head", seconds=1.0)  # the HEAD before the upload: time to save again
    status, job = await call(jp_fetch, "send", method="POST", body={"path": "live.ipynb", "create_bucket": True, "open": False})
    assert status == 202
    await until(lambda: simulator.obs.calls["head"] >= 1)
    (jp_root_dir / "live.ipynb").write_bytes(notebook_bytes(outputs=1, pad=2 * MB).replace(b"xx", b"yy", 1))
    failed = await finished(jp_fetch, job["id"])
    assert failed["state"] == "failed" and failed["error"]["field"] == "path"
    assert "'live.ipynb' changed while it was being sent" in failed["error"]["message"]
    assert simulator.obs.store.puts == 0 and all(not b.objects for b in simulator.obs.store.buckets.values())
    again = await send(jp_fetch, "live.ipynb")  # the new bytes, under their own key
    assert again["state"] == "done" and again["uploaded"] is True and again["key"] != job["key"]


class MemoryContents:
    """A contents manager that is not file-backed, with only what sending asks of one (no size, like many)."""

    def __init__(self, files: dict[str, bytes]):
        self.files = files

    def get(self, path, content=True, type=None, format=None):
        from tornado import web

        if path not in self.files:
            raise web.HTTPError(404, "No such file")
        model = {"name": path.rsplit("/", 1)[-1], "path": path, "type": "file", "size": None, "format": None, "content": None}
        if content:
            model.update(format="text", content=self.files[path].decode("utf-8"))
        return model


async def test_another_contents_manager_still_sends_what_it_hands_over():
    data = notebook_bytes(outputs=2, pad=300_000)
    contents = MemoryContents({"db/a.ipynb": data, "db/junk.ipynb": b'{"cells": 1}'})
    notebook = await read_notebook(contents, "db/a.ipynb", False, 100 * MB)
    assert notebook.prepared.digest == hashlib.sha256(data).hexdigest() and notebook.size == len(data)
    stream = notebook.prepared.upload_stream()
    assert b"".join(iter(lambda: stream.read(65536), b"")) == data
    stripped = await read_notebook(contents, "db/a.ipynb", True, 100 * MB)
    assert json.loads(stripped.prepared.opener().read(10 * MB))["cells"][0]["outputs"] == []
    for path, limit, words in (("db/a.ipynb", MB // 2, "over the 0.5 MB limit"), ("db/junk.ipynb", MB, "not a valid notebook"),
                               ("db/none.ipynb", MB, "no notebook at path")):  # fmt: skip
        try:
            await read_notebook(contents, path, False, limit)
        except ValueError as error:
            assert words in str(error) and error.field == "path"
        else:
            raise AssertionError(f"{path} was taken")


async def test_a_finished_send_stays_readable_across_an_account_switch(jp_fetch, write_notebook, threaded_simulator, monkeypatch):
    write_notebook("a.ipynb")
    job = await send(jp_fetch, "a.ipynb")
    assert job["state"] == "done"
    for name, value in cloud_env(threaded_simulator.endpoint).items():
        monkeypatch.setenv(name, value)
    status, config = await call(jp_fetch, "credentials", method="POST",
                                body={"access_key": DEMO_ACCESS_KEY, "secret_key": DEMO_SECRET_KEY, "project_id": DEMO_PROJECT_ID})  # fmt: skip
    assert status == 200 and config["mode"] == "modelarts", config
    status, again = await call(jp_fetch, "send", "jobs", job["id"])
    assert status == 200 and again["state"] == "done" and again["key"] == job["key"]
