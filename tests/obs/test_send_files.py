"""The files a notebook reads, sent with it over the REST API (preview, send, open, publish) to the simulated OBS,
and the sent copy's first cell run as CodeLab would: a fresh kernel in an empty folder."""

import asyncio
import json
import os

import pytest
from tornado.httpclient import AsyncHTTPClient

from tests.ready.test_cell_runs import run_twice
from tests.server.helpers import call, until

from .conftest import notebook_bytes

READER = "import pandas as pd\nimport utils\ndf = pd.read_csv('data/train.csv')\n!ls images"


@pytest.fixture
def codelab_config():
    return {"send_files_limit_mb": 0.01, "send_files_max_count": 4}  # 10,485 bytes, 4 files


@pytest.fixture
def tree(jp_root_dir, write_notebook):
    """work/lab.ipynb reads data/train.csv, imports utils.py and lists images/ (two files)."""
    files = {"work/data/train.csv": b"a,b\n1,2\n", "work/utils.py": b"def f():\n    return 42\n",
             "work/images/a.png": bytes(range(256)), "work/images/b.png": b"\x89PNG" * 100}  # fmt: skip
    for path, data in files.items():
        (jp_root_dir / path).parent.mkdir(parents=True, exist_ok=True)
        (jp_root_dir / path).write_bytes(data)
    write_notebook("work/lab.ipynb", notebook_bytes(READER))
    return files


async def finished(jp_fetch, job):
    async def done():
        _, body = await call(jp_fetch, "send", "jobs", job["id"])
        return body if body["state"] in ("done", "failed") else None

    return await until(done, timeout=30)


async def in_thread(function, *args):
    """``function`` in a thread without this context (asyncio.to_thread would hand nbclient this loop, which runs)."""
    return await asyncio.get_running_loop().run_in_executor(None, function, *args)


async def sent_notebook(simulator, bucket_key) -> dict:
    bucket, key = bucket_key
    return json.loads(simulator.obs.store.buckets[bucket].objects[key].body)


async def test_the_preview_lists_what_the_notebook_reads_and_what_it_skips(jp_fetch, tree, jp_root_dir, tmp_path):
    (tmp_path / "secret.csv").write_text("s")
    os.symlink(tmp_path / "secret.csv", jp_root_dir / "work" / "secret.csv")
    (jp_root_dir / "work" / "extra.ipynb").write_bytes(notebook_bytes("open('secret.csv'); open('data/train.csv')"))
    status, preview = await call(jp_fetch, "send", "preview", method="POST", body={"path": "work/lab.ipynb"})
    assert status == 200, preview
    rows = {row["path"]: row for row in preview["detected_files"]}
    assert rows["work/images"] == {"path": "work/images", "size": 656, "kind": "folder", "reason": "!ls in cell 1", "files": 2}
    assert rows["work/data/train.csv"]["reason"] == "read in cell 1" and rows["work/utils.py"]["reason"] == "imported in cell 1"
    assert set(rows) == {"work/images", "work/data/train.csv", "work/utils.py"} and preview["files"] == []
    status, preview = await call(
        jp_fetch, "send", "preview", method="POST", body={"path": "work/extra.ipynb", "files": ["work/data"]}
    )
    assert preview["skipped_files"] == [{"path": "work/secret.csv", "reason": "a link that leaves the Jupyter root: not sent"}]
    assert preview["files"] == [{"path": "work/data/train.csv", "size": 8}] and preview["files_size"] == 8


async def test_over_a_limit_is_a_400_naming_files_with_the_figures_and_nothing_is_uploaded(
    jp_fetch, tree, jp_root_dir, simulator
):
    (jp_root_dir / "work" / "big.bin").write_bytes(b"x" * 20000)
    for route, extra in ((("send",), {}), (("notebooks", "open"), {}), (("send", "publish"), {"confirm": True})):
        body = {"path": "work/lab.ipynb", "files": ["work/big.bin"], "create_bucket": True, **extra}
        status, error = await call(jp_fetch, *route, method="POST", body=body)
        assert status == 400 and error["field"] == "files", (route, error)
        assert "add up to 0.0 MB, over the limit of 0.0 MB" in error["message"]
    (jp_root_dir / "work" / "more").mkdir()
    for i in range(5):
        (jp_root_dir / "work" / "more" / f"{i}.txt").write_text("x")
    status, error = await call(jp_fetch, "send", method="POST", body={"path": "work/lab.ipynb", "files": ["work/more"]})
    assert status == 400 and error["field"] == "files" and "holds more than 4 files" in error["message"]
    status, error = await call(jp_fetch, "send", "preview", method="POST", body={"path": "work/lab.ipynb", "files": ["../x"]})
    assert status == 400 and error["field"] == "files"
    assert simulator.obs.store.puts == 0 and simulator.obs.store.buckets == {}


async def test_sent_files_arrive_byte_for_byte_and_a_resend_uploads_only_what_changed(
    jp_fetch, tree, jp_root_dir, simulator, tmp_path
):
    files = ["work/data/", "work/utils.py", "work/images"]
    body = {"path": "work/lab.ipynb", "files": files, "create_bucket": True, "open": False}
    status, job = await call(jp_fetch, "send", method="POST", body=body)
    assert status == 202, job
    first = await finished(jp_fetch, job)
    assert first["state"] == "done" and first["files_uploaded"] == 4 and simulator.obs.store.puts == 5, first
    assert first["total_bytes"] == first["size"] + sum(map(len, tree.values())) and len(first["files"]) == 4
    copy = await sent_notebook(simulator, (first["bucket"], first["key"]))
    assert copy["cells"][0]["metadata"]["tags"] == ["codelab-files"] and copy["cells"][1]["source"] == READER
    assert "Signature=" in "".join(copy["cells"][0]["source"])  # private: signed links
    assert (jp_root_dir / "work/lab.ipynb").read_bytes() == notebook_bytes(READER)  # the notebook on disk is never changed

    codelab = tmp_path / "codelab"  # CodeLab's home, its kernel in work/ (a thread: the simulated OBS serves on this loop)
    (codelab / "work").mkdir(parents=True)
    copy["cells"][1]["source"] = "import utils; print(utils.f(), open('data/train.csv').read())"
    out, again, checked = await in_thread(run_twice, copy, codelab / "work")
    for path, data in tree.items():
        assert (codelab / path).read_bytes() == data, path
    assert "4 files, 687 bytes: 4 downloaded, 0 already here." in out and "0 downloaded, 4 already here." in again
    assert checked.startswith("42 a,b")

    (jp_root_dir / "work/utils.py").write_bytes(b"def f():\n    return 43\n")
    status, job = await call(jp_fetch, "send", method="POST", body=body)
    second = await finished(jp_fetch, job)
    assert second["files_uploaded"] == 1 and simulator.obs.store.puts == 5 + 2  # utils.py and the copy (new links)


async def test_open_with_files_and_a_notebook_that_reads_nothing_gets_no_cell(jp_fetch, tree, write_notebook, simulator):
    status, notebook = await call(jp_fetch, "notebooks", "open", method="POST",
                                  body={"path": "work/lab.ipynb", "files": ["work/utils.py"], "create_bucket": True})  # fmt: skip
    assert status == 200, notebook
    download = await until(lambda: (d := simulator.obs.downloaded(notebook["id"])) and d.ended and d)
    assert json.loads(download.body)["cells"][0]["metadata"]["tags"] == ["codelab-files"]
    data = write_notebook("plain.ipynb", notebook_bytes("print(1 + 1)"))
    status, preview = await call(jp_fetch, "send", "preview", method="POST", body={"path": "plain.ipynb"})
    assert preview["detected_files"] == [] and preview["skipped_files"] == []
    status, job = await call(jp_fetch, "send", method="POST", body={"path": "plain.ipynb", "files": [], "open": False})
    done = await finished(jp_fetch, job)
    assert (await sent_notebook(simulator, (done["bucket"], done["key"]))) == json.loads(data) and done["files"] == []


async def test_publish_makes_the_files_public_and_lists_each_with_its_size(jp_fetch, tree, simulator):
    body = {"path": "work/lab.ipynb", "files": ["work/images", "work/utils.py"], "create_bucket": True}
    status, error = await call(jp_fetch, "send", "publish", method="POST", body=body)
    assert status == 400 and error["field"] == "confirm" and simulator.obs.store.puts == 0
    assert "The 3 files sent with it (0.0 MB) become public too." in error["message"]
    status, preview = await call(
        jp_fetch, "send", "preview", method="POST", body={"path": body["path"], "files": body["files"], "publish": True}
    )
    assert [f["path"] for f in preview["files"]] == ["work/images/a.png", "work/images/b.png", "work/utils.py"]
    status, published = await call(jp_fetch, "send", "publish", method="POST", body={**body, "confirm": True})
    assert status == 200, published
    assert published["files"] == [{"path": "work/images/a.png", "size": 256}, {"path": "work/images/b.png", "size": 400},
                                  {"path": "work/utils.py", "size": 23}] and published["files_size"] == 679  # fmt: skip
    bucket = simulator.obs.store.buckets[published["bucket"]]
    assert {key: obj.acl for key, obj in bucket.objects.items()} == dict.fromkeys(bucket.objects, "public-read")
    copy = json.loads(bucket.objects[published["key"]].body)
    cell = "".join(copy["cells"][0]["source"])
    assert "Signature=" not in cell and "AccessKeyId" not in cell  # a public notebook carries no signed link
    response = await AsyncHTTPClient().fetch(published["public_url"])
    assert json.loads(response.body) == copy
