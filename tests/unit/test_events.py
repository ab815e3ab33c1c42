"""The one event vocabulary (modelarts/events.py): which fields changed, which event, which sentence.

The oracle is the states table (modelarts/states.py) and contracts.md 2.2, not the code under test.
"""

from __future__ import annotations

import pytest

from jupyter_codelab.modelarts.events import (
    WATCHED_FIELDS,
    changed_fields,
    classify,
    event_message,
    gone,
    vanished_event,
)
from jupyter_codelab.modelarts.models import Notebook
from jupyter_codelab.modelarts.states import STATES, TERMINAL_EVENTS, VANISHED_SENTENCE


def notebook(status="CREATING", steps=("PROCESSING", "WAITING", "WAITING", "WAITING"), duration=3_600_000, **fields) -> Notebook:
    return Notebook.from_json({
        "id": "n1", "status": status,
        "action_progress": [{"step": i + 1, "status": s, "description": f"Step {i + 1}."} for i, s in enumerate(steps)],
        "lease": {"create_at": 1, "duration": duration, "enable": True, "type": "TIMING"},
        **fields,
    })  # fmt: skip


def test_a_first_read_changes_every_watched_field_and_makes_the_status_event():
    assert changed_fields(None, notebook()) == list(WATCHED_FIELDS)
    assert classify(None, notebook()) == ("status", list(WATCHED_FIELDS))
    assert classify(None, notebook("RUNNING", ("COMPLETED",) * 4))[0] == "ready"


def test_nothing_a_person_sees_is_no_event():
    first = notebook()
    assert classify(first, notebook()) == (None, [])
    # A new description of the same step, or an unwatched field, is no event either.
    assert classify(first, notebook(description="other", name="renamed")) == (None, [])


def test_progress_lease_and_details_each_make_their_event():
    first = notebook()
    assert classify(first, notebook(steps=("COMPLETED", "PROCESSING", "WAITING", "WAITING"))) == ("progress", ["action_progress"])
    assert classify(first, notebook(duration=7_200_000)) == ("lease", ["lease"])
    assert classify(first, notebook(url="https://x")) == ("status", ["url"])
    assert classify(first, notebook(fail_reason="why")) == ("status", ["fail_reason"])


def test_a_status_change_wins_and_lists_every_field_that_moved():
    kind, changed = classify(notebook(), notebook("RUNNING", ("COMPLETED",) * 4, url="https://x"))
    assert kind == "ready" and changed == ["status", "action_progress", "url"]


@pytest.mark.parametrize("status", sorted(STATES))
def test_every_status_makes_the_event_of_the_states_table(status):
    before = notebook("INIT" if status != "INIT" else "CREATING")
    assert classify(before, notebook(status))[0] == STATES[status].event


def test_failures_are_terminal_frozen_and_running_are_not():
    assert classify(notebook(), notebook("FROZEN"))[0] not in TERMINAL_EVENTS
    assert classify(notebook("FROZEN"), notebook("RUNNING"))[0] == "ready"  # the thaw
    assert classify(notebook(), notebook("ERROR"))[0] in TERMINAL_EVENTS
    assert classify(notebook(), notebook("RUNNING"))[0] not in TERMINAL_EVENTS


def test_messages_carry_the_words_and_the_failure_reason():
    assert event_message("failed", notebook("CREATE_FAILED", fail_reason="No capacity")) == "Creation failed: No capacity"
    assert event_message("stopped", notebook("STOPPED")) == "Stopped"
    assert event_message("progress", notebook()) == "Progress changed"


def test_a_vanished_instance_is_deleted_without_its_address():
    last = notebook("RUNNING", url="https://x")
    assert (gone(last).status.value, gone(last).url) == ("DELETED", None)
    event = vanished_event(gone(last).to_client_json())
    assert event["type"] == "deleted" and event["vanished"] is True and event["message"] == VANISHED_SENTENCE
    assert event["notebook"]["status"] == "DELETED" and event["changed"] == ["status"]
