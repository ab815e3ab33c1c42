"""`jupyter codelab ...` in a child process against the real simulator (DirectBackend)."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys

import pytest
from cli_runner import cli_env

from tests.support.simulator_thread import cloud_env

LINK = "https://github.com/org/repo/blob/main/demo.ipynb"
SUBCOMMANDS = ("open", "status", "start", "images", "extend", "stop", "badge", "simulate", "doctor")


@pytest.mark.parametrize("subcommand", SUBCOMMANDS)
def test_every_subcommand_has_help(codelab, subcommand):
    done = codelab(subcommand, "--help")
    assert done.returncode == 0
    assert done.stdout.startswith(f"usage: jupyter codelab {subcommand}")


def test_open_reaches_running_with_json(codelab, simulator):
    done = codelab("open", "--json", "--image", "pytorch1.8-cpu", "--share-url", LINK)
    assert done.returncode == 0, done.stderr
    notebook = json.loads(done.stdout)
    assert notebook["status"] == "RUNNING" and notebook["url"].startswith("http")
    assert notebook["image"]["name"] == "pytorch1.8-cpu-py3.7-ubuntu18.04"
    assert "[" in done.stderr and "/4" in done.stderr  # progress went to stderr, JSON alone on stdout
    assert (
        simulator.control("GET", "state")["instances"][0]["description"]
        == "https://raw.githubusercontent.com/org/repo/main/demo.ipynb"
    )


def test_open_prints_progress_lines_then_the_address(codelab):
    done = codelab("open")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("[") and "0/4" in lines[0] and "auto-stop in" in lines[0]
    assert any(line.startswith("[####] 4/4 Ready.") for line in lines)
    assert "Running, 100%" in done.stdout and "Open: http" in done.stdout


def test_open_fails_with_the_reason_when_creation_fails(codelab, simulator):
    simulator.control(
        "POST", "faults", {"kind": "create_failed", "fail_reason": "Insufficient resources in the free pool", "at_step": 2}
    )
    done = codelab("open", "--json")
    assert done.returncode == 1
    assert (
        "jupyter codelab open: error: Creation failed at step 2 (Prepare the compute resource): Insufficient resources in the free pool."
        in done.stderr
    )
    error = json.loads(done.stdout)["error"]
    assert error["status"] == "CREATE_FAILED" and error["fail_reason"] == "Insufficient resources in the free pool"


def test_open_gives_up_at_the_timeout_with_exit_3(codelab, simulator):
    simulator.control("POST", "config", {"step_seconds": 120})  # the creation outlasts the wait
    done = codelab("open", "--timeout", "1", "--json")
    assert done.returncode == 3
    assert re.search(r"jupyter codelab open: error: Still \w+ after 1 s; see `jupyter codelab status`\.", done.stderr)
    assert json.loads(done.stdout)["error"]["message"] == "timeout"


def test_upstream_errors_keep_the_modelarts_code(codelab, simulator):
    simulator.control("POST", "faults", {"kind": "error", "route": "open", "status": 400, "error_code": "ModelArts.6360",
                                         "error_msg": "Insufficient resources."})  # fmt: skip
    done = codelab("open")
    assert done.returncode == 1
    assert re.search(r"\[ModelArts\.6360, request id \w+\]", done.stderr) and "Insufficient resources." in done.stderr
    assert "Traceback" not in done.stderr


def test_status_extend_stop_images_badge(codelab):
    missing = codelab("status")
    assert missing.returncode == 1 and "No CodeLab instance yet" in missing.stdout
    assert codelab("open").returncode == 0
    status = codelab("status", "--json")
    assert json.loads(status.stdout)["status"] == "RUNNING"
    extended = codelab("extend", "--hours", "5", "--json")
    assert extended.returncode == 0
    assert 6 * 3600_000 - 60_000 <= json.loads(extended.stdout)["remaining_ms"] <= 6 * 3600_000  # 1 h left + 5 h
    stopped = codelab("stop")
    assert stopped.returncode == 0 and stopped.stdout.startswith("Stopping notebook_")
    images = json.loads(codelab("images", "--json").stdout)
    assert len(images["images"]) >= 2 and images["default_image_id"]
    assert "(default)" in codelab("images").stdout
    badge = codelab("badge", LINK, "--image", "e1a07296-22a8-4f05-8bc8-e936c8e54090", "--json")
    assert json.loads(badge.stdout)["url"].endswith("&imageid=e1a07296-22a8-4f05-8bc8-e936c8e54090")


@pytest.mark.parametrize(
    "args,expected",
    [
        (("open", "--share-url", "ftp://example.com/a.ipynb"), "--share-url must be an http(s) link"),
        (("open", "--image", "no-such-image"), "--image: no image matches 'no-such-image'"),
        (("open", "--timeout", "-1"), "--timeout must be a positive number"),
        (("extend", "--hours", "0"), "--hours must be a whole number of hours from 1 to 72"),
        (("extend",), "There is no CodeLab instance to extend"),
        (("stop",), "There is no CodeLab instance to stop"),
        (("status", "--token", "abc"), "--token goes with --server-url"),
        (("status", "--server-url", "http://127.0.0.1:9/"), "--server-url needs the server's token"),
        (("badge", "not-a-link"), "URL is neither an http(s) link"),
        (("simulate", "--ak", "only-half"), "Give both --ak and --sk"),
    ],
)
def test_mistakes_exit_2_with_a_sentence_and_change_nothing(codelab, simulator, args, expected):
    done = codelab(*args)
    assert done.returncode == 2
    assert expected in done.stderr
    assert "Traceback" not in done.stderr
    assert simulator.control("GET", "state")["instances"] == []


def test_argparse_mistakes_exit_2(codelab):
    done = codelab("open", "--image")
    assert done.returncode == 2 and "expected one argument" in done.stderr
    assert codelab("launch").returncode == 2


def test_no_credentials_is_explained(codelab, tmp_path):
    (tmp_path / "runtime").mkdir()
    done = codelab("status", env={"JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")})  # and no Jupyter server to find
    assert done.returncode == 1
    assert "No ModelArts credentials found" in done.stderr and "jupyter codelab simulate" in done.stderr


@pytest.mark.parametrize("args", [("open", "demo.ipynb"), ("open", "--share-url", LINK, "--with-repo")])
def test_sending_without_a_server_says_it_needs_one(codelab, simulator, tmp_path, args):
    (tmp_path / "demo.ipynb").write_text('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}')
    done = codelab(*args)
    assert done.returncode == 1, done.stderr
    assert "goes through the Jupyter server" in done.stderr and "--server-url" in done.stderr
    assert "Traceback" not in done.stderr
    assert simulator.control("GET", "state")["instances"] == []


def test_progress_rewrites_one_line_on_a_terminal(simulator, tmp_path):
    main, child = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "jupyter_codelab.cli", "open"],
        env=cli_env(tmp_path, simulator.env()),
        stdout=child,
        stderr=child,
        cwd=tmp_path,
    )
    os.close(child)
    output = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
    assert process.wait(timeout=120) == 0
    os.close(main)
    text = output.decode()
    assert "\r[" in text and "\x1b[K" in text
    assert "Open: http" in text


def test_simulate_serves_until_interrupted_and_open_works_against_it(tmp_path):
    import re
    import signal

    from jupyter_codelab.simulator import DEMO_ACCESS_KEY, DEMO_PROJECT_ID, DEMO_SECRET_KEY

    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter_codelab.cli", "simulate", "--port", "0", "--step-seconds", "0.2"],
        env=cli_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=tmp_path,
    )
    try:
        first = server.stdout.readline()
        match = re.search(r"listening at (http://127\.0\.0\.1:\d+)", first)
        assert match, first
        env = cli_env(
            tmp_path,
            {
                **cloud_env(match.group(1)),
                "HUAWEICLOUD_SDK_REGION": "cn-north-4",
                "HUAWEICLOUD_SDK_AK": DEMO_ACCESS_KEY,
                "HUAWEICLOUD_SDK_SK": DEMO_SECRET_KEY,
                "HUAWEICLOUD_SDK_PROJECT_ID": DEMO_PROJECT_ID,
            },
        )
        done = subprocess.run(
            [sys.executable, "-m", "jupyter_codelab.cli", "open", "--json"], env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["simulated"] is True
    finally:
        server.send_signal(signal.SIGINT)
        rest, _ = server.communicate(timeout=30)
    assert server.returncode == 0
    assert "Simulator stopped." in rest


GPU_IMAGE = "2c113b99-72ef-4bd0-bbcc-0d711b39127b"  # pytorch1.8-cuda10.2 in the simulator's catalogue


def test_opening_with_another_image_switches_the_instance_and_says_so(codelab, simulator):
    first = json.loads(codelab("open", "--json").stdout)
    done = codelab("open", "--image", GPU_IMAGE, "--share-url", LINK)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(
        f"Switched your CodeLab instance from image {first['image']['name']} to pytorch1.8-cuda10.2-cudnn7-ubuntu18.04; it restarts.\n"
    )
    assert "Running, 100%" in done.stdout
    (instance,) = simulator.control("GET", "state")["instances"]
    assert instance["id"] == first["id"] and instance["image"]["id"] == GPU_IMAGE
    again = codelab("open", "--image", GPU_IMAGE, "--share-url", LINK)  # same image: the notebook is loaded into it
    assert again.stdout.startswith(f"Loaded the notebook {LINK} into the running instance.\n"), again.stdout
