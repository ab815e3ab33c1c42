"""A notebook's bytes, read through the Jupyter contents manager (any contents manager), never the file system.

``path`` is a path in the contents tree (``dir/name.ipynb``, as the file browser shows it).
Every problem is a ``SendInputError`` naming the field, so the server answers 400.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from posixpath import normpath

from jupyter_server.utils import ensure_async
from tornado import web


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
        raise SendInputError("path", "path must be the notebook's path in the Jupyter file browser, such as 'work/analysis.ipynb'.")
    cleaned = normpath("/" + path.strip().replace("\\", "/")).lstrip("/")
    if cleaned.startswith("..") or "/../" in f"/{path}/" or "\x00" in path:
        raise SendInputError("path", f"path '{path[:200]}' leaves the Jupyter root: give a notebook inside the file browser's tree.")
    if not cleaned.lower().endswith(".ipynb"):
        raise SendInputError("path", f"path '{path[:200]}' is not a notebook: only .ipynb files can be opened in CodeLab.")
    return cleaned


async def read_notebook(contents_manager, path, strip_outputs: bool = False) -> NotebookFile:
    path = check_path(path)
    try:
        model = await ensure_async(contents_manager.get(path, content=True, type="file", format="base64"))
    except web.HTTPError as error:
        if error.status_code == 404:
            raise SendInputError("path", f"There is no notebook at path '{path}' in the Jupyter file browser: check the name and folder.") from None
        raise SendInputError("path", f"Jupyter could not read path '{path}' ({error.status_code} {error.log_message or error.reason or ''}).".replace(" )", ")")) from None
    data = base64.b64decode(model["content"])
    original_size = len(data)
    try:
        notebook = json.loads(data)
        if not isinstance(notebook, dict) or "cells" not in notebook:
            raise ValueError
    except (ValueError, UnicodeDecodeError):
        raise SendInputError("path", f"path '{path}' is not a valid notebook (not nbformat JSON): open and save it in JupyterLab first.") from None
    if strip_outputs:
        data = strip(data)
    return NotebookFile(path=path, name=path.rsplit("/", 1)[-1], data=data, original_size=original_size, stripped=strip_outputs)


def strip(data: bytes) -> bytes:
    """The notebook without outputs and execution counts (what the recipient runs anyway)."""
    import nbformat

    notebook = nbformat.reads(data.decode("utf-8"), as_version=nbformat.NO_CONVERT)
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    return (nbformat.writes(notebook) + "\n").encode("utf-8")
