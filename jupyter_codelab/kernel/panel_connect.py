"""The panel's "Connect your account" form: the sidebar's fields, in the sidebar's words.

AK, SK, security token, region (picked from the one list, ``modelarts.regions``), project id
and Remember, named as ``credential_input`` names them. Before connecting it says what
happens to the simulated instance. The secret boxes are emptied the moment they are read.
"""

from __future__ import annotations

import html

import ipywidgets as widgets  # type: ignore[import-untyped]  # ships no type information

from jupyter_codelab.i18n import _
from jupyter_codelab.modelarts.credential_input import AKSK_FIELDS, COMMON_FIELDS
from jupyter_codelab.modelarts.regions import DEFAULT_REGION, region_choices
from jupyter_codelab.modelarts.value_rules import WHERE_KEYS

FIELDS = AKSK_FIELDS + COMMON_FIELDS  # what POST credentials takes for an access key
SECRETS = ("secret_key", "security_token")
WIDTH = "min(100%, 520px)"
LABELS = {"style": {"description_width": "initial"}}


class ConnectForm:
    def __init__(self) -> None:
        self.fields: dict[str, widgets.ValueWidget] = {
            "access_key": widgets.Text(description=_("Access key (AK)"), **LABELS),
            "secret_key": widgets.Password(description=_("Secret key (SK)"), **LABELS),
            "security_token": widgets.Password(description=_("Security token (temporary keys only)"), **LABELS),
            "region": widgets.Dropdown(description=_("Region"), options=region_choices(None), value=DEFAULT_REGION, **LABELS),
            "project_id": widgets.Text(
                description=_("Project ID (optional)"), placeholder=_("Found from the region when empty"), **LABELS
            ),
            "remember": widgets.Checkbox(description=_("Remember on this machine"), indent=False),
        }
        for name in FIELDS:
            self.fields[name].layout.width = WIDTH
        intro = _("Give an access key of your Huawei Cloud account; it goes to this Jupyter server only. ") + _(WHERE_KEYS) + "."
        self.intro = widgets.HTML(f"<small>{html.escape(intro)}</small>")
        self.simulated_note = widgets.HTML(
            f"<small><b>{html.escape(_('Connecting switches this server to your account; the simulated instance stays in the simulator.'))}</b></small>"
        )
        remember = _(
            "Writes the keys to ~/.huaweicloud/credentials on the server (mode 0600). Leave it off on shared machines and Binder."
        )
        self.remember_hint = widgets.HTML(f'<small style="opacity:.75">{html.escape(remember)}</small>')
        self.problem = widgets.HTML()
        self.submit = widgets.Button(description=_("Connect"), button_style="primary", icon="check")
        self.cancel = widgets.Button(description=_("Cancel"))
        f = self.fields
        self.box = widgets.VBox([
            self.intro, self.simulated_note, f["access_key"], f["secret_key"], f["security_token"], f["region"],
            f["project_id"], f["remember"], self.remember_hint, self.problem, widgets.HBox([self.submit, self.cancel]),
        ])  # fmt: skip
        self.box.layout.display = "none"

    def show(self, shown: bool, region: str | None = None) -> None:
        """Open (a fresh region list, the configured region chosen) or close the form; the secrets go either way."""
        if shown:
            choices = region_choices(region)
            self.fields["region"].options = choices
            self.fields["region"].value = region or DEFAULT_REGION
            self.problem.value = ""
        self.clear_secrets()
        self.box.layout.display = "" if shown else "none"

    @property
    def shown(self) -> bool:
        return self.box.layout.display != "none"

    def take(self) -> dict:
        """The form's values by field name; the secret boxes are empty once this returns (here and in the browser)."""
        body = {name: self.fields[name].value for name in FIELDS}
        self.clear_secrets()
        return body

    def clear_secrets(self) -> None:
        for name in SECRETS:
            self.fields[name].value = ""

    def render(self, busy: bool, simulated: bool, problem: str) -> None:
        self.submit.description = _("Connecting…") if busy else _("Connect")
        for control in (*self.fields.values(), self.submit, self.cancel):
            control.disabled = busy
        self.simulated_note.layout.display = "" if simulated else "none"
        if problem:
            cleared = _("The secret key and the security token were cleared: paste them again.")
            self.problem.value = (
                f'<div style="color:#c62828">{html.escape(problem)}<br><small>{html.escape(cleared)}</small></div>'
            )
        else:
            self.problem.value = ""
