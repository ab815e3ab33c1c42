"""What the panel's "Send a local notebook" section does: preview a notebook of the Jupyter file
browser, then send it with the files ticked, and open it in CodeLab when asked.

Every call goes through ``client.send_flow`` (the flow ``%codelab send`` uses), so the server does
the upload (it holds the OBS credentials) and answers in its own sentences; a bad path's sentence
names the field and nothing is sent. The state is ``panel.state.send``; the signed link never
reaches it (neither a preview nor a job carries it).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from jupyter_codelab.client import send_flow
from jupyter_codelab.client.backend import Backend
from jupyter_codelab.client.errors import CodeLabError
from jupyter_codelab.client.inputs import InputError
from jupyter_codelab.i18n import _
from jupyter_codelab.kernel.panel_send_children import SendChildren
from jupyter_codelab.kernel.panel_state import PanelState


class PanelSend:
    def __init__(self, state: PanelState, ui: SendChildren, backend: Callable[[], Backend], follow: Callable[[dict], None]):
        self.state, self._panel_state, self._ui = state.send, state, ui
        self._backend = backend  # the panel's backend now (connecting an account replaces it)
        self._follow = follow  # the panel follows the instance a "Send and open" opened
        self.state.path = _own_notebook()
        ui.path.observe(lambda change: setattr(self.state, "path", change["new"]), "value")  # as typed: a name may hold spaces
        ui.strip.observe(lambda change: setattr(self.state, "strip_outputs", change["new"]), "value")
        ui.preview_button.on_click(lambda _button: self.preview())
        ui.send_button.on_click(lambda _button: self.send(open_instance=False))
        ui.open_button.on_click(lambda _button: self.send(open_instance=True))
        self.state.observe(lambda _change: self.render(), ["path", "strip_outputs", "chosen", "preview"])
        state.observe(lambda _change: self.render(), "busy")
        self.render()

    def preview(self, path: str | None = None, raise_errors: bool = False) -> dict | None:
        """What would be sent (``POST send/preview``): the server's rows and the files the notebook reads, all ticked."""
        if path is not None:
            self.state.path = path

        def work() -> dict:
            found = send_flow.preview(self._backend(), self._required_path(), self.state.strip_outputs)
            self.state.show_preview(found)
            return found

        return self._act("preview", work, raise_errors)

    def tick(self, path: str, ticked: bool = True) -> None:
        """Tick (or untick) a file the preview listed: the ticked ones go with the notebook."""
        chosen = [p for p in self.state.chosen if p != path]
        listed = [row["path"] for row in self.state.preview.get("detected_files") or []]
        if ticked and path in listed:
            chosen.append(path)
        self.state.chosen = [p for p in listed if p in chosen]  # in the preview's order

    def send(self, open_instance: bool = True, raise_errors: bool = False) -> dict | None:
        """Send the previewed notebook with the files ticked (``POST send``), following its progress; with
        ``open_instance``, open it in CodeLab with the panel's image and follow the instance. Returns the finished job."""

        def work() -> dict:
            preview = self.state.preview
            if not preview:
                raise InputError(_("Preview the notebook first: the Send buttons send what the preview shows."))
            send_flow.check_preview(preview, create_bucket=True)  # too large: the server's sentence
            job = send_flow.send(
                self._backend(), preview["path"], self.state.strip_outputs, preview["create_bucket_needed"],
                self._panel_state.image_id if open_instance else None, open_instance, self._progress,
                files=list(self.state.chosen),
            )  # fmt: skip
            if open_instance and job.get("notebook"):
                self._panel_state.opened_at = time.monotonic()
                self._panel_state.vanished = False
                self._follow(job["notebook"])
            return job

        return self._act("open" if open_instance else "send", work, raise_errors)

    def render(self) -> None:
        self._ui.box.layout.display = "" if self._backend().sends_notebooks else "none"
        self._ui.render(self.state, self.tick, self._panel_state.busy)

    def _progress(self, job: dict) -> None:
        self.state.progress, self.state.message = int(job.get("progress") or 0), send_flow.progress_text(job)
        self.render()

    def _required_path(self) -> str:
        if not self.state.path.strip():
            raise InputError(_("Give the notebook's path as the Jupyter file browser shows it, such as work/analysis.ipynb."))
        return self.state.path.strip()

    def _act(self, action: str, work, raise_errors: bool):
        """Run one step: the section's buttons wait, and its problem is shown under them in the server's words."""
        self.state.begin(action)
        self.render()
        try:
            return work()
        except (CodeLabError, InputError) as exc:
            self.state.error = exc.describe() if isinstance(exc, CodeLabError) else str(exc)
            self.state.message = ""  # a failed job's message is that same sentence
            if raise_errors:
                raise
            return None
        finally:
            self.state.acting = ""
            self.render()


def _own_notebook() -> str:
    """The path of the notebook this kernel belongs to, as the file browser shows it ('' when unknown)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return ""
    shell = get_ipython()
    found = send_flow.current_notebook_path(shell.user_ns if shell is not None else None)
    if not found or not os.path.isabs(found):
        return found or ""  # Jupyter gave it relative to its root already
    try:
        return send_flow.contents_path(found)
    except InputError:
        return ""  # outside the root, or the root is unknown: the field starts empty
