"""The non-blocking transport, on tornado's AsyncHTTPClient: for the server extension."""

from __future__ import annotations

import asyncio
import logging
from urllib.parse import urlsplit

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.simple_httpclient import HTTPTimeoutError

from .calls import Call, RequestBuilder, Response
from .client_api import ClientOperations
from .credentials import ClientSettings
from .errors import ModelArtsError
from .flows import Flow, RetryPolicy
from .responses import checked, timed_out, unreachable

log = logging.getLogger("jupyter_codelab.modelarts")


class AsyncModelArtsClient(ClientOperations):
    def __init__(
        self,
        settings: ClientSettings,
        connect_timeout: float = 5.0,
        request_timeout: float = 30.0,
        retry: RetryPolicy | None = None,
        max_clients: int = 64,
    ):
        self.builder = RequestBuilder(settings)
        self.connect_timeout = connect_timeout
        self.request_timeout = request_timeout
        self.retry = retry or RetryPolicy()
        # Our own client instance: the shared default one allows only 10 requests at once.
        self.http = AsyncHTTPClient(force_instance=True, max_clients=max_clients)

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

    async def _send_once(self, call: Call) -> Response:
        req = self.builder.render(call)
        host = urlsplit(req.url).netloc
        request = HTTPRequest(
            req.url,
            method=req.method,
            headers=req.headers,
            body=req.body if req.body is not None else (b"" if req.method in ("POST", "PATCH", "PUT") else None),
            connect_timeout=self.connect_timeout,
            request_timeout=self.request_timeout,
            decompress_response=True,
        )
        try:
            answer = await self.http.fetch(request, raise_error=False)
        except HTTPTimeoutError:
            raise timed_out(host, self.request_timeout) from None
        except HTTPClientError as exc:  # 599 without an answer: refused, reset, closed
            raise unreachable(host, exc.message or "no answer") from None
        except (OSError, asyncio.TimeoutError) as exc:
            raise unreachable(host, type(exc).__name__) from None
        return Response(answer.code, dict(answer.headers.get_all()), answer.body or b"")
