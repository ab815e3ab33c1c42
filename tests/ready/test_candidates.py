"""The paths a notebook's code cells name: literals, f-strings, globs, imports, magics and shell lines."""

from __future__ import annotations

import pytest

from jupyter_codelab.ready.candidates import IMPORT, MAX_CANDIDATES, READ, candidates

from .conftest import code


def named(*sources: str) -> set[tuple[str, int, str]]:
    return {(c.text, c.cell, c.how) for c in candidates(code(*sources))}


def test_string_literals_and_fstring_folders_and_globs():
    found = named("df = pd.read_csv('data/train.csv')\np = f'out/{name}.csv'\nfiles = glob('images/*.png')\nq = f'plain.txt'")
    assert {("data/train.csv", 1, READ), ("out", 1, READ), ("images", 1, READ), ("plain.txt", 1, READ)} <= found
    assert not any(text.endswith(".csv") and text.startswith("out") for text, *_ in found)  # the placeholder's part is not a path


def test_imports_name_the_top_module_and_relative_imports_nothing():
    found = named("import utils, numpy as np\nimport helpers.io\nfrom models.net import Net\nfrom . import sibling")
    assert {("utils", 1, IMPORT), ("numpy", 1, IMPORT), ("helpers", 1, IMPORT), ("models", 1, IMPORT)} <= found
    assert not any(text == "sibling" for text, *_ in found)


def test_magics_and_shell_lines_give_their_words_but_not_the_program():
    found = named("%run -i scripts/prep.py --input=raw/a.csv\n!unzip -q data.zip -d extracted | tee log\nlisting = !ls shared")
    assert {("scripts/prep.py", 1, "%run"), ("raw/a.csv", 1, "%run"), ("data.zip", 1, "!unzip"), ("extracted", 1, "!unzip"),
            ("shared", 1, "!ls")} <= found  # fmt: skip
    assert not {"unzip", "ls", "-q", "|"} & {text for text, *_ in found}


def test_a_shell_line_in_a_block_and_a_timed_line_keep_the_python_readable():
    found = named("if ready:\n    !cat notes.txt\n    x = open('inside.csv')\n%time y = load('timed.csv')")
    assert {("notes.txt", 1, "!cat"), ("inside.csv", 1, READ), ("timed.csv", 1, READ)} <= found


def test_cell_magics_bash_is_read_as_shell_python_ones_as_python_others_not_at_all():
    found = named("%%bash\ncat input.txt\n./run.sh arg.txt", "%%time\nopen('timed.csv')", "%%html\n<img src='pic.png'>")
    assert {("input.txt", 1, "%%bash"), ("./run.sh", 1, "%%bash"), ("arg.txt", 1, "%%bash"), ("timed.csv", 2, READ)} <= found
    assert not any(text == "pic.png" for text, *_ in found)


def test_a_cell_that_does_not_parse_falls_back_to_its_tokens():
    found = named("def broken(:\n    open('broken.csv')\n    f'logs/{day}.txt'\nimport mod2\n")
    assert {("broken.csv", 1, READ), ("logs", 1, READ), ("mod2", 1, IMPORT)} <= found


def test_first_mention_wins_markdown_is_ignored_and_list_sources_are_joined():
    notebook = code("open('a.csv')", ["x = 1\n", "open('a.csv')\n", "open('b.csv')"])
    notebook["cells"].insert(0, {"cell_type": "markdown", "metadata": {}, "source": "open('md.csv')"})
    found = [(c.text, c.cell) for c in candidates(notebook)]
    assert found == [("a.csv", 2), ("b.csv", 3)]


@pytest.mark.parametrize("text", ["", "   ", ".", "./", "..", "a\nb", " padded ", "https://example.com/x.csv", "x" * 2000])
def test_texts_that_cannot_be_paths_are_dropped(text):
    assert not candidates(code(f"value = {text!r}"))


def test_the_number_of_texts_read_is_bounded():
    many = "\n".join(f"open('f{i}.csv')" for i in range(MAX_CANDIDATES + 50))
    assert len(candidates(code(many))) == MAX_CANDIDATES
