"""A notebook made ready to send: read once in parts, checked, hashed; then its bytes again for the upload.

Blocking (file reads, parsing, hashing): run ``prepare`` in a thread. Memory stays near one part
whatever the notebook's size, except what is kept to send a stripped copy (the notebook without its
outputs, as objects: written out twice, once to hash and size it, once while uploading).
The upload reads the bytes again and checks them as they go (CRC-32, taken with the SHA-256 and
four times cheaper); if they are not the ones the object key was made from (the file was saved
again meanwhile), the stream stops before its last byte, so that OBS never completes a wrong
object under that key.
"""

from __future__ import annotations

import codecs
import hashlib
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import TracebackType
from typing import Protocol

from .notebook_json import JsonParts, Keep, NotJson
from .notebook_strip import KEEP as STRIP_KEEP
from .notebook_strip import NotANotebook, encoded, strip_outputs

PART_BYTES = 256 * 1024
# The checks need the top level only: "cells" (its type) and "nbformat".
CHECK_KEEP = Keep(lambda path: not path or path[0] in ("nbformat", "nbformat_minor"), depth=1)
# Finding the files a notebook reads needs each cell's type and source, never its outputs.
CODE_KEEP = Keep(lambda path: len(path) < 3 or path[0] != "cells" or path[2] in ("cell_type", "source"), depth=3)
KEEP_ALL = Keep(lambda path: True, depth=0)


class Readable(Protocol):
    """What a notebook's bytes are read from: a file opened "rb", a BytesIO, or the stripped copy written out."""

    def read(self, size: int, /) -> bytes: ...

    def close(self) -> None: ...

    def __enter__(self) -> Readable: ...

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None, /) -> object: ...


class NotebookInvalid(ValueError):
    """Not an nbformat 4 notebook (JSON with a "cells" list and "nbformat": 4)."""


class TooLarge(ValueError):
    def __init__(self, size: int):
        super().__init__(size)
        self.size = size


class ChangedWhileSending(ValueError):
    pass


@dataclass
class Prepared:
    size: int  # of what is sent (the stripped copy, or the file)
    original_size: int
    digest: str  # SHA-256 of what is sent, in hex
    crc32: int  # of what is sent: checked while uploading
    stripped: bool
    opener: Callable[[], Readable] = field(repr=False)  # the same bytes again, from the start
    notebook: dict | None = field(default=None, repr=False)  # what ``keep`` built, when reading only

    def upload_stream(self, progress: Callable[[int], None] | None = None) -> UploadStream:
        return UploadStream(self, progress)


def prepare(open_source: Callable[[], Readable], strip: bool, limit: int, change: Callable[[dict], dict] | None = None,
            keep: Keep | None = None) -> Prepared:  # fmt: skip
    """Check the notebook (and strip it if asked), with its size and SHA-256; TooLarge past ``limit`` bytes read.
    ``change``: what is sent is ``change(notebook)`` (a copy with a first cell), held in memory and written out
    as nbformat writes, not the file. ``keep``: only to read the notebook (``read_notebook``), never sent."""
    parser = JsonParts(keep or (STRIP_KEEP if strip else KEEP_ALL if change else CHECK_KEEP))
    decoder = codecs.getincrementaldecoder("utf-8-sig")()  # a leading BOM is allowed, as json.loads(bytes) allows it
    sha256, crc32, size = hashlib.sha256(), 0, 0
    try:
        with open_source() as source:
            while part := source.read(PART_BYTES):
                size += len(part)
                if size > limit:
                    raise TooLarge(size)
                sha256.update(part)
                crc32 = zlib.crc32(part, crc32)
                parser.feed(decoder.decode(part))
        parser.feed(decoder.decode(b"", True))
        notebook = parser.close()
    except (NotJson, UnicodeDecodeError) as error:
        raise NotebookInvalid(str(error)) from None
    if not (isinstance(notebook, dict) and isinstance(notebook.get("cells"), list) and _is_four(notebook.get("nbformat"))):
        raise NotebookInvalid('not an nbformat 4 notebook (a "cells" list and "nbformat": 4)')
    if keep is not None:
        return Prepared(size, size, sha256.hexdigest(), crc32, False, open_source, notebook)
    if not strip and change is None:
        return Prepared(size, size, sha256.hexdigest(), crc32, False, open_source)
    try:
        if strip:
            strip_outputs(notebook)
        if change is not None:
            notebook = change(notebook)
        copy, copy_crc32, copy_size = hashlib.sha256(), 0, 0
        for part in encoded(notebook, PART_BYTES):
            copy.update(part)
            copy_crc32 = zlib.crc32(part, copy_crc32)
            copy_size += len(part)
    except (NotANotebook, RecursionError) as error:
        raise NotebookInvalid(str(error)) from None
    return Prepared(copy_size, size, copy.hexdigest(), copy_crc32, strip, lambda: _PartsReader(encoded(notebook, PART_BYTES)))


def hash_file(open_source: Callable[[], Readable]) -> Prepared:
    """Any file's size, SHA-256 and CRC-32, read in parts; its upload reads it again and checks it (a file sent
    with a notebook)."""
    sha256, crc32, size = hashlib.sha256(), 0, 0
    with open_source() as source:
        while part := source.read(PART_BYTES):
            size += len(part)
            sha256.update(part)
            crc32 = zlib.crc32(part, crc32)
    return Prepared(size, size, sha256.hexdigest(), crc32, False, open_source)


def _is_four(value) -> bool:
    return type(value) is int and value == 4


class _PartsReader:
    """``read(n)`` over an iterator of byte strings."""

    def __init__(self, parts: Iterator[bytes]):
        self._parts, self._part, self._at = parts, memoryview(b""), 0

    def read(self, size: int) -> bytes:
        if self._at >= len(self._part):
            self._part, self._at = memoryview(next(self._parts, b"")), 0
        chunk = bytes(self._part[self._at : self._at + size])
        self._at += len(chunk)
        return chunk

    def close(self) -> None:
        self._part = memoryview(b"")

    def __enter__(self) -> _PartsReader:  # read again like a file (a stripped copy given files, its detection)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


class UploadStream:
    """What the OBS SDK reads while uploading (``read(n)``): the prepared bytes again, checked on the way."""

    def __init__(self, prepared: Prepared, progress: Callable[[int], None] | None):
        self.prepared, self.progress = prepared, progress
        self._source: Readable | None = None  # opened by the first read, in the SDK's thread
        self._crc32, self.sent = 0, 0
        self.failure: ChangedWhileSending | None = None

    def read(self, size: int) -> bytes:
        if self._source is None:
            self._source = self.prepared.opener()
        chunk = self._source.read(size)
        self.sent += len(chunk)
        self._crc32 = zlib.crc32(chunk, self._crc32)
        total = self.prepared.size
        if (self.sent == total and self._crc32 != self.prepared.crc32) or (not chunk and self.sent < total):
            self.failure = ChangedWhileSending()
            raise self.failure  # before the last byte: OBS never completes the object
        if self.progress is not None:
            self.progress(self.sent)
        return chunk

    def close(self) -> None:
        if self._source is not None:
            self._source.close()
