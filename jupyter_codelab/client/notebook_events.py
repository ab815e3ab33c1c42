"""Turn two successive Notebook snapshots into the event of contracts.md 2.2.

The server extension's watcher publishes these over SSE; ``DirectBackend``
polls ModelArts itself and uses this to emit the very same event types, so the
panel and the CLI consume one shape whichever way the kernel reaches ModelArts.
"""

from __future__ import annotations

from jupyter_codelab.modelarts.states import EVENT_DELETED, VANISHED_SENTENCE, state_of
WATCHED_FIELDS = ("status", "action_progress", "lease", "url", "fail_reason")


def _lease_key(lease: dict | None) -> tuple | None:
    # remaining_ms changes on every read: only the lease's own fields make a change.
    if not lease:
        return None
    return (lease.get("create_at"), lease.get("duration"), lease.get("enable"), lease.get("type"))


def changed_fields(old: dict | None, new: dict) -> list[str]:
    if old is None:
        return list(WATCHED_FIELDS)
    changed = []
    for name in WATCHED_FIELDS:
        if name == "lease":
            if _lease_key(old.get("lease")) != _lease_key(new.get("lease")):
                changed.append(name)
        elif old.get(name) != new.get(name):
            changed.append(name)
    return changed


def event_type_for(status: str) -> str:
    return state_of(status).event


def vanished_event(last: dict | None) -> dict:
    """The instance is gone (deleted elsewhere, the service reset): what the server's stream says too."""
    return make_event(EVENT_DELETED, last, ["status"], VANISHED_SENTENCE)


def make_event(kind: str, notebook: dict | None, changed: list[str] | None = None, message: str = "", **extra) -> dict:
    return {"type": kind, "notebook": notebook, "changed": changed or [], "message": message, **extra}


def event_between(old: dict | None, new: dict) -> dict | None:
    """The event that ``new`` means after ``old``, or None when nothing a person sees changed."""
    changed = changed_fields(old, new)
    if not changed:
        return None
    if "status" in changed:
        kind = event_type_for(new.get("status") or "")
        message = state_of(new.get("status")).words
        if kind == "failed" and new.get("fail_reason"):
            message = f"{message}: {new['fail_reason']}"
    elif "action_progress" in changed:
        kind, message = "progress", "Progress changed"
    elif "lease" in changed:
        kind, message = "lease", "Lease changed"
    else:
        kind, message = "status", state_of(new.get("status")).words
    return make_event(kind, new, changed, message)
