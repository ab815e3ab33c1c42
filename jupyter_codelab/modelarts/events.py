"""The one event vocabulary of an instance's progress (contracts.md 2.2), on ``Notebook`` objects.

Two successive reads of an instance make at most one event: which of the watched fields
changed, which event type that is, and the sentence it carries. The server's watcher
publishes these over SSE; the client's direct backend polls ModelArts itself and makes
the very same events, so every face (sidebar, panel, magics, CLI) reads one shape:
``{type, notebook, changed, message, ...}``. Event types of a status come from ``states``.
"""

from __future__ import annotations

from dataclasses import replace

from .lease import Lease
from .models import Notebook, NotebookStatus
from .share_url import shown_link
from .states import EVENT_DELETED, EVENT_FAILED, EVENT_LEASE, EVENT_PROGRESS, EVENT_STATUS, VANISHED_SENTENCE, state_of

# Besides the types of ``states``: the first event of every stream, transient trouble upstream
# (the watcher keeps trying), and a client's own note that its link to the server dropped.
EVENT_SNAPSHOT, EVENT_UPSTREAM_ERROR, EVENT_RECONNECTING = "snapshot", "upstream_error", "reconnecting"

# The fields of a Notebook whose change a person sees; ``changed`` lists them by these names.
WATCHED_FIELDS = ("status", "action_progress", "lease", "url", "fail_reason")

PROGRESS_MESSAGE, LEASE_MESSAGE = "Progress changed", "Lease changed"


def _lease_key(lease: Lease | None) -> tuple | None:
    # The remaining time changes on every read: only the lease's own fields make a change.
    return None if lease is None else (lease.create_at, lease.duration, lease.enable, lease.type)


def _field_key(notebook: Notebook, name: str):
    if name == "status":
        return notebook.status.value
    if name == "action_progress":
        return [(step.step, step.status.value) for step in notebook.action_progress]
    if name == "lease":
        return _lease_key(notebook.lease)
    return getattr(notebook, name)


def changed_fields(old: Notebook | None, new: Notebook) -> list[str]:
    """The watched fields that differ (all of them for a first read)."""
    if old is None:
        return list(WATCHED_FIELDS)
    return [name for name in WATCHED_FIELDS if _field_key(old, name) != _field_key(new, name)]


def event_type(changed: list[str], new: Notebook) -> str | None:
    """The event a change makes: the status' own event first, then progress, lease, any other detail."""
    if not changed:
        return None
    if "status" in changed:
        return state_of(new.status.value).event
    if "action_progress" in changed:
        return EVENT_PROGRESS
    if "lease" in changed:
        return EVENT_LEASE
    return EVENT_STATUS  # the address or the failure reason appeared on its own


def event_message(kind: str, new: Notebook) -> str:
    """The sentence an event carries: the status' words, with the failure reason when there is one."""
    if kind == EVENT_PROGRESS:
        return PROGRESS_MESSAGE
    if kind == EVENT_LEASE:
        return LEASE_MESSAGE
    words = state_of(new.status.value).words
    if kind == EVENT_FAILED and new.fail_reason:
        return f"{words}: {shown_link(new.fail_reason)}"
    return words


def classify(old: Notebook | None, new: Notebook) -> tuple[str | None, list[str]]:
    """The event type for the change from ``old`` to ``new`` (None when nothing a person sees changed), and the fields."""
    changed = changed_fields(old, new)
    return event_type(changed, new), changed


def event_json(kind: str, notebook: dict | None, changed: list[str] | None = None, message: str = "", **extra) -> dict:
    """The event as the stream carries it; ``notebook`` is the normalized JSON of contracts.md 2.1."""
    return {"type": kind, "notebook": notebook, "changed": changed or [], "message": message, **extra}


def gone(notebook: Notebook) -> Notebook:
    """A vanished instance as its last event shows it: DELETED, no address (never its last live state)."""
    return replace(notebook, status=NotebookStatus.DELETED, url=None)


def vanished_event(notebook: dict | None, message: str = VANISHED_SENTENCE) -> dict:
    """The instance is gone (deleted elsewhere, the service reset); ``notebook``: ``gone(last)`` as JSON, or None."""
    return event_json(EVENT_DELETED, notebook, ["status"], message, vanished=True)
