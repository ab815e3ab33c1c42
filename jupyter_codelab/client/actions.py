"""What the panel, the magics and the CLI do to the instance, written once.

Each returns plain results (Notebook JSON and a sentence) and raises
``CodeLabError``/``InputError``; the faces only show them. They also keep the
instance remembered (see ``remembered``) so a vanished one can be told apart
from one never opened.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from jupyter_codelab.client import describe, remembered
from jupyter_codelab.client.backend import Backend
from jupyter_codelab.client.errors import CodeLabError
from jupyter_codelab.client.inputs import InputError, check_hours
from jupyter_codelab.i18n import N_, _
from jupyter_codelab.modelarts.lease_plan import LeasePlan, PlanRefused, plan_more_hours
from jupyter_codelab.modelarts.limits import HOUR_MS, LEASE_MIN_MS, MIN_HOURS
from jupyter_codelab.modelarts.states import OPEN, VANISHED_SENTENCE

STOPPING_SETTLE_SECONDS = 120.0
# The verbs of require_current's sentence, translated on their own.
VERBS = {"start": N_("start"), "extend": N_("extend"), "stop": N_("stop")}


@dataclass
class Done:
    """What an action did: ``result`` is the JSON a script gets (``--json``), ``sentence`` what a person reads."""

    result: dict
    sentence: str


@dataclass
class Opened:
    notebook: dict
    note: str | None = None  # what happened to the instance that was already there (a switch, a loaded notebook)


@dataclass
class Found:
    """The current instance, or None; ``vanished`` when the remembered one is gone."""

    notebook: dict | None
    vanished: bool = False


def open_instance(backend: Backend, image_id: str | None = None, share_url: str | None = None) -> Opened:
    """Open (or find) the instance and make it run: opening means "give me a running one".

    With an image or a notebook link the instance already there is read first, so the
    faces can say what the open did to it: ModelArts switches it to the other image
    (same id; it stops and starts again by itself) or loads the notebook into it.
    """
    before = backend.current() if (image_id or share_url) else None
    notebook = backend.open(image_id=image_id, share_url=share_url)
    if not describe.is_switch(before, notebook):
        # ModelArts answers a stopped instance as it is; waiting out STOPPING avoids a refused start (6308).
        deadline = time.monotonic() + STOPPING_SETTLE_SECONDS
        while notebook.get("status") == "STOPPING" and time.monotonic() < deadline:
            time.sleep(1.0)
            notebook = backend.notebook(notebook["id"])
        if notebook.get("status") == "STOPPED":
            notebook = backend.start(notebook["id"])
    remembered.remember(backend.where(), notebook)
    return Opened(notebook, describe.open_note(before, notebook, share_url))


def find_current(backend: Backend) -> Found:
    """The current instance; when there is none but one was seen before, it vanished (and is forgotten)."""
    notebook = backend.current()
    where = backend.where()
    if notebook is not None:
        remembered.remember(where, notebook)
        return Found(notebook)
    if remembered.remembered(where):
        remembered.forget(where)
        return Found(None, vanished=True)
    return Found(None)


def start_instance(backend: Backend, face: str, hours: int | None = None, no_auto_stop: bool = False) -> dict:
    """Start the current instance again (STOPPED or START_FAILED)."""
    return start_notebook(backend, require_current(backend, "start", face), hours, no_auto_stop)


def start_notebook(backend: Backend, notebook: dict, hours: int | None = None, no_auto_stop: bool = False) -> dict:
    """Start ``notebook`` again (nothing to do when it runs); returns it as ModelArts answers."""
    if describe.state(notebook).phase == "running":
        return notebook
    started = call_on_instance(backend, notebook, lambda: backend.start(notebook["id"], hours, no_auto_stop))
    remembered.remember(backend.where(), started)
    return started


def require_current(backend: Backend, verb: str, face: str) -> dict:
    """The current instance, or an ``InputError`` saying why there is none to ``verb`` and what to run."""
    found = find_current(backend)
    if found.notebook is None:
        command = describe.next_commands([OPEN], face)[0]
        verb = _(VERBS.get(verb, verb))
        if found.vanished:
            raise InputError(
                _("There is no CodeLab instance to {verb}: {vanished} with {command}.").format(
                    verb=verb, vanished=_(VANISHED_SENTENCE)[:-1], command=command
                )
            )
        raise InputError(
            _("There is no CodeLab instance to {verb}: open one first with {command}.").format(verb=verb, command=command)
        )
    return found.notebook


def call_on_instance(backend: Backend, notebook: dict, operation):
    """Run ``operation`` on the instance; when it turns out gone, say so plainly.

    The remembered instance is forgotten only by ``find_current``, once a status has said it vanished."""
    try:
        return operation()
    except CodeLabError as exc:
        if exc.not_found:
            raise CodeLabError(_(VANISHED_SENTENCE), exc.status, exc.error_code, exc.error_msg, exc.request_id, True) from None
        raise


def check_timeout(timeout: float) -> None:
    if timeout <= 0:
        raise InputError(_("--timeout must be a positive number of seconds, got {value}.").format(value=f"{timeout:g}"))


def check_start_options(hours, no_auto_stop: bool) -> int | None:
    """The ``--hours`` of a start (None: ModelArts' default), checked against ``--no-auto-stop``."""
    if hours is not None and no_auto_stop:
        raise InputError(_("Give --hours or --no-auto-stop, not both."))
    return check_hours(hours) if hours is not None else None


def extend_lease(backend: Backend, face: str, hours=None, until: str | None = None, for_hours=None) -> Done:
    """Move the running instance's automatic stop (see ``plan_extension``); the result is the new Lease."""
    choice = check_extension(hours, until, for_hours)  # a typo is told before any connection
    notebook = require_current(backend, "extend", face)
    if notebook.get("status") != "RUNNING":
        raise InputError(
            _("The instance is {state}, not running: only a running instance can be extended.").format(
                state=_(describe.status_words(notebook.get("status"))).lower()
            )
        )
    return extend_notebook(backend, notebook, **choice)


def check_extension(hours=None, until: str | None = None, for_hours=None) -> dict:
    """At most one of ``hours``/``until``/``for_hours`` (default: ``hours=1``), each checked."""
    given = [name for name, value in (("--hours", hours), ("--until", until), ("--for", for_hours)) if value is not None]
    if len(given) > 1:
        raise InputError(_("Give one of --hours, --until or --for, not {both}.").format(both=" and ".join(given)))
    if until is not None:
        return {"until": parse_clock(until)}
    if for_hours is not None:
        return {"for_hours": check_hours(for_hours, "--for")}
    return {"hours": check_hours(1 if hours is None else hours)}


def parse_clock(text: str, field: str = "--until") -> tuple[int, int]:
    """``HH:MM`` (24 h, local time) as ``(hour, minute)``."""
    hour, _sep, minute = str(text).strip().partition(":")
    if hour.isdigit() and minute.isdigit() and len(minute) == 2 and int(hour) < 24 and int(minute) < 60:
        return int(hour), int(minute)
    raise InputError(_("{field} must be a local time HH:MM (24 h), e.g. 18:30, got '{value}'.").format(field=field, value=text))


def plan_extension(remaining_ms: float | None, hours: int | None = None, until: tuple[int, int] | None = None,
                   for_hours: int | None = None, now_ms: float | None = None) -> LeasePlan:  # fmt: skip
    """The one rule of every face's Extend.

    - ``hours``: "+N h from the current auto-stop" (``modelarts.lease_plan``, the rule the server applies for
      the sidebar too): what is left plus N hours, capped at the 72 h ModelArts allows (``note`` says so);
    - ``until``: the next local HH:MM (today, else tomorrow), 1 h to 72 h from now;
    - ``for_hours``: N hours from now.
    """
    now_ms = time.time() * 1000 if now_ms is None else now_ms
    if until is not None:
        duration = _until_ms(until, now_ms)
    elif for_hours is not None:
        duration = for_hours * HOUR_MS
    else:
        try:
            return plan_more_hours(remaining_ms, hours or 1, now_ms)
        except PlanRefused as refused:
            raise InputError(str(refused)) from None
    return LeasePlan(int(duration), int(now_ms + duration))


def _until_ms(until: tuple[int, int], now_ms: float) -> float:
    now = datetime.fromtimestamp(now_ms / 1000)
    target = now.replace(hour=until[0], minute=until[1], second=0, microsecond=0)
    if target <= now:
        target += timedelta(days=1)
    duration = target.timestamp() * 1000 - now_ms
    if duration < LEASE_MIN_MS:
        sentence = _(
            "--until {clock} is only {left} from now: ModelArts keeps an instance at least {min} h. Give a later time, or --for 1."
        )
        clock = f"{until[0]:02d}:{until[1]:02d}"
        raise InputError(sentence.format(clock=clock, left=describe.format_remaining(duration / 1000), min=MIN_HOURS))
    return duration


def extend_notebook(backend: Backend, notebook: dict, remaining_ms: float | None = None, **choice) -> Done:
    """Extend ``notebook`` (RUNNING) by ``plan_extension``'s rule; ``remaining_ms`` defaults to its lease's."""
    if remaining_ms is None and describe.auto_stops(notebook):
        remaining_ms = (notebook.get("lease") or {}).get("remaining_ms")
    before_ms = None if remaining_ms is None else time.time() * 1000 + remaining_ms
    plan = plan_extension(remaining_ms, **choice)
    lease = call_on_instance(backend, notebook, lambda: backend.extend(notebook["id"], plan.duration_ms))
    left = lease.get("remaining_ms")
    countdown = describe.countdown_words(plan.duration_ms / 1000 if left is None else left / 1000)
    name = notebook.get("name") or notebook["id"]
    if before_ms is None:
        sentence = _("Extended {name}: auto-stop in {countdown} (it had no auto-stop).").format(name=name, countdown=countdown)
    else:
        sentence = _("Extended {name}: auto-stop in {countdown} (was {before}).").format(
            name=name, countdown=countdown, before=describe.format_clock(before_ms)
        )
    return Done(lease, f"{sentence} {plan.note}" if plan.note else sentence)


def stop_instance(backend: Backend, face: str) -> Done:
    """Stop the current instance (nothing to do when it is stopped or stopping); the result is the Notebook."""
    return stop_notebook(backend, require_current(backend, "stop", face))


def stop_notebook(backend: Backend, notebook: dict) -> Done:
    """Stop ``notebook`` (nothing to do when it is stopped or stopping); the result is the Notebook."""
    name = notebook.get("name") or notebook["id"]
    if notebook.get("status") in ("STOPPED", "STOPPING"):
        state = _(describe.status_words(notebook["status"])).lower()
        return Done(notebook, _("{name} is already {state}.").format(name=name, state=state))
    after = call_on_instance(backend, notebook, lambda: backend.stop(notebook["id"]))
    state = _(describe.status_words(after.get("status"))).lower()
    return Done(after, _("Stopping {name}: now {state}.").format(name=name, state=state))


@dataclass
class Connected:
    config: dict  # the configuration now in force (GET config's body)
    backend: Backend  # the backend to use from now on
    sentence: str


def connect_account(backend: Backend, body: dict) -> Connected:
    """Connect a Huawei Cloud account with a form's fields (``credential_input``'s names); the caller clears ``body``."""
    from jupyter_codelab.client import login
    from jupyter_codelab.client.choose import get_backend

    server = login.server_backend(backend=backend)
    config, where = login.login({name: value for name, value in body.items() if value not in (None, "")}, server)
    remembered.forget(backend.where())  # the instance seen there was the former account's: not "vanished" now
    if server is None:  # direct: the credentials file changed and the process forgot its backend
        backend = get_backend()
    sentence = _("Connected to ModelArts in {region} (project {project_id}); the keys are {where}.").format(
        region=config.get("region"), project_id=config.get("project_id"), where=where
    )
    return Connected(config, backend, sentence)
