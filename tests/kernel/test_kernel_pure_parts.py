"""The client side's pure parts: SSE parsing, input checks, words (events: tests/unit/test_events.py)."""

from __future__ import annotations

import pytest

from jupyter_codelab.client import describe
from jupyter_codelab.client.inputs import InputError, check_hours, check_share_url, resolve_image
from jupyter_codelab.client.sse import parse_sse

STREAM = b'id: 7-1\r\nevent: snapshot\r\ndata: {"a": 1}\r\n\r\n: keepalive\n\nid: 7-2\nevent: status\ndata: line one\ndata: line two\n\n'


@pytest.mark.parametrize("size", [1, 2, 3, 7, len(STREAM)])
def test_sse_parses_whatever_the_chunking(size):
    chunks = [STREAM[i : i + size] for i in range(0, len(STREAM), size)]
    messages = list(parse_sse(chunks))
    assert [(m.id, m.event, m.data) for m in messages] == [
        ("7-1", "snapshot", '{"a": 1}'),
        ("7-2", "status", "line one\nline two"),
    ]


def test_sse_keeps_utf8_split_across_chunks():
    data = "data: Prépare\n\n".encode()
    split = data.index(b"\xc3") + 1
    assert [m.data for m in parse_sse([data[:split], data[split:]])] == ["Prépare"]


def notebook(status="CREATING", steps=("PROCESSING", "WAITING", "WAITING", "WAITING"), lease_duration=3600000, remaining=3599000):
    return {
        "id": "n1",
        "status": status,
        "action_progress": [{"step": i + 1, "status": s, "description": f"Step {i + 1}."} for i, s in enumerate(steps)],
        "lease": {"create_at": 1, "duration": lease_duration, "remaining_ms": remaining, "enable": True, "type": "TIMING"},
        "fail_reason": None,
        "url": None,
    }


CATALOGUE = {
    "default_image_id": "a",
    "images": [
        {"id": "11111111-1111-4111-8111-111111111111", "name": "pytorch1.8-cuda", "tag": "2.0.0"},
        {"id": "22222222-2222-4222-8222-222222222222", "name": "pytorch1.8-cpu", "tag": "2.0.0"},
        {"id": "33333333-3333-4333-8333-333333333333", "name": "mindspore", "tag": "2.0.0"},
    ],
}


def test_images_resolve_by_id_exact_name_or_unique_part():
    assert resolve_image(CATALOGUE, "22222222-2222-4222-8222-222222222222")["name"] == "pytorch1.8-cpu"
    assert resolve_image(CATALOGUE, "pytorch1.8-cpu:2.0.0")["name"] == "pytorch1.8-cpu"
    assert resolve_image(CATALOGUE, "MindSpore")["name"] == "mindspore"
    assert resolve_image(CATALOGUE, "cuda")["name"] == "pytorch1.8-cuda"
    with pytest.raises(InputError, match="matches 2 images"):
        resolve_image(CATALOGUE, "pytorch")
    with pytest.raises(InputError, match="give an image id or name"):
        resolve_image(CATALOGUE, "  ")


@pytest.mark.parametrize(
    "value,ok", [("1", 1), (72, 72), ("3.0", 3), ("0", None), ("73", None), ("1.5", None), ("x", None), (None, None)]
)
def test_hours(value, ok):
    if ok is None:
        with pytest.raises(InputError, match="from 1 to 72"):
            check_hours(value)
    else:
        assert check_hours(value) == ok


def test_share_url_names_the_field_and_normalises():
    encoded, url = check_share_url("github.com/o/r/blob/main/x.ipynb")
    assert url == "https://raw.githubusercontent.com/o/r/main/x.ipynb"
    with pytest.raises(InputError, match="^Notebook link must be an http"):
        check_share_url("ftp://h/x.ipynb", "Notebook link")


def test_words():
    assert describe.format_remaining(3725) == "01:02:05"  # the sidebar's hh:mm:ss
    assert describe.format_remaining(None) == "-"
    assert describe.failure_sentence(notebook("RUNNING")) is None
    failed = {**notebook("CREATE_FAILED", ("COMPLETED", "FAILED", "WAITING", "WAITING")), "fail_reason": "No capacity"}
    assert describe.failure_sentence(failed) == (
        "Creation failed at step 2 (Step 2): No capacity. The instance could not be created. Open again to retry, or pick another image."
    )
    html = describe.summary_html({**notebook("RUNNING"), "name": "<script>", "url": 'https://x/"y'})
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_words_follow_the_states_table_and_never_take_url_as_running():
    from jupyter_codelab.modelarts.states import STATES

    creating = {**notebook("CREATING"), "url": "https://early/", "simulated": True, "name": "nb"}
    text = describe.summary_text(creating, face="cli")
    assert "https://early/" not in text and "Open:" not in text  # `url` is there from CREATING on
    assert "nb - Creating, 0%" in text and "[CREATING]" not in text
    assert text.splitlines()[-1] == STATES["CREATING"].sentence  # starting: nothing to run next
    for status, state in STATES.items():
        assert describe.status_words(status) == state.words
        lines = describe.summary_lines({**notebook(status), "fail_reason": "Why"}, face="magic")
        assert any(state.sentence in line for line in lines), (status, lines)
    frozen = describe.summary_text(notebook("FROZEN"), face="magic")
    assert "Top up the account" in frozen and "Next:" not in frozen and "%codelab start" not in frozen
    assert (
        describe.summary_lines(notebook("START_FAILED"), face="cli")[-1]
        == "Next: jupyter codelab start (or: jupyter codelab open)"
    )
    assert describe.summary_lines(notebook("STOPPED"), face="magic")[-1] == "Next: %codelab start"


def test_running_without_auto_stop_and_the_ssh_endpoint():
    running = {
        **notebook("RUNNING", ("COMPLETED",) * 4),
        "url": "https://x/",
        "lease": {"enable": False, "auto_stop": False, "remaining_ms": None},
        "endpoints": [{"service": "SSH", "dev_service": "SSH", "uri": "ssh://10.0.0.1:22", "key_pair_names": ["kp-1"]}],
    }
    text = describe.summary_text(running, face="cli")
    assert "No auto-stop" in text and "Stops automatically in" not in text
    assert "SSH: ssh://10.0.0.1:22 (key pairs: kp-1)" in text
    assert describe.status_sentence(running) == describe.NO_AUTO_STOP_SENTENCE


def test_what_an_open_did_to_the_instance_already_there():
    cpu = {"id": "n1", "status": "RUNNING", "image": {"id": "a", "name": "cpu-image"}}
    gpu = {"id": "n1", "status": "STOPPING", "image": {"id": "b", "name": "gpu-image"}}
    assert describe.open_note(cpu, gpu) == "Switched your CodeLab instance from image cpu-image to gpu-image; it restarts."
    assert describe.is_switch(cpu, gpu) and not describe.is_switch(None, gpu)
    link = "https://github.com/o/r/blob/main/x.ipynb"
    assert describe.open_note(cpu, cpu, link) == f"Loaded the notebook {link} into the running instance."
    assert describe.open_note(None, cpu, link) is None and describe.open_note(cpu, cpu) is None
    failed = {"id": "n0", "status": "ERROR", "image": {"id": "a"}}
    assert describe.open_note(failed, cpu) == "Replaced the error instance with a new one."


def test_errors_carry_the_request_id_from_either_side():
    from jupyter_codelab.client.errors import CodeLabError
    from jupyter_codelab.modelarts.errors import NotFoundError

    body = {"message": "That instance does not exist (any more): open a new one. [ModelArts.6309, request id r-1]",
            "error_code": "ModelArts.6309", "error_msg": "Notebook not found.", "request_id": "r-1"}  # fmt: skip
    from_server = CodeLabError.from_server_answer(404, body, "the server")
    assert from_server.not_found and from_server.request_id == "r-1"
    assert from_server.to_json()["request_id"] == "r-1" and str(from_server).count("r-1") == 1
    bare = CodeLabError.from_server_answer(404, {"message": "Not Found"}, "the server")
    assert not bare.not_found and "no CodeLab API" in bare.message
    direct = CodeLabError.from_modelarts(NotFoundError(400, "ModelArts.6309", "gone", request_id="r-2"))
    assert direct.not_found and direct.request_id == "r-2" and "request id r-2" in direct.describe()
    plain = CodeLabError("Something failed.", 500, "ModelArts.0010", "boom", "r-3")
    assert plain.describe() == "Something failed. (ModelArts said: ModelArts.0010: boom) [request id r-3]"
