"""A notebook's bytes, read through the Jupyter contents manager (any contents manager), never the file system.

``path`` is a path in the contents tree (``dir/name.ipynb``, as the file browser shows it).
Every problem is a ``SendInputError`` naming the field, so the server answers 400.
"""

from __future__ import annotations

import asyncio
import base64
import json
from dataclasses import dataclass, field
from posixpath import normpath

from jupyter_server.utils import ensure_async
from tornado import web

from ..i18n import _


class SendInputError(ValueError):
    def __init__(self, field: str, message: str, status: int = 400):
        self.field, self.status = field, status
        super().__init__(message)


@dataclass
class NotebookFile:
    path: str
    name: str
    data: bytes = field(repr=False)
    original_size: int
    stripped: bool

    @property
    def size(self) -> int:
        return len(self.data)


def check_path(path) -> str:
    if not isinstance(path, str) or not path.strip():
        raise SendInputError(
            "path", _("path must be the notebook's path in the Jupyter file browser, such as 'work/analysis.ipynb'.")
        )
    cleaned = normpath("/" + path.strip().replace("\\", "/")).lstrip("/")
    if cleaned.startswith("..") or "/../" in f"/{path}/" or "\x00" in path:
        raise SendInputError(
            "path",
            _("path '{path}' leaves the Jupyter root: give a notebook inside the file browser's tree.").format(path=path[:200]),
        )
    if not cleaned.lower().endswith(".ipynb"):
        raise SendInputError(
            "path", _("path '{path}' is not a notebook: only .ipynb files can be opened in CodeLab.").format(path=path[:200])
        )
    return cleaned


async def read_notebook(contents_manager, path, strip_outputs: bool = False) -> NotebookFile:
    path = check_path(path)
    try:
        data = await _read_bytes(contents_manager, path)
    except web.HTTPError as error:
        if error.status_code == 404:
            raise SendInputError(
                "path",
                _("There is no notebook at path '{path}' in the Jupyter file browser: check the name and folder.").format(
                    path=path
                ),
            ) from None
        why = f"{error.status_code} {error.log_message or error.reason or ''}".strip()
        raise SendInputError("path", _("Jupyter could not read path '{path}' ({why}).").format(path=path, why=why)) from None
    original_size = len(data)
    not_a_notebook = SendInputError(
        "path",
        _("path '{path}' is not a valid notebook (not nbformat JSON): open and save it in JupyterLab first.").format(path=path),
    )
    # Parsing and stripping a notebook of up to send_size_limit_mb is CPU work: off the tornado loop.
    if not await asyncio.to_thread(looks_like_notebook, data):
        raise not_a_notebook
    if strip_outputs:
        try:
            data = await asyncio.to_thread(strip, data)
        except (ValueError, UnicodeDecodeError):  # nbformat's NotJSONError is a ValueError
            raise not_a_notebook from None
    return NotebookFile(path=path, name=path.rsplit("/", 1)[-1], data=data, original_size=original_size, stripped=strip_outputs)


PARSE_LIMIT = 8 * 1024 * 1024  # above this a sniff stands in for json.loads (70 ms at 50 MB: bench/bench_send.py)


def looks_like_notebook(data: bytes) -> bool:
    if len(data) > PARSE_LIMIT:
        return data.lstrip()[:1] == b"{" and data.rstrip()[-1:] == b"}" and b'"cells"' in data and b'"nbformat"' in data
    try:
        notebook = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return False
    return isinstance(notebook, dict) and "cells" in notebook


async def _read_bytes(contents_manager, path: str) -> bytes:
    """The file's bytes. Notebooks are UTF-8 text, and "text" is 5x cheaper than "base64" for a 50 MB file
    (bench/bench_send.py); a file that is not UTF-8 is read as base64, byte for byte."""
    try:
        model = await ensure_async(contents_manager.get(path, content=True, type="file", format="text"))
    except web.HTTPError as error:
        if error.status_code != 400:  # 400: not UTF-8 text
            raise
        model = await ensure_async(contents_manager.get(path, content=True, type="file", format="base64"))
        return base64.b64decode(model["content"])
    return model["content"].encode("utf-8")


def strip(data: bytes) -> bytes:
    """The notebook without outputs and execution counts (what the recipient runs anyway)."""
    import nbformat

    notebook = nbformat.reads(data.decode("utf-8"), as_version=nbformat.NO_CONVERT)
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    return (nbformat.writes(notebook) + "\n").encode("utf-8")
