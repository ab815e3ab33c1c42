"""The four start steps of an instance (``action_progress``) as every face shows them.

Their names and status words come from the states table (``modelarts.states``), so the
sidebar, the panel, the magics and the CLI name them alike; ModelArts' own English
descriptions stay in the catalog for the CLI's progress line.
"""

from __future__ import annotations

from jupyter_codelab.i18n import N_, _
from jupyter_codelab.modelarts import states
from jupyter_codelab.modelarts.states import state_of

STEP_MARKS = {"COMPLETED": "✓", "PROCESSING": "…", "FAILED": "✗", "WAITING": "·"}
DEFAULT_STEPS = (
    N_("Prepare the storage."),
    N_("Prepare the compute resource."),
    N_("Configuring the network."),
    N_("Initialize the notebook instance."),
)


def steps(notebook: dict | None) -> list[dict]:
    """The four steps with their states; WAITING placeholders before the first answer."""
    found = (notebook or {}).get("action_progress") or []
    if found:
        return [
            {
                "step": s.get("step"),
                "status": s.get("status") or "WAITING",
                "description": s.get("description") or s.get("step_description") or "",
            }
            for s in found
        ]
    return [{"step": n, "status": "WAITING", "description": _(d)} for n, d in enumerate(DEFAULT_STEPS, start=1)]


def step_name(step: dict) -> str:
    """``Storage``: the table's name of the step (ModelArts' description for a step it does not know)."""
    name = states.STEP_NAMES.get(step.get("step") or 0)
    return _(name) if name else step.get("description") or str(step.get("step"))


def step_status_words(status: str) -> str:
    words = states.STEP_STATUS_WORDS.get(status)
    return _(words) if words else status


def step_line(step: dict) -> str:
    """``✓ Storage: Completed``, in the sidebar's words."""
    return f"{STEP_MARKS.get(step['status'], '?')} {step_name(step)}: {step_status_words(step['status'])}"


def _starting(notebook: dict | None) -> bool:
    return state_of((notebook or {}).get("status")).phase == states.STARTING


def is_restart(notebook: dict | None) -> bool:
    """A stopped instance starting again: ModelArts shows the creation's four steps, all completed; they say nothing now."""
    found = (notebook or {}).get("action_progress") or []
    return _starting(notebook) and bool(found) and all(step.get("status") == "COMPLETED" for step in found)


def shows_steps(notebook: dict | None) -> bool:
    """Whether the steps mean something now: while it starts (not again), or when one failed."""
    if any(step.get("status") == "FAILED" for step in (notebook or {}).get("action_progress") or []):
        return True
    return _starting(notebook) and not is_restart(notebook)


def current_step(notebook: dict | None) -> dict | None:
    for step in steps(notebook):
        if step["status"] in ("PROCESSING", "FAILED"):
            return step
    for step in steps(notebook):
        if step["status"] == "WAITING":
            return step
    return None
