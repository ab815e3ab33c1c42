"""The one state vocabulary: every SDK status has a phase, words, a sentence and sensible actions."""

from jupyter_codelab.modelarts import states
from jupyter_codelab.modelarts.models import NotebookStatus

# huaweicloudsdkmodelarts 3.1.219, v1/model/notebook_resp.py: the 14 documented statuses.
SDK_STATUSES = {
    "INIT", "CREATING", "STARTING", "STOPPING", "DELETING", "RUNNING", "STOPPED", "SNAPSHOTTING",
    "CREATE_FAILED", "START_FAILED", "DELETE_FAILED", "ERROR", "DELETED", "FROZEN",
}  # fmt: skip


def test_every_documented_status_has_one_state():
    assert set(states.STATES) == SDK_STATUSES == {s.value for s in NotebookStatus}


def test_events_follow_the_phase():
    assert states.state_of("RUNNING").event == "ready"
    assert states.state_of("CREATING").event == "status"
    assert states.state_of("FROZEN").event == "status"  # no end: a thaw follows once the arrears are paid
    assert states.state_of("DELETED").event == "deleted"
    assert states.state_of("STOPPED").event == "stopped"
    assert {s.event for s in states.STATES.values() if s.phase == states.FAILED} == {"failed"}


def test_only_a_running_instance_can_be_extended_or_stopped():
    for state in states.STATES.values():
        assert (states.EXTEND in state.actions) == (state.status == "RUNNING")
        assert (states.STOP in state.actions) == (state.status == "RUNNING")


def test_transitional_states_offer_nothing_but_waiting():
    for status in ("INIT", "CREATING", "STARTING", "STOPPING", "DELETING", "SNAPSHOTTING"):
        assert states.state_of(status).actions == ()


def test_frozen_says_what_to_do_and_offers_no_button():
    frozen = states.state_of("FROZEN")
    assert frozen.actions == () and "top up" in frozen.sentence.lower()


def test_an_unknown_status_is_kept_and_shown_as_busy():
    state = states.state_of("RESIZING")
    assert (state.phase, state.words, state.actions) == ("busy", "Resizing", ())
    assert "RESIZING" in state.sentence


def test_no_status_means_no_instance_yet():
    assert states.state_of(None) is states.NO_INSTANCE and states.NO_INSTANCE.actions == ("open",)


def test_the_table_is_json_for_the_labextension():
    data = states.vocabulary_json()
    assert len(data["states"]) == 14 and data["terminal_events"] == ["deleted", "failed", "stopped"]
