"""A notebook of the Jupyter contents tree, made ready to send: size first, then read once, in a thread.

``path`` is a path in the contents tree (``dir/name.ipynb``, as the file browser shows it). The
contents manager is asked for the size first (``content=False``): a notebook over the limit is
refused unread. A file-backed contents manager (jupyter_server's FileContentsManager and its async
and large-file variants) then gives the file, which is read and later uploaded in parts; any other
contents manager hands over the whole notebook, as it always has.
Every problem is a ``SendInputError`` naming the field, so the server answers 400 (413 too large).
"""

from __future__ import annotations

import asyncio
import base64
import io
from dataclasses import dataclass
from posixpath import normpath

from jupyter_server.services.contents.fileio import FileManagerMixin
from jupyter_server.utils import ensure_async
from tornado import web

from ..echo import quoted
from ..i18n import _
from .prepare import NotebookInvalid, Prepared, TooLarge, prepare

MB = 1024 * 1024


class SendInputError(ValueError):
    def __init__(self, field: str, message: str, status: int = 400):
        self.field, self.status = field, status
        super().__init__(message)


@dataclass
class NotebookFile:
    path: str
    name: str
    prepared: Prepared

    @property
    def size(self) -> int:
        return self.prepared.size

    @property
    def original_size(self) -> int:
        return self.prepared.original_size

    @property
    def stripped(self) -> bool:
        return self.prepared.stripped


def check_path(path) -> str:
    if not isinstance(path, str) or not path.strip():
        raise SendInputError(
            "path", _("path must be the notebook's path in the Jupyter file browser, such as 'work/analysis.ipynb'.")
        )
    cleaned = normpath("/" + path.strip().replace("\\", "/")).lstrip("/")
    if cleaned.startswith("..") or "/../" in f"/{path}/" or "\x00" in path:
        raise SendInputError(
            "path",
            _("path {path} leaves the Jupyter root: give a notebook inside the file browser's tree.").format(path=quoted(path)),
        )
    if not cleaned.lower().endswith(".ipynb"):
        raise SendInputError(
            "path", _("path {path} is not a notebook: only .ipynb files can be opened in CodeLab.").format(path=quoted(path))
        )
    return cleaned


def too_large(name: str, size: int, limit: int) -> SendInputError:
    return SendInputError("path", _(
        "{name} is {size:.1f} MB, over the {limit:g} MB limit for sending: clear its outputs (Edit > Clear Outputs of All "
        "Cells), save it and send it again, or raise c.CodeLab.send_size_limit_mb."
    ).format(name=quoted(name), size=size / MB, limit=limit / MB), 413)  # fmt: skip


def changed_while_sending(path: str) -> SendInputError:
    return SendInputError(
        "path", _("path {path} changed while it was being sent, so nothing was kept: send it again.").format(path=quoted(path))
    )


async def read_notebook(contents_manager, path, strip_outputs: bool, limit: int) -> NotebookFile:
    """Check, size and hash the notebook at ``path`` (stripped of its outputs if asked)."""
    path = check_path(path)
    name = path.rsplit("/", 1)[-1]
    try:
        model = await ensure_async(contents_manager.get(path, content=False, type="file"))
        size = model.get("size")
        if isinstance(size, int) and size > limit:
            raise too_large(name, size, limit)
        opener = file_opener(contents_manager, path)
        if opener is None:
            data = await read_bytes(contents_manager, path)
            if len(data) > limit:
                raise too_large(name, len(data), limit)

            def opener():
                return io.BytesIO(data)
    except web.HTTPError as error:
        raise _unreadable(path, error) from None
    try:
        prepared = await asyncio.to_thread(prepare, opener, strip_outputs, limit)  # never on the tornado loop
    except TooLarge as error:
        raise too_large(name, error.size, limit) from None
    except NotebookInvalid:
        raise SendInputError("path", _("path {path} is not a valid notebook (not nbformat JSON): open and save it in JupyterLab first.")
                             .format(path=quoted(path))) from None  # fmt: skip
    except FileNotFoundError:
        raise _unreadable(path, web.HTTPError(404)) from None
    except OSError as error:
        raise _unreadable(path, web.HTTPError(403, error.strerror or type(error).__name__)) from None
    return NotebookFile(path=path, name=name, prepared=prepared)


def file_opener(contents_manager, path: str):
    """How to read the file at ``path`` in parts, when the contents manager keeps files on disk (else None)."""
    if not isinstance(contents_manager, FileManagerMixin):
        return None
    # jupyter_server has no public way from a contents path to its file; this is the one its own
    # file managers use, with the same checks (inside the root, a valid path).
    os_path = contents_manager._get_os_path(path)  # noqa: SLF001

    def opener():
        return open(os_path, "rb")  # noqa: SIM115 - the reader closes it

    return opener


def _unreadable(path: str, error: web.HTTPError) -> SendInputError:
    if error.status_code == 404:
        return SendInputError("path", _("There is no notebook at path {path} in the Jupyter file browser: check the name and folder.")
                              .format(path=quoted(path)))  # fmt: skip
    why = f"{error.status_code} {error.log_message or error.reason or ''}".strip()
    return SendInputError("path", _("Jupyter could not read path {path} ({why}).").format(path=quoted(path), why=quoted(why)))


async def read_bytes(contents_manager, path: str) -> bytes:
    """The file's bytes, from a contents manager that is not file-backed. Notebooks are UTF-8 text, and
    "text" is 5x cheaper than "base64" for a 50 MB file (bench/bench_send.py); a file that is not UTF-8
    is read as base64, byte for byte."""
    try:
        model = await ensure_async(contents_manager.get(path, content=True, type="file", format="text"))
    except web.HTTPError as error:
        if error.status_code != 400:  # 400: not UTF-8 text
            raise
        model = await ensure_async(contents_manager.get(path, content=True, type="file", format="base64"))
        return base64.b64decode(model["content"])
    return model["content"].encode("utf-8")
