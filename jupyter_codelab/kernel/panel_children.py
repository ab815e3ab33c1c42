"""The widgets a ``CodeLabPanel`` is made of, and how they show a ``PanelState``.

Built and laid out in one place; ``render`` writes the state into them and never
changes the state, so the panel's behaviour (``panel.py``) stays apart from its looks.
"""

from __future__ import annotations

import ipywidgets as widgets  # type: ignore[import-untyped]  # ships no type information

from jupyter_codelab.client import describe, steps
from jupyter_codelab.client.inputs import image_label
from jupyter_codelab.i18n import _, lab_format
from jupyter_codelab.kernel import panel_view
from jupyter_codelab.kernel.panel_connect import ConnectForm
from jupyter_codelab.kernel.panel_send_children import SendChildren
from jupyter_codelab.kernel.panel_state import PanelState
from jupyter_codelab.modelarts import states
from jupyter_codelab.modelarts.limits import MAX_HOURS, MIN_HOURS
from jupyter_codelab.modelarts.states import NO_INSTANCE

FIELD_WIDTH = "min(100%, 520px)"


class PanelChildren:
    def __init__(self) -> None:
        self.title = widgets.HTML("<b>ModelArts CodeLab</b>")
        self.badge = widgets.HTML(panel_view.badge_html(""))
        self.connect_button = widgets.Button(
            description=_("Connect"), icon="plug", tooltip=_("Connect your Huawei Cloud account")
        )
        self.account = ConnectForm()
        self.image = widgets.Dropdown(description=_("Image"), options=[(_("Default image"), None)], value=None)
        self.image.layout.width = FIELD_WIDTH
        self.share = widgets.Text(description=_("Notebook"), placeholder="https://github.com/org/repo/blob/main/demo.ipynb")
        self.share.layout.width = FIELD_WIDTH
        self.share_feedback = widgets.HTML(panel_view.share_feedback_html("", ""))
        self.open_button = widgets.Button(
            description=_("Open"), button_style="primary", icon="rocket", tooltip=_("Open the CodeLab instance")
        )
        self.steps = widgets.HTML()
        self.bar = widgets.IntProgress(value=0, min=0, max=100, description=_("Progress"))
        self.status = widgets.HTML()
        self.sentence = widgets.HTML()
        self.countdown = widgets.HTML()
        self.hours = widgets.BoundedIntText(value=1, min=MIN_HOURS, max=MAX_HOURS, description=_("+ hours"),
                                            tooltip=_("How many hours later than planned the instance should stop"))  # fmt: skip
        self.hours.layout.width = "140px"
        self.extend_button = widgets.Button(description=_("Extend"), icon="clock-o", tooltip=_("Move the automatic stop later"))
        self.stop_button = widgets.Button(description=_("Stop"), button_style="warning", icon="stop")
        self.start_button = widgets.Button(description=_("Start"), button_style="primary", icon="play")
        # Stop asks first, in place: the question, then Stop (the sidebar's dialog's words) or Cancel.
        self.stop_question = widgets.HTML()
        self.stop_confirm = widgets.Button(description=_("Stop"), button_style="danger", icon="stop")
        self.stop_cancel = widgets.Button(description=_("Cancel"))
        self.asking_row = widgets.VBox([self.stop_question, widgets.HBox([self.stop_confirm, self.stop_cancel])])
        # Stop while it starts is sent once it runs: the note says so, and Keep it running takes it back.
        words = states.STOP_STARTING_WORDS
        self.pending_stop = widgets.HTML()
        self.keep_running = widgets.Button(description=_(words["keep"]), tooltip=_(words["keep_tooltip"]))
        self.link = widgets.HTML()
        self.ssh = widgets.HTML()
        self.notice = widgets.HTML()
        self.error = widgets.HTML()
        self.send = SendChildren()
        self.rows = [
            widgets.HBox([self.title, self.badge, self.connect_button]),
            self.account.box,
            self.image,
            self.share,
            self.share_feedback,
            self.open_button,
            self.steps,
            self.bar,
            self.status,
            self.sentence,
            self.start_button,
            widgets.HBox([self.countdown, self.hours, self.extend_button, self.stop_button, self.keep_running]),
            self.pending_stop,
            self.asking_row,
            self.link,
            self.ssh,
            self.notice,
            self.error,
            self.send.box,
        ]
        # Which widgets each action of the states table brings (shown only when the state offers it).
        self.by_action = {
            states.OPEN: (self.image, self.share, self.share_feedback, self.open_button),
            states.START: (self.start_button,),
            states.EXTEND: (self.hours, self.extend_button),
            states.STOP: (self.stop_button,),
        }

    def render(self, state: PanelState) -> None:
        """Show what is true now: only the steps that mean something, only the actions the state offers."""
        notebook, status = state.notebook or None, state.status
        self.steps.value = panel_view.steps_html(notebook)
        self.bar.value = state.progress
        self.bar.layout.display = None if steps.shows_steps(notebook) else "none"
        self.bar.bar_style = "danger" if describe.is_failed(status) else "info"
        self.status.value = panel_view.status_html(status, state.connection, state.elapsed(), state.upstream_message)
        self.sentence.value = panel_view.sentence_html(state.sentence or describe.status_sentence(notebook))
        self.notice.value = panel_view.notice_html(state.notice)
        connect_problem = state.error if state.error_of == "connect" and self.account.shown else ""
        self.error.value = "" if connect_problem else panel_view.error_html(state.error)
        self.link.value = panel_view.link_html(status, state.url)
        self.ssh.value = panel_view.ssh_html(notebook)
        self.badge.value = panel_view.badge_html(state.mode, state.region)
        self.connect_button.layout.display = "" if state.mode == "simulated" else "none"
        self.account.render(state.acting == "connect", state.mode == "simulated", connect_problem)
        self.share_feedback.value = panel_view.share_feedback_html(state.share_url_b64, state.share_problem)
        self.open_button.description = _("Opening...") if state.acting == "open" else _("Open")
        self.open_button.disabled = state.busy or bool(state.share_problem)
        self.start_button.description = (
            _("Starting…") if state.acting == "start" else _("Start again") if describe.is_failed(status) else _("Start")
        )
        words, starting = states.STOP_STARTING_WORDS, state.starting
        self.stop_button.tooltip = (
            _(words["stop_tooltip"]) if starting else lab_format(_("Stop %1 (asks first)"), (notebook or {}).get("name") or "")
        )
        self.show_actions(state.actions if state.notebook_id else NO_INSTANCE.actions, state.busy)
        pending = starting and state.stop_when_running == state.notebook_id
        if starting:  # Stop is offered while it starts too (sent once it runs), or Keep it running once asked
            self.stop_button.layout.display = "none" if pending else None
        self.keep_running.layout.display = None if pending else "none"
        self.pending_stop.value = panel_view.notice_html(_(words["pending"])) if pending else ""
        self.asking_row.layout.display = "" if state.asking == states.STOP and notebook else "none"
        if state.asking == states.STOP and notebook:
            self.stop_button.layout.display = "none"  # the question takes its place
            self.stop_question.value = panel_view.stop_question_html(notebook, starting=state.starting)

    def render_countdown(self, state: PanelState, remaining_ms: float | None) -> None:
        """The countdown and the Extend button's "Keep until 16:42" (both move with the clock and the Hours field)."""
        auto_stop = describe.auto_stops(state.notebook)
        self.countdown.value = panel_view.countdown_html(state.status, state.remaining_seconds, auto_stop)
        label, tooltip = panel_view.extend_label(state.status, remaining_ms, self.hours.value)
        self.extend_button.description, self.extend_button.tooltip = label, tooltip

    def show_actions(self, actions, busy: bool) -> None:
        """Show the controls of the offered actions, hide the others; all disabled while an action runs."""
        for action, controls in self.by_action.items():
            offered = action in actions
            for control in controls:
                control.layout.display = None if offered else "none"
        for button in (self.start_button, self.extend_button, self.stop_button, self.stop_confirm, self.stop_cancel,
                       self.keep_running):  # fmt: skip
            button.disabled = busy

    def show_images(self, catalogue: dict, current: str | None) -> None:
        """The image list, ModelArts' default marked; the chosen image stays chosen when it is listed."""
        default_id = catalogue.get("default_image_id")
        options = [(_("Default image"), None)]
        for image in catalogue.get("images") or []:
            mark = " " + _("(default)") if image.get("id") == default_id else ""
            options.append((f"{image_label(image)} [{image.get('processor') or '?'}]{mark}", image.get("id")))
        self.image.options = options
        self.image.value = current if current in [value for _label, value in options] else None

    def select_image(self, image_id: str | None, image: dict | None = None) -> None:
        """Choose an image (one not listed, e.g. an instance's, is added under its name)."""
        if image_id not in [value for _label, value in self.image.options]:
            label = image_label(image) if image and image.get("id") == image_id else image_id
            self.image.options = [*self.image.options, (label, image_id)]
        self.image.value = image_id

    def close(self) -> None:
        def close_all(widget) -> None:
            for child in getattr(widget, "children", ()):
                close_all(child)
            widget.close()

        for row in self.rows:
            close_all(row)
