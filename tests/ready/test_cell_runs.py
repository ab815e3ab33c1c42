"""The added cell executed as CodeLab would: nbclient, a fresh kernel, a temporary working folder.

The files come from the simulated OBS (uploaded and signed by the product's own gateway), the repositories
from the stand-in host on loopback.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from jupyter_codelab.ready.added_cell import with_files, with_repository
from jupyter_codelab.ready.repositories import repository_link

from .conftest import code, write

NOTEBOOK = "work/lab.ipynb"


def run_twice(notebook: dict, folder: Path) -> tuple[str, str, str]:
    """Run the first cell, run it again in the same kernel, then a check cell; the text of each."""
    nb = nbformat.from_dict(notebook)
    client = NotebookClient(
        nb, timeout=120, kernel_name="python3", allow_errors=True, resources={"metadata": {"path": str(folder)}}
    )
    texts = []
    with client.setup_kernel():
        for index in (0, 0, 1):
            client.execute_cell(nb.cells[index], index)
            texts.append(
                "".join(o.get("text", "") + (f"{o.ename}: {o.evalue}" if "ename" in o else "") for o in nb.cells[index].outputs)
            )
    return texts[0], texts[1], texts[2]


def test_every_file_arrives_with_its_bytes_and_a_second_run_keeps_them(obs, threaded_simulator, tmp_path):
    contents = {"work/data/train set.csv": b"a,b\n1,2\n" * 5000, "work/utils.py": b"def f():\n    return 42\n",
                "work/images/cat.png": bytes(range(256)) * 40, "shared/lookup.json": "{\"é\": 1}".encode()}  # fmt: skip
    sent = [obs(path, data) for path, data in contents.items()]
    codelab = tmp_path / "codelab"  # CodeLab's home: the notebook lands in work/, its kernel starts there
    (codelab / "work").mkdir(parents=True)
    check = "import utils, pathlib; print(utils.f(), sorted(str(p) for p in pathlib.Path('..').rglob('*') if p.is_file()))"
    first, second, checked = run_twice(with_files(code(check), NOTEBOOK, sent), codelab / "work")
    for path, data in contents.items():
        assert (codelab / path).read_bytes() == data, path
    assert "data/train set.csv  downloaded (39.1 KB)" in first and "../shared/lookup.json  downloaded (9 bytes)" in first
    assert "4 files, 49.1 KB: 4 downloaded, 0 already here." in first
    assert "data/train set.csv  already here (39.1 KB), kept" in second
    assert "4 files, 49.1 KB: 0 downloaded, 4 already here." in second
    assert checked.startswith("42 ") and ".codelab-part" not in checked
    assert threaded_simulator.simulator.obs.calls  # the bytes came from the simulated OBS


def test_an_expired_link_says_when_it_expired_and_to_send_again(obs, tmp_path):
    fresh = obs("work/fresh.csv", b"fresh")
    expired = [obs(f"work/old{i}.csv", f"old{i}".encode(), seconds=-3600) for i in range(2)]  # signed with a past Expires
    folder = tmp_path / "work"
    folder.mkdir()
    first, _second, _checked = run_twice(with_files(code("1"), NOTEBOOK, [fresh, *expired]), folder)
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(int(expired[0].url.split("Expires=")[1].split("&")[0])))
    assert f"old0.csv  not downloaded: the link expired at {when}: send the notebook again from Jupyter to get new links" in first
    assert "old1.csv  not downloaded: its link expired too" in first  # said once, not once a file
    assert "fresh.csv  downloaded" in first and "3 files, 13 bytes: 1 downloaded, 0 already here, 2 not downloaded." in first
    assert "RuntimeError: 2 of 3 files are not here (see above)" in first  # "Run all" stops here
    assert (folder / "fresh.csv").read_bytes() == b"fresh" and not (folder / "old0.csv").exists()


def test_other_bytes_than_those_sent_are_not_kept(obs, tmp_path):
    sent = obs("work/a.csv", b"the bytes")
    tampered = sent.__class__(sent.path, sent.size, hashlib.sha256(b"other bytes").hexdigest(), sent.url)
    folder = tmp_path / "work"
    folder.mkdir()
    first, _second, _checked = run_twice(with_files(code("1"), NOTEBOOK, [tampered]), folder)
    assert "a.csv  not downloaded: the bytes that arrived are not the ones sent (another SHA-256)" in first
    assert list(folder.iterdir()) == []


def test_the_repository_cell_unpacks_a_tar_gz_once_and_works_in_the_notebook_s_folder(repository_host, tmp_path):
    repo = tmp_path / "repo"
    write(repo, "week1/lab.ipynb", b"{}")
    write(repo, "week1/data/points.csv", b"x,y\n1,2\n")
    write(repo, "helpers/__init__.py", b"ANSWER = 42\n")
    repository_host.add("org", "course", "main", repo)
    link = repository_link(f"{repository_host.base}/github/org/course/blob/main/week1/lab.ipynb", repository_host.hosts())
    codelab = tmp_path / "codelab"
    codelab.mkdir()
    check = "import os; print(os.getcwd()); print(open('data/points.csv').read())"
    first, second, checked = run_twice(with_repository(code(check), link), codelab)
    assert "course-main  unpacked: 3 files from " in first and "Working in course-main/week1" in first
    assert "course-main  already unpacked from " in second and "Working in course-main/week1" in second  # no nesting
    assert checked.startswith(str(codelab / "course-main" / "week1")) and "x,y" in checked
    assert (codelab / "course-main" / "helpers" / "__init__.py").read_bytes() == b"ANSWER = 42\n"  # the top folder dropped
    assert [r for r in repository_host.requests if "/codeload/" in r] == ["/codeload/org/course/tar.gz/main"]  # fetched once


def test_the_repository_cell_unpacks_gitee_s_zip_and_gitlab_s_tar_gz(repository_host, tmp_path):
    repo = tmp_path / "repo"
    write(repo, "nb.ipynb", b"{}")
    write(repo, "input.txt", b"hello")
    repository_host.add("o", "r", "dev", repo)
    repository_host.add("g/sub", "p", "v1", repo)
    for pasted in (
        f"{repository_host.base}/gitee/o/r/blob/dev/nb.ipynb",
        f"{repository_host.base}/gitlab/g/sub/p/-/blob/v1/nb.ipynb",
    ):
        link = repository_link(pasted, repository_host.hosts())
        codelab = tmp_path / link.file.kind
        codelab.mkdir()
        first, _second, checked = run_twice(with_repository(code("print(open('input.txt').read())"), link), codelab)
        assert f"{link.folder}  unpacked: 2 files from {link.archive_url}" in first, first
        assert checked.strip() == "hello"
