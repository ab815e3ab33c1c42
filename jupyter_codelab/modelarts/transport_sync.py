"""The blocking transport, with ``requests``: for the kernel and the command line only.

One ``requests.Session`` per host (ModelArts, IAM), kept for the client's life: its
connection (and TLS session) carries every call to that host. ``ca_bundle`` (else
``CODELAB_CA_BUNDLE``) is what requests verifies the certificate against.
"""

from __future__ import annotations

import logging
import threading
import time
from urllib.parse import urlsplit

import requests

from . import tls
from .calls import Call, RequestBuilder, Response
from .client_api import ClientOperations
from .credentials import ClientSettings
from .errors import ModelArtsError
from .flows import Flow, RetryPolicy
from .responses import checked, service_of, timed_out, unreachable

log = logging.getLogger("jupyter_codelab.modelarts")


class SyncModelArtsClient(ClientOperations):
    def __init__(
        self,
        settings: ClientSettings,
        connect_timeout: float = 5.0,
        read_timeout: float = 30.0,
        retry: RetryPolicy | None = None,
        session: requests.Session | None = None,
        ca_bundle: str | None = None,
    ):
        self.builder = RequestBuilder(settings)
        self.timeouts = (connect_timeout, read_timeout)
        self.retry = retry or RetryPolicy()
        self.ca_bundle = tls.ca_bundle_from_env(ca_bundle)
        self._given = session  # a caller's session serves every host
        self._sessions: dict[str, requests.Session] = {}
        self._lock = threading.Lock()  # the panel's threads and the magics share one client

    @property
    def session(self) -> requests.Session:
        """The session of the ModelArts endpoint."""
        return self.session_for(self.settings.endpoint)

    def session_for(self, url: str) -> requests.Session:
        if self._given is not None:
            return self._given
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            session = self._sessions.get(key)
            if session is None:
                session = self._sessions[key] = requests.Session()
                session.verify = self.ca_bundle or True
            return session

    def close(self) -> None:
        with self._lock:
            sessions, self._sessions = list(self._sessions.values()), {}
        for session in sessions + ([self._given] if self._given is not None else []):
            session.close()

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

    def probe(self, call: Call) -> Response:
        """One exchange, any status, never retried: what the doctor reads (status, headers, timing)."""
        return self._send_once(call)

    def _send_once(self, call: Call) -> Response:
        req = self.builder.render(call)
        host = urlsplit(req.url).netloc
        if req.url.startswith("https:"):
            tls.check_bundle(self.ca_bundle)  # requests' own error for a missing file is an OSError without the setting's name
        try:
            session = self.session_for(req.url)
            # verify per request: requests lets REQUESTS_CA_BUNDLE in the environment override a session-level verify
            answer = session.request(
                req.method, req.url, headers=req.headers, data=req.body, timeout=self.timeouts, verify=session.verify
            )
        except requests.Timeout:
            raise timed_out(host, self.timeouts[1], service_of(call)) from None
        except requests.exceptions.SSLError as exc:
            raise tls.untrusted(host, self.ca_bundle, _ssl_reason(exc)) from None
        except requests.RequestException as exc:
            raise unreachable(host, _connection_reason(exc), service_of(call)) from None
        return Response(answer.status_code, dict(answer.headers), answer.content)


def _connection_reason(exc: requests.RequestException) -> str:
    """The OS's words (``Connection refused``, ``Name or service not known``) under urllib3's wrapping, else the class name."""
    seen: object = exc
    for _ in range(6):
        if isinstance(seen, OSError) and seen.strerror:
            return seen.strerror
        args = getattr(seen, "args", None)
        seen = getattr(seen, "reason", None) or getattr(seen, "__context__", None) or (args[0] if args else None)
        if not isinstance(seen, BaseException):
            break
    return type(exc).__name__


def _ssl_reason(exc: requests.exceptions.SSLError) -> str:
    """The verify message (``self-signed certificate``...) buried in urllib3's wrapping, else the class name."""
    seen: object = exc
    for _ in range(6):
        message = getattr(seen, "verify_message", None)
        if message:
            return message
        args = getattr(seen, "args", None)
        seen = getattr(seen, "reason", None) or (args[0] if args else None)
        if not isinstance(seen, BaseException):
            break
    return "certificate verify failed" if "CERTIFICATE_VERIFY_FAILED" in str(exc) else type(exc).__name__
