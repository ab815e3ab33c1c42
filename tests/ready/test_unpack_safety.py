"""The repository cell's unpacking refuses archives that reach outside their folder. The function the cell
carries runs here in-process on crafted archives given as file:// links (the kernel runs are in test_cell_runs)."""

from __future__ import annotations

import io
import os
import tarfile
import zipfile

import pytest

from jupyter_codelab.ready.in_codelab.unpack_repository import codelab_unpack_repository


@pytest.fixture
def home(tmp_path, monkeypatch):
    folder = tmp_path / "codelab"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.setenv("CODELAB_REPOSITORY_HOME", str(folder))
    return folder


def tar_with(path, members: list[tuple[str, bytes | None, str | None]]) -> str:
    """(name, data, link target): a file when data is given, else a symbolic link."""
    with tarfile.open(path, "w:gz") as archive:
        for name, data, target in members:
            info = tarfile.TarInfo(name)
            if target is not None:
                info.type, info.linkname = tarfile.SYMTYPE, target
                archive.addfile(info)
            else:
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
    return path.as_uri()


@pytest.mark.parametrize("name", ["r-main/../../evil.txt", "/tmp/evil.txt", "../evil.txt", "r-main/a/../../../evil.txt"])
def test_a_tar_member_outside_the_folder_stops_everything(home, tmp_path, name):
    url = tar_with(tmp_path / "bad.tar.gz", [("r-main/fine.txt", b"ok", None), (name, b"evil", None)])
    with pytest.raises(RuntimeError, match="The archive holds a path outside its folder"):
        codelab_unpack_repository(url, "r-main", "")
    assert sorted(os.listdir(home)) == [] and not (tmp_path / "evil.txt").exists()


def test_links_in_a_tar_are_left_out_so_nothing_is_written_through_them(home, tmp_path):
    url = tar_with(tmp_path / "links.tar.gz", [("r-main/escape", None, str(tmp_path)), ("r-main/nb/x.txt", b"x", None)])
    codelab_unpack_repository(url, "r-main", "nb")
    assert not (home / "r-main" / "escape").exists() and (home / "r-main" / "nb" / "x.txt").read_bytes() == b"x"
    assert os.getcwd() == str(home / "r-main" / "nb")


def test_a_zip_with_backslashes_climbing_out_or_a_link_member(home, tmp_path):
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("r/ok.txt", b"ok")
        archive.writestr("r\\..\\..\\evil.txt", b"evil")
    with pytest.raises(RuntimeError, match="outside its folder"):
        codelab_unpack_repository(bad.as_uri(), "r-dev", "")
    linked = tmp_path / "linked.zip"
    with zipfile.ZipFile(linked, "w") as archive:
        link = zipfile.ZipInfo("r/link")
        link.external_attr = 0o120777 << 16  # a symbolic link, as Info-ZIP stores one
        archive.writestr(link, str(tmp_path))
        archive.writestr("r/ok.txt", b"ok")
    codelab_unpack_repository(linked.as_uri(), "r-dev", "")
    assert sorted(os.listdir(home / "r-dev")) == [".codelab-archive", "ok.txt"]


def test_a_folder_already_there_is_never_overwritten_and_a_missing_notebook_folder_is_said(home, tmp_path):
    url = tar_with(tmp_path / "ok.tar.gz", [("r-main/a.txt", b"a", None)])
    (home / "r-main").mkdir()
    (home / "r-main" / "mine.txt").write_text("mine")
    with pytest.raises(RuntimeError, match="is already there and holds something else: rename it"):
        codelab_unpack_repository(url, "r-main", "")
    assert os.listdir(home / "r-main") == ["mine.txt"]
    with pytest.raises(RuntimeError, match="The repository has no folder 'lessons' at this ref"):
        codelab_unpack_repository(url, "r-other", "lessons")
