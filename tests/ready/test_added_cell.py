"""The added cell's shape: first, tagged, replaced never duplicated, absent without files, readable, no secrets."""

from __future__ import annotations

import ast
import copy
import json
import sys

import nbformat
import pytest

from jupyter_codelab.ready.added_cell import TAG, SentFile, files_cell, is_added_cell, with_cell, with_files, with_repository
from jupyter_codelab.ready.repositories import repository_link
from jupyter_codelab.simulator import DEMO_SECRET_KEY

from .conftest import code

SHA = "ab" * 32
FILES = [SentFile("work/data/a.csv", 5, SHA, "https://b.obs.example/k?AccessKeyId=AK&Expires=1&Signature=s"),
         SentFile("shared/x y.csv", 2, SHA, "https://b.obs.example/k2?AccessKeyId=AK&Expires=1&Signature=t")]  # fmt: skip


def test_no_files_no_cell_and_an_old_added_cell_goes():
    notebook = code("print(1)")
    assert with_files(notebook, "work/nb.ipynb", []) == notebook
    sent_before = with_files(notebook, "work/nb.ipynb", FILES)
    assert with_files(sent_before, "work/nb.ipynb", []) == notebook  # a stale cell with expired links is not kept


def test_the_cell_comes_first_tagged_once_and_the_notebook_given_is_unchanged():
    notebook = code("print(1)", "open('data/a.csv')")
    before = copy.deepcopy(notebook)
    once = with_files(notebook, "work/nb.ipynb", FILES)
    twice = with_files(once, "work/nb.ipynb", FILES[:1])
    assert notebook == before
    assert [is_added_cell(c) for c in twice["cells"]] == [True, False, False]
    assert twice["cells"][0]["metadata"]["tags"] == [TAG] and twice["cells"][0]["id"] == TAG
    assert twice["cells"][1:] == notebook["cells"] and twice["cells"][1] is notebook["cells"][0]  # shared, not copied
    nbformat.validate(nbformat.from_dict(json.loads(json.dumps(twice))))  # a valid nbformat 4.5 notebook


def test_ids_only_where_nbformat_has_them_and_never_taken_twice():
    old = code("1")
    old["nbformat_minor"] = 4
    del old["cells"][0]["id"]
    assert "id" not in with_files(old, "nb.ipynb", FILES)["cells"][0]
    clash = code("1")
    clash["cells"][0]["id"] = TAG
    assert with_files(clash, "nb.ipynb", FILES)["cells"][0]["id"] == f"{TAG}-2"


def test_paths_are_relative_to_the_notebook_and_the_source_is_short_plain_python():
    source = files_cell("work/nb.ipynb", FILES)["source"]
    tree = ast.parse(source, feature_version=(3, 7))  # CodeLab's images run Python 3.7 and later
    assert "('data/a.csv', 5, " in source and "('../shared/x y.csv', 2, " in source
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert imported and imported <= sys.stdlib_module_names
    assert not any(isinstance(node, ast.ImportFrom) for node in ast.walk(tree))
    assert source.startswith("# The files this notebook reads") and source.endswith("codelab_fetch_files(FILES)\n")
    assert len(source.splitlines()) < 100  # a page to read, not a program


def test_the_source_holds_no_secret_beyond_the_links(obs):
    sent = obs("a.csv", b"data")
    source = files_cell("nb.ipynb", [sent])["source"]
    assert DEMO_SECRET_KEY not in source
    assert source.count(sent.url) == 1 and "Signature=" not in source.replace(sent.url, "")


@pytest.mark.parametrize(
    "bad",
    [
        SentFile("../x", 1, SHA, "https://h/x"),
        SentFile("a", 1, "nothex", "https://h/x"),
        SentFile("a", 1, SHA, "file:///etc/passwd"),
    ],
)
def test_our_own_caller_s_mistakes_are_refused(bad):
    with pytest.raises(AssertionError):
        files_cell("nb.ipynb", [bad])


def test_the_repository_cell_names_the_archive_the_folder_and_the_notebook_s_folder():
    link = repository_link("https://github.com/org/course/blob/main/week1/lab.ipynb")
    cell = with_repository(code("import helpers"), link)["cells"][0]
    source = cell["source"]
    ast.parse(source, feature_version=(3, 7))
    assert is_added_cell(cell) and "course-main/" in source
    assert source.endswith(
        "codelab_unpack_repository('https://codeload.github.com/org/course/tar.gz/main', 'course-main', 'week1')\n"
    )
    assert with_cell(with_repository(code("1"), link), None) == code("1")
