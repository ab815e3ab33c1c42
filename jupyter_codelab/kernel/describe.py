"""Plain words for a notebook's state, shared by the panel, the magics and the CLI.

Everything here takes the normalized Notebook JSON of contracts.md 2.1 (a dict)
and returns text or escaped HTML, so each face says the same thing.
"""

from __future__ import annotations

import html
import time

FAILED_STATUSES = frozenset({"CREATE_FAILED", "START_FAILED", "DELETE_FAILED", "ERROR"})
ENDED_STATUSES = FAILED_STATUSES | {"STOPPED", "DELETED", "FROZEN"}
TRANSITIONAL_STATUSES = frozenset({"INIT", "CREATING", "STARTING", "STOPPING", "DELETING", "SNAPSHOTTING"})

STATUS_WORDS = {
    "": "Not opened yet",
    "INIT": "Initializing",
    "CREATING": "Creating the instance",
    "STARTING": "Starting",
    "RUNNING": "Running",
    "STOPPING": "Stopping",
    "STOPPED": "Stopped",
    "DELETING": "Deleting",
    "DELETED": "Deleted",
    "SNAPSHOTTING": "Saving an image",
    "CREATE_FAILED": "Creation failed",
    "START_FAILED": "Start failed",
    "DELETE_FAILED": "Deletion failed",
    "ERROR": "Error",
    "FROZEN": "Frozen (account in arrears)",
}

STEP_MARKS = {"COMPLETED": "✓", "PROCESSING": "…", "FAILED": "✗", "WAITING": "·"}
DEFAULT_STEPS = ("Prepare the storage.", "Prepare the compute resource.", "Configuring the network.", "Initialize the notebook instance.")

# The lease countdown turns into a warning below this many seconds (users asked to be warned before the stop).
WARN_BELOW_SECONDS = 600


def status_words(status: str | None) -> str:
    return STATUS_WORDS.get(status or "", (status or "").replace("_", " ").capitalize())


def format_remaining(seconds: float | None) -> str:
    """``1:02:03`` style, or ``-`` when there is no lease."""
    if seconds is None:
        return "-"
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def format_clock(epoch_ms: int | None) -> str:
    if not epoch_ms:
        return "-"
    return time.strftime("%H:%M", time.localtime(epoch_ms / 1000))


def steps(notebook: dict | None) -> list[dict]:
    """The four steps with their states; WAITING placeholders before the first answer."""
    found = (notebook or {}).get("action_progress") or []
    if found:
        return [{"step": s.get("step"), "status": s.get("status") or "WAITING", "description": s.get("description") or ""} for s in found]
    return [{"step": n, "status": "WAITING", "description": d} for n, d in enumerate(DEFAULT_STEPS, start=1)]


def current_step(notebook: dict | None) -> dict | None:
    for step in steps(notebook):
        if step["status"] in ("PROCESSING", "FAILED"):
            return step
    for step in steps(notebook):
        if step["status"] == "WAITING":
            return step
    return None


def remaining_seconds(notebook: dict | None) -> float | None:
    lease = (notebook or {}).get("lease") or {}
    remaining_ms = lease.get("remaining_ms")
    return None if remaining_ms is None else remaining_ms / 1000


def failure_sentence(notebook: dict | None) -> str | None:
    """Why the instance failed, in words, or None when it did not."""
    notebook = notebook or {}
    status = notebook.get("status") or ""
    if status not in FAILED_STATUSES and status != "FROZEN":
        return None
    failed = next((s for s in steps(notebook) if s["status"] == "FAILED"), None)
    where = f" at step {failed['step']} ({failed['description'].rstrip('.')})" if failed else ""
    reason = notebook.get("fail_reason") or "ModelArts gave no reason"
    return f"{status_words(status)}{where}: {reason}. Open again to retry, or pick another image."


def image_mismatch_note(notebook: dict, wanted_image_id: str | None) -> str | None:
    """Opening finds the existing instance as it is: say so when it runs another image than asked."""
    image = (notebook or {}).get("image") or {}
    if not wanted_image_id or not image.get("id") or image["id"] == wanted_image_id:
        return None
    return (
        f"Note: your CodeLab instance already exists with image {image.get('name') or image['id']}; "
        "ModelArts keeps one free instance, so that one was opened."
    )


def summary_lines(notebook: dict | None, remaining: float | None = None, error: str | None = None) -> list[str]:
    """A readable multi-line summary: the text fallback of the panel and `%codelab status`."""
    if not notebook:
        lines = ["ModelArts CodeLab: no instance opened yet."]
        return lines + ([f"Problem: {error}"] if error else [])
    mode = "simulated" if notebook.get("simulated") else "ModelArts"
    image = notebook.get("image") or {}
    lines = [
        f"ModelArts CodeLab ({mode}): {notebook.get('name') or notebook.get('id')} - {status_words(notebook.get('status'))}"
        f" [{notebook.get('status')}], {notebook.get('progress', 0)}%",
    ]
    if image.get("name"):
        lines.append(f"Image: {image['name']}" + (f":{image['tag']}" if image.get("tag") else ""))
    for step in steps(notebook):
        lines.append(f"  {STEP_MARKS.get(step['status'], '?')} {step['step']}. {step['description']} ({step['status'].lower()})")
    if remaining is None:
        remaining = remaining_seconds(notebook)
    lease = notebook.get("lease") or {}
    if notebook.get("status") == "RUNNING" and remaining is not None:
        lines.append(f"Stops automatically in {format_remaining(remaining)} (at {format_clock(lease.get('expires_at'))}).")
    if notebook.get("status") == "RUNNING" and notebook.get("url"):
        lines.append(f"Open: {notebook['url']}")
    failure = failure_sentence(notebook)
    if failure:
        lines.append(failure)
    if error:
        lines.append(f"Problem: {error}")
    return lines


def summary_text(notebook: dict | None, remaining: float | None = None, error: str | None = None) -> str:
    return "\n".join(summary_lines(notebook, remaining, error))


def summary_html(notebook: dict | None, remaining: float | None = None, error: str | None = None) -> str:
    """The same summary as a small HTML block (for nbconvert, GitHub and viewers without widgets)."""
    lines = summary_lines(notebook, remaining, error)
    head, body = lines[0], lines[1:]
    items = []
    for line in body:
        text = html.escape(line.strip())
        if line.startswith("Open: ") and notebook and notebook.get("url"):
            url = html.escape(notebook["url"], quote=True)
            text = f'Open: <a href="{url}" target="_blank" rel="noopener">{url}</a>'
        items.append(f"<li>{text}</li>")
    return (
        '<div class="codelab-summary"><strong>'
        + html.escape(head)
        + "</strong>"
        + (f"<ul>{''.join(items)}</ul>" if items else "")
        + "</div>"
    )
