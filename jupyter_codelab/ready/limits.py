"""How much may travel with one notebook, and the error that says so.

The defaults of the server's settings (``c.CodeLab.send_files_limit_mb``, ``c.CodeLab.send_files_max_count``)
are written here once; a folder counts every file in it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import _

MB = 1024 * 1024
SEND_FILES_LIMIT_MB = 500
SEND_FILES_MAX_COUNT = 500


class FilesError(ValueError):
    """Bad ``files`` input (like the server's ``BadInput``: a field and a sentence; the server answers 400)."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)


@dataclass(frozen=True)
class FileLimits:
    limit_mb: float = SEND_FILES_LIMIT_MB
    max_count: int = SEND_FILES_MAX_COUNT

    @property
    def max_bytes(self) -> int:
        return int(self.limit_mb * MB)


DEFAULT_LIMITS = FileLimits()


def megabytes(size: int) -> str:
    """``12.3 MB`` (MB of 1024 x 1024 bytes, as the limits count them)."""
    return f"{size / MB:.1f} MB"


def check_limits(total_bytes: int, count: int, limits: FileLimits = DEFAULT_LIMITS) -> None:
    """Raise ``FilesError`` (field ``files``) with the figures when the chosen files are over either limit."""
    if count > limits.max_count:
        raise FilesError(
            "files",
            _(
                "files: the files chosen are {count} files, over the limit of {limit} files; choose fewer files or smaller "
                "folders (the limit is c.CodeLab.send_files_max_count)."
            ).format(count=count, limit=limits.max_count),
        )
    if total_bytes > limits.max_bytes:
        raise FilesError(
            "files",
            _(
                "files: the files chosen add up to {size}, over the limit of {limit}; choose fewer or smaller files "
                "(the limit is c.CodeLab.send_files_limit_mb)."
            ).format(size=megabytes(total_bytes), limit=megabytes(limits.max_bytes)),
        )
