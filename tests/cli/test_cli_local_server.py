"""`jupyter codelab` outside a Jupyter terminal finds a Jupyter server with jupyter-codelab running
on this machine from the runtime dir's server list (as `jupyter server list` does).

A real `jupyter server` subprocess with its own runtime dir (JUPYTER_RUNTIME_DIR); the CLI gets no
CODELAB_API_* and no credentials, only that runtime dir.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from cli_runner import cli_env

from tests.support.jupyter_process import JupyterProcess, free_port


def run_cli(tmp_path, runtime_dir, *args):
    env = cli_env(tmp_path, {"JUPYTER_RUNTIME_DIR": str(runtime_dir)})
    assert not any(name.startswith(("CODELAB_", "HUAWEICLOUD_")) for name in env)
    return subprocess.run([sys.executable, "-m", "jupyter_codelab.cli", *args], env=env, capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)  # fmt: skip


@pytest.fixture(scope="module")
def jupyter(tmp_path_factory):
    server = JupyterProcess(tmp_path_factory.mktemp("jupyter"), base_url="/base/").start()
    yield server
    server.stop()


def test_status_and_open_find_the_running_server(jupyter, tmp_path):
    runtime = jupyter.root / "runtime"
    assert any(name.startswith("jpserver-") for name in os.listdir(runtime))  # what `jupyter server list` reads

    status = run_cli(tmp_path, runtime, "status")
    assert status.returncode == 1, status.stderr  # found, and there is no instance yet
    assert "No CodeLab instance yet" in status.stdout
    assert f"Using the Jupyter server at {jupyter.url} (found running on this machine)." in status.stderr
    assert "credentials" not in status.stderr

    opened = run_cli(tmp_path, runtime, "open", "--json")
    assert opened.returncode == 0, opened.stderr
    notebook = json.loads(opened.stdout)  # the note went to stderr: stdout stays JSON
    assert notebook["status"] == "RUNNING" and notebook["simulated"] is True
    assert jupyter.api("GET", "codelab/api/notebooks/current").json()["id"] == notebook["id"]  # the server's instance

    left_ms = jupyter.api("GET", "codelab/api/notebooks/current").json()["lease"]["remaining_ms"]
    extended = run_cli(tmp_path, runtime, "extend", "--json")  # through the server: 1 h later than the current stop
    assert extended.returncode == 0, extended.stderr
    assert left_ms + 3_600_000 - 60_000 <= json.loads(extended.stdout)["remaining_ms"] <= left_ms + 3_600_000


def test_without_a_server_the_message_names_the_options(tmp_path):
    empty = tmp_path / "runtime"
    empty.mkdir()
    done = run_cli(tmp_path, empty, "status")
    assert done.returncode == 1
    assert "No ModelArts credentials found" in done.stderr
    assert "No Jupyter server with jupyter-codelab runs on this machine" in done.stderr
    assert "--server-url URL --token TOKEN" in done.stderr


def test_a_server_that_does_not_answer_codelab_is_not_chosen(tmp_path):
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    url = f"http://127.0.0.1:{free_port()}/"  # nothing listens there
    info = {"url": url, "token": "t", "pid": os.getpid(), "base_url": "/", "port": 1}  # a live pid: listed
    (runtime / f"jpserver-{os.getpid()}.json").write_text(json.dumps(info))
    done = run_cli(tmp_path, runtime, "status")
    assert done.returncode == 1
    assert f"Jupyter servers run at {url}, but none answered codelab/api/config" in done.stderr
    assert "--server-url URL --token TOKEN" in done.stderr
