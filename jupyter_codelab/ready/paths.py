"""Paths in the Jupyter contents tree: '/'-separated, relative to its root, never leaving it.

A notebook names files relative to its own folder (Jupyter starts its kernel there); detection
turns those into root-relative paths, and the added cell turns them back.
"""

from __future__ import annotations

import posixpath

MAX_PATH_CHARS = 1024


def folder_of(notebook_path: str) -> str:
    """The notebook's folder, root-relative ("" at the root)."""
    return posixpath.dirname(notebook_path.strip("/"))


def under_root(folder: str, text: str) -> str | None:
    """``text`` (as a notebook writes it, relative to ``folder``) as a root-relative path, or None when it is
    absolute, names the home folder or a drive, or climbs out of the root (``../../etc/passwd``)."""
    text = text.replace("\\", "/")
    if not text or text.startswith(("/", "~")) or "\x00" in text or len(text) > MAX_PATH_CHARS or _has_drive(text):
        return None
    joined = posixpath.normpath(posixpath.join(folder, text))
    if joined == "." or joined == ".." or joined.startswith("../"):
        return None
    return joined


def root_path(text: str) -> str | None:
    """A root-relative path a person gave (a leading '/' means the root), normalised; None when it leaves the root."""
    return under_root("", text.replace("\\", "/").lstrip("/")) if isinstance(text, str) else None


def is_hidden(path: str) -> bool:
    """A name starting with '.' anywhere in the path (``.env``, ``.git/``, ``.ipynb_checkpoints/``)."""
    return any(part.startswith(".") for part in path.split("/"))


def contains(folder: str, path: str) -> bool:
    """``path`` is ``folder`` itself or lies inside it ("" is the root, which holds everything)."""
    return not folder or path == folder or path.startswith(folder + "/")


def relative_to(path: str, folder: str) -> str:
    """A root-relative ``path`` as the notebook in ``folder`` names it (``../shared/x.csv`` when outside its folder)."""
    return posixpath.relpath(path, folder or ".")


def _has_drive(text: str) -> bool:
    return len(text) >= 2 and text[1] == ":" and text[0].isalpha()
