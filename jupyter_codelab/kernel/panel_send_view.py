"""The words and HTML of the panel's "Send a local notebook" section, from a preview's plain values.

The sidebar's send dialog says the same things: the same msgids are looked up (``lab_format`` fills
their ``%1``), so one catalog entry serves both. The preview's rows and the job's sentences are the
server's, already in this kernel's language. Every value from the server is escaped.
"""

from __future__ import annotations

import html

from jupyter_codelab.i18n import _, lab_format

MB = 1024 * 1024
WARN = "color:#c62828"
DIM = "opacity:.75"


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def size_text(size: int) -> str:
    """A byte count as the sidebar's send dialog shows it."""
    if size >= MB / 10:
        return lab_format(_("%1 MB"), f"{size / MB:.2f}")
    return lab_format(_("%1 bytes"), f"{size:,}")


def row_label(row: dict) -> str:
    """A detected file's name; a folder (one row) ends in a slash."""
    return row["path"] + "/" if row["kind"] == "folder" else row["path"]


def row_size(row: dict) -> str:
    if row["kind"] == "folder":
        return lab_format(_("%1 files, %2"), row["files"], size_text(row["size"]))
    return size_text(row["size"])


def row_html(row: dict) -> str:
    """What follows a file's checkbox: its size and where the notebook names it."""
    return f'{_esc(row_size(row))} <span style="{DIM}">{_esc(row["reason"])}</span>'


def preview_html(preview: dict) -> str:
    """The server's rows (name, size, bucket, access, upload), and why it cannot go when it is too large."""
    if not preview:
        return ""
    rows = "".join(
        f'<tr><td style="padding-right:8px">{_esc(label)}</td><td>{_esc(value)}</td></tr>' for label, value in preview["lines"]
    )
    text = f'<table class="codelab-send-preview">{rows}</table>'
    if preview.get("too_large"):
        text += f'<div style="{WARN}">{_esc(preview["too_large"])}</div>'
    return text


def files_heading(preview: dict) -> str:
    """Above the checkboxes: that they go with it, or that it reads nothing that can go (none: nothing shown)."""
    if preview.get("detected_files"):
        return _esc(_("Files it reads, sent with it (they arrive beside the notebook):"))
    if preview.get("skipped_files"):
        return _esc(_("It reads no file here that can be sent."))
    return ""


def skipped_html(preview: dict) -> str:
    lines = [lab_format(_("Not sent: %1 (%2)"), row["path"], row["reason"]) for row in preview.get("skipped_files") or []]
    return "".join(f'<div style="{DIM}">{_esc(line)}</div>' for line in lines)


def total_html(preview: dict, ticked: list[dict]) -> str:
    """The total of the files ticked (only when the notebook reads some)."""
    if not preview.get("detected_files"):
        return ""
    count = sum(row["files"] for row in ticked)
    size = sum(row["size"] for row in ticked)
    return f"<b>{_esc(lab_format(_('Sent with it: %1 files, %2'), count, size_text(size)))}</b>"


def note_html(preview: dict) -> str:
    return f'<small style="{DIM}">{_esc(_("Nothing is uploaded until you confirm."))}</small>' if preview else ""


def message_html(message: str) -> str:
    return f'<div style="color:#1565c0">{_esc(message)}</div>' if message else ""


def error_html(message: str) -> str:
    return f'<div style="{WARN}"><b>{_esc(_("Problem:"))}</b> {_esc(message)}</div>' if message else ""


def hint_html() -> str:
    hint = _("The notebook's path as the Jupyter file browser shows it, such as work/analysis.ipynb.")
    return f'<small style="{DIM}">{_esc(hint)}</small>'
