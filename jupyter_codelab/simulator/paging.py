"""ModelArts list pages: ``limit``/``offset`` in, ``{current, data, pages, size, total}`` out.

``size`` is the page size asked for, not the number of rows sent: the tables say "Number of
records on each page" (SDK list_*_response.py: 每一页的数量) and the ListNotebooks example
answers ``"size": 10`` with two rows.
"""

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


def paginate(items: list[dict], params: dict[str, str], default_limit: int, allowed_limits: tuple[int, ...] = ()) -> dict:
    """``offset`` counts records; ``current`` is the 0-based page that offset falls on."""
    limit = _integer(params, "limit", default_limit, 1, 1000)
    if allowed_limits and limit not in allowed_limits:
        choices = ", ".join(map(str, allowed_limits))
        raise invalid_parameter(f"Invalid parameter limit: {limit} is not allowed here; use one of {choices}.")
    offset = _integer(params, "offset", 0, 0, 10**9)
    data = items[offset : offset + limit]
    return {
        "current": offset // limit,
        "data": data,
        "pages": math.ceil(len(items) / limit),
        "size": limit,
        "total": len(items),
    }
