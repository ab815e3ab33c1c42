"""The documented example answers in fixtures/ (a module of its own: every test directory has a ``conftest``)."""

from __future__ import annotations

import json
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def example(name: str) -> dict:
    """A documented example answer: ``{"_source", "_status", "body"}``."""
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
