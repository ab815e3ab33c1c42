"""The widgets a ``CodeLabPanel`` is made of, built and laid out in one place.

The panel owns one ``PanelChildren`` (private to it) and wires the callbacks;
keeping construction here leaves ``panel.py`` with the behaviour only.
"""

from __future__ import annotations

import ipywidgets as widgets

from jupyter_codelab.i18n import _
from jupyter_codelab.kernel import panel_view
from jupyter_codelab.modelarts import states
from jupyter_codelab.modelarts.limits import MAX_HOURS, MIN_HOURS

FIELD_WIDTH = "min(100%, 520px)"


class PanelChildren:
    def __init__(self) -> None:
        self.title = widgets.HTML("<b>ModelArts CodeLab</b>")
        self.badge = widgets.HTML(panel_view.badge_html(""))
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
        self.countdown = widgets.HTML()
        self.hours = widgets.BoundedIntText(value=1, min=MIN_HOURS, max=MAX_HOURS, description=_("+ hours"),
                                            tooltip=_("How many hours later than planned the instance should stop"))  # fmt: skip
        self.hours.layout.width = "140px"
        self.extend_button = widgets.Button(description=_("Extend"), icon="clock-o", tooltip=_("Move the automatic stop later"))
        self.stop_button = widgets.Button(
            description=_("Stop"), button_style="warning", icon="stop", tooltip=_("Stop the instance")
        )
        self.start_button = widgets.Button(
            description=_("Start"), button_style="primary", icon="play", tooltip=_("Start the instance again")
        )
        self.sentence = widgets.HTML()
        self.notice = widgets.HTML()
        self.link = widgets.HTML()
        self.error = widgets.HTML()
        self.lease_row = widgets.HBox([self.countdown, self.hours, self.extend_button, self.stop_button])
        self._account_form()
        self.rows = [
            widgets.HBox([self.title, self.badge, self.connect_button]),
            self.account,
            self.image,
            self.share,
            self.share_feedback,
            self.open_button,
            self.steps,
            self.bar,
            self.status,
            self.sentence,
            self.start_button,
            self.lease_row,
            self.link,
            self.notice,
            self.error,
        ]
        # Which widgets each action of the states table brings (shown only when the state offers it).
        self.by_action = {
            states.OPEN: (self.image, self.share, self.share_feedback, self.open_button),
            states.START: (self.start_button,),
            states.EXTEND: (self.hours, self.extend_button),
            states.STOP: (self.stop_button,),
        }

    def show_actions(self, actions, busy: bool) -> None:
        """Show the controls of the offered actions, hide the others; all disabled while an action runs."""
        for action, controls in self.by_action.items():
            offered = action in actions
            for control in controls:
                control.layout.display = None if offered else "none"
        for button in (self.start_button, self.extend_button, self.stop_button):
            button.disabled = busy

    def _account_form(self) -> None:
        """Connect button (simulated mode) and its small form; the secret box is emptied right after use."""
        self.connect_button = widgets.Button(
            description=_("Connect"), icon="plug", tooltip=_("Connect your Huawei Cloud account")
        )
        self.connect_button.layout.display = "none"
        self.access_key = widgets.Text(description="AK", placeholder=_("access key id"))
        self.secret_key = widgets.Password(description="SK", placeholder=_("secret access key"))
        self.region = widgets.Text(description=_("Region"), placeholder="cn-north-4")
        self.project_id = widgets.Text(description=_("Project"), placeholder=_("optional: looked up for the region"))
        self.remember = widgets.Checkbox(description=_("Remember in ~/.huaweicloud/credentials"), indent=False)
        self.connect_submit = widgets.Button(description=_("Connect"), button_style="primary", icon="check")
        self.connect_cancel = widgets.Button(description=_("Cancel"))
        for field in (self.access_key, self.secret_key, self.region, self.project_id):
            field.layout.width = FIELD_WIDTH
        self.account_hint = widgets.HTML(_(panel_view.ACCOUNT_HINT))
        self.account = widgets.VBox([
            self.account_hint, self.access_key, self.secret_key, self.region, self.project_id, self.remember,
            widgets.HBox([self.connect_submit, self.connect_cancel]),
        ])  # fmt: skip
        self.account.layout.display = "none"

    def close(self) -> None:
        def close_all(widget) -> None:
            for child in getattr(widget, "children", ()):
                close_all(child)
            widget.close()

        for row in self.rows:
            close_all(row)
