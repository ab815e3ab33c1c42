"""JSON checked in parts, keeping only what the caller asks for: never the whole text, nor every object, at once.

``json.loads`` needs the whole text and then builds every object: for a 100 MB notebook that is
the bytes, the text and the objects at the same time. Here the text comes in parts. Every value
that ends inside the part at hand goes to the json module's own C scanner; only the values that
cross the end of a part (the objects and arrays around that point, and a long string) are walked
here, a token at a time, and a long string is checked piece by piece with json's ``scanstring``.
The language accepted is ``json.loads``'s: NaN and Infinity too, control characters in strings not.

``Keep`` says which values are built: one that is not is still checked, and stands in its parent
as an empty value of its type (``[]``, ``{}``, ``""``), so that the caller still sees its type.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
import re
from collections.abc import Callable
from dataclasses import dataclass

WHITESPACE = re.compile(r"[ \t\n\r]*")
MAX_DEPTH = 500  # objects and arrays open across parts (json.loads itself stops near 1,000)
MAX_CARRY = 64 * 1024  # a key or a literal longer than this across parts is not taken
BATCH_CHARS = 256 * 1024  # members of a long array or object taken at once by the C scanner
_DROPPED = object()  # an object or array that is checked but not built
# The stdlib's own C scanner and string reader (what json.loads uses); typeshed does not declare them.
_scan_once = json.scanner.make_scanner(json.JSONDecoder())  # type: ignore[arg-type]
_scanstring = json.decoder.scanstring  # type: ignore[attr-defined]


class NotJson(ValueError):
    """The text is not JSON (the message says what was found where)."""


@dataclass(frozen=True)
class Keep:
    """Which values to build, by path (keys and indexes from the top); below ``depth`` all of them."""

    wanted: Callable[[tuple], bool]
    depth: int


class _Frame:
    __slots__ = ("kind", "value", "path", "key", "count", "state", "unbatched")

    def __init__(self, kind: str, value, path: tuple):
        self.kind, self.value, self.path = kind, value, path
        self.key: str | None = None
        self.count = 0
        self.state = "first"  # object: first, key, colon, value, next; array: first, value, next
        self.unbatched = -1  # the part in which taking members in a batch failed (not tried again there)


def _empty(value):
    return type(value)() if isinstance(value, (dict, list, str)) else value


class JsonParts:
    """``feed`` the text part by part, then ``close`` for the value."""

    def __init__(self, keep: Keep):
        self.keep = keep
        self.stack: list[_Frame] = []
        self.carry = ""
        self.result = None
        self.done = False
        self.string: list[str] | None = None  # the pieces of a kept string that crosses parts
        self.in_string = False
        self.offset = 0  # characters before the current part, for the messages
        self.parts = 0

    def feed(self, text: str, final: bool = False) -> None:
        buf = self.carry + text if self.carry else text
        self.parts += 1
        stopped = self._run(buf, final)
        self.offset += stopped
        self.carry = buf[stopped:]
        if len(self.carry) > MAX_CARRY:
            raise NotJson(f"a token longer than {MAX_CARRY} characters at character {self.offset}")

    def close(self):
        self.feed("", final=True)
        if not self.done or self.carry.strip():
            raise NotJson(f"the text ends early, at character {self.offset}")
        return self.result

    # -- the walk -------------------------------------------------------------------------------
    def _run(self, buf: str, final: bool) -> int:
        """Where processing stopped: the rest waits for the next part."""
        n, i, limit = len(buf), 0, len(buf)  # limit: the C scanner looks no further (a known crossing)
        while True:
            if self.in_string:
                i = self._string_piece(buf, i, final)
                if self.in_string:
                    return i
                continue
            i = WHITESPACE.match(buf, i).end()  # type: ignore[union-attr]  # [ \t\n\r]* matches anywhere
            if i >= n:
                return i
            if self.done:
                raise NotJson(f"extra data at character {self.offset + i}")
            frame = self.stack[-1] if self.stack else None
            state = frame.state if frame else "value"
            char = buf[i]
            if (
                frame is not None
                and frame.unbatched != self.parts
                and state in ("first", "key" if frame.kind == "{" else "value")
            ):
                i = self._batch(frame, buf, i)
                continue
            if frame is not None and state in ("first", "next") and char == ("}" if frame.kind == "{" else "]"):
                self._close_frame()
                i += 1
            elif frame is not None and state == "next":
                if char != ",":
                    raise NotJson(f"expected ',' at character {self.offset + i}")
                frame.state = "key" if frame.kind == "{" else "value"
                i += 1
            elif frame is not None and frame.kind == "{" and state in ("first", "key"):
                if char != '"':
                    raise NotJson(f"expected a key at character {self.offset + i}")
                try:
                    frame.key, i = _scanstring(buf, i + 1, True)
                except ValueError:
                    if final or n - i > MAX_CARRY:
                        raise NotJson(f"a bad key at character {self.offset + i}") from None
                    return i  # a key cut by the end of the part
                frame.state = "colon"
            elif frame is not None and state == "colon":
                if char != ":":
                    raise NotJson(f"expected ':' at character {self.offset + i}")
                frame.state = "value"
                i += 1
            else:
                if i >= limit:
                    known, limit = i == limit and limit < n, n
                else:
                    known = False
                stop = self._value(buf, i, final, limit, known)
                if stop is None:
                    return i
                i, limit = stop

    def _value(self, buf: str, i: int, final: bool, limit: int, known: bool) -> tuple[int, int] | None:
        """One value at ``i``: (where it or its first token ends, the new limit), or None to wait for more text."""
        frame = self.stack[-1] if self.stack else None
        path = () if frame is None else frame.path + ((frame.key,) if frame.kind == "{" else (frame.count,))
        kept = (frame is None or frame.value is not _DROPPED) and self.keep.wanted(path)
        if not known:
            failed_at = None
            try:
                if limit == len(buf):
                    value, end = _scan_once(buf, i)
                else:
                    value, end = _scan_once(buf[i:limit], 0)
                    end += i
                if not final and end + 2 >= len(buf) and type(value) in (int, float):
                    return None  # "1." or "1e+" cut by the end of the part: the number may go on
                if end < limit or (final and end == len(buf)):
                    self._attach(self._prune(path, value) if kept else value, kept)
                    return end, limit
            except StopIteration:
                pass
            except json.JSONDecodeError as error:
                failed_at = error.pos + (0 if limit == len(buf) else i)
            except (ValueError, RecursionError):  # a number over Python's digit limit; deep nesting
                pass
            if failed_at is not None and i < failed_at < limit:
                limit = failed_at  # what starts there crosses the end (or is wrong): the scanner stops before it
        char = buf[i]
        if char in "{[":
            if len(self.stack) >= MAX_DEPTH:
                raise NotJson(f"nested more than {MAX_DEPTH} deep at character {self.offset + i}")
            self.stack.append(_Frame(char, ({} if char == "{" else []) if kept else _DROPPED, path))
            return i + 1, limit
        if char == '"':
            self.in_string, self.string = True, ([] if kept else None)
            return i + 1, limit
        if not final and len(buf) - i < 64:
            return None  # a number or a literal cut by the end of the part
        raise NotJson(f"expected a value at character {self.offset + i}")

    def _string_piece(self, buf: str, i: int, final: bool) -> int:
        """The next piece of a string that crossed the end of a part; returns where it stopped."""
        cut = len(buf) if final else _safe_cut(buf, i)
        piece = '"' + buf[i:cut] + '"'
        try:
            value, end = _scanstring(piece, 1, True)
        except ValueError as error:
            raise NotJson(f"a bad string near character {self.offset + i}: {error.msg}") from None  # type: ignore[attr-defined]
        if self.string is not None:
            self.string.append(value)
        if end == len(piece):  # closed by our own quote: it goes on in the next part
            if final:
                raise NotJson(f"a string that never ends, at character {self.offset + i}")
            return cut
        parts, self.string, self.in_string = self.string, None, False
        if parts is None:
            self._attach("", kept=False)
        else:
            text = "".join(parts)
            if len(parts) > 1:  # a surrogate pair escaped across two pieces becomes one character again
                text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
            self._attach(text, kept=True)
        return i + end - 1

    def _close_frame(self) -> None:
        frame = self.stack.pop()
        kept = frame.value is not _DROPPED
        self._attach(frame.value if kept else ({} if frame.kind == "{" else []), kept)

    def _attach(self, value, kept: bool) -> None:
        """A finished value into its parent (an empty one of its type when it was not kept)."""
        if not kept:
            value = _empty(value)
        frame = self.stack[-1] if self.stack else None
        if frame is None:
            self.result, self.done = value, True
            return
        if frame.value is not _DROPPED:
            if frame.kind == "{":
                frame.value[frame.key] = value
            else:
                frame.value.append(value)
        frame.count += 1
        frame.state = "next"

    def _batch(self, frame: _Frame, buf: str, i: int) -> int:
        """Members of a long array or object up to a comma, parsed at once by the C scanner (most of a long
        list of numbers or of records); where that fails, the members go one by one for the rest of this part."""
        comma = buf.rfind(",", i, i + BATCH_CHARS)
        closer = "]" if frame.kind == "[" else "}"
        try:
            members, end = _scan_once(frame.kind + buf[i:comma] + closer, 0) if comma > i else (None, -1)
        except (StopIteration, ValueError, RecursionError):
            members, end = None, -1
        if members is None or end != comma - i + 2:
            frame.unbatched = self.parts
            return i
        if frame.value is _DROPPED:
            frame.count += len(members)
        else:
            for key, value in members.items() if frame.kind == "{" else enumerate(members):
                path = frame.path + ((key,) if frame.kind == "{" else (frame.count,))
                value = self._prune(path, value) if self.keep.wanted(path) else _empty(value)
                if frame.kind == "{":
                    frame.value[key] = value
                else:
                    frame.value.append(value)
                frame.count += 1
        frame.state = "key" if frame.kind == "{" else "value"
        return comma + 1

    def _prune(self, path: tuple, value):
        """A value the C scanner built whole, without what ``keep`` leaves out."""
        if not self.keep.wanted(path):
            return _empty(value)
        if len(path) < self.keep.depth:
            if isinstance(value, dict):
                for key in value:
                    value[key] = self._prune((*path, key), value[key])
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    value[index] = self._prune((*path, index), item)
        return value


def _safe_cut(buf: str, start: int) -> int:
    """Where a piece of a string may end: never inside an escape (``\\n``, ``\\u00e9``)."""
    last = buf.rfind("\\", max(start, len(buf) - 6))
    if last < 0:
        return len(buf)
    first = last
    while first > start and buf[first - 1] == "\\":
        first -= 1
    return last if (last - first) % 2 == 0 else len(buf)  # an odd run: the last backslash starts an escape
