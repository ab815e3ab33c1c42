"""Detection on crafted notebooks and trees, through each FileTree: a local folder, and Jupyter's own
contents managers (the sync one and the async one the server runs by default)."""

from __future__ import annotations

import os

import pytest
from jupyter_server.services.contents.filemanager import FileContentsManager
from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager

from jupyter_codelab.ready.detect import detect_files
from jupyter_codelab.ready.tree import ContentsTree, LocalTree

from .conftest import code, write

TREES = {
    "local": LocalTree,
    "contents": lambda root: ContentsTree(FileContentsManager(root_dir=str(root))),
    "async-contents": lambda root: ContentsTree(AsyncLargeFileManager(root_dir=str(root))),
}


@pytest.fixture(params=sorted(TREES))
def tree_of(request):
    return TREES[request.param]


def rows(detection) -> list[tuple]:
    return [(r.path, r.kind, r.size, r.files, r.reason) for r in detection.files]


async def test_a_notebook_that_reads_nothing_detects_nothing(root, tree_of):
    write(root, "work/nb.ipynb", b"{}")
    write(root, "work/other.csv")
    detection = await detect_files(code("print(1 + 1)", "x = 'hello world'"), "work/nb.ipynb", tree_of(root))
    assert detection.to_json() == {"detected_files": [], "skipped_files": []}


async def test_files_folders_imports_run_and_shell_lines_relative_to_the_notebook(root, tree_of):
    write(root, "work/nb.ipynb", b"{}")
    write(root, "work/data/train.csv", b"a" * 1000)
    write(root, "work/data/test/part.csv", b"b" * 24)
    write(root, "work/utils.py", b"u" * 10)
    write(root, "work/models/__init__.py", b"")
    write(root, "work/models/net.py", b"n" * 5)
    write(root, "work/notes/readme.txt", b"r")  # a folder without .py: `import notes` is not about it
    write(root, "work/scripts/prep.py", b"p" * 7)
    write(root, "work/archive.zip", b"z" * 3)
    write(root, "shared/lookup.json", b"j" * 2)  # outside the notebook's folder, inside the root
    notebook = code(
        "import utils, notes\nfrom models.net import Net",
        "df = read_csv('data/train.csv')\nsecond = read_csv('data/test/part.csv')",
        "%run scripts/prep.py",
        "!unzip archive.zip",
        "table = load('../shared/lookup.json')\nfolder = 'data/'",
        "missing = open('nope.csv')",
    )
    detection = await detect_files(notebook, "work/nb.ipynb", tree_of(root))
    assert rows(detection) == [
        ("shared/lookup.json", "file", 2, 1, "read in cell 5"),
        ("work/archive.zip", "file", 3, 1, "!unzip in cell 4"),
        ("work/data", "folder", 1024, 2, "read in cell 5"),  # one row: its total and its files; the files in it are covered
        ("work/models", "folder", 5, 2, "imported in cell 1"),
        ("work/scripts/prep.py", "file", 7, 1, "%run in cell 3"),
        ("work/utils.py", "file", 10, 1, "imported in cell 1"),
    ]
    assert detection.skipped == []


async def test_nothing_outside_the_root_and_never_the_notebook_or_a_folder_holding_it(root, tree_of):
    write(root, "work/nb.ipynb", b"{}")
    write(root, "work/sub/x.csv")
    notebook = code("open('../../etc/passwd')\nopen('/etc/hostname')\nopen('~/.bashrc')\nopen('../../../x')",
                    "open('nb.ipynb')\nos.listdir('.')\nos.listdir('..')\nopen('C:/Windows/win.ini')")  # fmt: skip
    detection = await detect_files(notebook, "work/nb.ipynb", tree_of(root))
    assert detection.to_json() == {"detected_files": [], "skipped_files": []}


async def test_links_that_leave_the_root_are_skipped_and_said(root, tree_of, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("secret")
    write(root, "nb.ipynb", b"{}")
    write(root, "data/fine.csv", b"f" * 4)
    os.symlink(outside / "secret.txt", root / "link.txt")
    os.symlink(outside, root / "linked-folder")
    os.symlink(outside / "secret.txt", root / "data" / "inner-link.txt")
    write(root, "inside/real.csv", b"r" * 9)
    os.symlink(root / "inside" / "real.csv", root / "alias.csv")  # a link that stays inside is followed
    notebook = code(
        "open('link.txt')\nos.listdir('linked-folder')\nopen('linked-folder/secret.txt')\nos.listdir('data')\nopen('alias.csv')"
    )
    detection = await detect_files(notebook, "nb.ipynb", tree_of(root))
    assert rows(detection) == [("alias.csv", "file", 9, 1, "read in cell 1"), ("data", "folder", 4, 1, "read in cell 1")]
    assert [(s.path, s.reason) for s in detection.skipped] == [
        ("data/inner-link.txt", "a link that leaves the Jupyter root: not sent"),
        ("link.txt", "a link that leaves the Jupyter root: not sent"),
        ("linked-folder", "a link that leaves the Jupyter root: not sent"),
        ("linked-folder/secret.txt", "a link that leaves the Jupyter root: not sent"),
    ]


async def test_hidden_files_are_never_detected_and_a_folder_over_the_count_is_said(root):
    write(root, "nb.ipynb", b"{}")
    write(root, ".env", b"KEY=secret")
    write(root, "data/.ipynb_checkpoints/old.csv")
    write(root, "data/a.csv", b"aa")
    for i in range(4):
        write(root, f"big/{i}.bin")
    notebook = code("load_dotenv('.env')\nos.listdir('data')\nos.listdir('big')")
    detection = await detect_files(notebook, "nb.ipynb", LocalTree(root), max_files=3)
    assert rows(detection) == [("data", "folder", 2, 1, "read in cell 1")]  # the checkpoints inside are not counted
    assert [(s.path, s.reason) for s in detection.skipped] == [
        (".env", "a hidden file or folder: not sent unless you choose it"),
        ("big", "holds more than 3 files: choose files inside it instead"),
    ]
    # Jupyter's contents manager does not show hidden files at all: nothing to say about them there.
    through_jupyter = await detect_files(
        notebook, "nb.ipynb", ContentsTree(AsyncLargeFileManager(root_dir=str(root))), max_files=3
    )
    assert [s.path for s in through_jupyter.skipped] == ["big"]


async def test_the_order_is_by_path_whatever_the_cells_order(root):
    for name in ("b.csv", "a.csv", "c/d.csv"):
        write(root, name)
    write(root, "nb.ipynb", b"{}")
    first = await detect_files(code("open('c/d.csv')", "open('b.csv')", "open('a.csv')"), "nb.ipynb", LocalTree(root))
    second = await detect_files(code("open('a.csv')", "open('b.csv')", "open('c/d.csv')"), "nb.ipynb", LocalTree(root))
    assert [r.path for r in first.files] == [r.path for r in second.files] == ["a.csv", "b.csv", "c/d.csv"]


async def test_reasons_are_translated(root, monkeypatch):
    monkeypatch.setenv("CODELAB_LANGUAGE", "zh_CN")  # the server sets each request's language the same way (i18n)
    write(root, "nb.ipynb", b"{}")
    write(root, "a.csv")
    write(root, "b.py")
    detection = await detect_files(code("open('a.csv')", "import b"), "nb.ipynb", LocalTree(root))
    assert [r.reason for r in detection.files] == ["在第 1 个单元格中读取", "在第 2 个单元格中导入"]
