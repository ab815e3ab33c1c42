"""What detection and selection ask of the files: a ``FileTree``, over a local folder or a Jupyter contents manager.

Paths are root-relative and '/'-separated (``paths``). Three questions, all awaited (a contents manager
may be async; blocking file-system calls run in a thread, never on the server's loop):
- ``stat(path)``: a file (with its size) or a folder, or None when there is nothing there Jupyter shows;
- ``children(path)``: the names in a folder;
- ``resolve(path)``: where the path really is once links are followed, root-relative, or None when a link
  leaves the root (what is outside the root is never read, even through a link inside it).
``walk`` measures a folder on top of them, once for every tree.
"""

from __future__ import annotations

import asyncio
import os
import stat as stat_module
from dataclasses import dataclass, field
from typing import Protocol

from .paths import is_hidden


@dataclass(frozen=True)
class Node:
    kind: str  # "file" | "folder"
    size: int = 0  # a file's bytes (a folder's come from walk)


class FileTree(Protocol):
    async def stat(self, path: str) -> Node | None: ...

    async def children(self, path: str) -> list[str]: ...

    async def resolve(self, path: str) -> str | None: ...


def _resolve_in(root: str, path: str) -> str | None:
    real_root = os.path.realpath(root)
    real = os.path.realpath(os.path.join(real_root, *path.split("/")))
    if real != real_root and not real.startswith(real_root.rstrip(os.sep) + os.sep):
        return None
    relative = os.path.relpath(real, real_root).replace(os.sep, "/")
    return "" if relative == "." else relative


class LocalTree:
    """A folder on this machine as the root (the CLI without a server; tests)."""

    def __init__(self, root: str | os.PathLike):
        self.root = os.fspath(root)

    def _os_path(self, path: str) -> str:
        return os.path.join(self.root, *path.split("/")) if path else self.root

    async def stat(self, path: str) -> Node | None:
        return await asyncio.to_thread(self._stat, path)

    def _stat(self, path: str) -> Node | None:
        try:
            info = os.stat(self._os_path(path))
        except (OSError, ValueError):
            return None
        if stat_module.S_ISDIR(info.st_mode):
            return Node("folder")
        return Node("file", info.st_size) if stat_module.S_ISREG(info.st_mode) else None

    async def children(self, path: str) -> list[str]:
        try:
            return await asyncio.to_thread(os.listdir, self._os_path(path))
        except OSError:
            return []

    async def resolve(self, path: str) -> str | None:
        return await asyncio.to_thread(_resolve_in, self.root, path)


class ContentsTree:
    """What the Jupyter server's contents manager shows (its hidden-file rules included). For a manager of
    local files (``root_dir``), links are followed on disk to keep to the root and to size a linked file."""

    def __init__(self, contents_manager):
        from jupyter_server.services.contents.fileio import FileManagerMixin

        self.cm = contents_manager
        self.root = getattr(contents_manager, "root_dir", None) if isinstance(contents_manager, FileManagerMixin) else None

    async def _get(self, path: str, content: bool, type: str | None = None):
        from jupyter_server.utils import ensure_async
        from tornado import web

        try:
            return await ensure_async(self.cm.get(path, content=content, type=type))
        except (web.HTTPError, OSError, ValueError):  # 404, a hidden file refused, unreadable: nothing Jupyter shows
            return None

    async def stat(self, path: str) -> Node | None:
        model = await self._get(path, content=False)
        if model is None:
            return None
        if model.get("type") == "directory":
            return Node("folder")
        if self.root is not None:  # the model's size is the link's own when the file is a link
            try:
                return Node("file", await asyncio.to_thread(os.path.getsize, os.path.join(self.root, *path.split("/"))))
            except OSError:
                return None
        return Node("file", int(model.get("size") or 0))

    async def children(self, path: str) -> list[str]:
        model = await self._get(path, content=True, type="directory")  # never a file's content
        return [child["name"] for child in (model or {}).get("content") or []]

    async def resolve(self, path: str) -> str | None:
        if self.root is None:
            return path  # no links outside a file system
        return await asyncio.to_thread(_resolve_in, self.root, path)


@dataclass
class Walked:
    size: int = 0
    files: list[tuple[str, int]] = field(default_factory=list)  # (root-relative path, size), in walk order
    outside: list[str] = field(default_factory=list)  # links that leave the root, not followed
    too_many: bool = False  # stopped after max_files files


async def walk(tree: FileTree, folder: str, max_files: int) -> Walked:
    """Every file under ``folder`` (hidden names left out, links leaving the root noted, each real folder once),
    stopping once more than ``max_files`` are found."""
    found = Walked()
    seen: set[str] = set()
    pending = [folder]
    while pending and not found.too_many:
        current = pending.pop()
        real = await tree.resolve(current)
        if real is None or real in seen:
            continue
        seen.add(real)
        for name in sorted(await tree.children(current), reverse=True):
            path = f"{current}/{name}" if current else name
            if is_hidden(name):
                continue
            node = await tree.stat(path)
            if node is None:
                continue
            if await tree.resolve(path) is None:
                found.outside.append(path)
            elif node.kind == "folder":
                pending.append(path)
            else:
                found.files.append((path, node.size))
                found.size += node.size
                if len(found.files) > max_files:
                    found.too_many = True
                    break
    found.files.sort()
    found.outside.sort()
    return found
