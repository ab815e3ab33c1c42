"""The non-blocking transport, on kept-alive connections (``keepalive.KeepAlivePool``): for the server extension."""

from __future__ import annotations

import asyncio
import logging
from functools import partial
from urllib.parse import urlsplit

from . import tls
from .calls import Call, RequestBuilder, Response
from .client_api import ClientOperations
from .credentials import ClientSettings
from .errors import ModelArtsError
from .flows import Flow, RetryPolicy
from .keepalive import ConnectionFailed, KeepAlivePool
from .responses import checked, service_of, timed_out, unreachable

log = logging.getLogger("jupyter_codelab.modelarts")


class AsyncModelArtsClient(ClientOperations):
    def __init__(
        self,
        settings: ClientSettings,
        connect_timeout: float = 5.0,
        request_timeout: float = 30.0,
        retry: RetryPolicy | None = None,
        max_clients: int = 64,
        ca_bundle: str | None = None,
    ):
        self.builder = RequestBuilder(settings)
        self.connect_timeout = connect_timeout
        self.request_timeout = request_timeout
        self.retry = retry or RetryPolicy()
        self.ca_bundle = tls.ca_bundle_from_env(ca_bundle)
        # The TLS context is made at the first HTTPS call, so an unreadable ca_bundle is a 503 sentence, not a crash.
        self.http = KeepAlivePool(partial(tls.client_context, self.ca_bundle), max_connections=max_clients)

    def close(self) -> None:
        self.http.close()

    async def _run(self, flow: Flow):
        try:
            call = next(flow)
            while True:
                try:
                    response = await self._send(call)
                except ModelArtsError as error:
                    call = flow.throw(error)
                else:
                    call = flow.send(response)
        except StopIteration as done:
            return done.value

    async def _send(self, call: Call) -> Response:
        attempt = 0
        while True:
            attempt += 1
            try:
                return checked(await self._send_once(call))
            except ModelArtsError as error:
                delay = self.retry.delay(call, error, attempt)
                if delay is None:
                    raise
                log.info("ModelArts %s: %s; retry %d in %.2f s", call.route, error.error_code or error.status, attempt, delay)
                await asyncio.sleep(delay)

    async def probe(self, call: Call) -> Response:
        """One exchange, any status, never retried: what the doctor reads (status, headers, timing)."""
        return await self._send_once(call)

    async def _send_once(self, call: Call) -> Response:
        req = self.builder.render(call)
        host = urlsplit(req.url).netloc
        try:
            answer = await self.http.fetch(req.method, req.url, req.headers, req.body, self.connect_timeout, self.request_timeout)
        except TimeoutError:
            raise timed_out(host, self.request_timeout, service_of(call)) from None
        except ConnectionFailed as exc:
            if exc.tls_error is not None:
                raise tls.untrusted(host, self.ca_bundle, getattr(exc.tls_error, "verify_message", None) or exc.reason) from None
            raise unreachable(host, exc.reason, service_of(call)) from None
        except OSError as exc:
            raise unreachable(host, type(exc).__name__, service_of(call)) from None
        return Response(answer.status, dict(answer.headers.get_all()), answer.body)
