"""A Server-Sent Events parser over chunks of bytes (the part of the SSE spec we need).

Fed the raw chunks of a streaming ``requests`` response, it yields one
``SseMessage`` per blank-line-terminated event; comment lines (``: keepalive``)
are skipped. Lines may end in LF, CRLF or CR, and may be split across chunks.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

_END_OF_LINE = re.compile(r"\r\n|\r|\n")


@dataclass
class SseMessage:
    event: str
    data: str
    id: str | None


def parse_sse(chunks: Iterable[bytes]) -> Iterator[SseMessage]:
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    buffer = ""
    event, last_id = "", None
    data: list[str] = []
    for chunk in chunks:
        buffer += decoder.decode(chunk)
        while True:
            line, buffer, complete = _split_line(buffer)
            if not complete:
                break
            if line == "":
                if data:
                    yield SseMessage(event or "message", "\n".join(data), last_id)
                event, data = "", []
                continue
            if line.startswith(":"):
                continue
            name, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            if name == "event":
                event = value
            elif name == "data":
                data.append(value)
            elif name == "id" and "\0" not in value:
                last_id = value


def _split_line(buffer: str) -> tuple[str, str, bool]:
    match = _END_OF_LINE.search(buffer)
    if match is None or (match.group() == "\r" and match.end() == len(buffer)):
        return "", buffer, False  # no full line yet (a lone CR may be half of a CRLF split across chunks)
    return buffer[: match.start()], buffer[match.end() :], True
