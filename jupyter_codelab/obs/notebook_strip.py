"""A notebook without its outputs, written the way nbformat writes notebooks.

The result is byte for byte what ``nbformat.writes(nbformat.reads(...))`` gives after clearing the
outputs and execution counts (so the same notebook always strips to the same bytes, and the same
object key), but it is built without nbformat's copies: the outputs are never built at all (``KEEP``
for ``notebook_json``), the rest is changed in place, and the JSON is written in parts.
nbformat's rules, from ``nbformat/v4/rwbase.py`` and ``nbjson.py``: multi-line text joined on
reading and split into lines on writing (cell sources; attachments' text, JavaScript and SVG),
transient metadata dropped, keys sorted, one space of indent, no ASCII escaping.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from .notebook_json import Keep

_ENCODER = json.JSONEncoder(indent=1, sort_keys=True, separators=(",", ": "), ensure_ascii=False)
_SPLIT_MIMES = ("application/javascript", "image/svg+xml")
_TRANSIENT_METADATA = ("orig_nbformat", "orig_nbformat_minor", "signature")

# Everything but the outputs of each cell (``cells[i].outputs``), which are checked and dropped.
KEEP = Keep(lambda path: not (len(path) == 3 and path[0] == "cells" and path[2] == "outputs"), depth=3)


class NotANotebook(ValueError):
    pass


def strip_outputs(notebook: dict) -> dict:
    """Clear every code cell's outputs and execution count, and normalise the rest as nbformat does."""
    metadata = notebook.get("metadata")
    if isinstance(metadata, dict):
        for key in _TRANSIENT_METADATA:
            metadata.pop(key, None)
    for cell in notebook["cells"]:
        if not isinstance(cell, dict):
            raise NotANotebook("a cell that is not an object")
        if isinstance(cell.get("metadata"), dict):
            cell["metadata"].pop("trusted", None)
        source = _joined(cell.get("source"))
        if isinstance(source, str):
            cell["source"] = source.splitlines(True)
        attachments = cell.get("attachments")
        if isinstance(attachments, dict):
            for bundle in attachments.values():
                if isinstance(bundle, dict):
                    _split_bundle(bundle)
        if cell.get("cell_type") == "code":
            cell["outputs"], cell["execution_count"] = [], None
    return notebook


def _joined(value):
    if isinstance(value, list) and all(isinstance(line, str) for line in value):
        return "".join(value)
    return value


def _split_bundle(bundle: dict) -> None:
    for mime, value in bundle.items():
        if mime == "application/json" or (mime.startswith("application/") and mime.endswith("+json")):
            continue
        value = _joined(value)
        if isinstance(value, str) and (mime.startswith("text/") or mime in _SPLIT_MIMES):
            value = value.splitlines(True)
        bundle[mime] = value


def encoded(notebook: dict, part_bytes: int) -> Iterator[bytes]:
    """The notebook's JSON, in parts of about ``part_bytes``, ending with a newline."""
    pieces: list[str] = []
    size = 0
    for piece in _ENCODER.iterencode(notebook):
        pieces.append(piece)
        size += len(piece)
        if size >= part_bytes:
            yield _utf8("".join(pieces))
            pieces, size = [], 0
    pieces.append("\n")
    yield _utf8("".join(pieces))


def _utf8(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate ("\ud800" in the JSON): not UTF-8, as nbformat would find too
        raise NotANotebook("a string that is not valid Unicode") from None
