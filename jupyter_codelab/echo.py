"""Values from outside (a request, a file, the configuration) echoed in a sentence or a log line."""

from __future__ import annotations

MAX_ECHO_CHARS = 200


def quoted(value, limit: int = MAX_ECHO_CHARS) -> str:
    """``repr``-like: in quotes, with CR, LF, NUL and other control characters escaped, cut to ``limit``
    characters with an ellipsis, so that no value can forge a log line or fill a message."""
    text = value if isinstance(value, str) else str(value)
    if len(text) > limit:
        text = text[:limit] + "…"
    return repr(text)
