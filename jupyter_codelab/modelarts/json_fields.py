"""Reading ModelArts JSON: the first of several spellings, and the fields a model does not know."""

from __future__ import annotations

from typing import Any


def pick(data: dict, *names: str, default: Any = None) -> Any:
    for name in names:
        if data.get(name) is not None:
            return data[name]
    return default


def rest(data: dict, known: set[str]) -> dict:
    return {k: v for k, v in data.items() if k not in known}


def drop_none(data: dict) -> dict:
    return {k: v for k, v in data.items() if v is not None}
