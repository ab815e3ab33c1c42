"""ModelArts list pages: ``limit``/``offset`` in, ``{current, data, pages, size, total}`` out."""

from __future__ import annotations

import math

from .errors import invalid_parameter


def _integer(params: dict[str, str], name: str, default: int, minimum: int, maximum: int) -> int:
    raw = params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise invalid_parameter(f"Invalid parameter {name}: {raw!r} is not an integer.") from None
    if not minimum <= value <= maximum:
        raise invalid_parameter(f"Invalid parameter {name}: {value} is outside {minimum}..{maximum}.")
    return value


def paginate(items: list[dict], params: dict[str, str], default_limit: int) -> dict:
    """``offset`` counts records; ``current`` is the 0-based page that offset falls on."""
    limit = _integer(params, "limit", default_limit, 1, 1000)
    offset = _integer(params, "offset", 0, 0, 10**9)
    data = items[offset : offset + limit]
    return {
        "current": offset // limit,
        "data": data,
        "pages": math.ceil(len(items) / limit),
        "size": len(data),
        "total": len(items),
    }
