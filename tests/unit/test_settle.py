"""How a wait ended (client/settle.py), in the words of each face: one sentence per ending,
with the next command spelled for the CLI or the magics."""

from __future__ import annotations

import pytest

from jupyter_codelab.client import settle
from jupyter_codelab.client.settle import outcome

FAILED_NOTEBOOK = {
    "id": "n1",
    "name": "notebook_1",
    "status": "CREATE_FAILED",
    "fail_reason": "Insufficient resources",
    "action_progress": [{"step": 1, "status": "COMPLETED", "description": "Prepare the storage."},
                        {"step": 2, "status": "FAILED", "description": "Prepare the compute resource."}],
}  # fmt: skip
PREFIX = {"cli": "jupyter codelab", "magic": "%codelab"}


@pytest.mark.parametrize("face", ["cli", "magic"])
def test_each_ending_has_its_sentence_and_the_next_command_of_the_face(face):
    running = outcome(settle.RUNNING, {"id": "n1", "name": "nb", "status": "RUNNING", "url": "https://lab/x"}, face)
    assert running.sentence == "CodeLab instance nb is running: https://lab/x"
    failed = outcome(settle.FAILED, FAILED_NOTEBOOK, face)
    assert failed.sentence.startswith("Creation failed at step 2 (Prepare the compute resource): Insufficient resources.")
    assert failed.sentence.endswith(f"Next: {PREFIX[face]} open.")
    stopped = outcome(settle.SETTLED, {"id": "n1", "status": "STOPPED"}, face)
    assert stopped.sentence.endswith(f"Next: {PREFIX[face]} start.")
    vanished = outcome(settle.VANISHED, {"id": "n1", "status": "RUNNING"}, face)
    assert vanished.sentence.startswith("The instance no longer exists") and vanished.sentence.endswith(f"{PREFIX[face]} open.")
    lost = outcome(settle.LOST, {"id": "n1", "status": "CREATING"}, face)
    assert lost.sentence == "The event stream ended before the instance settled."
    assert outcome(settle.LOST, None, face, lost="Cannot reach the server.").sentence.startswith("Cannot reach the server.")


def test_a_timeout_and_an_interrupt_say_what_goes_on_in_each_face():
    creating = {"id": "n1", "status": "CREATING"}
    cli = outcome(settle.TIMEOUT, creating, "cli", timeout=900.0)
    assert cli.sentence == "Still creating after 900 s; see `jupyter codelab status`."
    magic = outcome(settle.TIMEOUT, creating, "magic", timeout=2.5)
    assert magic.sentence == "Still creating after 2.5 s; the panel keeps following it."
    assert outcome(settle.INTERRUPTED, creating, "magic").sentence == "Stopped waiting; the panel keeps following the instance."
    assert "keeps starting" in outcome(settle.INTERRUPTED, creating, "cli").sentence


def test_the_sentences_are_translated(monkeypatch):
    monkeypatch.setenv("CODELAB_LANGUAGE", "zh_CN")
    said = outcome(settle.TIMEOUT, {"id": "n1", "status": "CREATING"}, "cli", timeout=900.0).sentence
    assert said == "900 秒后仍为“创建中”；请查看 `jupyter codelab status`。"
