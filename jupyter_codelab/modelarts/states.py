"""The one vocabulary of instance states: what each ModelArts status means to a person,
which event it makes, and what a person can do next.

The server's watcher, the kernel (panel, magics), the CLI and the sidebar all follow
this table (the TypeScript side gets a generated copy), so FROZEN, ERROR or a deleted
instance read the same in every face. Statuses from the SDK's ``notebook_resp.py``
(14 values); an unknown status is treated as busy and shown as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import N_

# Phases: where the instance is in its life, as a face shows it.
STARTING, RUNNING, BUSY, STOPPING, STOPPED, FAILED, FROZEN, DELETING, GONE = (
    "starting", "running", "busy", "stopping", "stopped", "failed", "frozen", "deleting", "gone",
)  # fmt: skip

# Actions a face may offer: open the form (a new or replacing open), start, stop, extend the lease.
OPEN, START, STOP, EXTEND = "open", "start", "stop", "extend"

# Event types of the progress stream. After a terminal one nothing happens without a new action
# (a wait ends there); the server's stream goes on until ``deleted``, as a start, a thaw or a
# deletion made elsewhere can still follow. FROZEN is no end: it makes a plain status event.
EVENT_READY, EVENT_FAILED, EVENT_STOPPED, EVENT_DELETED = "ready", "failed", "stopped", "deleted"
EVENT_STATUS, EVENT_PROGRESS, EVENT_LEASE = "status", "progress", "lease"
TERMINAL_EVENTS = frozenset({EVENT_FAILED, EVENT_STOPPED, EVENT_DELETED})

EVENT_BY_PHASE = {RUNNING: EVENT_READY, FAILED: EVENT_FAILED, STOPPED: EVENT_STOPPED, GONE: EVENT_DELETED}


@dataclass(frozen=True)
class State:
    status: str
    phase: str
    words: str  # a short label: "Running"
    sentence: str  # what it means and what to do
    actions: tuple[str, ...] = ()  # the first is the primary one

    @property
    def event(self) -> str:
        return EVENT_BY_PHASE.get(self.phase, EVENT_STATUS)

    @property
    def shows_steps(self) -> bool:
        return self.phase == STARTING

    def to_json(self) -> dict:
        return {
            "status": self.status, "phase": self.phase, "words": self.words, "sentence": self.sentence,
            "actions": list(self.actions), "event": self.event,
        }  # fmt: skip


_STATES = (
    State("INIT", STARTING, "Initializing", "ModelArts is preparing the instance."),
    State("CREATING", STARTING, "Creating", "Creating the instance: storage, compute, network, then initialization."),
    State("STARTING", STARTING, "Starting", "The instance is starting."),
    State(
        "RUNNING", RUNNING, "Running",
        "The instance is running. It stops by itself when the countdown ends; extend it to keep it longer.",
        (EXTEND, STOP),
    ),
    State("SNAPSHOTTING", BUSY, "Saving an image", "ModelArts is saving an image of the instance: wait until it runs again."),
    State("STOPPING", STOPPING, "Stopping", "The instance is stopping."),
    State("STOPPED", STOPPED, "Stopped", "The instance is stopped. Start it again to go on; its files are kept.", (START,)),
    State("DELETING", DELETING, "Deleting", "The instance is being deleted."),
    State("DELETED", GONE, "Deleted", "The instance was deleted. Open a new one.", (OPEN,)),
    State("CREATE_FAILED", FAILED, "Creation failed", "The instance could not be created. Open again to retry, or pick another image.", (OPEN,)),
    State("START_FAILED", FAILED, "Start failed", "The instance could not start. Start it again, or open a new one.", (START, OPEN)),
    State("DELETE_FAILED", FAILED, "Deletion failed", "ModelArts could not delete the instance. Open again, or ask support with the request id.", (OPEN,)),
    State("ERROR", FAILED, "Error", "The instance is in error. Open again to replace it.", (OPEN,)),
    State(
        "FROZEN", FROZEN, "Frozen",
        "The instance is frozen because the account is in arrears. Top up the account in the Huawei Cloud console.",
    ),
)  # fmt: skip

STATES: dict[str, State] = {state.status: state for state in _STATES}
NO_INSTANCE = State("", GONE, "Not opened yet", "No CodeLab instance yet: pick an image and open one.", (OPEN,))
VANISHED_SENTENCE = N_("The instance no longer exists (deleted elsewhere, or the service was reset). Open a new one.")

# The four steps of a start (``action_progress``, SDK ``ActionProgress``: step 1-4) and their
# statuses, as every face names them (ModelArts' own descriptions are longer and English only).
STEP_NAMES = {1: "Storage", 2: "Compute", 3: "Network", 4: "Initialization"}
STEP_STATUS_WORDS = {"WAITING": "Waiting", "PROCESSING": "In progress", "COMPLETED": "Completed", "FAILED": "Failed"}

# Stop asks first on every face that has a button (its kernels end). JupyterLab's %1 placeholders,
# so the sidebar and the kernel look up one msgid: %1 is the instance's name, %2 its image.
STOP_TITLE = N_("Stop the CodeLab instance?")
STOP_QUESTION = N_("Stop your CodeLab instance %1 (image %2)? Its kernels stop; its files are kept and you can start it again.")
# While it starts, ModelArts refuses a stop (ModelArts.6357): the faces ask this, then stop it once it runs.
STOP_STARTING_QUESTION = N_(
    "Stop your CodeLab instance %1 (image %2)? ModelArts cannot stop an instance while it starts: it is stopped as soon "
    "as it runs. Its files are kept."
)
STOP_STARTING_WORDS = {
    "stop_tooltip": N_("ModelArts cannot stop an instance while it starts: it is stopped as soon as it runs (asks first)."),
    "pending": N_("It stops as soon as it runs (ModelArts cannot stop an instance while it starts)."),
    "keep": N_("Keep it running"),
    "keep_tooltip": N_("Do not stop the instance once it runs."),
}


def state_of(status: str | None) -> State:
    """The state of a status; an unknown one is busy, shown as ModelArts spelled it."""
    if not status:
        return NO_INSTANCE
    known = STATES.get(status)
    if known is not None:
        return known
    return State(status, BUSY, status.replace("_", " ").capitalize(), f"ModelArts reports the status {status}.")


def vocabulary_json() -> dict:
    """The table for other languages (the labextension's generated copy)."""
    return {
        "states": [state.to_json() for state in _STATES],
        "no_instance": NO_INSTANCE.to_json(),
        "vanished": VANISHED_SENTENCE,
        "terminal_events": sorted(TERMINAL_EVENTS),
        "step_names": {str(step): name for step, name in STEP_NAMES.items()},
        "step_status_words": dict(STEP_STATUS_WORDS),
        "stop_title": STOP_TITLE,
        "stop_question": STOP_QUESTION,
        "stop_starting_question": STOP_STARTING_QUESTION,
        "stop_starting_words": dict(STOP_STARTING_WORDS),
    }
