"""Polling with a deadline: tests wait for conditions, never for fixed amounts of time."""

from __future__ import annotations

import asyncio
import time


def wait_for(predicate, timeout: float = 30.0, interval: float = 0.05, what: str = "the condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


async def async_wait_for(predicate, timeout: float = 30.0, interval: float = 0.05, what: str = "the condition"):
    """Like ``wait_for``; ``predicate`` is blocking and runs in a thread (the server shares our loop)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = await asyncio.to_thread(predicate)
        if value:
            return value
        await asyncio.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")
