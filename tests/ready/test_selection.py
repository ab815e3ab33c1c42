"""The files a person chose: checked one by one, folders expanded, and the limits with their figures."""

from __future__ import annotations

import os

import pytest
from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager

from jupyter_codelab.ready.limits import MB, SEND_FILES_LIMIT_MB, SEND_FILES_MAX_COUNT, FileLimits, FilesError, check_limits
from jupyter_codelab.ready.selection import ChosenFile, chosen_files
from jupyter_codelab.ready.tree import ContentsTree

from .conftest import write


@pytest.fixture
def tree(root):
    return ContentsTree(AsyncLargeFileManager(root_dir=str(root)))


async def test_files_and_folders_expand_to_every_file_once_sorted(root, tree):
    write(root, "work/utils.py", b"u" * 3)
    write(root, "work/data/a.csv", b"a" * 5)
    write(root, "work/data/deep/b.csv", b"b" * 7)
    write(root, "work/data/.ipynb_checkpoints/a-checkpoint.csv")
    chosen = await chosen_files(tree, ["work/data/", "/work/utils.py", "work/data/a.csv", "work\\data\\deep"])
    assert chosen == [ChosenFile("work/data/a.csv", 5), ChosenFile("work/data/deep/b.csv", 7), ChosenFile("work/utils.py", 3)]


async def test_absent_means_none_and_an_empty_list_too(tree):
    assert await chosen_files(tree, None) == [] and await chosen_files(tree, []) == []


@pytest.mark.parametrize(
    ("given", "sentence"),
    [
        ("not a list", "files must be a list of paths in the Jupyter file browser"),
        ([1], "files must be a list of paths in the Jupyter file browser"),
        (["../outside.txt"], "files: '../outside.txt' is not a path inside the Jupyter root"),
        (["missing.csv"], "files: there is nothing at 'missing.csv' in the Jupyter file browser"),
        (["link.txt"], "files: 'link.txt' is a link that leaves the Jupyter root, and is never sent"),
        (["x"] * 1001, "files lists 1001 paths; give at most 1000"),
    ],
)
async def test_each_bad_path_is_a_sentence_naming_files(root, tree, tmp_path, given, sentence):
    (tmp_path / "secret.txt").write_text("s")
    os.symlink(tmp_path / "secret.txt", root / "link.txt")
    with pytest.raises(FilesError) as caught:
        await chosen_files(tree, given)
    assert caught.value.field == "files" and str(caught.value).startswith(sentence), str(caught.value)


async def test_over_the_count_or_the_size_says_the_figures(root, tree):
    for i in range(4):
        write(root, f"many/{i}.bin", b"x" * 100)
    with pytest.raises(FilesError) as caught:
        await chosen_files(tree, ["many"], FileLimits(max_count=3))
    assert str(caught.value).startswith("files: 'many' holds more than 3 files, the most one send takes")
    write(root, "one.bin", b"y")
    with pytest.raises(FilesError) as caught:
        await chosen_files(tree, ["many/0.bin", "many/1.bin", "many/2.bin", "one.bin"], FileLimits(max_count=3))
    assert "the files chosen are 4 files, over the limit of 3 files" in str(caught.value)
    with pytest.raises(FilesError) as caught:
        await chosen_files(tree, ["many"], FileLimits(limit_mb=300 / MB))
    assert "the files chosen add up to 0.0 MB, over the limit of 0.0 MB" in str(caught.value)  # 400 bytes over 300
    assert len(await chosen_files(tree, ["many"], FileLimits(limit_mb=400 / MB, max_count=4))) == 4  # at the limits is fine


def test_the_defaults_and_the_size_figures():
    assert (SEND_FILES_LIMIT_MB, SEND_FILES_MAX_COUNT) == (500, 500)
    check_limits(500 * MB, 500)
    with pytest.raises(FilesError, match=r"add up to 500\.1 MB, over the limit of 500\.0 MB"):
        check_limits(500 * MB + MB // 10, 1)
    with pytest.raises(FilesError, match="are 501 files, over the limit of 500 files"):
        check_limits(0, 501)
