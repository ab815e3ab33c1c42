"""What a ``CodeLabPanel`` knows, as plain traits: no widgets, no backend.

Code reads and observes it (``panel.state.observe(print, "status")``); the panel's
widgets only show it. Several threads change it (the event stream, the ticker, a
click), so changes that belong together happen under ``changed`` (a condition
whose lock is reentrant), which also wakes ``wait``.
"""

from __future__ import annotations

import threading
import time

from traitlets import Bool, Dict, HasTraits, Int, List, Unicode, observe

from jupyter_codelab.client import describe, steps
from jupyter_codelab.client.errors import CodeLabError
from jupyter_codelab.client.inputs import InputError, check_share_url
from jupyter_codelab.i18n import N_, _
from jupyter_codelab.modelarts.states import NO_INSTANCE, RUNNING, STARTING, STOP

LINK_FIELD = N_("Notebook link")  # how the share_url field is named in its sentences


class PanelState(HasTraits):
    notebook_id = Unicode(None, allow_none=True, help="Id of the instance the panel follows.")
    status = Unicode("", help="ModelArts status (CREATING, RUNNING, ...); empty before opening.")
    progress = Int(0, help="0-100 while the steps mean something (starting, a failed step, running); 0 otherwise.")
    remaining_seconds = Int(None, allow_none=True, help="Seconds until the lease stops the instance.")
    url = Unicode(None, allow_none=True, help="The instance's address while RUNNING (only RUNNING means running).")
    sentence = Unicode("", help="What the state means and what to do (the states table's sentence).")
    actions = List(Unicode(), help="What can be done now: 'open', 'start', 'stop', 'extend' (the states table's).")
    notice = Unicode("", help="What just happened that is no problem: a switch of image, a vanished instance ...")
    vanished = Bool(False, help="True once the followed instance turned out gone; the panel is back to the open form.")
    mode = Unicode("", help="'simulated' or 'modelarts'.")
    region = Unicode(None, allow_none=True, help="The configured region (GET config).")
    config_error = Unicode("", help="A broken configuration on the server's side, in words with the fix.")
    image_id = Unicode(None, allow_none=True, help="Image to open (None: ModelArts' default).")
    share_url = Unicode("", help="Link to an .ipynb file to open in the instance (optional).")
    share_url_b64 = Unicode("", help="What is sent to ModelArts for share_url (Base64).")
    share_problem = Unicode("", help="Why share_url cannot be sent, in words ('' when it can).")
    error = Unicode("", help="The last problem, in words, with ModelArts' code when there is one.")
    error_code = Unicode(None, allow_none=True, help="ModelArts' error_code of the last problem.")
    error_of = Unicode("", help="The action the problem belongs to ('open', 'connect' ...; '' for the instance's own).")
    connection = Unicode("", help="'connecting', 'live', 'reconnecting', 'ended' or '' (not watching).")
    upstream_message = Unicode("", help="Why ModelArts is slow to answer the stream (an upstream_error), while it lasts.")
    busy = Bool(False, help="True while an action (open, extend, stop, start, connect) is in flight.")
    acting = Unicode("", help="The action in flight ('open', 'stop' ...), '' when none.")
    asking = Unicode("", help="The action waiting for a confirmation ('stop'), '' when none.")
    stop_when_running = Unicode(
        None, allow_none=True, help="The starting instance to stop once it runs (ModelArts refuses a stop before)."
    )
    notebook = Dict(help="The last Notebook JSON seen (what %codelab status --json returns).")
    images = Dict(help="The image list: {images, default_image_id}.")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.changed = threading.Condition(threading.RLock())
        self._raised_at: tuple = ()  # the state key the error was raised in
        self.opened_at: float | None = None
        self.send = SendState()  # the "Send a local notebook" section

    def show_config(self, config: dict) -> None:
        """Take GET config's answer: the mode, the region, and a broken configuration in words."""
        self.region = config.get("region")
        self.config_error = config.get("config_error") or ""
        self.mode = config.get("mode") or ""
        if self.config_error and not self.error:
            self.set_error(self.config_error)

    def show_notebook(self, notebook: dict, force: bool = False) -> bool:
        """Take a Notebook JSON (``force``: a new open, whatever was followed); False for a late event of another instance."""
        with self.changed:
            if not force and self.notebook_id and notebook.get("id") and notebook["id"] != self.notebook_id:
                return False
            before = ((self.notebook or {}).get("image") or {}).get("id")
            self.notebook = notebook
            self.notebook_id = notebook.get("id") or self.notebook_id
            image = (notebook.get("image") or {}).get("id")
            if image and image != before:
                self.image_id = image  # a new instance, or switched: the form shows its image (not on every event)
            self.mode = "simulated" if notebook.get("simulated") else "modelarts"
            status = notebook.get("status") or ""
            running = status == "RUNNING"
            self.progress = int(notebook.get("progress") or 0) if running or steps.shows_steps(notebook) else 0
            self.url = notebook.get("url") if running else None  # `url` is there from CREATING on
            self.sentence = describe.status_sentence(notebook)
            self.actions = list(describe.state(notebook).actions)
            if self.asking not in self.actions and not (self.asking == STOP and self.starting):
                self.asking = ""  # the question no longer fits what is true (stopped elsewhere ...)
            if self.stop_when_running and (self.stop_when_running != self.notebook_id or
                                           describe.state(notebook).phase not in (STARTING, RUNNING)):  # fmt: skip
                self.stop_when_running = None  # it failed, vanished or was stopped elsewhere: nothing left to stop
            self.status = status
            failure = describe.failure_sentence(notebook)
            if failure:
                self.set_error(failure)
            elif self.error and self.error_of != "connect" and self._raised_at != _state_key(notebook):
                self.set_error("")  # the state it was raised in has moved on (the sidebar's banner rule)
            return True

    def forget(self, sentence: str, vanished: bool = True) -> None:
        """Follow nothing any more (the instance is gone, or another account's): say why; the open form comes back."""
        with self.changed:
            self.notebook = {}
            self.notebook_id = None
            self.progress = 0
            self.url = None
            self.remaining_seconds = None
            self.sentence = sentence
            self.actions = list(NO_INSTANCE.actions)
            self.asking = ""
            self.stop_when_running = None
            self.status = ""
            self.vanished = vanished
            self.notice = sentence
            self.connection = "ended"
            self.set_error("")

    @property
    def starting(self) -> bool:
        """The followed instance is starting (its steps go on): Stop is sent once it runs."""
        return bool(self.notebook) and describe.state(self.notebook).phase == STARTING

    def stop_once_running(self) -> bool:
        """Stop asked while it starts: remembered and sent once it runs (True), or it is no start (False)."""
        with self.changed:
            if not (self.starting and self.notebook_id):
                return False
            self.stop_when_running, self.asking = self.notebook_id, ""
            return True

    def stop_due(self) -> bool:
        """True once, when the instance asked to stop while it started runs now (the panel then stops it)."""
        with self.changed:
            due = self.stop_when_running is not None and self.stop_when_running == self.notebook_id
            due = due and self.status == "RUNNING" and not self.busy
            if due:
                self.stop_when_running = None
            return bool(due)

    def begin(self, action: str) -> None:
        """An action starts: the last problem and notice are over."""
        self.busy, self.acting, self.asking = True, action, ""
        self.set_error("")
        self.notice = ""

    def end(self) -> None:
        self.busy, self.acting = False, ""

    def set_error(self, message: str, code: str | None = None, action: str = "") -> None:
        """A problem (or none), tied to the state it arose in: it goes once that state moves on."""
        self.error, self.error_code, self.error_of = message, code, action
        self._raised_at = _state_key(self.notebook)

    def show_problem(self, exc: Exception) -> None:
        """The action in flight failed: its problem, in words with ModelArts' code."""
        if isinstance(exc, CodeLabError):
            self.set_error(exc.describe(), exc.error_code, self.acting)
        else:
            self.set_error(str(exc), None, self.acting)

    def wait(self, timeout: float | None = None, until=("RUNNING",)) -> str:
        """Block until the status is in ``until`` or the instance ended; returns the status."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self.changed:
            while self.status not in until and not describe.is_ended(self.status) and self.connection != "ended":
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    break
                self.changed.wait(0.5 if left is None else min(0.5, left))
            return self.status

    def elapsed(self) -> float | None:
        """Seconds since the last open (the time a start has taken so far)."""
        return None if self.opened_at is None else time.monotonic() - self.opened_at

    @observe("share_url")
    def _check_share_url(self, change) -> None:
        text = change["new"].strip()
        encoded, problem = "", ""
        if text:
            try:
                encoded, _url = check_share_url(text, _(LINK_FIELD))
            except InputError as exc:
                problem = str(exc)
        self.share_url_b64, self.share_problem = encoded, problem

    def summary_lines(self) -> list[str]:
        if not self.notebook and self.vanished:
            return describe.no_instance_lines(vanished=True)
        return describe.summary_lines(self.notebook or None, self.remaining_seconds, self.error or None)


def _state_key(notebook: dict | None) -> tuple:
    """What a problem is tied to: the instance, its status and the notebook it loaded (nothing: no instance)."""
    return (notebook.get("id"), notebook.get("status"), notebook.get("description") or "") if notebook else ()


class SendState(HasTraits):
    """What the "Send a local notebook" section knows: the path, its preview, the files ticked, the send's progress.

    Holds the server's answers only (a preview, a job's sentence): they never carry the signed link.
    """

    path = Unicode("", help="The notebook's path as the Jupyter file browser shows it (root-relative .ipynb).")
    strip_outputs = Bool(False, help="Send the notebook without its outputs.")
    preview = Dict(help="POST send/preview's answer for ``path`` ({} before a preview, or after the path changed).")
    chosen = List(Unicode(), help="The detected files and folders ticked: they go with the notebook (``files``).")
    acting = Unicode("", help="'preview', 'send' or 'open' while it runs; '' when none.")
    progress = Int(0, help="0-100: how far the upload is.")
    message = Unicode("", help="Where the send is, in the server's sentence (the job's ``message``).")
    error = Unicode("", help="The last problem, in the server's sentence (a bad path names the field).")

    @observe("path", "strip_outputs")
    def _forget_preview(self, _change) -> None:
        """Another path or choice: the preview and the files shown were the former one's."""
        self.preview, self.chosen, self.progress, self.message = {}, [], 0, ""

    def show_preview(self, preview: dict) -> None:
        """A new preview: every file it reads is ticked (what the sidebar's dialog does)."""
        self.chosen = [row["path"] for row in preview.get("detected_files") or []]
        self.preview = preview  # last: the checkboxes are built from it, with ``chosen`` already set

    def begin(self, action: str) -> None:
        self.acting, self.error, self.progress, self.message = action, "", 0, ""

    def ticked(self) -> list[dict]:
        """The detected rows ticked, in the preview's order."""
        return [row for row in self.preview.get("detected_files") or [] if row["path"] in self.chosen]
