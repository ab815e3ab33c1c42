"""A tool the browser, hub or binder tests need is missing: skip on a laptop, fail under CI.

Under ``CI=true`` a missing Chromium, node or configurable-http-proxy is a failure, so CI can
never go green with those tests silently skipped.
"""

from __future__ import annotations

import os

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def tool_missing(reason: str) -> None:
    """Skip the test (fail it under CI) because ``reason``; never returns."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: a missing tool fails the run instead of skipping it)", pytrace=False)
    pytest.skip(reason)
