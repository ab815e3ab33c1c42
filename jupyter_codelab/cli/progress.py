"""The live progress line of ``jupyter codelab open`` while it waits.

On a terminal one line is rewritten in place (``\\r``) every second with the
steps, the status, the time spent and the lease countdown; elsewhere (a pipe,
a CI log) a plain line is printed only when something changes.
"""

from __future__ import annotations

import shutil

from jupyter_codelab.client import describe
from jupyter_codelab.i18n import _

STEP_CHARS = {"COMPLETED": "#", "PROCESSING": ">", "FAILED": "x", "WAITING": "."}


def progress_line(notebook: dict, elapsed: float, remaining: float | None, note: str = "") -> str:
    steps = describe.steps(notebook)
    bar = "".join(STEP_CHARS.get(step["status"], "?") for step in steps)
    done = sum(step["status"] == "COMPLETED" for step in steps)
    current = describe.current_step(notebook)
    state = describe.state(notebook)
    description = (current or {}).get("description") if state.shows_steps else ""
    doing = _(description) if description else ""  # ModelArts' English step names are in the catalog
    if notebook.get("status") == "RUNNING":
        doing = _("Ready.")
    parts = [f"[{bar}] {done}/{len(steps)} {doing}".rstrip(), f"{_(state.words)} {describe.format_remaining(elapsed)}"]
    if remaining is not None:
        parts.append(_("auto-stop in {countdown}").format(countdown=describe.countdown_words(remaining)))
    if note:
        parts.append(note)
    return " | ".join(parts)


class ProgressDisplay:
    def __init__(self, stream, tty: bool | None = None):
        self.stream = stream
        self.tty = stream.isatty() if tty is None else tty
        self._drawn = False
        self._last_key: tuple | None = None

    def show(self, notebook: dict, elapsed: float, remaining: float | None, note: str = "") -> None:
        line = progress_line(notebook, elapsed, remaining, note)
        if self.tty:
            width = max(20, shutil.get_terminal_size((100, 20)).columns - 1)
            self.stream.write("\r" + line[:width] + "\x1b[K")
            self.stream.flush()
            self._drawn = True
            return
        key = (notebook.get("status"), tuple(s["status"] for s in describe.steps(notebook)), note)
        if key != self._last_key:
            self._last_key = key
            self.stream.write(line + "\n")
            self.stream.flush()

    def finish(self) -> None:
        if self.tty and self._drawn:
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False
