"""``DirectBackend``: the core's sync client straight to ModelArts (or a simulator).

Used when no server extension started this process. Credentials come from the
same lookup as the server's (env ``HUAWEICLOUD_SDK_*``, ``~/.huaweicloud/credentials``)
and ``CODELAB_ENDPOINT`` points it at a simulator. Events come from polling the
instance, turned into the server's event types by ``modelarts.events``.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterator, Mapping
from urllib.parse import urlsplit

from jupyter_codelab.client.backend import Backend, EventStream
from jupyter_codelab.client.errors import CodeLabError, NoCredentials
from jupyter_codelab.i18n import N_, _
from jupyter_codelab.modelarts.credentials import ClientSettings, ConfigError, find_configuration
from jupyter_codelab.modelarts.errors import ModelArtsError
from jupyter_codelab.modelarts.events import (
    EVENT_SNAPSHOT,
    EVENT_UPSTREAM_ERROR,
    classify,
    event_json,
    event_message,
    gone,
    vanished_event,
)
from jupyter_codelab.modelarts.limits import HOUR_MS, NO_AUTO_STOP_MS
from jupyter_codelab.modelarts.models import Notebook
from jupyter_codelab.modelarts.poll_policy import Poller, PollPolicy, Verdict
from jupyter_codelab.modelarts.states import TERMINAL_EVENTS

# The server watcher's timing, but a kernel or the CLI reads ModelArts on its own: a stopped
# instance every 10 s (our own start wakes the stream at once), and a 401 or 403 ends the stream.
DIRECT_POLL = PollPolicy(idle=10.0, keep_trying=False)
_CLOUD_DOMAINS = (".myhuaweicloud.com", ".myhuaweicloud.cn", ".huaweicloud.com", ".t-systems.com")

NO_CREDENTIALS = N_(
    "No ModelArts credentials found: set HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK and HUAWEICLOUD_SDK_PROJECT_ID "
    "(or write ~/.huaweicloud/credentials), run this inside a Jupyter server that has the jupyter-codelab "
    "extension, or start a simulator with `jupyter codelab simulate` and set CODELAB_ENDPOINT to it."
)


def settings_from_env(env: Mapping[str, str] | None = None) -> ClientSettings:
    """This process's settings (``find_configuration``); what the configuration leaves out comes from IAM, once per
    process. NoCredentials when nothing is configured, CodeLabError with the sentence when it cannot be used."""
    from jupyter_codelab.modelarts.transport_sync import SyncModelArtsClient

    try:
        configured = find_configuration(env=env)
    except ConfigError as exc:
        raise CodeLabError(str(exc)) from None
    if configured is None:
        raise NoCredentials(_(NO_CREDENTIALS))
    if configured.complete:
        return configured.settings()
    client = SyncModelArtsClient(configured.provisional())
    try:
        return client.locate(configured)
    except ModelArtsError as exc:
        raise CodeLabError.from_modelarts(exc) from None
    finally:
        client.close()


def is_simulated_endpoint(endpoint: str) -> bool:
    """Anything that is not a Huawei Cloud host is a simulator (the default, loopback, a test)."""
    host = (urlsplit(endpoint).hostname or "").lower()
    return not host.endswith(_CLOUD_DOMAINS)


class DirectBackend(Backend):
    def __init__(self, settings: ClientSettings, client=None):
        from jupyter_codelab.modelarts.transport_sync import SyncModelArtsClient

        self.settings = settings
        self.simulated = is_simulated_endpoint(settings.endpoint)
        self.client = client or SyncModelArtsClient(settings)
        self._streams: weakref.WeakSet = weakref.WeakSet()

    def _changed(self, notebook_id: str) -> None:
        # An action through this backend: followers of the instance look again now, not at their next poll.
        for stream in list(self._streams):
            if stream.notebook_id == notebook_id:
                stream.poke()

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> DirectBackend:
        return cls(settings_from_env(env))

    def where(self) -> str:
        label = "the ModelArts simulator" if self.simulated else f"ModelArts in {self.settings.region}"
        return f"{label} at {self.settings.endpoint}"

    def where_text(self) -> str:
        if self.simulated:
            return _("the ModelArts simulator at {endpoint}").format(endpoint=self.settings.endpoint)
        return _("ModelArts in {region} at {endpoint}").format(region=self.settings.region, endpoint=self.settings.endpoint)

    def _call(self, operation, *args, **kwargs):
        try:
            return operation(*args, **kwargs)
        except ModelArtsError as exc:
            raise CodeLabError.from_modelarts(exc) from None

    def notebook_json(self, notebook: Notebook) -> dict:
        """The contract's Notebook for one read from ModelArts (what the server would answer)."""
        return notebook.to_client_json(simulated=self.simulated)

    def config(self) -> dict:
        return {
            "mode": "simulated" if self.simulated else "modelarts",
            "region": self.settings.region,
            "project_id": self.settings.project_id,
            "endpoint": self.settings.endpoint,
            "auth": self.settings.auth_method,
            "simulator_endpoint": self.settings.endpoint if self.simulated else None,
        }

    def images(self) -> dict:
        from jupyter_codelab.modelarts.images import default_image_id

        found = self._call(self.client.list_images)
        default_id = default_image_id(found)
        return {
            "images": [image.to_client_json(default=image.id == default_id) for image in found],
            "default_image_id": default_id,
        }

    def open(self, image_id=None, share_url=None) -> dict:
        encoded = None
        if share_url:
            from jupyter_codelab.modelarts.share_url import ShareUrlError, encode_share_url

            try:
                encoded = encode_share_url(share_url)
            except ShareUrlError as exc:
                raise CodeLabError(str(exc), 400) from None
        return self.notebook_json(self._call(self.client.open, image_id=image_id or None, share_url=encoded))

    def current(self) -> dict | None:
        notebook = self._call(self.client.current_notebook)
        return None if notebook is None else self.notebook_json(notebook)

    def notebook(self, notebook_id: str) -> dict:
        return self.notebook_json(self._call(self.client.get_notebook, notebook_id))

    def lease(self, notebook_id: str) -> dict:
        return self._call(self.client.get_lease, notebook_id).to_client_json()

    def extend(self, notebook_id: str, duration_ms: int) -> dict:
        lease = self._call(self.client.renew_lease, notebook_id, int(duration_ms)).to_client_json()
        self._changed(notebook_id)
        return lease

    def stop(self, notebook_id: str) -> dict:
        notebook = self.notebook_json(self._call(self.client.stop, notebook_id))
        self._changed(notebook_id)
        return notebook

    def start(self, notebook_id: str, hours=None, no_auto_stop: bool = False) -> dict:
        duration = NO_AUTO_STOP_MS if no_auto_stop else int(hours) * HOUR_MS if hours else None
        notebook = self.notebook_json(self._call(self.client.start, notebook_id, duration))
        self._changed(notebook_id)
        return notebook

    def events(self, notebook_id: str) -> EventStream:
        stream = PollingEventStream(self, notebook_id)
        self._streams.add(stream)
        return stream

    def doctor(self) -> dict:
        from jupyter_codelab.client.direct_doctor import report_for

        return report_for(self.settings, self.simulated).to_json()

    def preview_send(self, path, strip_outputs=False, files=None) -> dict:
        raise _server_only()

    def start_send(self, path, strip_outputs=False, create_bucket=False, open_instance=True, image_id=None, files=None) -> dict:
        raise _server_only()

    def send_job(self, job_id: str) -> dict:
        raise _server_only()

    def open_repository(self, share_url, image_id=None, create_bucket=False) -> dict:
        raise _server_only()

    def close(self) -> None:
        self.client.close()


def _server_only() -> CodeLabError:
    return CodeLabError(_("Sending a local notebook goes through the Jupyter server with jupyter-codelab (it holds the OBS credentials): run "
                          "this in a kernel or terminal that server started, or pass --server-url."))  # fmt: skip


class PollingEventStream(EventStream):
    """The server's event stream, reproduced by reading the instance over and over."""

    def __init__(self, backend: DirectBackend, notebook_id: str):
        super().__init__()
        self.backend = backend
        self.notebook_id = notebook_id
        self._wake = threading.Event()

    def poke(self) -> None:
        self._wake.set()

    def close(self) -> None:
        super().close()
        self._wake.set()

    def _sleep(self, seconds: float) -> None:
        self._wake.wait(seconds)
        self._wake.clear()

    def __iter__(self) -> Iterator[dict]:
        last: Notebook | None = None
        poller = Poller(DIRECT_POLL)
        while not self.closed.is_set():
            try:
                notebook = self.backend.client.get_notebook(self.notebook_id)
            except ModelArtsError as exc:
                verdict = poller.failed(exc)
                if verdict is Verdict.VANISHED:
                    yield vanished_event(None if last is None else self.backend.notebook_json(gone(last)))
                    return
                if verdict is Verdict.GIVE_UP:
                    raise CodeLabError.from_modelarts(exc) from None
                last_json = None if last is None else self.backend.notebook_json(last)
                yield event_json(EVENT_UPSTREAM_ERROR, last_json, [], exc.sentence, error_code=exc.error_code)
                self._sleep(poller.backoff)
                continue
            delay = poller.read(notebook)
            kind, changed = (EVENT_SNAPSHOT, []) if last is None else classify(last, notebook)
            last = notebook
            if kind is not None:
                message = "" if kind == EVENT_SNAPSHOT else event_message(kind, notebook)
                yield event_json(kind, self.backend.notebook_json(notebook), changed, message)
                if kind in TERMINAL_EVENTS:
                    return
            self._sleep(delay)
