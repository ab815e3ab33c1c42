"""Helpers of the simulator tests: a signed loopback client, a frozen clock, polling."""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass

from tornado.httpclient import AsyncHTTPClient, HTTPRequest

from jupyter_codelab.modelarts.signing import AkSkSigner
from jupyter_codelab.simulator import Clock, Simulator

ALICE = {"access_key": "ALICEACCESSKEY000001", "secret_key": "alice-secret-key", "project_id": "a" * 32}
BOB = {"access_key": "BOBACCESSKEY00000001", "secret_key": "bob-secret-key", "project_id": "b" * 32}
CAROL_PASSWORD = "carol-password-1"
CAROL_PROJECT = "c" * 32
START = 1_700_000_000.0  # the frozen clock's first moment (seconds)


class FrozenClock(Clock):
    """Simulated time that only moves when a test says so: exact lease arithmetic, no sleeps."""

    def now(self) -> float:
        return START + self.offset_seconds


@dataclass
class Reply:
    status: int
    body: object
    headers: dict
    text: str

    @property
    def error_code(self):
        return self.body.get("error_code") if isinstance(self.body, dict) else None


class Api:
    """Calls the simulator over loopback HTTP, signing like the real client does."""

    def __init__(self, sim: Simulator, access_key=None, secret_key=None, project_id=None, token=None, security_token=None):
        self.sim = sim
        self.project_id = project_id
        self.token = token
        signer = AkSkSigner(access_key, secret_key, security_token=security_token, project_id=project_id)
        self.signer = signer if access_key else None

    def url(self, path: str) -> str:
        return self.sim.endpoint + path

    def v1(self, path: str) -> str:
        return f"/v1/{self.project_id}{path}"

    async def call(self, method: str, path: str, body=None, headers=None, sign=True, moment=None, sent_body=None) -> Reply:
        """``sent_body`` (if given) replaces the signed body on the wire: a tampered request."""
        text = "" if body is None else (body if isinstance(body, str) else json.dumps(body))
        wire_headers = {"Content-Type": "application/json", **(headers or {})}
        if self.token:
            wire_headers["X-Auth-Token"] = self.token
        if sign and self.signer:
            wire_headers = self.signer.sign(method, self.url(path), wire_headers, text, moment=moment)
        payload = sent_body if sent_body is not None else text
        has_body = method in ("POST", "PATCH", "PUT") or payload
        request = HTTPRequest(
            self.url(path),
            method=method,
            headers=wire_headers,
            body=payload if has_body else None,
            allow_nonstandard_methods=True,
            request_timeout=30,
        )
        response = await AsyncHTTPClient().fetch(request, raise_error=False)
        raw = response.body.decode("utf-8") if response.body else ""
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = None
        return Reply(response.code, parsed, dict(response.headers), raw)

    async def get(self, path, **kw):
        return await self.call("GET", self.v1(path), **kw)

    async def post(self, path, body=None, **kw):
        return await self.call("POST", self.v1(path), body if body is not None else {}, **kw)

    async def open(self, body=None, **kw) -> Reply:
        return await self.post("/notebooks/open", body, **kw)

    async def control(self, method: str, path: str, body=None) -> Reply:
        plain = Api(self.sim)
        return await plain.call(method, "/_simulator" + path, body, sign=False)


async def wait_for(check, timeout: float = 10.0, interval: float = 0.02):
    """Poll ``await check()`` until it returns something truthy, or fail at the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        result = await check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s (last: {result!r})")
        await asyncio.sleep(interval)


async def open_running(api: Api) -> dict:
    """Open an instance and move the frozen clock until it is RUNNING."""
    opened = await api.open()
    assert opened.status in (200, 201), opened.text
    api.sim.clock.advance(60)
    reply = await api.get(f"/notebooks/{opened.body['id']}")
    assert reply.body["status"] == "RUNNING", reply.text
    return reply.body
