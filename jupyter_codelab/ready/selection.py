"""The files a person chose to send with a notebook (``files: [path, ...]``): checked, folders expanded, limited.

Every problem is a ``FilesError`` naming ``files`` with a sentence that says what to change; nothing is
uploaded before this has passed.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import _
from .limits import DEFAULT_LIMITS, FileLimits, FilesError, check_limits
from .paths import root_path
from .tree import FileTree, walk

MAX_ENTRIES = 1000  # paths in one request's list (a folder is one)


@dataclass(frozen=True)
class ChosenFile:
    path: str  # root-relative
    size: int


async def chosen_files(tree: FileTree, paths, limits: FileLimits = DEFAULT_LIMITS) -> list[ChosenFile]:
    """Every file to send, sorted and once each: files as given, folders walked (hidden names inside them and
    links leaving the root left out). ``paths`` absent (None) means none."""
    if paths is None:
        return []
    if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
        raise FilesError("files", _('files must be a list of paths in the Jupyter file browser, such as ["data/", "utils.py"].'))
    if len(paths) > MAX_ENTRIES:
        raise FilesError("files", _("files lists {count} paths; give at most {limit} (a folder counts as one).").format(
            count=len(paths), limit=MAX_ENTRIES))  # fmt: skip
    chosen: dict[str, int] = {}
    for given in paths:
        path = root_path(given)
        if path is None:
            raise FilesError(
                "files", _("files: '{path}' is not a path inside the Jupyter root: give a path as the file browser shows it.").format(
                    path=given[:200])
            )  # fmt: skip
        node = await tree.stat(path)
        if node is None:
            raise FilesError(
                "files", _("files: there is nothing at '{path}' in the Jupyter file browser: check the name and folder.").format(
                    path=path)
            )  # fmt: skip
        if await tree.resolve(path) is None:
            raise FilesError(
                "files", _("files: '{path}' is a link that leaves the Jupyter root, and is never sent: choose the file itself.").format(
                    path=path)
            )  # fmt: skip
        if node.kind == "file":
            chosen[path] = node.size
        else:
            walked = await walk(tree, path, limits.max_count)
            if walked.too_many:  # the walk stopped there: the exact count is unknown
                raise FilesError("files", _(
                    "files: '{path}' holds more than {limit} files, the most one send takes; choose fewer files or smaller "
                    "folders (the limit is c.CodeLab.send_files_max_count).").format(path=path, limit=limits.max_count))  # fmt: skip
            chosen.update(walked.files)
    check_limits(sum(chosen.values()), len(chosen), limits)
    return [ChosenFile(path, size) for path, size in sorted(chosen.items())]
