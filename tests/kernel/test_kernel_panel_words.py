"""The panel speaks the sidebar's words: the same msgids (one catalog entry each), the states
table's step names, the stop question from one source, and no steps once they mean nothing."""

from __future__ import annotations

import importlib.machinery
import re
from pathlib import Path

import pytest

from jupyter_codelab.client import describe, steps
from jupyter_codelab.i18n import lab_format
from jupyter_codelab.kernel import panel_send_view, panel_view
from jupyter_codelab.modelarts import states

ROOT = Path(__file__).resolve().parents[2]
tool = importlib.machinery.SourceFileLoader("codelab_i18n_tool", str(ROOT / "scripts" / "i18n")).load_module()
# The panel's words that the sidebar writes too: kept in one msgid, so they cannot drift apart.
SIDEBAR_WORDS = (
    "Simulated",
    "No Huawei Cloud account is connected: instances run in a simulator on this server.",
    "Stops automatically in",
    "No auto-stop: the instance runs until you stop it.",
    "Open in new tab",
    "SSH",
    "Starting the instance again: its storage and files are kept.",
    "Connection lost: reconnecting…",
    "This is taking longer than usual (over %1). It is still going: keep this panel open or come back later; Stop below ends it.",
    "Access key (AK)",
    "Secret key (SK)",
    "Security token (temporary keys only)",
    "Region",
    "Project ID (optional)",
    "Found from the region when empty",
    "Remember on this machine",
    "Writes the keys to ~/.huaweicloud/credentials on the server (mode 0600). Leave it off on shared machines and Binder.",
    "Connecting…",
    "Start again",
    "Starting…",
    # the send section: the sidebar's send dialog's words
    "Files it reads, sent with it (they arrive beside the notebook):",
    "It reads no file here that can be sent.",
    "%1 files, %2",
    "%1 MB",
    "%1 bytes",
    "Not sent: %1 (%2)",
    "Sent with it: %1 files, %2",
    "Nothing is uploaded until you confirm.",
    "Strip outputs first (smaller upload)",
    "Create the Bucket and Open",
    "Upload this notebook to your OBS bucket (private) and open it in a ModelArts CodeLab instance",
)


@pytest.fixture(scope="module")
def sidebar_msgids():
    return {msgid for _ctx, msgid, _plural in tool.ts_messages()}


def panel_msgids():
    found = {}
    for (_ctx, msgid, _plural), places in tool.py_messages().items():
        if any(re.match(r"jupyter_codelab/kernel/panel\w*\.py:", place) for place in places):
            found[msgid] = places
    return found


def test_the_panel_uses_the_sidebars_msgids(sidebar_msgids):
    mine = panel_msgids()
    missing = [words for words in SIDEBAR_WORDS if words not in mine or words not in sidebar_msgids]
    assert not missing, "the panel and the sidebar no longer share these words: " + ", ".join(missing)
    # A %1 placeholder in Python means "the sidebar's msgid": it must still be the sidebar's.
    lab_style = [msgid for msgid in mine if re.search(r"%\d", msgid)]
    assert lab_style and not [msgid for msgid in lab_style if msgid not in sidebar_msgids]


def test_the_stop_question_is_the_sidebars():
    notebook = {"id": "n1", "name": "notebook_1", "image": {"id": "i", "name": "pytorch1.8", "tag": "2.0"}}
    assert describe.stop_question(notebook) == (
        "Stop your CodeLab instance notebook_1 (image pytorch1.8:2.0)? Its kernels stop; its files are kept and you can start it again."
    )
    html = panel_view.stop_question_html(notebook)
    assert html.startswith("<b>Stop the CodeLab instance?</b> Stop your CodeLab instance notebook_1")
    text = (ROOT / "labextension" / "src" / "userActions.ts").read_text("utf-8")
    assert "stopQuestion(" in text and "Stop your CodeLab" not in text  # the sidebar asks with the generated sentence


def test_lab_format_fills_placeholders_and_leaves_the_rest():
    assert lab_format("Keep until %1 (%2, %3)", "16:42", 2) == "Keep until 16:42 (2, %3)"


def step_notebook(status, *step_states, progress=100):
    return {"id": "n", "status": status, "progress": progress,
            "action_progress": [{"step": n, "status": s, "description": "x"} for n, s in enumerate(step_states, 1)]}  # fmt: skip


def test_steps_show_only_while_they_mean_something():
    starting = step_notebook("CREATING", "COMPLETED", "PROCESSING", "WAITING", "WAITING", progress=25)
    assert "✓ Storage: Completed" in panel_view.steps_html(starting) and "… Compute: In progress" in panel_view.steps_html(
        starting
    )
    done = ("COMPLETED",) * 4
    assert panel_view.steps_html(step_notebook("STOPPED", *done)) == ""  # not four green checks on a stopped instance
    assert panel_view.steps_html(step_notebook("RUNNING", *done)) == ""
    assert panel_view.steps_html(None) == ""
    restart = panel_view.steps_html(step_notebook("STARTING", *done))
    assert "Starting the instance again" in restart and "✓" not in restart
    failed = step_notebook("CREATE_FAILED", "COMPLETED", "FAILED", "WAITING", "WAITING", progress=25)
    assert steps.shows_steps(failed) and "✗ Compute: Failed" in panel_view.steps_html(failed)


def test_the_step_names_are_the_states_tables():
    line = steps.step_line({"step": 4, "status": "WAITING", "description": "Initialize the notebook instance."})
    assert line == f"· {states.STEP_NAMES[4]}: {states.STEP_STATUS_WORDS['WAITING']}" == "· Initialization: Waiting"


def test_the_countdown_reads_as_the_sidebars():
    assert describe.format_remaining(3725) == "01:02:05" and describe.format_remaining(0.2) == "00:00:01"
    assert re.fullmatch(
        r"<b>Stops automatically in</b> 00:58:10, stops at \S+( \S+)?", panel_view.countdown_html("RUNNING", 3490)
    )
    assert panel_view.countdown_html("STOPPED", 3490) == ""
    assert panel_view.countdown_html("RUNNING", None, auto_stop=False) == "No auto-stop: the instance runs until you stop it."


def test_the_ssh_card_shows_the_whole_address_and_where_to_copy_the_config():
    running = {
        "status": "RUNNING",
        "endpoints": [{"service": "SSH", "uri": "ssh://dev.example.com:31205", "key_pair_names": ["kp-1"]}],
    }
    card = panel_view.ssh_html(running)
    assert "ssh://dev.example.com:31205" in card and "word-break:break-all" in card
    assert "Key pairs: kp-1" in card and "CodeLab sidebar (Copy SSH config)" in card
    assert panel_view.ssh_html({**running, "status": "STOPPED"}) == ""


def test_the_simulated_badge_is_the_sidebars():
    badge = panel_view.badge_html("simulated")
    assert ">Simulated</span>" in badge and "instances run in a simulator on this server" in badge
    assert ">Huawei Cloud · cn-north-4</span>" in panel_view.badge_html("modelarts", "cn-north-4")


def test_the_slow_note_is_the_sidebars_sentence_filled_with_the_threshold():
    assert "taking longer" not in panel_view.status_html("STARTING", elapsed=panel_view.SLOW_AFTER_SECONDS - 1)
    note = panel_view.status_html("STARTING", elapsed=panel_view.SLOW_AFTER_SECONDS + 1)
    assert "This is taking longer than usual (over 00:01:00). It is still going" in note
    assert "%1" not in note


def test_the_send_section_reads_as_the_sidebars_send_dialog():
    folder = {"path": "work/data", "size": 3 * 1024 * 1024, "kind": "folder", "reason": "read in cell 2", "files": 3}
    small = {"path": "work/utils.py", "size": 1234, "kind": "file", "reason": "imported in cell 1", "files": 1}
    preview = {"detected_files": [folder, small], "skipped_files": [{"path": "/etc/x", "reason": "outside the root"}]}
    assert panel_send_view.row_label(folder) == "work/data/" and panel_send_view.row_size(folder) == "3 files, 3.00 MB"
    assert panel_send_view.row_size(small) == "1,234 bytes" and "imported in cell 1" in panel_send_view.row_html(small)
    assert panel_send_view.total_html(preview, [small]) == "<b>Sent with it: 1 files, 1,234 bytes</b>"
    assert panel_send_view.skipped_html(preview).endswith(">Not sent: /etc/x (outside the root)</div>")
    assert panel_send_view.files_heading({"detected_files": [], "skipped_files": preview["skipped_files"]}) == (
        "It reads no file here that can be sent."
    )
    assert panel_send_view.files_heading({"detected_files": [], "skipped_files": []}) == ""
    shown = panel_send_view.preview_html({"lines": [["Notebook", "<b>.ipynb"]], "too_large": "Too big: strip it."})
    assert "&lt;b&gt;.ipynb" in shown and "Too big: strip it." in shown  # the server's values, escaped


def test_in_chinese_the_send_section_reads_as_the_sidebars_chinese(monkeypatch):
    monkeypatch.setenv("CODELAB_LANGUAGE", "zh_CN")
    row = {"path": "work/data", "size": 1234, "kind": "folder", "reason": "", "files": 2}
    assert panel_send_view.total_html({"detected_files": [row]}, [row]) == "<b>随之发送：2 个文件，1,234 字节</b>"
    assert panel_send_view.files_heading({"detected_files": [row]}) == "它读取的文件，将随之发送（会出现在 Notebook 旁边）："
