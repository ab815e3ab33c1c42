"""``POST notebooks/open {"share_url", "with_repository": true}`` end to end: the server fetches the notebook from the
stand-in host on loopback, adds the repository cell, sends the copy through the simulated OBS; that cell, run in a
fresh kernel in an empty folder, unpacks the repository and works in the notebook's folder."""

import dataclasses
import json

import pytest

from tests.ready.test_cell_runs import run_twice
from tests.server.helpers import call, until
from tests.support.repository_host import RepositoryHostThread

from .conftest import notebook_bytes
from .test_send_files import in_thread

READS = "import helpers, os\nprint(os.getcwd(), helpers.ANSWER, open('data/points.csv').read())"


@pytest.fixture(scope="module")
def host(tmp_path_factory):
    repo = tmp_path_factory.mktemp("repo")
    for path, data in {"week1/lab.ipynb": notebook_bytes(READS), "week1/data/points.csv": b"x,y\n1,2\n",
                       "week1/helpers.py": b"ANSWER = 42\n", "notes.ipynb": b"not a notebook"}.items():  # fmt: skip
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_bytes(data)
    running = RepositoryHostThread().start()
    running.add("org", "course", "main", repo)
    yield running
    running.stop()


@pytest.fixture
def codelab_config(host):
    hosts = {name: dataclasses.asdict(entry) for name, entry in host.hosts().items()}
    return {"repository_hosts": hosts, "repository_private_addresses": True}  # the stand-in host is on loopback


def page(host, path: str) -> str:
    return f"{host.base}/github/org/course/blob/main/{path}"


async def open_repository(jp_fetch, share_url: str, **extra):
    body = {"share_url": share_url, "with_repository": True, "create_bucket": True, **extra}
    return await call(jp_fetch, "notebooks", "open", method="POST", body=body)


async def test_the_repository_cell_arrives_first_and_running_it_unpacks_and_works_in_the_notebook_s_folder(
    jp_fetch, host, simulator, tmp_path
):
    status, notebook = await open_repository(jp_fetch, page(host, "week1/lab.ipynb"))
    assert status == 200, notebook
    repository = notebook["repository"]
    assert repository["simulated"] is True and "simulated OBS" in repository["message"]
    assert repository["archive_url"] == f"{host.base}/codeload/org/course/tar.gz/main" and repository["folder"] == "course-main"
    download = await until(lambda: (d := simulator.obs.downloaded(notebook["id"])) and d.ended and d)
    copy = json.loads(download.body)
    assert copy["cells"][0]["metadata"]["tags"] == ["codelab-files"] and copy["cells"][1]["source"] == READS
    codelab = tmp_path / "codelab"
    codelab.mkdir()
    first, second, checked = await in_thread(run_twice, copy, codelab)
    assert "course-main  unpacked: 4 files from " in first and "already unpacked" in second
    assert checked.startswith(f"{codelab / 'course-main' / 'week1'} 42 x,y"), checked
    assert "/githubraw/org/course/main/week1/lab.ipynb" in host.requests  # the server fetched the raw file


async def test_a_redirect_to_another_host_is_refused_and_one_on_the_same_host_followed(jp_fetch, host, simulator):
    port = host.base.rsplit(":", 1)[1]
    host.redirects["/githubraw/org/course/main/moved.ipynb"] = (
        f"http://localhost:{port}/githubraw/org/course/main/week1/lab.ipynb"
    )
    status, error = await open_repository(jp_fetch, page(host, "moved.ipynb"))
    assert status == 400 and error["field"] == "share_url", error
    assert f"redirects the notebook to another host (localhost:{port}), which is not followed" in error["message"]
    assert f"http://localhost:{port}/githubraw/org/course/main/week1/lab.ipynb" not in host.requests
    host.redirects["/githubraw/org/course/main/renamed.ipynb"] = "/githubraw/org/course/main/week1/lab.ipynb"
    status, notebook = await open_repository(jp_fetch, page(host, "renamed.ipynb"))
    assert status == 200, notebook


async def test_what_is_refused_names_share_url_and_nothing_is_sent(jp_fetch, jp_serverapp, host, simulator):
    for share_url, words in (
        (page(host, "notes.ipynb"), "The link gives no notebook"),
        (page(host, "missing.ipynb"), "The host answered HTTP 404"),
        ("https://example.org/x.ipynb", "is not a notebook in a repository on"),
    ):
        status, error = await open_repository(jp_fetch, share_url)
        assert status == 400 and error["field"] == "share_url" and words in error["message"], (share_url, error)
    status, error = await call(jp_fetch, "notebooks", "open", method="POST", body={"path": "a.ipynb", "with_repository": True})
    assert status == 400 and error["field"] == "path"
    settings = jp_serverapp.web_app.settings
    settings["codelab_repositories"] = dataclasses.replace(settings["codelab_repositories"], private_addresses=False)
    status, error = await open_repository(jp_fetch, page(host, "week1/lab.ipynb"))
    assert status == 400 and "127.0.0.1 is a private or loopback address" in error["message"], error
    assert simulator.obs.store.puts == 0
