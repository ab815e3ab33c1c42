"""The HTML fragments the panel shows (badge, steps, status, countdown, link, SSH, errors).

Pure functions of plain values, so the panel's widgets and tests share them.
Every value from upstream is escaped. Where the sidebar says the same thing, the
panel looks up the sidebar's msgid (``lab_format`` fills its ``%1``), so both read alike.
"""

from __future__ import annotations

import html

from jupyter_codelab.client import actions, describe, steps
from jupyter_codelab.client.inputs import InputError
from jupyter_codelab.i18n import _, lab_format
from jupyter_codelab.modelarts import states
from jupyter_codelab.modelarts.states import state_of

_STEP_COLOURS = {"COMPLETED": "#2e7d32", "PROCESSING": "#1565c0", "FAILED": "#c62828", "WAITING": "#757575"}
SLOW_AFTER_SECONDS = 60  # the sidebar's slowAfterSeconds default (labextension/schema/plugin.json)
WARN = "color:#c62828"
NOTE = "color:#e65100"


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def badge_html(mode: str, region: str | None = None) -> str:
    if mode == "simulated":
        return _pill(
            _("Simulated"), "#e65100", _("No Huawei Cloud account is connected: instances run in a simulator on this server.")
        )
    if mode == "modelarts":
        label = lab_format(_("Huawei Cloud · %1"), region) if region else "ModelArts"
        return _pill(label, "#1565c0", _("Talking to Huawei Cloud ModelArts: instances are real."))
    return _pill(_("not connected"), "#757575", _("The backend has not answered yet."))


def _pill(text: str, colour: str, title: str) -> str:
    return (
        f'<span title="{_esc(title)}" style="background:{colour};color:white;'
        f'border-radius:8px;padding:1px 8px;font-size:85%">{_esc(text)}</span>'
    )


def steps_html(notebook: dict | None) -> str:
    """The four steps while they mean something; a restart says so instead (its steps are the creation's)."""
    if steps.is_restart(notebook):
        return f'<div class="codelab-restart">{_esc(_("Starting the instance again: its storage and files are kept."))}</div>'
    if not steps.shows_steps(notebook):
        return ""
    items = []
    for step in steps.steps(notebook):
        state = step["status"]
        weight = "bold" if state == "PROCESSING" else "normal"
        items.append(
            f'<li style="color:{_STEP_COLOURS.get(state, "#757575")};font-weight:{weight};list-style:none">'
            f"{_esc(steps.step_line(step))}</li>"
        )
    return f'<ul class="codelab-steps" style="margin:2px 0;padding-left:4px">{"".join(items)}</ul>'


def status_html(status: str, connection: str = "", elapsed: float | None = None, upstream: str = "") -> str:
    text = f"<b>{_esc(_('Status:'))}</b> {_esc(_(describe.status_words(status)))}"
    starting = state_of(status).phase == states.STARTING
    if describe.is_moving(status) and elapsed is not None:
        text += " " + _esc(_("for {elapsed}").format(elapsed=describe.format_remaining(elapsed)))
    notes = []
    if starting and elapsed is not None and elapsed > SLOW_AFTER_SECONDS:
        slow = _(
            "This is taking longer than usual (over %1). It is still going: keep this panel open or come back later; Stop below ends it."
        )
        notes.append(lab_format(slow, describe.format_remaining(SLOW_AFTER_SECONDS)))
    if connection == "reconnecting":
        notes.append(_("Connection lost: reconnecting…"))
    if upstream:
        notes.append(lab_format(_("ModelArts is slow to answer: still trying (%1)."), upstream))
    return text + "".join(f'<div style="{NOTE}">{_esc(note)}</div>' for note in notes)


def sentence_html(sentence: str) -> str:
    return f'<div style="margin:2px 0">{_esc(sentence)}</div>' if sentence else ""


def notice_html(notice: str) -> str:
    return f'<div style="color:#1565c0"><b>{_esc(_("Note:"))}</b> {_esc(notice)}</div>' if notice else ""


def countdown_html(status: str, remaining: int | None, auto_stop: bool = True) -> str:
    """While it runs: "Stops automatically in 00:58:10, stops at 15:42" (the sidebar's words), or that it never does."""
    if status != "RUNNING":
        return ""
    if not auto_stop:
        return _esc(_("No auto-stop: the instance runs until you stop it."))
    if remaining is None:
        return ""
    text = f"<b>{_esc(_('Stops automatically in'))}</b> {_esc(describe.countdown_words(remaining))}"
    if remaining < describe.WARN_BELOW_SECONDS:
        return f'<span style="{WARN}">{text}: {_esc(_("extend it to keep working"))}</span>'
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
    tooltip = lab_format(_("Move the automatic stop %1 h later, to %2."), hours, until)
    return lab_format(_("Keep until %1"), until), f"{tooltip} {plan.note}".strip()


def link_html(status: str, url: str | None) -> str:
    if status != "RUNNING" or not url:
        return ""
    return f'<a href="{_esc(url)}" target="_blank" rel="noopener"><b>{_esc(_("Open in new tab"))} &#8599;</b></a>'


def ssh_html(notebook: dict | None) -> str:
    """The SSH card of a running instance: the address whole (it wraps), its key pairs, and where to copy the config."""
    endpoint = describe.ssh_endpoint(notebook) if (notebook or {}).get("status") == "RUNNING" else None
    if endpoint is None:
        return ""
    keys = endpoint.get("key_pair_names") or []
    text = f'<b>{_esc(_("SSH"))}</b> <code style="word-break:break-all">{_esc(endpoint["uri"])}</code>'
    if keys:
        text += f" <small>{_esc(lab_format(_('Key pairs: %1'), ', '.join(keys)))}</small>"
    where = _("The SSH config to copy is in the CodeLab sidebar (Copy SSH config).")
    return f'<div class="codelab-ssh">{text}<br><small style="opacity:.75">{_esc(where)}</small></div>'


def stop_question_html(notebook: dict, starting: bool = False) -> str:
    """Stop asks first, in the sidebar's words (``starting``: it is sent once the instance runs)."""
    return f"<b>{_esc(_(states.STOP_TITLE))}</b> {_esc(describe.stop_question(notebook, starting))}"


def error_html(message: str) -> str:
    if not message:
        return ""
    return f'<div style="{WARN}"><b>{_esc(_("Problem:"))}</b> {_esc(message)}</div>'


def share_feedback_html(encoded: str, error: str) -> str:
    if error:
        return f'<span style="{WARN}">{_esc(error)}</span>'
    if encoded:
        return f'<span style="opacity:.75">share_url (Base64): <code style="word-break:break-all">{_esc(encoded)}</code></span>'
    return f'<span style="opacity:.75">{_esc(_("Optional: a link to an .ipynb file (GitHub pages and raw links work)."))}</span>'
