"""Small helpers for the server tests: JSON calls through jp_fetch and polling with a deadline."""

import asyncio
import json
import time

from tornado.httpclient import HTTPClientError


async def call(jp_fetch, *path, method="GET", body=None, **kwargs):
    """(status, json) of a CodeLab API call; error statuses are returned, not raised."""
    if body is not None and not isinstance(body, (str, bytes)):
        body = json.dumps(body)
    if method in ("POST", "PATCH") and body is None:
        body = "{}"
    try:
        response = await jp_fetch("codelab", "api", *path, method=method, body=body, **kwargs)
    except HTTPClientError as error:
        return error.code, json.loads(error.response.body) if error.response and error.response.body else None
    return response.code, json.loads(response.body)


async def until(predicate, timeout=15.0, interval=0.05):
    """Await ``predicate()`` (sync or async) becoming truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if asyncio.iscoroutine(value):
            value = await value
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        await asyncio.sleep(interval)


async def open_running(jp_fetch, **body):
    status, notebook = await call(jp_fetch, "notebooks", "open", method="POST", body=body)
    assert status == 200, notebook

    async def running():
        _, nb = await call(jp_fetch, "notebooks", notebook["id"])
        return nb if nb["status"] == "RUNNING" else None

    return await until(running)
