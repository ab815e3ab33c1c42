"""How kernel code (panel, magics) and the CLI reach ModelArts: one interface, two ways.

- ``ServerBackend``: through the jupyter-codelab server extension's REST API
  (contracts.md section 2). Chosen when ``CODELAB_API_URL`` and
  ``CODELAB_API_TOKEN`` are set: the extension puts them into the environment of
  the kernels and terminals it starts, so nothing needs configuring.
- ``DirectBackend``: straight to ModelArts (or to a simulator at
  ``CODELAB_ENDPOINT``) with the same credentials lookup as the server.

Both return plain JSON dicts in the contract's shapes (Notebook, ``{images,
default_image_id}``, Lease, events ``{type, notebook, changed, message}``) and
raise ``CodeLabError``. Which one a process uses: ``client.choose``.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator


class EventStream(ABC):
    """An iterator of events for one instance that another thread may ``close()`` at any time.

    Besides the contract's event types it may yield ``reconnecting`` (the link to
    the server dropped; it resumes by itself, never re-opening anything).
    Iteration ends after ``failed``, ``stopped`` or ``deleted``, or on ``close()``.
    """

    def __init__(self) -> None:
        self.closed = threading.Event()

    @abstractmethod
    def __iter__(self) -> Iterator[dict]: ...

    def close(self) -> None:
        self.closed.set()

    def poke(self) -> None:  # noqa: B027 - an optional hook: a no-op unless the stream polls
        """Something was just done to the instance: look again soon (polling streams only)."""


class Backend(ABC):
    @abstractmethod
    def where(self) -> str:
        """Where calls go, in English whatever the language: the key the instance seen there is remembered under."""

    @abstractmethod
    def where_text(self) -> str:
        """Where calls go, for sentences in this process's language: 'the Jupyter server at ...'."""

    @abstractmethod
    def config(self) -> dict:
        """At least ``{mode: "simulated" | "modelarts", region, project_id, endpoint}``."""

    @abstractmethod
    def images(self) -> dict:
        """``{images: [Image], default_image_id}``."""

    @abstractmethod
    def open(self, image_id: str | None = None, share_url: str | None = None) -> dict:
        """Open (or find the already open) CodeLab instance. ``share_url`` is the pasted link."""

    @abstractmethod
    def current(self) -> dict | None:
        """The CodeLab instance, or None when there is none yet."""

    @abstractmethod
    def notebook(self, notebook_id: str) -> dict: ...

    @abstractmethod
    def lease(self, notebook_id: str) -> dict: ...

    @abstractmethod
    def extend(self, notebook_id: str, duration_ms: int) -> dict:
        """Renew the lease so the instance stops ``duration_ms`` from now (ModelArts counts from now); returns the Lease.

        Faces plan the duration with ``actions.plan_extension`` ("+N h" means what is left plus N h)."""

    @abstractmethod
    def stop(self, notebook_id: str) -> dict: ...

    @abstractmethod
    def start(self, notebook_id: str, hours: int | None = None, no_auto_stop: bool = False) -> dict:
        """Start a stopped (or START_FAILED) instance; ``no_auto_stop`` starts it without a lease (duration -1)."""

    @abstractmethod
    def events(self, notebook_id: str) -> EventStream: ...

    @abstractmethod
    def doctor(self) -> dict:
        """The connection checks (``Report`` JSON, contracts.md ``GET doctor``), run where the credentials are."""

    # Sending a local notebook (or a repository's files) goes through OBS, whose credentials only the server holds.
    sends_notebooks = False  # True where the methods below work (a face offers sending only then)

    @abstractmethod
    def preview_send(self, path: str, strip_outputs: bool = False, files: list[str] | None = None) -> dict:
        """What sending the notebook at contents path ``path`` would do (``SendPreview``); nothing is sent."""

    @abstractmethod
    def start_send(self, path: str, strip_outputs: bool = False, create_bucket: bool = False, open_instance: bool = True,
                   image_id: str | None = None, files: list[str] | None = None) -> dict:  # fmt: skip
        """Start sending the notebook at contents path ``path`` (with ``files``); returns the ``SendJob``."""

    @abstractmethod
    def send_job(self, job_id: str) -> dict:
        """The ``SendJob`` as it is now."""

    @abstractmethod
    def open_repository(self, share_url: str, image_id: str | None = None, create_bucket: bool = False) -> dict:
        """Open the notebook at ``share_url`` with its repository's files (a copy sent through OBS); returns the Notebook."""

    def close(self) -> None:  # noqa: B027 - an optional hook: nothing to release by default
        """Release connections."""
