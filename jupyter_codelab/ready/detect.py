"""The files a notebook reads that exist under the contents root: what ``POST send/preview`` lists.

Each row is a file or a folder (one row, with its total size and file count), root-relative, with the
reason it was found (``read in cell 3``). Nothing outside the root is looked at; what is there but is not
sent is said in ``skipped`` (a link leaving the root, a hidden file, a folder over the file count).
Rows are sorted by path; a path inside a folder row is covered by that row.
"""

from __future__ import annotations

import asyncio
from dataclasses import asdict, dataclass

from ..i18n import _
from .candidates import IMPORT, READ, Candidate, candidates
from .limits import SEND_FILES_MAX_COUNT
from .paths import contains, folder_of, is_hidden, under_root
from .tree import FileTree, walk


@dataclass(frozen=True)
class Detected:
    path: str  # root-relative
    size: int  # bytes; a folder's total
    kind: str  # "file" | "folder"
    reason: str  # translated: "read in cell 3"
    files: int = 1  # a folder's file count (the count limit counts these)


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


@dataclass
class Detection:
    files: list[Detected]
    skipped: list[Skipped]

    def to_json(self) -> dict:
        return {"detected_files": [asdict(row) for row in self.files], "skipped_files": [asdict(row) for row in self.skipped]}


def reason(candidate: Candidate) -> str:
    if candidate.how == READ:
        return _("read in cell {cell}").format(cell=candidate.cell)
    if candidate.how == IMPORT:
        return _("imported in cell {cell}").format(cell=candidate.cell)
    return _("{command} in cell {cell}").format(command=candidate.how, cell=candidate.cell)


async def detect_files(notebook: dict, notebook_path: str, tree: FileTree, max_files: int = SEND_FILES_MAX_COUNT) -> Detection:
    """The files and folders the notebook at ``notebook_path`` (root-relative) reads, as ``tree`` shows them."""
    found = await asyncio.to_thread(candidates, notebook)
    folder = folder_of(notebook_path)
    named: dict[str, tuple[Candidate, str | None]] = {}  # path -> (first mention, kind it must be or None)
    for candidate in found:
        for path, kind in await _paths(candidate, folder, tree):
            if path != notebook_path.strip("/") and not contains(path, folder):  # never the notebook or a folder holding it
                named.setdefault(path, (candidate, kind))
    rows: list[Detected] = []
    skipped: dict[str, str] = {}
    listed: dict[str, set[str]] = {}  # folder -> its names: most texts name nothing, and one listing says so for all
    for path in sorted(named):
        if any(row.kind == "folder" and contains(row.path, path) for row in rows):
            continue
        parent, _slash, name = path.rpartition("/")
        if parent not in listed:
            listed[parent] = set(await tree.children(parent))
        if name not in listed[parent]:
            continue
        candidate, kind = named[path]
        node = await tree.stat(path)
        if node is None or (kind and node.kind != kind):
            continue
        if await tree.resolve(path) is None:
            skipped.setdefault(path, _("a link that leaves the Jupyter root: not sent"))
        elif is_hidden(path):
            skipped.setdefault(path, _("a hidden file or folder: not sent unless you choose it"))
        elif node.kind == "file":
            rows.append(Detected(path, node.size, "file", reason(candidate)))
        else:
            walked = await walk(tree, path, max_files)
            for outside in walked.outside:
                skipped.setdefault(outside, _("a link that leaves the Jupyter root: not sent"))
            if walked.too_many:
                skipped[path] = _("holds more than {count} files: choose files inside it instead").format(count=max_files)
            elif walked.files:
                rows.append(Detected(path, walked.size, "folder", reason(candidate), files=len(walked.files)))
    return Detection(rows, [Skipped(path, why) for path, why in sorted(skipped.items())])


async def _paths(candidate: Candidate, folder: str, tree: FileTree) -> list[tuple[str, str | None]]:
    """Root-relative paths a candidate may be: an import is ``x.py`` beside the notebook or a package folder ``x``."""
    if candidate.how != IMPORT:
        path = under_root(folder, candidate.text)
        return [(path, None)] if path else []
    module = under_root(folder, candidate.text + ".py")
    if module and await tree.stat(module) is not None:
        return [(module, "file")]
    package = under_root(folder, candidate.text)
    if package and any(name.endswith(".py") for name in await tree.children(package)):
        return [(package, "folder")]
    return []
