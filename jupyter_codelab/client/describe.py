"""Plain words for a notebook's state, shared by the panel, the magics and the CLI.

The words, sentences and actions of each status come from one table,
``jupyter_codelab.modelarts.states`` (the server and the sidebar follow it too);
this module only lays them out. Everything takes the normalized Notebook JSON of
contracts.md 2.1 (a dict) and returns text or escaped HTML.
"""

from __future__ import annotations

import html
import math
import time

from jupyter_codelab.client.inputs import image_label
from jupyter_codelab.client.steps import current_step, shows_steps, step_line, steps  # noqa: F401 - current_step: read here by the CLI
from jupyter_codelab.i18n import N_, _, lab_format
from jupyter_codelab.modelarts import states
from jupyter_codelab.modelarts.lease_plan import local_clock
from jupyter_codelab.modelarts.states import NO_INSTANCE, VANISHED_SENTENCE, State, state_of

# Phases in which the instance moves by itself: followers look often, a wait goes on.
MOVING_PHASES = frozenset({states.STARTING, states.BUSY, states.STOPPING, states.DELETING})
# Phases after which nothing happens without a new action: a wait for RUNNING ends there.
SETTLED_PHASES = frozenset({states.RUNNING, states.STOPPED, states.FAILED, states.FROZEN, states.GONE})

# How each face spells an action (the first is the one to suggest).
COMMAND_PREFIX = {"magic": "%codelab", "cli": "jupyter codelab"}
ACTION_COMMANDS = {states.OPEN: "open", states.START: "start", states.STOP: "stop", states.EXTEND: "extend --hours H"}

# The lease countdown turns into a warning below this many seconds (users asked to be warned before the stop).
WARN_BELOW_SECONDS = 600


def state(notebook: dict | None) -> State:
    return state_of((notebook or {}).get("status"))


def status_words(status: str | None) -> str:
    return state_of(status).words


def is_moving(status: str | None) -> bool:
    return state_of(status).phase in MOVING_PHASES


def is_settled(status: str | None) -> bool:
    return bool(status) and state_of(status).phase in SETTLED_PHASES


def is_ended(status: str | None) -> bool:
    """Settled and not running: nothing more happens without a new action."""
    return is_settled(status) and state_of(status).phase != states.RUNNING


def is_failed(status: str | None) -> bool:
    return bool(status) and state_of(status).phase in (states.FAILED, states.FROZEN)


def format_remaining(seconds: float | None) -> str:
    """``01:02:03`` (hours may pass 24: leases last up to 72 h), as the sidebar counts; ``-`` when there is no lease."""
    if seconds is None:
        return "-"
    seconds = max(0, math.ceil(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}"


def format_clock(epoch_ms: float | None) -> str:
    """A stop time as a person reads it: ``15:42`` today, ``Tue 15:42`` on another day (as the sidebar says it)."""
    return local_clock(epoch_ms) if epoch_ms else "-"


def countdown_words(seconds: float | None) -> str:
    """The one way every face says the lease: ``0:58:10, stops at 15:42`` (the stop time on this machine's clock)."""
    if seconds is None:
        return "-"
    # To the second: a stop set with --until 14:00 and read a moment later is 13:59:59.9, still "14:00".
    stops_at_ms = round(time.time() + seconds) * 1000
    return _("{left}, stops at {clock}").format(left=format_remaining(seconds), clock=format_clock(stops_at_ms))


def remaining_seconds(notebook: dict | None) -> float | None:
    lease = (notebook or {}).get("lease") or {}
    remaining_ms = lease.get("remaining_ms")
    return None if remaining_ms is None else remaining_ms / 1000


def auto_stops(notebook: dict | None) -> bool:
    """False when the lease says no auto-stop (``enable: false``, started with duration -1)."""
    lease = (notebook or {}).get("lease") or {}
    return lease.get("auto_stop", lease.get("enable", True)) is not False


def failure_sentence(notebook: dict | None) -> str | None:
    """Why the instance failed (or is frozen) and what to do, or None when it did not fail."""
    notebook = notebook or {}
    found = state(notebook)
    if found.phase not in (states.FAILED, states.FROZEN):
        return None
    if found.phase == states.FROZEN:
        return _(found.sentence)
    failed = next((s for s in steps(notebook) if s["status"] == "FAILED"), None)
    reason = (notebook.get("fail_reason") or _("ModelArts gave no reason")).rstrip(".。")
    if failed:
        return _("{state} at step {step} ({description}): {reason}. {sentence}").format(
            state=_(found.words),
            step=failed["step"],
            description=failed["description"].rstrip("."),
            reason=reason,
            sentence=_(found.sentence),
        )
    return _("{state}: {reason}. {sentence}").format(state=_(found.words), reason=reason, sentence=_(found.sentence))


NO_AUTO_STOP_SENTENCE = N_("The instance is running with no auto-stop: stop it when you are done.")


def status_sentence(notebook: dict | None) -> str:
    """What the state means and what to do: the failure with its reason, else the table's sentence."""
    if notebook and notebook.get("status") == "RUNNING" and not auto_stops(notebook):
        return _(NO_AUTO_STOP_SENTENCE)
    return failure_sentence(notebook) or _(state(notebook).sentence)


def next_commands(actions, face: str) -> list[str]:
    prefix = COMMAND_PREFIX[face]
    return [f"{prefix} {ACTION_COMMANDS[action]}" for action in actions if action in ACTION_COMMANDS]


def next_line(actions, face: str | None) -> str | None:
    """``Next: %codelab start (or: %codelab open)``; None when nothing can be done (FROZEN, starting)."""
    if face is None:
        return None
    commands = next_commands(actions, face)
    if not commands:
        return None
    if commands[1:]:
        return _("Next: {command} (or: {others})").format(command=commands[0], others=", ".join(commands[1:]))
    return _("Next: {command}").format(command=commands[0])


def open_note(before: dict | None, after: dict, share_url: str | None = None) -> str | None:
    """What an open did to the instance that was already there, in plain words (None: nothing to say).

    ModelArts keeps one free CodeLab instance: opening with another image switches that same
    instance (same id, new image; it stops and starts again), and a notebook link is loaded
    into it. Faces tell a switch by the same id coming back with a different image.
    """
    if not before or not after or before.get("id") != after.get("id"):
        if before and is_failed(before.get("status")) and after:
            return _("Replaced the {state} instance with a new one.").format(state=_(status_words(before.get("status"))).lower())
        return None
    old, new = before.get("image") or {}, after.get("image") or {}
    if old.get("id") and new.get("id") and old["id"] != new["id"]:
        return _("Switched your CodeLab instance from image {old} to {new}; it restarts.").format(
            old=_image_name(old), new=_image_name(new)
        )
    if share_url:
        if before.get("status") == "RUNNING":
            return _("Loaded the notebook {url} into the running instance.").format(url=share_url)
        return _("Loaded the notebook {url} into your instance.").format(url=share_url)
    return None


def is_switch(before: dict | None, after: dict) -> bool:
    if not before:
        return False
    old, new = before.get("image") or {}, after.get("image") or {}
    return before.get("id") == after.get("id") and bool(old.get("id")) and old.get("id") != new.get("id")


def _image_name(image: dict) -> str:
    return image.get("name") or image.get("id") or "?"


def ssh_endpoint(notebook: dict | None) -> dict | None:
    """The SSH endpoint (``service``/``dev_service`` SSH, ``uri``, ``key_pair_names``) of an instance, or None."""
    for endpoint in (notebook or {}).get("endpoints") or []:
        if "SSH" in (endpoint.get("service"), endpoint.get("dev_service")) and endpoint.get("uri"):
            return endpoint
    return None


def ssh_line(notebook: dict) -> str | None:
    endpoint = ssh_endpoint(notebook)
    if endpoint is None:
        return None
    keys = endpoint.get("key_pair_names") or []
    if keys:
        return _("SSH: {uri} (key pairs: {keys})").format(uri=endpoint["uri"], keys=", ".join(keys))
    return _("SSH: {uri}").format(uri=endpoint["uri"])


def stop_question(notebook: dict, starting: bool = False) -> str:
    """What Stop asks first, naming the instance and its image (the sidebar asks in the same words); ``starting``:
    the question of a stop sent once the instance runs."""
    question = states.STOP_STARTING_QUESTION if starting else states.STOP_QUESTION
    return lab_format(_(question), notebook.get("name") or notebook.get("id"), image_label(notebook.get("image") or {}))


def no_instance_lines(face: str | None = None, vanished: bool = False) -> list[str]:
    if vanished:
        return [_("ModelArts CodeLab: no instance."), _(VANISHED_SENTENCE)] + _optional(next_line(NO_INSTANCE.actions, face))
    return [_("ModelArts CodeLab: no instance opened yet."), _(NO_INSTANCE.sentence)] + _optional(
        next_line(NO_INSTANCE.actions, face)
    )


def summary_lines(
    notebook: dict | None, remaining: float | None = None, error: str | None = None, face: str | None = None
) -> list[str]:
    """A readable multi-line summary: the text fallback of the panel, `%codelab status`, `jupyter codelab status`.

    ``face`` ("magic" or "cli") adds the next command to run.
    """
    if not notebook:
        return no_instance_lines(face) + ([_("Problem: {error}").format(error=error)] if error else [])
    mode = _("simulated") if notebook.get("simulated") else "ModelArts"
    found = state(notebook)
    image = notebook.get("image") or {}
    head = f"ModelArts CodeLab ({mode}): {notebook.get('name') or notebook.get('id')} - {_(found.words)}"
    lines = [head + (f", {notebook.get('progress', 0)}%" if found.phase in (states.STARTING, states.RUNNING) else "")]
    if image.get("name"):
        label = image["name"] + (f":{image['tag']}" if image.get("tag") else "")
        lines.append(_("Image: {image}").format(image=label))
    if shows_steps(notebook):
        lines += [f"  {step_line(step)}" for step in steps(notebook)]
    if notebook.get("status") == "RUNNING":  # only RUNNING means running: `url` is there from CREATING on
        lines += _running_lines(notebook, remaining)
    lines.append(status_sentence(notebook))
    lines += _optional(next_line(found.actions, face))
    if error:
        lines.append(_("Problem: {error}").format(error=error))
    return lines


def _running_lines(notebook: dict, remaining: float | None) -> list[str]:
    lines = []
    if not auto_stops(notebook):  # the sidebar's and the panel's words, as a line
        lines.append(_("No auto-stop: the instance runs until you stop it."))
    else:
        remaining = remaining_seconds(notebook) if remaining is None else remaining
        if remaining is not None:
            lines.append(f"{_('Stops automatically in')} {countdown_words(remaining)}.")
    if notebook.get("url"):
        lines.append(_("Open: {url}").format(url=notebook["url"]))
    lines += _optional(ssh_line(notebook))
    return lines


def _optional(line: str | None) -> list[str]:
    return [line] if line else []


def summary_text(notebook: dict | None, remaining: float | None = None, error: str | None = None, face: str | None = None) -> str:
    return "\n".join(summary_lines(notebook, remaining, error, face))


def lines_html(lines: list[str], url: str | None = None) -> str:
    """Summary lines as a small HTML block (for nbconvert, GitHub and viewers without widgets)."""
    head, body = lines[0], lines[1:]
    open_line = _("Open: {url}").format(url=url) if url else None
    items = []
    for line in body:
        text = html.escape(line.strip())
        if url and line == open_line:
            safe = html.escape(url, quote=True)
            text = html.escape(_("Open: {url}")).format(url=f'<a href="{safe}" target="_blank" rel="noopener">{safe}</a>')
        items.append(f"<li>{text}</li>")
    return (
        '<div class="codelab-summary"><strong>'
        + html.escape(head)
        + "</strong>"
        + (f"<ul>{''.join(items)}</ul>" if items else "")
        + "</div>"
    )


def summary_html(notebook: dict | None, remaining: float | None = None, error: str | None = None, face: str | None = None) -> str:
    url = notebook.get("url") if notebook and notebook.get("status") == "RUNNING" else None
    return lines_html(summary_lines(notebook, remaining, error, face), url)
