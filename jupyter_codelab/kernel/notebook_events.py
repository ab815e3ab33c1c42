"""Turn two successive Notebook snapshots into the event of contracts.md 2.2.

The server extension's watcher publishes these over SSE; ``DirectBackend``
polls ModelArts itself and uses this to emit the very same event types, so the
panel and the CLI consume one shape whichever way the kernel reaches ModelArts.
"""

from __future__ import annotations

from jupyter_codelab.kernel.describe import FAILED_STATUSES, status_words

# Events after which a stream ends: nothing more will happen without a new action.
FINAL_EVENT_TYPES = frozenset({"failed", "stopped", "deleted"})
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
    if status == "RUNNING":
        return "ready"
    if status in FAILED_STATUSES:
        return "failed"
    if status == "STOPPED":
        return "stopped"
    if status == "DELETED":
        return "deleted"
    return "status"


def make_event(kind: str, notebook: dict | None, changed: list[str] | None = None, message: str = "", **extra) -> dict:
    return {"type": kind, "notebook": notebook, "changed": changed or [], "message": message, **extra}


def event_between(old: dict | None, new: dict) -> dict | None:
    """The event that ``new`` means after ``old``, or None when nothing a person sees changed."""
    changed = changed_fields(old, new)
    if not changed:
        return None
    if "status" in changed:
        kind = event_type_for(new.get("status") or "")
        message = status_words(new.get("status"))
        if kind == "failed" and new.get("fail_reason"):
            message = f"{message}: {new['fail_reason']}"
    elif "action_progress" in changed:
        kind, message = "progress", "Progress changed"
    elif "lease" in changed:
        kind, message = "lease", "Lease changed"
    else:
        kind, message = "status", status_words(new.get("status"))
    return make_event(kind, new, changed, message)
