"""A notebook made ready to send: checked at every size, hashed as read, stripped to nbformat's own bytes,
and its bytes again for the upload, which stop before the end when the file changed meanwhile."""

import hashlib
import io
import json

import nbformat
import pytest

from jupyter_codelab.obs.prepare import ChangedWhileSending, NotebookInvalid, TooLarge, prepare

from .conftest import notebook_bytes

LIMIT = 100 * 1024 * 1024


def nbformat_stripped(data: bytes) -> bytes:
    """What stripping was before it streamed: nbformat reads, outputs cleared, nbformat writes."""
    notebook = nbformat.reads(data.decode("utf-8"), as_version=nbformat.NO_CONVERT)
    for cell in notebook.cells:
        if cell.get("cell_type") == "code":
            cell["outputs"], cell["execution_count"] = [], None
    return (nbformat.writes(notebook) + "\n").encode("utf-8")


def uploaded(prepared) -> bytes:
    """Every byte the OBS SDK would read, in its 64 KB reads."""
    stream, parts = prepared.upload_stream(), []
    while sum(map(len, parts)) < prepared.size:
        parts.append(stream.read(65536))
    stream.close()
    return b"".join(parts)


def from_bytes(data: bytes, strip: bool = False, limit: int = LIMIT):
    return prepare(lambda: io.BytesIO(data), strip, limit)


def rich_notebook(cells: int = 3, pad: int = 10, **dump) -> bytes:
    """Every kind of cell nbformat treats specially: attachments, multi-line sources, transient metadata."""
    attachment = {"image/png": ["iVBORw0KGgo=\n", "AAAA"], "text/plain": "a\nb\n", "application/json": ["x", "y"]}
    body = []
    for n in range(cells):
        body += [
            {"cell_type": "markdown", "id": f"m{n}", "metadata": {"trusted": True}, "source": f"# Title {n}\nText é 中文 😀\n",
             "attachments": {"a.png": dict(attachment)}},
            {"cell_type": "code", "execution_count": n + 1, "id": f"c{n}", "metadata": {"tags": ["x"]}, "source": ["x = 1\n", "print(x)"],
             "outputs": [{"output_type": "stream", "name": "stdout", "text": ["1\n"] * pad},
                         {"output_type": "execute_result", "execution_count": n + 1, "metadata": {},
                          "data": {"text/plain": ["'" + "z" * pad + "'"], "application/json": {"k": [1, 2]}}}]},
            {"cell_type": "raw", "id": f"r{n}", "metadata": {}, "source": ""},
        ]  # fmt: skip
    notebook = {"cells": body, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                                            "orig_nbformat": 3, "signature": "sha256:x"}, "nbformat": 4, "nbformat_minor": 5}  # fmt: skip
    return (json.dumps(notebook, **dump) + "\n").encode("utf-8")


@pytest.mark.parametrize(
    "data",
    [notebook_bytes(outputs=2, pad=50), rich_notebook(), rich_notebook(indent=2, ensure_ascii=True), rich_notebook(separators=(",", ":")),
     rich_notebook(cells=200, pad=3000)],  # over a megabyte: sources, attachments and outputs across many parts
    ids=["simple", "rich", "ascii-indent-2", "dense", "many-parts"],
)  # fmt: skip
def test_stripping_gives_nbformats_own_bytes(data):
    prepared = from_bytes(data, strip=True)
    expected = nbformat_stripped(data)
    assert uploaded(prepared) == expected
    assert prepared.stripped and prepared.size == len(expected) and prepared.original_size == len(data)
    assert prepared.digest == hashlib.sha256(expected).hexdigest()


def test_without_stripping_the_bytes_sent_are_the_files_and_hashed_as_read():
    data = rich_notebook(cells=100, pad=2000)
    prepared = from_bytes(data)
    assert not prepared.stripped and prepared.size == prepared.original_size == len(data)
    assert prepared.digest == hashlib.sha256(data).hexdigest()
    assert uploaded(prepared) == data


@pytest.mark.parametrize(
    "data",
    [b"", b"not json", b"[]", b'{"nbformat": 4}', b'{"cells": {}, "nbformat": 4}', b'{"cells": [], "nbformat": 3}',
     b'{"cells": [], "nbformat": "4"}', b'{"cells": [], "nbformat": 4} x', b"\xff\xfe{}",
     b'{"cells": [], "nbformat": 4, "pad": "' + b"x" * (9 * 1024 * 1024) + b'"',  # 9 MB, cut short
     b'{"cells": [' + b"[" * 5000 + b"]" * 5000 + b'], "nbformat": 4}'],
    ids=["empty", "text", "list", "no-cells", "cells-object", "v3", "string-version", "trailing", "not-utf8", "9mb-cut", "deep"],
)  # fmt: skip
def test_anything_but_an_nbformat_4_notebook_is_refused_at_every_size(data):
    for strip in (False, True):
        with pytest.raises(NotebookInvalid):
            from_bytes(data, strip)


def test_a_cell_that_is_not_an_object_cannot_be_stripped():
    data = b'{"cells": [1], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'
    assert from_bytes(data).size == len(data)  # the checks need only the top level
    with pytest.raises(NotebookInvalid):
        from_bytes(data, strip=True)


def test_reading_stops_past_the_limit():
    data = notebook_bytes(outputs=1, pad=1024 * 1024)
    with pytest.raises(TooLarge) as caught:
        from_bytes(data, limit=len(data) - 1)
    assert caught.value.size > len(data) - 1


def test_a_file_changed_after_hashing_stops_the_upload_before_its_last_byte(tmp_path):
    path = tmp_path / "a.ipynb"
    path.write_bytes(notebook_bytes(outputs=1, pad=300_000))
    prepared = prepare(lambda: open(path, "rb"), False, LIMIT)  # noqa: SIM115 - prepare() closes it
    path.write_bytes(notebook_bytes(outputs=1, pad=300_000).replace(b"xxxx", b"yyyy", 1))  # same size, other bytes
    stream, sent = prepared.upload_stream(), 0
    with pytest.raises(ChangedWhileSending):
        while True:
            sent += len(stream.read(65536))
    assert sent < prepared.size  # the last part was never handed to the SDK
    assert stream.failure is not None
