"""``CodeLabPanel``: an ipywidgets panel that opens a CodeLab instance and follows it.

``panel.state`` (a ``PanelState``: plain traits to read and observe), the widgets that show it (``PanelChildren``),
and this class: every button through ``client.actions``, the driver's threads (the event stream, the countdown)
heard so the panel moves while the cell is idle. ``panel.sending`` (``PanelSend``) sends a local notebook with the
files it reads. Without a widget frontend, ``_repr_mimebundle_`` carries a text/plain and text/html summary.
"""

from __future__ import annotations

import threading
import time

import ipywidgets as widgets  # type: ignore[import-untyped]  # ships no type information

from jupyter_codelab.client import actions, describe, remembered
from jupyter_codelab.client.backend import Backend
from jupyter_codelab.client.choose import get_backend
from jupyter_codelab.client.errors import CodeLabError
from jupyter_codelab.client.inputs import InputError, check_hours, check_share_url
from jupyter_codelab.i18n import N_, _
from jupyter_codelab.kernel.panel_children import PanelChildren
from jupyter_codelab.kernel.panel_driver import PanelDriver
from jupyter_codelab.kernel.panel_send import PanelSend
from jupyter_codelab.kernel.panel_state import LINK_FIELD, PanelState
from jupyter_codelab.modelarts.states import EVENT_DELETED, NO_INSTANCE, STOP, VANISHED_SENTENCE

SIMULATED_STAYS = N_("The simulated instance stays in the simulator: sign out to see it again.")


class CodeLabPanel(widgets.VBox):
    def __init__(self, backend: Backend | None = None, load_images: bool = True, **kwargs):
        self.state = PanelState()
        self._backend = backend or get_backend()
        self._ui = PanelChildren()
        super().__init__(children=self._ui.rows, **kwargs)
        self._driver = PanelDriver(lambda notebook_id: self._backend.events(notebook_id), self)
        self._wire()
        self.sending = PanelSend(self.state, self._ui.send, lambda: self._backend, self.follow)
        self._render()
        if load_images:
            self.refresh()

    def _wire(self) -> None:
        ui, state = self._ui, self.state
        ui.image.observe(lambda change: setattr(state, "image_id", change["new"]), "value")
        ui.share.observe(lambda change: setattr(state, "share_url", change["new"]), "value")
        ui.hours.observe(lambda _change: self._render_countdown(), "value")
        clicks = ((ui.open_button, self.open_instance), (ui.extend_button, self.extend_lease), (ui.stop_button, self.ask_stop),
                  (ui.stop_confirm, self.stop_instance), (ui.stop_cancel, self.cancel_stop), (ui.start_button, self.start_instance),
                  (ui.keep_running, lambda: self.cancel_stop(keep_running=True)), (ui.connect_button, self.show_connect_form),
                  (ui.account.cancel, lambda: self.show_connect_form(False)), (ui.account.submit, lambda: self.connect(ui.account.take())))  # fmt: skip
        for button, act in clicks:
            button.on_click(lambda _button, act=act: act())
        state.observe(lambda change: ui.show_images(change["new"], state.image_id), "images")
        state.observe(lambda change: ui.select_image(change["new"], (state.notebook or {}).get("image")), "image_id")
        state.observe(lambda change: setattr(ui.share, "value", change["new"]), "share_url")
        state.observe(lambda _change: self._render(), ["share_url_b64", "share_problem"])

    # ---- actions (the buttons call these; each goes through client.actions) ----
    def refresh(self) -> None:
        """Load the mode, the region and the live image list."""
        try:
            self.state.show_config(self._backend.config())
            self.state.images = self._backend.images()
        except CodeLabError as exc:
            self.state.show_problem(exc)
        self._render()

    def open_instance(self, raise_errors: bool = False) -> dict | None:
        """Open (or find) the instance with the chosen image and notebook link, then follow it."""

        def work() -> dict:
            share = self.state.share_url.strip() or None
            if share:
                check_share_url(share, _(LINK_FIELD))
            self.state.opened_at = time.monotonic()
            opened = actions.open_instance(self._backend, image_id=self.state.image_id, share_url=share)
            self.state.vanished = False
            self.state.notice = opened.note or ""
            self.follow(opened.notebook)
            return opened.notebook

        return self._act("open", work, raise_errors)

    def extend_lease(self, hours: int | None = None, raise_errors: bool = False) -> dict | None:
        """Move the automatic stop ``hours`` (default: the Hours field) later than it is now (``actions.plan_extension``)."""

        def work() -> dict:
            checked = check_hours(self._ui.hours.value if hours is None else hours, "Hours")
            notebook = self._require_instance("extend")
            done = actions.extend_notebook(self._backend, notebook, self._live_remaining_ms(), hours=checked)
            self._show({**notebook, "lease": done.result})
            self.state.notice = done.sentence  # the countdown jumps; this says by how much
            return done.result

        return self._act("extend", work, raise_errors)

    def ask_stop(self) -> None:
        """What the Stop button does: ask first (the sidebar's question), in place of the button."""
        if (STOP in self.state.actions or self.state.starting) and not self.state.busy:
            self.state.asking = STOP
            self._render()

    def cancel_stop(self, keep_running: bool = False) -> None:
        """No to the question; ``keep_running``: no stop once it runs either."""
        self.state.asking = ""
        if keep_running:
            self.state.stop_when_running = None
        self._render()

    def stop_instance(self, raise_errors: bool = False) -> dict | None:
        """Stop the followed instance (the button asks first; this is its Yes); one still starting stops once it runs."""
        if self.state.stop_once_running():  # still starting: ModelArts would refuse it now
            self._render()
            return None
        work = lambda: self._moved(actions.stop_notebook(self._backend, self._require_instance("stop")).result)
        return self._act("stop", work, raise_errors)

    def start_instance(self, raise_errors: bool = False) -> dict | None:
        """Start the followed instance again (STOPPED, START_FAILED)."""
        self.state.opened_at = time.monotonic()
        work = lambda: self._moved(actions.start_notebook(self._backend, self._require_instance("start")))
        return self._act("start", work, raise_errors)

    def follow_current(self) -> dict | None:
        """Follow the current instance, if there is one (what ``%codelab panel`` does); returns it."""
        try:
            found = actions.find_current(self._backend)
        except CodeLabError as exc:
            self.state.show_problem(exc)
            self._render()
            return None
        if found.notebook is not None:
            self.follow(found.notebook)
        elif found.vanished:
            self._forget()
        return found.notebook

    def follow(self, notebook: dict) -> None:
        """Show ``notebook`` (an answer: an open, a start, a send) and follow its events from now on."""
        self._show(notebook, force=True)
        self.watch(notebook["id"])

    def show_connect_form(self, shown: bool = True) -> None:
        self._ui.account.show(shown, self.state.region)
        self._render()

    def connect(self, body: dict, raise_errors: bool = False) -> dict | None:
        """Connect a Huawei Cloud account with the form's fields (``credential_input``'s names); returns the new config.
        ``body`` is emptied afterwards. The followed instance was the former account's: the panel follows the new one's."""
        was_simulated, followed = self.state.mode == "simulated", self.state.notebook_id

        def work() -> dict:
            self._driver.stop_watching()  # the instance is the former account's (a switch ends its stream anyway)
            try:
                connected = actions.connect_account(self._backend, body)
            except (CodeLabError, InputError):
                if followed:
                    self.watch(followed)  # nothing changed: follow it again
                raise
            self._backend = connected.backend
            self._ui.account.show(False)
            self.state.forget(_(NO_INSTANCE.sentence), vanished=False)
            self.refresh()
            self.follow_current()  # the account's own instance, if it has one
            self.state.notice = connected.sentence + (" " + _(SIMULATED_STAYS) if was_simulated else "")
            return connected.config

        try:
            return self._act("connect", work, raise_errors)
        finally:
            body.clear()

    def watch(self, notebook_id: str) -> None:
        """Follow an instance's events (replacing any instance followed before)."""
        with self.state.changed:
            self.state.notebook_id = notebook_id
            self.state.connection = "connecting"
        self._driver.watch(notebook_id)

    def wait(self, timeout: float | None = None, until=("RUNNING",)) -> str:  # see PanelState.wait
        return self.state.wait(timeout, until)

    def close(self) -> None:
        self._driver.close()
        self._ui.close()
        super().close()

    def _require_instance(self, verb: str) -> dict:
        if not self.state.notebook_id:
            raise InputError(
                _("There is no instance to {verb} yet: click Open first.").format(verb=_(actions.VERBS.get(verb, verb)))
            )
        return self.state.notebook or {"id": self.state.notebook_id}  # watched, no answer seen yet

    def _act(self, action: str, work, raise_errors: bool):
        """Run one action: the buttons wait, its problem is shown in words (a vanished instance: the open form)."""
        with self.state.changed:
            self.state.begin(action)
            self._render()
        try:
            return work()
        except (CodeLabError, InputError) as exc:
            if isinstance(exc, CodeLabError) and exc.not_found and action != "connect":
                self._forget()  # the instance went away under us (deleted elsewhere, service reset)
            else:
                self.state.show_problem(exc)
            if raise_errors:
                raise
            return None
        finally:
            self.state.end()
            self._render()

    # ---- what the driver tells (its threads call these) ----
    def on_event(self, event: dict) -> None:
        kind, state = event.get("type"), self.state
        if kind == EVENT_DELETED:  # deleted, or gone (404 / NotFoundError): back to the open form
            self._forget()
            return
        if kind == "upstream_error":
            state.upstream_message = event.get("message") or ""
        else:
            state.connection = "reconnecting" if kind == "reconnecting" else "live"
            state.upstream_message = ""
        if event.get("notebook"):
            self._show(event["notebook"])
        else:
            self._render()

    def on_stream_end(self, error: Exception | None) -> None:
        with self.state.changed:
            self.state.connection = "ended"
            if error is not None:
                self.state.show_problem(error)
            self._render()
            self.state.changed.notify_all()

    def on_tick(self, remaining: int | None) -> None:
        """Every second: the countdown, and the time a start has taken."""
        self.state.remaining_seconds = remaining
        if describe.is_moving(self.state.status):
            self._render()
        else:
            self._render_countdown()

    # ---- state changes ----
    def _show(self, notebook: dict, force: bool = False) -> None:
        """Show a Notebook JSON (from an answer or an event; ``force``: a new open, whatever was followed)."""
        with self.state.changed:
            if not self.state.show_notebook(notebook, force):
                return  # a late event of an instance no longer followed
            self.state.remaining_seconds = self._driver.anchor_lease(notebook.get("lease"))
            self._render()  # before waking waiters: what they then read is on screen too
            self.state.changed.notify_all()
        remembered.remember(self._backend.where(), notebook)
        if self.state.stop_due():  # asked to stop while it started: it runs now (on its own thread, not the stream's)
            threading.Thread(target=self.stop_instance, name="codelab-stop-once-running", daemon=True).start()

    def _moved(self, notebook: dict) -> dict:
        """An answer to a stop or a start: show it, and follow again if the stream had ended (it ends on STOPPED)."""
        self._show(notebook)
        self._driver.ensure_watching(notebook["id"])
        return notebook

    def _forget(self) -> None:
        """The followed instance is gone: say so and show the open form again."""
        with self.state.changed:
            self._driver.stop_watching()
            self.state.forget(_(VANISHED_SENTENCE))
            self._driver.anchor_lease(None)
            self._render()
            self.state.changed.notify_all()

    def _live_remaining_ms(self) -> float | None:
        """What is left of the lease now, on the ticking countdown (None: no auto-stop)."""
        left = self._driver.remaining()
        return None if left is None or not describe.auto_stops(self.state.notebook) else left * 1000

    def _render(self) -> None:
        with self.state.changed:
            self._ui.render(self.state)
            self._render_countdown()

    def _render_countdown(self) -> None:
        self._ui.render_countdown(self.state, self._live_remaining_ms())

    # ---- where widgets cannot render ----
    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        bundle["text/plain"] = self.summary_text()
        bundle["text/html"] = describe.lines_html(self.state.summary_lines(), self.state.url)
        return bundle

    def summary_text(self) -> str:
        return "\n".join(self.state.summary_lines())

    def __repr__(self) -> str:
        return f"<CodeLabPanel {self.state.notebook_id or '(no instance)'} {self.state.status or 'not opened'}>"
