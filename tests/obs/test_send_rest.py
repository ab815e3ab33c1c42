"""Sending a notebook of the contents tree to CodeLab through the simulated OBS, over the REST API."""

import base64
import hashlib
from urllib.parse import parse_qs, unquote, urlsplit

from tornado.httpclient import AsyncHTTPClient

from jupyter_codelab.obs.send_words import confirm_sentence
from tests.server.helpers import call, until

from .conftest import notebook_bytes


async def http_get(url):
    """A plain GET on the test's loop (the embedded simulator serves on that loop too)."""
    return await AsyncHTTPClient().fetch(url, raise_error=False)


async def running(jp_fetch, notebook_id):
    async def check():
        _, nb = await call(jp_fetch, "notebooks", notebook_id)
        return nb if nb["status"] in ("RUNNING", "CREATE_FAILED") else None

    return await until(check)


async def test_open_with_a_path_uploads_signs_and_codelab_fetches_the_same_bytes(jp_fetch, simulator, write_notebook, caplog):
    data = write_notebook("work/My Analysis.ipynb", notebook_bytes("print('é')"))
    status, notebook = await call(
        jp_fetch, "notebooks", "open", method="POST", body={"path": "work/My Analysis.ipynb", "create_bucket": True}
    )
    assert status == 200, notebook
    final = await running(jp_fetch, notebook["id"])
    assert final["status"] == "RUNNING"
    download = simulator.obs.downloaded(notebook["id"])
    assert download.status == 200 and download.body == data  # byte for byte
    bucket = simulator.obs.store.buckets[next(iter(simulator.obs.store.buckets))]
    assert bucket.name.startswith("codelab-") and bucket.acl == "private"
    (key,) = bucket.objects
    assert key == f"codelab/{hashlib.sha256(data).hexdigest()[:16]}/My-Analysis.ipynb"  # no folder of the user's
    assert bucket.objects[key].acl == "private"
    # The signed link went to ModelArts only: never into a log line whole.
    assert "Signature=" not in caplog.text and "AccessKeyId=" not in caplog.text


async def test_resend_of_an_unchanged_notebook_uploads_nothing(jp_fetch, simulator, write_notebook):
    write_notebook("a.ipynb")
    status, job = await call(jp_fetch, "send", method="POST", body={"path": "a.ipynb", "create_bucket": True, "open": False})
    assert status == 202 and job["state"] in ("checking", "uploading", "signing", "done")

    async def finished(job_id):
        _, body = await call(jp_fetch, "send", "jobs", job_id)
        return body if body["state"] in ("done", "failed") else None

    first = await until(lambda: finished(job["id"]))
    assert first["state"] == "done" and first["uploaded"] is True and first["progress"] == 100
    puts = simulator.obs.store.puts
    status, job = await call(jp_fetch, "send", method="POST", body={"path": "a.ipynb", "open": False})
    second = await until(lambda: finished(job["id"]))
    assert second["uploaded"] is False and second["key"] == first["key"]
    assert simulator.obs.store.puts == puts == 1


async def test_without_a_bucket_the_server_asks_before_creating_one(jp_fetch, simulator, write_notebook):
    write_notebook("a.ipynb")
    status, preview = await call(jp_fetch, "send", "preview", method="POST", body={"path": "a.ipynb"})
    assert status == 200
    assert preview["create_bucket_needed"] is True and preview["visibility"] == "private"
    assert preview["name"] == "a.ipynb" and preview["size"] > 0 and preview["expires_in_s"] == 3600
    assert preview["bucket"].startswith("codelab-") and preview["bucket"].endswith("-cn-north-4")
    status, error = await call(jp_fetch, "notebooks", "open", method="POST", body={"path": "a.ipynb"})
    assert status == 409 and error["field"] == "create_bucket" and "private bucket" in error["message"]
    assert simulator.obs.store.buckets == {} and simulator.obs.store.puts == 0  # nothing created or uploaded


async def test_paths_outside_the_root_or_not_notebooks_are_400_naming_path(jp_fetch, write_notebook, jp_root_dir):
    write_notebook("a.ipynb")
    (jp_root_dir / "notes.txt").write_text("hi")
    for path, words in (
        ("../secret.ipynb", "leaves the Jupyter root"),
        ("/etc/passwd", "not a notebook"),
        ("notes.txt", "not a notebook"),
        ("missing.ipynb", "no notebook at path"),
        ("", "path must be"),
    ):
        status, error = await call(jp_fetch, "notebooks", "open", method="POST", body={"path": path, "create_bucket": True})
        assert status == 400 and error["field"] == "path" and words in error["message"], (path, error)


async def test_an_expired_link_ends_the_instance_in_create_failed_with_a_clear_reason(
    jp_fetch, simulator, write_notebook, codelab
):
    write_notebook("a.ipynb")
    simulator.obs.faults.add("latency", route="get", seconds=2.2)  # CodeLab fetches after the 1 s link has expired
    object.__setattr__(codelab.sender.settings, "link_seconds", 1)
    status, notebook = await call(jp_fetch, "notebooks", "open", method="POST", body={"path": "a.ipynb", "create_bucket": True})
    assert status == 200
    final = await running(jp_fetch, notebook["id"])
    assert final["status"] == "CREATE_FAILED"
    assert final["fail_reason"] == "Failed to download the notebook from share_url: 403 AccessDenied (Request has expired)"


async def test_publish_needs_confirmation_and_its_badge_links_to_the_public_object(jp_fetch, simulator, write_notebook):
    data = write_notebook("pub.ipynb")
    status, error = await call(jp_fetch, "send", "publish", method="POST", body={"path": "pub.ipynb", "create_bucket": True})
    assert (
        status == 400
        and error["field"] == "confirm"
        and "public in the simulated OBS only" in error["message"]  # what the preview says too: nothing leaves here
        and "for good" not in error["message"]
        and "pub.ipynb" in error["message"]
    )
    assert "readable by anyone, for good" in confirm_sentence("pub.ipynb", "b", "k", simulated=False)  # a real bucket
    assert simulator.obs.store.puts == 0
    status, preview = await call(jp_fetch, "send", "preview", method="POST", body={"path": "pub.ipynb", "publish": True})
    assert status == 200 and preview["visibility"] == "public"
    access = dict(preview["lines"])["Access"]
    assert "simulated" in access and "for good" not in access  # the simulator's bucket reaches nobody else
    status, published = await call(
        jp_fetch, "send", "publish", method="POST", body={"path": "pub.ipynb", "create_bucket": True, "confirm": True}
    )
    assert status == 200, published
    link = published["badge_markdown"].rsplit("](", 1)[1].rstrip(")")
    b64 = unquote(parse_qs(urlsplit(link).query)["share-url-b64"][0])
    url = base64.b64decode(b64).decode()
    assert url == published["public_url"] and "Signature" not in url
    assert (await http_get(url)).body == data  # anonymous GET: the object is public-read


async def test_a_private_object_is_not_readable_without_the_signature(jp_fetch, simulator, write_notebook):
    write_notebook("a.ipynb")
    status, job = await call(jp_fetch, "send", method="POST", body={"path": "a.ipynb", "create_bucket": True, "open": False})
    bucket = job["bucket"]
    await until(lambda: simulator.obs.store.puts == 1)
    answer = await http_get(f"{simulator.obs.endpoint}/{bucket}/{job['key']}")
    assert answer.code == 403 and b"<Code>AccessDenied</Code>" in answer.body


async def test_a_bucket_obs_refuses_names_both_causes_and_their_fixes(jp_fetch, simulator, write_notebook):
    """HEAD bucket 403: another account's bucket, or an IAM user without OBS permissions (OBS answers both alike)."""
    write_notebook("a.ipynb")
    _, preview = await call(jp_fetch, "send", "preview", method="POST", body={"path": "a.ipynb"})
    other = simulator.add_user(access_key="OTHERACCOUNTAK000001", secret_key="other", project_id="2" * 32, user_name="other")
    simulator.obs.store.create_bucket(preview["bucket"], other.user_id, "private", None, simulator.config.region)
    status, error = await call(jp_fetch, "send", "preview", method="POST", body={"path": "a.ipynb"})
    assert status == 409 and error["field"] == "obs_bucket", error
    for words in ("another account", "no OBS permissions", "OBS Administrator", "c.CodeLab.obs_bucket"):
        assert words in error["message"]


async def test_a_bucket_deleted_elsewhere_is_asked_for_again_at_the_next_preview(jp_fetch, simulator, write_notebook):
    write_notebook("a.ipynb")
    status, _ = await call(jp_fetch, "send", "preview", method="POST", body={"path": "a.ipynb"})
    status, notebook = await call(jp_fetch, "notebooks", "open", method="POST", body={"path": "a.ipynb", "create_bucket": True})
    assert status == 200, notebook
    simulator.obs.store.buckets.clear()  # the bucket is deleted in the console, behind this server's back
    status, preview = await call(jp_fetch, "send", "preview", method="POST", body={"path": "a.ipynb"})
    assert status == 200 and preview["create_bucket_needed"] is True
    status, job = await call(jp_fetch, "send", method="POST", body={"path": "a.ipynb", "create_bucket": True, "open": False})
    assert status == 202, job

    async def finished():
        _, body = await call(jp_fetch, "send", "jobs", job["id"])
        return body if body["state"] in ("done", "failed") else None

    assert (await until(finished))["state"] == "done"
    assert list(simulator.obs.store.buckets) == [preview["bucket"]]
