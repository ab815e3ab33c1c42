"""The first code cell of the copy sent to CodeLab, tagged ``codelab-files``: it fetches the files the notebook
reads, or its repository, when run there.

Its source is short and readable: a comment that says what it does, the data (paths, sizes, SHA-256, links),
and the function from ``in_codelab`` that does it (standard library only). It holds no secret beyond the
signed links themselves. The notebook given is never changed: a new notebook dict is returned, with any
earlier ``codelab-files`` cell replaced (never two), and no cell at all when there is nothing to fetch.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .in_codelab.fetch_files import codelab_fetch_files
from .in_codelab.unpack_repository import codelab_unpack_repository
from .paths import folder_of, relative_to, root_path
from .repositories import RepositoryLink

TAG = "codelab-files"

FILES_COMMENT = """\
# The files this notebook reads, sent with it from Jupyter by jupyter-codelab.
# Running this cell downloads each one beside the notebook and checks its SHA-256;
# a file already here with the same SHA-256 is kept, so running it again is harmless.
"""
REPOSITORY_COMMENT = """\
# This notebook comes from the repository {name} at {ref}; its cells read the repository's files.
# Running this cell unpacks the repository into {folder}/ beside the notebook (once) and works in the
# notebook's folder inside it, so its relative paths and imports work; running it again is harmless.
"""


@dataclass(frozen=True)
class SentFile:
    path: str  # root-relative, as chosen
    size: int
    sha256: str  # hex
    url: str  # the link the cell downloads it from (signed, or public once published)


def files_cell(notebook_path: str, files: Sequence[SentFile]) -> dict:
    """The cell that downloads ``files`` to their paths relative to the notebook at ``notebook_path``."""
    folder = folder_of(notebook_path)
    rows = []
    for file in sorted(files, key=lambda f: f.path):
        if root_path(file.path) != file.path or not re.fullmatch(r"[0-9a-f]{64}", file.sha256) or file.size < 0:
            raise AssertionError(f"Not a file to send: {file.path!r}")  # our own caller's mistake, not a person's
        if not file.url.startswith(("https://", "http://")):
            raise AssertionError(f"Not an http(s) link for {file.path!r}")
        rows.append(f"    ({relative_to(file.path, folder)!r}, {file.size}, {file.sha256!r}, {file.url!r}),\n")
    data = "FILES = [\n    # (path beside this notebook, size in bytes, SHA-256, link)\n" + "".join(rows) + "]\n"
    return _code_cell(f"{FILES_COMMENT}{data}\n\n{inspect.getsource(codelab_fetch_files)}\n\ncodelab_fetch_files(FILES)\n")


def repository_cell(link: RepositoryLink) -> dict:
    """The cell that unpacks the notebook's repository beside it and changes into the notebook's folder there."""
    comment = REPOSITORY_COMMENT.format(name=f"{link.file.owner}/{link.file.repo}", ref=link.file.ref, folder=link.folder)
    call = f"codelab_unpack_repository({link.archive_url!r}, {link.folder!r}, {link.notebook_folder!r})\n"
    return _code_cell(f"{comment}\n{inspect.getsource(codelab_unpack_repository)}\n\n{call}")


def with_cell(notebook: dict, cell: dict | None) -> dict:
    """A copy of ``notebook`` whose first cell is ``cell`` (None: none), without any earlier ``codelab-files`` cell.
    Cells are shared with the original, never modified: the copy costs one list, whatever the outputs weigh."""
    kept = [c for c in notebook.get("cells") or [] if not is_added_cell(c)]
    copy = dict(notebook)
    if cell is not None and (notebook.get("nbformat"), notebook.get("nbformat_minor", 0)) >= (4, 5):
        cell = {**cell, "id": _free_id({c.get("id") for c in kept if isinstance(c, dict)})}
    copy["cells"] = ([cell] if cell is not None else []) + kept
    return copy


def with_files(notebook: dict, notebook_path: str, files: Sequence[SentFile]) -> dict:
    """The copy to send: the files cell first when there are files, else no added cell."""
    return with_cell(notebook, files_cell(notebook_path, files) if files else None)


def with_repository(notebook: dict, link: RepositoryLink) -> dict:
    return with_cell(notebook, repository_cell(link))


def is_added_cell(cell) -> bool:
    return isinstance(cell, dict) and TAG in ((cell.get("metadata") or {}).get("tags") or [])


def _free_id(taken: set) -> str:
    found, n = TAG, 1
    while found in taken:
        n += 1
        found = f"{TAG}-{n}"
    return found


def _code_cell(source: str) -> dict:
    return {"cell_type": "code", "execution_count": None, "metadata": {"tags": [TAG]}, "outputs": [], "source": source}
