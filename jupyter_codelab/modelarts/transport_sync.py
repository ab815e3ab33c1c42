"""The blocking transport, with ``requests``: for the kernel and the command line only."""

from __future__ import annotations

import logging
import time
from urllib.parse import urlsplit

import requests

from .calls import Call, RequestBuilder, Response
from .client_api import ClientOperations
from .credentials import ClientSettings
from .errors import ModelArtsError
from .flows import Flow, RetryPolicy
from .responses import checked, timed_out, unreachable

log = logging.getLogger("jupyter_codelab.modelarts")


class SyncModelArtsClient(ClientOperations):
    def __init__(
        self,
        settings: ClientSettings,
        connect_timeout: float = 5.0,
        read_timeout: float = 30.0,
        retry: RetryPolicy | None = None,
        session: requests.Session | None = None,
    ):
        self.builder = RequestBuilder(settings)
        self.timeouts = (connect_timeout, read_timeout)
        self.retry = retry or RetryPolicy()
        self.session = session or requests.Session()

    def close(self) -> None:
        self.session.close()

    def _run(self, flow: Flow):
        try:
            call = next(flow)
            while True:
                try:
                    response = self._send(call)
                except ModelArtsError as error:
                    call = flow.throw(error)
                else:
                    call = flow.send(response)
        except StopIteration as done:
            return done.value

    def _send(self, call: Call) -> Response:
        attempt = 0
        while True:
            attempt += 1
            try:
                return checked(self._send_once(call))
            except ModelArtsError as error:
                delay = self.retry.delay(call, error, attempt)
                if delay is None:
                    raise
                log.info("ModelArts %s: %s; retry %d in %.2f s", call.route, error.error_code or error.status, attempt, delay)
                time.sleep(delay)

    def _send_once(self, call: Call) -> Response:
        req = self.builder.render(call)
        host = urlsplit(req.url).netloc
        try:
            answer = self.session.request(req.method, req.url, headers=req.headers, data=req.body, timeout=self.timeouts)
        except requests.Timeout:
            raise timed_out(host, self.timeouts[1]) from None
        except requests.RequestException as exc:
            raise unreachable(host, type(exc).__name__) from None
        return Response(answer.status_code, dict(answer.headers), answer.content)
