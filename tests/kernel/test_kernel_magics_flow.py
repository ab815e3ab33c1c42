"""%codelab subcommands end to end in an in-process IPython, against the real simulator."""

from __future__ import annotations

import re

from codelab_wait import wait_for

from jupyter_codelab.kernel.panel_registry import current_panel

NOTEBOOK_LINK = "https://github.com/org/repo/blob/main/demo.ipynb"


def test_open_waits_until_running_then_status_extend_stop(ipython, simulator, capsys):
    assert ipython.run_line_magic("codelab", "open --image mul-kernel --share-url " + NOTEBOOK_LINK) is None
    out = capsys.readouterr().out
    assert "ModelArts CodeLab (simulated)" in out  # the panel's text form, shown by plain IPython
    assert "is running: http" in out
    panel = current_panel()
    assert panel.state.status == "RUNNING" and panel.state.progress == 100

    status = ipython.run_line_magic("codelab", "status --json")
    assert status["id"] == panel.state.notebook_id and status["status"] == "RUNNING"
    ipython.run_line_magic("codelab", "status")
    assert re.search(r"Stops automatically in 00:\d\d:\d\d, stops at \d\d:\d\d\.", capsys.readouterr().out)

    ipython.run_line_magic("codelab", "extend --hours 2")
    assert re.search(
        r"Extended notebook_\w+: auto-stop in 0[23]:\d\d:\d\d, stops at \d\d:\d\d \(was \d\d:\d\d\)\.", capsys.readouterr().out
    )
    wait_for(
        lambda: panel.state.remaining_seconds and panel.state.remaining_seconds > 2 * 3600, what="the panel to see the new lease"
    )

    ipython.run_line_magic("codelab", "stop")
    assert "Stopping notebook_" in capsys.readouterr().out
    wait_for(lambda: panel.state.status == "STOPPED", what="the panel to see STOPPED")
    ipython.run_line_magic("codelab", "stop")
    assert "is already stopped" in capsys.readouterr().out
    panel.close()


def test_open_no_wait_returns_at_once_and_the_panel_follows(ipython, simulator):
    simulator.control("POST", "config", {"step_seconds": 0.5})
    ipython.run_line_magic("codelab", "open --no-wait")
    panel = current_panel()
    assert panel.state.status in ("INIT", "CREATING")
    wait_for(lambda: panel.state.status == "RUNNING", what="RUNNING while nothing runs in the shell")
    panel.close()


def test_images_and_badge(ipython, capsys):
    catalogue = ipython.run_line_magic("codelab", "images --json")
    assert catalogue["default_image_id"] in [image["id"] for image in catalogue["images"]]
    ipython.run_line_magic("codelab", "images")
    table = capsys.readouterr().out
    assert "notebook2.0-mul-kernel-cpu-cp36:3.3.2-release_v1 (default)" in table

    ipython.run_line_magic("codelab", f"badge {NOTEBOOK_LINK} --image pytorch1.8-cpu-py3.7-ubuntu18.04")
    out = capsys.readouterr().out
    assert "[![Run in ModelArts](https://img.shields.io/badge/Run%20in-ModelArts-red)]" in out
    assert "share-url-b64=aHR0cHM6Ly9yYXcuZ2l0aHVidXNlcmNvbnRlbnQuY29tL29yZy9yZXBvL21haW4vZGVtby5pcHluYg%3D%3D" in out
    assert "imageid=ce1bb52b-9780-4c4a-b31d-d73e12f0d2fb" in out


def test_open_stops_waiting_at_the_timeout_and_the_panel_goes_on(ipython, simulator, capsys):
    simulator.control("POST", "config", {"step_seconds": 120})  # the creation outlasts the wait
    assert ipython.run_line_magic("codelab", "open --timeout 1") is None
    assert re.search(r"Still \w+ after 1 s; the panel keeps following it\.", capsys.readouterr().out)
    panel = current_panel()
    assert panel.state.connection in ("connecting", "live") and panel.state.status != "RUNNING"
    panel.close()


def test_panel_subcommand_shows_an_empty_panel_or_follows(ipython, direct_backend):
    ipython.run_line_magic("codelab", "panel")
    empty = current_panel()
    assert empty.state.notebook_id is None and empty.state.status == ""
    opened = direct_backend.open()
    ipython.run_line_magic("codelab", "panel")  # follows by default
    following = current_panel()
    assert following is not empty and following.state.notebook_id == opened["id"]
    wait_for(lambda: following.state.status == "RUNNING", what="the following panel to reach RUNNING")
    empty.close()
    following.close()


def test_help_lists_every_subcommand(ipython):
    from jupyter_codelab.kernel.magics import CodeLabMagics

    help_text = CodeLabMagics.codelab.__doc__
    for usage in (
        "%codelab open [--local PATH] [--strip-outputs] [--create-bucket]",
        "%codelab status [--json]",
        "%codelab start [--hours H] [--no-auto-stop]",
        "%codelab images [--json]",
        "%codelab extend [--hours H] [--until HH:MM] [--for H]",
        "%codelab stop",
        "%codelab panel [--empty]",
        "%codelab badge [--image NAME_OR_ID] URL",
        "%codelab login [--iam]",
        "%codelab logout [--forget]",
        "%codelab send [--strip-outputs]",
    ):
        assert usage in help_text
    assert ipython.find_line_magic("codelab").__doc__ == help_text
