"""The HTML fragments the panel shows (badge, steps, status, countdown, link, errors).

Pure functions of plain values, so the panel's widgets and tests share them.
Every value from upstream is escaped.
"""

from __future__ import annotations

import html

from jupyter_codelab.client import actions, describe
from jupyter_codelab.client.inputs import InputError
from jupyter_codelab.i18n import N_, _

_STEP_COLOURS = {"COMPLETED": "#2e7d32", "PROCESSING": "#1565c0", "FAILED": "#c62828", "WAITING": "#757575"}
SLOW_AFTER_SECONDS = 180  # a CodeLab start usually takes well under this


def badge_html(mode: str, region: str | None = None) -> str:
    if mode == "simulated":
        return _pill(
            _("SIMULATED"), "#e65100", _("Talking to the built-in ModelArts simulator: nothing is created in the cloud.")
        )
    if mode == "modelarts":
        label = f"ModelArts {region}" if region else "ModelArts"
        return _pill(label, "#1565c0", _("Talking to Huawei Cloud ModelArts: instances are real."))
    return _pill(_("not connected"), "#757575", _("The backend has not answered yet."))


def _pill(text: str, colour: str, title: str) -> str:
    return (
        f'<span title="{html.escape(title, quote=True)}" style="background:{colour};color:white;'
        f'border-radius:8px;padding:1px 8px;font-size:85%">{html.escape(text)}</span>'
    )


def steps_html(notebook: dict | None) -> str:
    items = []
    for step in describe.steps(notebook):
        state = step["status"]
        colour = _STEP_COLOURS.get(state, "#757575")
        weight = "bold" if state == "PROCESSING" else "normal"
        items.append(
            f'<li style="color:{colour};font-weight:{weight};list-style:none">'
            f"{describe.STEP_MARKS.get(state, '?')} {step['step']}. {html.escape(_(step['description']))}"
            f' <span style="opacity:.7">({html.escape(state.lower())})</span></li>'
        )
    return f'<ul class="codelab-steps" style="margin:2px 0;padding-left:4px">{"".join(items)}</ul>'


def status_html(status: str, connection: str = "", elapsed: float | None = None, note: str = "") -> str:
    text = f"<b>{html.escape(_('Status:'))}</b> {html.escape(_(describe.status_words(status)))}"
    if describe.is_moving(status) and elapsed is not None:
        text += " " + html.escape(_("for {elapsed}").format(elapsed=describe.format_remaining(elapsed)))
        if elapsed > SLOW_AFTER_SECONDS:
            text += " - " + html.escape(_("taking longer than usual; ModelArts may be short of free resources."))
    if connection == "reconnecting":
        text += f' <span style="color:#e65100">{html.escape(_("(reconnecting to the event stream...)"))}</span>'
    if note:
        text += f' <span style="color:#e65100">{html.escape(note)}</span>'
    return text


def sentence_html(sentence: str) -> str:
    return f'<div style="margin:2px 0">{html.escape(sentence)}</div>' if sentence else ""


def notice_html(notice: str) -> str:
    return f'<div style="color:#1565c0"><b>{html.escape(_("Note:"))}</b> {html.escape(notice)}</div>' if notice else ""


def countdown_html(status: str, remaining: int | None, auto_stop: bool = True) -> str:
    if status == "RUNNING" and not auto_stop:
        return f"<b>{html.escape(_('Auto-stop:'))}</b> {html.escape(_('no auto-stop'))}"
    if status != "RUNNING" or remaining is None:
        return f"<b>{html.escape(_('Auto-stop:'))}</b> -"
    text = f"<b>{html.escape(_('Auto-stop in'))}</b> {html.escape(describe.countdown_words(remaining))}"
    if remaining < describe.WARN_BELOW_SECONDS:
        return f'<span style="color:#c62828">{text}: {html.escape(_("extend it to keep working"))}</span>'
    return text


def extend_label(status: str, remaining_ms: float | None, hours: int) -> tuple[str, str]:
    """The Extend button's label and tooltip: "Keep until 16:42" says the new stop time before the click."""
    if status != "RUNNING":
        return _("Extend"), _("Move the automatic stop later")
    try:
        plan = actions.plan_extension(remaining_ms, hours=hours)
    except InputError as exc:  # already at the 72 h cap
        return _("Extend"), str(exc)
    until = describe.format_clock(plan.stops_at_ms)
    tooltip = _("Move the automatic stop {hours} h later, to {clock}.").format(hours=hours, clock=until)
    return _("Keep until {clock}").format(clock=until), f"{tooltip} {plan.note}".strip()


def link_html(status: str, url: str | None) -> str:
    if status != "RUNNING" or not url:
        return ""
    safe = html.escape(url, quote=True)
    return f'<a href="{safe}" target="_blank" rel="noopener"><b>{html.escape(_("Open the CodeLab instance"))} &#8599;</b></a>'


def error_html(message: str) -> str:
    if not message:
        return ""
    return f'<div style="color:#c62828"><b>{html.escape(_("Problem:"))}</b> {html.escape(message)}</div>'


def share_feedback_html(encoded: str, error: str) -> str:
    if error:
        return f'<span style="color:#c62828">{html.escape(error)}</span>'
    if encoded:
        return f'<span style="opacity:.75">share_url (Base64): <code style="word-break:break-all">{html.escape(encoded)}</code></span>'
    return f'<span style="opacity:.75">{html.escape(_("Optional: a link to an .ipynb file (GitHub pages and raw links work)."))}</span>'


ACCOUNT_HINT = N_(
    "<small>Access keys: Huawei Cloud console &gt; My Credentials &gt; Access Keys. Inside JupyterLab the keys stay in "
    "the server's memory (tick Remember to keep them). Or run <code>%codelab login</code> in a cell: it asks without "
    "showing what you type.</small>"
)
