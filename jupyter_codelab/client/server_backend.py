"""``ServerBackend``: the server extension's REST API with ``requests`` (contracts.md section 2).

The token is either the kernel token the extension hands to its kernels
(``CODELAB_API_TOKEN``) or a Jupyter server token: both go in
``Authorization: token ...``, which also spares us the XSRF cookie.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from urllib.parse import quote, urlsplit

import requests

from jupyter_codelab.client.backend import Backend, EventStream
from jupyter_codelab.client.errors import CodeLabError, ConnectionLost, LoginRefused
from jupyter_codelab.client.sse import parse_sse
from jupyter_codelab.i18n import _, process_language
from jupyter_codelab.modelarts.events import EVENT_RECONNECTING, event_json, vanished_event
from jupyter_codelab.modelarts.states import TERMINAL_EVENTS

CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 60.0  # opening waits for ModelArts' answer, which can take a while
STREAM_READ_TIMEOUT = 45.0  # the server sends a keepalive at least every 15 s
RECONNECT_DELAYS = (0.5, 1, 2, 4, 8)


class ServerBackend(Backend):
    sends_notebooks = True

    def __init__(self, api_url: str, token: str):
        self.api_url = api_url if api_url.endswith("/") else api_url + "/"
        self.session = requests.Session()
        # The server answers a kernel or the CLI in the language of this process (i18n.server_language).
        language = process_language().replace("_", "-")
        self.session.headers.update(
            {"Authorization": f"token {token}", "Accept": "application/json", "Accept-Language": language}
        )
        # Our own server on loopback: never through an HTTP proxy from the environment.
        self.session.trust_env = not _is_loopback(self.api_url)

    @classmethod
    def for_jupyter_server(cls, server_url: str, token: str) -> ServerBackend:
        """Talk to a running Jupyter server (``http://host:port/base/``) with its login token."""
        base = server_url if server_url.endswith("/") else server_url + "/"
        return cls(base + "codelab/api/", token)

    def where(self) -> str:
        return f"the Jupyter server at {self._server_url()}"

    def where_text(self) -> str:
        return _("the Jupyter server at {url}").format(url=self._server_url())

    def _server_url(self) -> str:
        return self.api_url.rsplit("codelab/api/", 1)[0]

    def _request(self, method: str, path: str, body: dict | None) -> requests.Response:
        try:
            return self.session.request(method, self.api_url + path, json=body, timeout=(CONNECT_TIMEOUT, READ_TIMEOUT))
        except requests.RequestException as exc:
            raise ConnectionLost(
                _("Cannot reach {server} ({reason}): check that it is still running.").format(
                    server=self.where_text(), reason=type(exc).__name__
                )
            ) from None

    def _call(self, method: str, path: str, body: dict | None = None, allow_404: bool = False):
        response = self._request(method, path, body)
        if allow_404 and response.status_code == 404 and _json(response) is not None:
            return None
        if response.status_code >= 400:
            raise CodeLabError.from_server_answer(response.status_code, _json(response), self.where_text())
        data = _json(response)
        if data is None:
            raise self._not_json(response)
        return data

    def config(self) -> dict:
        return self._call("GET", "config")

    def images(self) -> dict:
        return self._call("GET", "images")

    def open(self, image_id=None, share_url=None) -> dict:
        body = {k: v for k, v in (("image_id", image_id), ("share_url", share_url)) if v}
        return self._call("POST", "notebooks/open", body)

    def current(self) -> dict | None:
        return self._call("GET", "notebooks/current", allow_404=True)

    def notebook(self, notebook_id: str) -> dict:
        return self._call("GET", f"notebooks/{_segment(notebook_id)}")

    def lease(self, notebook_id: str) -> dict:
        return self._call("GET", f"notebooks/{_segment(notebook_id)}/lease")

    def extend(self, notebook_id: str, duration_ms: int) -> dict:
        return self._call("PATCH", f"notebooks/{_segment(notebook_id)}/lease", {"duration_ms": int(duration_ms)})

    def stop(self, notebook_id: str) -> dict:
        return self._call("POST", f"notebooks/{_segment(notebook_id)}/stop", {})

    def start(self, notebook_id: str, hours=None, no_auto_stop: bool = False) -> dict:
        body = {"duration_ms": -1} if no_auto_stop else {"hours": hours} if hours else {}
        return self._call("POST", f"notebooks/{_segment(notebook_id)}/start", body)

    def events(self, notebook_id: str) -> EventStream:
        return ServerEventStream(self, notebook_id)

    def doctor(self) -> dict:
        return self._call("GET", "doctor")

    def preview_send(self, path: str, strip_outputs: bool = False, files: list[str] | None = None) -> dict:
        body: dict = {"path": path, "strip_outputs": strip_outputs}
        if files:
            body["files"] = files
        return self._call("POST", "send/preview", body)

    def start_send(self, path: str, strip_outputs: bool = False, create_bucket: bool = False, open_instance: bool = True,
                   image_id: str | None = None, files: list[str] | None = None) -> dict:  # fmt: skip
        body: dict = {"path": path, "strip_outputs": strip_outputs, "create_bucket": create_bucket, "open": open_instance}
        if files:
            body["files"] = files
        if image_id:
            body["image_id"] = image_id
        return self._call("POST", "send", body)

    def send_job(self, job_id: str) -> dict:
        return self._call("GET", f"send/jobs/{_segment(job_id)}")

    def open_repository(self, share_url: str, image_id: str | None = None, create_bucket: bool = False) -> dict:
        body: dict = {"share_url": share_url, "with_repository": True, "create_bucket": create_bucket}
        if image_id:
            body["image_id"] = image_id
        return self._call("POST", "notebooks/open", body)

    def login(self, body: dict) -> dict:
        """``POST credentials``: the server checks the keys and switches at once; returns its config."""
        return self._credentials("POST", "credentials", body)

    def logout(self, forget: bool = False) -> dict:
        return self._credentials("DELETE", "credentials?forget=true" if forget else "credentials", None)

    def _credentials(self, method: str, path: str, body: dict | None) -> dict:
        response = self._request(method, path, body)
        data = _json(response)
        if response.status_code >= 400:
            error = CodeLabError.from_server_answer(response.status_code, data, self.where_text())
            field = data.get("field") if isinstance(data, dict) else None
            raise LoginRefused(error.message, error.status, error.error_code, error.error_msg, field)
        if data is None:
            raise self._not_json(response)
        return data

    def _not_json(self, response) -> CodeLabError:
        return CodeLabError(
            _("{server} sent an answer that is not JSON (HTTP {status_code}).").format(
                server=self.where_text(), status_code=response.status_code
            )
        )

    def close(self) -> None:
        self.session.close()


class ServerEventStream(EventStream):
    """The SSE stream, resumed with ``Last-Event-ID`` whenever the connection drops."""

    def __init__(self, backend: ServerBackend, notebook_id: str):
        super().__init__()
        self.backend = backend
        self.url = backend.api_url + f"notebooks/{_segment(notebook_id)}/events"
        self.last_event_id: str | None = None
        self._response: requests.Response | None = None

    def __iter__(self) -> Iterator[dict]:
        failures = 0
        while not self.closed.is_set():
            try:
                for event in self._read_once():
                    failures = 0
                    yield event
                    if event.get("type") in TERMINAL_EVENTS:
                        return
            except (ConnectionLost, requests.RequestException, OSError, ValueError) as exc:
                if self.closed.is_set():
                    return
                yield from self._pause(failures, exc)  # dropped, server restarting, proxy trouble: resume
                failures += 1
            except CodeLabError as exc:
                if self.closed.is_set():
                    return
                if exc.not_found:  # the instance was gone before the stream started
                    yield vanished_event(None)
                    return
                raise
            else:
                self.closed.wait(0.5)  # the server ended the stream without a final event: resume it

    def _pause(self, failures: int, exc: Exception) -> Iterator[dict]:
        delay = RECONNECT_DELAYS[min(failures, len(RECONNECT_DELAYS) - 1)]
        yield event_json(
            EVENT_RECONNECTING,
            None,
            [],
            _("Lost the event stream ({reason}); reconnecting in {delay:g} s.").format(reason=type(exc).__name__, delay=delay),
        )
        self.closed.wait(delay)

    def _read_once(self) -> Iterator[dict]:
        headers = {"Accept": "text/event-stream"}
        if self.last_event_id:
            headers["Last-Event-ID"] = self.last_event_id
        response = self.backend.session.get(
            self.url, headers=headers, stream=True, timeout=(CONNECT_TIMEOUT, STREAM_READ_TIMEOUT)
        )
        self._response = response
        try:
            if response.status_code >= 500:
                raise ConnectionLost(
                    _("{server} answered HTTP {status_code} to the event stream.").format(
                        server=self.backend.where_text(), status_code=response.status_code
                    ),
                    response.status_code,
                )
            if response.status_code >= 400:
                raise CodeLabError.from_server_answer(response.status_code, _json(response), self.backend.where_text())
            for message in parse_sse(response.iter_content(chunk_size=None)):
                if message.id:
                    self.last_event_id = message.id
                event = _decode_event(message)
                if event is not None:
                    yield event
        finally:
            self._response = None
            response.close()

    def close(self) -> None:
        super().close()
        response = self._response
        if response is not None:
            _shutdown_socket(response)


def _decode_event(message) -> dict | None:
    try:
        event = json.loads(message.data)
    except ValueError:
        return None
    if not isinstance(event, dict):
        return None
    event.setdefault("type", message.event)
    event.setdefault("id", message.id)
    event.setdefault("changed", [])
    event.setdefault("message", "")
    return event


def _shutdown_socket(response: requests.Response) -> None:
    """Wake a thread blocked reading the stream (closing the file alone does not)."""
    raw = response.raw
    sock = getattr(getattr(raw, "_connection", None), "sock", None)
    if sock is None:
        fp = getattr(getattr(raw, "_fp", None), "fp", None)
        sock = getattr(getattr(fp, "raw", None), "_sock", None)
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _json(response: requests.Response):
    try:
        return response.json()
    except ValueError:
        return None


def _is_loopback(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host == "localhost" or host == "::1" or host.startswith("127.")


def _segment(notebook_id: str) -> str:
    return quote(str(notebook_id), safe="")
