"""``CodeLabPanel``: an ipywidgets panel that opens a CodeLab instance and follows it.

Public state lives in traits (``notebook_id``, ``status``, ``progress``,
``remaining_seconds``, ``url``, ``error`` ...) so code can ``observe`` it; the
children are private. Updates arrive while the cell is idle: a thread consumes
the backend's event stream and a ticker counts the lease down every second.
Where no widget frontend exists, ``_repr_mimebundle_`` carries a readable
text/plain and text/html summary next to the widget view.
"""

from __future__ import annotations

import threading
import time

import ipywidgets as widgets
from traitlets import Bool, Dict, Int, List, Unicode, observe

from jupyter_codelab.client import actions, describe, remembered
from jupyter_codelab.client.backend import Backend
from jupyter_codelab.client.choose import get_backend
from jupyter_codelab.client.errors import CodeLabError
from jupyter_codelab.client.inputs import InputError, check_hours, check_share_url, image_label
from jupyter_codelab.i18n import _
from jupyter_codelab.kernel import panel_view
from jupyter_codelab.kernel.panel_children import PanelChildren
from jupyter_codelab.kernel.panel_driver import PanelDriver
from jupyter_codelab.modelarts.states import EVENT_DELETED, NO_INSTANCE, VANISHED_SENTENCE

_last_panel = None


def last_panel() -> CodeLabPanel | None:
    """The panel most recently shown by ``%codelab open`` or ``%codelab panel``."""
    return _last_panel


class CodeLabPanel(widgets.VBox):
    notebook_id = Unicode(None, allow_none=True, help="Id of the instance the panel follows.")
    status = Unicode("", help="ModelArts status (CREATING, RUNNING, ...); empty before opening.")
    progress = Int(0, help="0-100: 25 per completed step, 100 when running.")
    remaining_seconds = Int(None, allow_none=True, help="Seconds until the lease stops the instance.")
    url = Unicode(None, allow_none=True, help="The instance's address while RUNNING (only RUNNING means running).")
    sentence = Unicode("", help="What the state means and what to do (the states table's sentence).")
    actions = List(Unicode(), help="What can be done now: 'open', 'start', 'stop', 'extend' (the states table's).")
    notice = Unicode("", help="What just happened that is no problem: a switch of image, a vanished instance ...")
    vanished = Bool(False, help="True once the followed instance turned out gone; the panel is back to the open form.")
    mode = Unicode("", help="'simulated' or 'modelarts'.")
    config_error = Unicode("", help="A broken configuration on the server's side, in words with the fix.")
    image_id = Unicode(None, allow_none=True, help="Image to open (None: ModelArts' default).")
    share_url = Unicode("", help="Link to an .ipynb file to open in the instance (optional).")
    share_url_b64 = Unicode("", help="What is sent to ModelArts for share_url (Base64).")
    error = Unicode("", help="The last problem, in words, with ModelArts' code when there is one.")
    error_code = Unicode(None, allow_none=True, help="ModelArts' error_code of the last problem.")
    connection = Unicode("", help="'connecting', 'live', 'reconnecting', 'ended' or '' (not watching).")
    busy = Bool(False, help="True while an action (open, extend, stop) is in flight.")
    notebook = Dict(help="The last Notebook JSON seen (what %codelab status --json returns).")
    images = Dict(help="The image list: {images, default_image_id}.")

    def __init__(self, backend: Backend | None = None, load_images: bool = True, **kwargs):
        self._backend = backend or get_backend()
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._opened_at: float | None = None
        self._region: str | None = None
        self._ui = PanelChildren()
        super().__init__(children=self._ui.rows, **kwargs)
        self._wire()
        self._driver = PanelDriver(self)
        self._render()
        if load_images:
            self.refresh()
        global _last_panel
        _last_panel = self

    def _wire(self) -> None:
        ui = self._ui
        ui.image.observe(self._on_image_picked, "value")
        ui.share.observe(self._on_share_typed, "value")
        ui.hours.observe(self.render_countdown, "value")
        ui.open_button.on_click(lambda _button: self.open_instance())
        ui.extend_button.on_click(lambda _button: self.extend_lease())
        ui.stop_button.on_click(lambda _button: self.stop_instance())
        ui.connect_button.on_click(lambda _button: self._show_account_form(True))
        ui.connect_cancel.on_click(lambda _button: self._show_account_form(False))
        ui.connect_submit.on_click(lambda _button: self._submit_account_form())
        ui.start_button.on_click(lambda _button: self.start_instance())

    # ---- public actions (the buttons call these) ----
    def refresh(self) -> None:
        """Load the mode and the live image list."""
        try:
            config = self._backend.config()
            self._region = config.get("region")
            self.config_error = config.get("config_error") or ""
            self.mode = config.get("mode") or ""
            if self.config_error and not self.error:
                self._set_error(self.config_error)
            self.images = self._backend.images()
        except CodeLabError as exc:
            self._show_error(exc)

    def open_instance(self, raise_errors: bool = False) -> dict | None:
        """Open (or find) the instance with the chosen image and notebook link, then follow it."""
        self.busy = True
        self._ui.open_button.disabled = True
        self._ui.open_button.description = _("Opening...")
        try:
            share = self.share_url.strip() or None
            if share:
                check_share_url(share, _("Notebook link"))
            self._set_error("")
            self.notice = ""
            self._opened_at = time.monotonic()
            opened = actions.open_instance(self._backend, image_id=self.image_id, share_url=share)
            self.vanished = False
            self.notice = opened.note or ""
            self.apply_notebook(opened.notebook, force=True)
            self.watch(opened.notebook["id"])
            return opened.notebook
        except (CodeLabError, InputError) as exc:
            self._show_error(exc)
            if raise_errors:
                raise
            return None
        finally:
            self._ui.open_button.description = _("Open")
            self._ui.open_button.disabled = self._link_is_invalid()
            self.busy = False

    def extend_lease(self, hours: int | None = None, raise_errors: bool = False) -> dict | None:
        """Move the automatic stop ``hours`` (default: the Hours field) later than it is now (``actions.plan_extension``)."""
        return self._action(self._ui.extend_button, lambda: self._extend(hours), raise_errors)

    def stop_instance(self, raise_errors: bool = False) -> dict | None:
        return self._action(self._ui.stop_button, self._stop, raise_errors)

    def start_instance(self, raise_errors: bool = False) -> dict | None:
        """Start the followed instance again (STOPPED, START_FAILED)."""
        return self._action(self._ui.start_button, self._start, raise_errors)

    def follow_current(self) -> dict | None:
        """Follow the current instance, if there is one (what ``%codelab panel`` does); returns it."""
        try:
            found = actions.find_current(self._backend)
        except CodeLabError as exc:
            self._show_error(exc)
            return None
        if found.notebook is None:
            if found.vanished:
                self.forget_instance()
            return None
        self.apply_notebook(found.notebook, force=True)
        self.watch(found.notebook["id"])
        return found.notebook

    def watch(self, notebook_id: str) -> None:
        """Follow an instance's events (replacing any instance followed before)."""
        with self._changed:
            self.notebook_id = notebook_id
            self.connection = "connecting"
        self._driver.watch(notebook_id)

    def wait(self, timeout: float | None = None, until=("RUNNING",)) -> str:
        """Block until the status is in ``until`` or the instance ended; returns the status."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._changed:
            while self.status not in until and not describe.is_ended(self.status) and self.connection != "ended":
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    break
                self._changed.wait(0.5 if left is None else min(0.5, left))
            return self.status

    def close(self) -> None:
        self._driver.close()
        self._ui.close()
        super().close()

    # ---- state ----
    def apply_notebook(self, notebook: dict, force: bool = False) -> None:
        """Show a Notebook JSON (from an answer or an event; ``force``: a new open, whatever was followed)."""
        with self._changed:
            if not force and self.notebook_id and notebook.get("id") and notebook["id"] != self.notebook_id:
                return  # a late event of an instance no longer followed
            if ((self.notebook or {}).get("image") or {}).get("id") != (notebook.get("image") or {}).get("id"):
                self._select_image(notebook.get("image") or {})  # a new instance, or switched: show its image
            self.notebook = notebook
            self.notebook_id = notebook.get("id") or self.notebook_id
            self.mode = "simulated" if notebook.get("simulated") else "modelarts"
            self.progress = int(notebook.get("progress") or 0)
            status = notebook.get("status") or ""
            self.url = notebook.get("url") if status == "RUNNING" else None  # `url` is there from CREATING on
            self._driver.anchor_lease(notebook.get("lease"))
            self.sentence = describe.status_sentence(notebook)
            self.actions = list(describe.state(notebook).actions)
            self.status = status
            failure = describe.failure_sentence(notebook)
            if failure:
                self._set_error(failure)
            elif self.status == "RUNNING" and self.error_code is None:
                self._set_error("")
            self._render()  # before waking waiters: what they then read is on screen too
            self._changed.notify_all()
        remembered.remember(self._backend.where(), notebook)

    def forget_instance(self, sentence: str = VANISHED_SENTENCE) -> None:
        """The followed instance is gone: say so and show the open form again."""
        with self._changed:
            self._driver.stop_watching()
            self.notebook = {}
            self.notebook_id = None
            self.progress = 0
            self.url = None
            self._driver.anchor_lease(None)
            sentence = _(sentence)
            self.sentence = sentence
            self.actions = list(NO_INSTANCE.actions)
            self.status = ""
            self.vanished = True
            self.notice = sentence
            self.connection = "ended"
            self._set_error("")
            self._render()
            self._changed.notify_all()

    def _extend(self, hours):
        hours = check_hours(self._ui.hours.value if hours is None else hours, "Hours")
        self._require_instance("extend")
        done = actions.extend_notebook(self._backend, self.notebook, self._live_remaining_ms(), hours=hours)
        self.apply_notebook({**self.notebook, "lease": done.result})
        self.notice = done.sentence  # the countdown jumps; this says by how much
        return done.result

    def _live_remaining_ms(self) -> float | None:
        """What is left of the lease now, on the ticking countdown (None: no auto-stop)."""
        left = self._driver.remaining()
        return None if left is None or not describe.auto_stops(self.notebook) else left * 1000

    def _stop(self):
        notebook = self._backend.stop(self._require_instance("stop"))
        self.apply_notebook(notebook)
        self._driver.ensure_watching()
        return notebook

    def connect_account(self, access_key: str, secret_key: str, region: str | None = None,
                        project_id: str | None = None, remember: bool = False, raise_errors: bool = False) -> dict | None:  # fmt: skip
        """Connect a Huawei Cloud account (what the Connect form does); returns the new config."""
        from jupyter_codelab.client import login as account
        from jupyter_codelab.client.choose import set_backend

        body = {
            "access_key": access_key,
            "secret_key": secret_key,
            "region": region,
            "project_id": project_id,
            "remember": remember,
        }
        server = account.server_backend(backend=self._backend)

        def work():
            config, _where = account.login({k: v for k, v in body.items() if v not in (None, "")}, server)
            if server is None:  # direct: the file changed; choose the backend again
                set_backend(None)
                self._backend = get_backend()
            self._show_account_form(False)
            self.refresh()
            return config

        try:
            return self._action(self._ui.connect_submit, work, raise_errors)
        finally:
            body.clear()

    def _show_account_form(self, shown: bool) -> None:
        self._ui.account.layout.display = "" if shown else "none"
        self._ui.secret_key.value = ""

    def _submit_account_form(self) -> None:
        ui = self._ui
        secret, ui.secret_key.value = ui.secret_key.value, ""  # out of the widget (and the browser's copy) at once
        self.connect_account(ui.access_key.value, secret, ui.region.value, ui.project_id.value, ui.remember.value)

    def _start(self):
        notebook = self._backend.start(self._require_instance("start"))
        self.apply_notebook(notebook)
        self._driver.ensure_watching()
        return notebook

    def _require_instance(self, verb: str) -> str:
        if not self.notebook_id:
            raise InputError(
                _("There is no instance to {verb} yet: click Open first.").format(verb=_(actions.VERBS.get(verb, verb)))
            )
        return self.notebook_id

    def _action(self, button, work, raise_errors):
        self.busy = True
        button.disabled = True
        try:
            self._set_error("")
            self.notice = ""
            return work()
        except CodeLabError as exc:
            if exc.not_found:  # the instance went away under us (deleted elsewhere, service reset)
                self.forget_instance()
            else:
                self._show_error(exc)
            if raise_errors:
                raise
            return None
        except InputError as exc:
            self._show_error(exc)
            if raise_errors:
                raise
            return None
        finally:
            self.busy = False
            self._render()

    def _show_error(self, exc: Exception) -> None:
        code = getattr(exc, "error_code", None)
        self._set_error(exc.describe() if isinstance(exc, CodeLabError) else str(exc), code)

    def _set_error(self, message: str, code: str | None = None) -> None:
        self.error = message
        self.error_code = code
        self._ui.error.value = panel_view.error_html(message)

    def _on_event(self, event: dict) -> None:
        """Called by the driver's thread for each event of the followed instance."""
        kind = event.get("type")
        if kind == EVENT_DELETED:  # deleted, or gone (404 / NotFoundError): back to the open form
            self.forget_instance()
            return
        if kind == "reconnecting":
            self.connection = "reconnecting"
        elif kind == "upstream_error":
            self._ui.status.value = panel_view.status_html(
                self.status, self.connection, self._elapsed(), event.get("message") or ""
            )
            return
        else:
            self.connection = "live"
        if event.get("notebook"):
            self.apply_notebook(event["notebook"])
        else:
            self._render()

    def _on_stream_end(self, error: Exception | None) -> None:
        with self._changed:
            self.connection = "ended"
            if error is not None:
                self._show_error(error)
            self._render()
            self._changed.notify_all()

    def _elapsed(self) -> float | None:
        return None if self._opened_at is None else time.monotonic() - self._opened_at

    # ---- view ----
    @observe("images")
    def _images_changed(self, change) -> None:
        catalogue = change["new"] or {}
        default_id = catalogue.get("default_image_id")
        options = [(_("Default image"), None)]
        for image in catalogue.get("images") or []:
            mark = " " + _("(default)") if image.get("id") == default_id else ""
            options.append((f"{image_label(image)} [{image.get('processor') or '?'}]{mark}", image.get("id")))
        current = self.image_id
        self._ui.image.options = options
        self._ui.image.value = current if current in [value for _, value in options] else None

    @observe("image_id")
    def _image_id_changed(self, change) -> None:
        values = [value for _, value in self._ui.image.options]
        if change["new"] not in values:
            self._ui.image.options = [*self._ui.image.options, (change["new"], change["new"])]
        self._ui.image.value = change["new"]

    def _select_image(self, image: dict) -> None:
        if not image.get("id"):
            return
        if image["id"] not in [value for _, value in self._ui.image.options]:
            self._ui.image.options = [*self._ui.image.options, (image_label(image), image["id"])]
        self.image_id = image["id"]

    def _on_image_picked(self, change) -> None:
        self.image_id = change["new"]

    @observe("share_url")
    def _share_url_changed(self, change) -> None:
        self._ui.share.value = change["new"]
        text = change["new"].strip()
        encoded, problem = "", ""
        if text:
            try:
                encoded, _url = check_share_url(text, _("Notebook link"))
            except InputError as exc:
                problem = str(exc)
        self.share_url_b64 = encoded
        self._ui.share_feedback.value = panel_view.share_feedback_html(encoded, problem)
        self._ui.open_button.disabled = bool(problem) or self.busy

    def _link_is_invalid(self) -> bool:
        return bool(self.share_url.strip()) and not self.share_url_b64

    def _on_share_typed(self, change) -> None:
        self.share_url = change["new"]

    def _render(self) -> None:
        notebook, status = self.notebook or None, self.status
        self._ui.steps.value = panel_view.steps_html(notebook)
        self._ui.bar.value = self.progress
        self._ui.bar.bar_style = "success" if status == "RUNNING" else "danger" if describe.is_failed(status) else "info"
        self._ui.status.value = panel_view.status_html(status, self.connection, self._elapsed())
        self._ui.sentence.value = panel_view.sentence_html(self.sentence or describe.status_sentence(notebook))
        self._ui.notice.value = panel_view.notice_html(self.notice)
        self.render_countdown()
        self._ui.link.value = panel_view.link_html(status, self.url)
        offered = self.actions if self.notebook_id else NO_INSTANCE.actions
        self._ui.show_actions(offered, busy=self.busy)

    def render_countdown(self, _change=None) -> None:
        """The countdown and the Extend button's "Keep until 16:42" (both move with the clock and the Hours field)."""
        auto_stop = describe.auto_stops(self.notebook)
        self._ui.countdown.value = panel_view.countdown_html(self.status, self.remaining_seconds, auto_stop)
        label, tooltip = panel_view.extend_label(self.status, self._live_remaining_ms(), self._ui.hours.value)
        self._ui.extend_button.description, self._ui.extend_button.tooltip = label, tooltip

    def _on_tick(self) -> None:
        """Every second, from the driver's ticker: the countdown, and the time spent while starting."""
        self.render_countdown()
        if describe.is_moving(self.status):
            self._ui.status.value = panel_view.status_html(self.status, self.connection, self._elapsed())

    @observe("mode")
    def _mode_changed(self, change) -> None:
        self._ui.badge.value = panel_view.badge_html(change["new"], self._region)
        self._ui.connect_button.layout.display = "" if change["new"] == "simulated" else "none"

    # ---- where widgets cannot render ----
    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        bundle["text/plain"] = self.summary_text()
        bundle["text/html"] = describe.lines_html(self.summary_lines(), self.url)
        return bundle

    def summary_lines(self) -> list[str]:
        if not self.notebook and self.vanished:
            return describe.no_instance_lines(vanished=True)
        return describe.summary_lines(self.notebook or None, self.remaining_seconds, self.error or None)

    def summary_text(self) -> str:
        return "\n".join(self.summary_lines())

    def __repr__(self) -> str:
        return f"<CodeLabPanel {self.notebook_id or '(no instance)'} {self.status or 'not opened'}>"
