"""`jupyter codelab login` / `logout`: prompts read from stdin (no terminal), the keys checked upstream,
then saved to ~/.huaweicloud/credentials without a server, or handed to a running server."""

from __future__ import annotations

import asyncio
import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from cli_runner import cli_env

from jupyter_codelab.simulator import DEMO_ACCESS_KEY, DEMO_PROJECT_ID, DEMO_SECRET_KEY

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "kernel"))
from server_fixtures import codelab_server, jp_server_config  # noqa: E402,F401 - fixtures

from tests.support.simulator_thread import cloud_env


def run_cli(tmp_path, env, *args, stdin=""):
    # A new session has no controlling terminal, so getpass reads stdin as it would from a pipe.
    return subprocess.run([sys.executable, "-m", "jupyter_codelab.cli", *args], input=stdin, env=cli_env(tmp_path, env),
                          capture_output=True, text=True, timeout=120, cwd=tmp_path, start_new_session=True)  # fmt: skip


@pytest.fixture
def endpoint_only(simulator):
    return cloud_env(simulator.endpoint)  # a cloud to talk to, but no keys


def test_login_without_a_server_checks_and_saves_the_keys(tmp_path, endpoint_only, simulator):
    path = tmp_path / "home" / ".huaweicloud" / "credentials"
    assert run_cli(tmp_path, endpoint_only, "images").returncode == 1  # no keys yet
    done = run_cli(tmp_path, endpoint_only, "login", "--region", "cn-north-4", stdin=f"{DEMO_ACCESS_KEY}\n{DEMO_SECRET_KEY}\n")
    assert done.returncode == 0, done.stderr
    assert "Connected to ModelArts in cn-north-4" in done.stdout and str(path) in done.stdout
    assert DEMO_SECRET_KEY not in done.stdout + done.stderr
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert f"project_id = {DEMO_PROJECT_ID}" in path.read_text()  # looked up from the region
    assert run_cli(tmp_path, endpoint_only, "images").returncode == 0  # the direct backend finds them
    gone = run_cli(tmp_path, endpoint_only, "logout")
    assert gone.returncode == 0 and "removed the keys" in gone.stdout, gone.stderr
    assert DEMO_SECRET_KEY not in path.read_text() if path.exists() else True


def test_a_wrong_secret_key_is_refused_and_nothing_is_saved(tmp_path, endpoint_only):
    done = run_cli(
        tmp_path,
        endpoint_only,
        "login",
        "--json",
        "--project-id",
        DEMO_PROJECT_ID,
        stdin=f"{DEMO_ACCESS_KEY}\nnot-the-secret-123\n",
    )
    assert done.returncode == 1
    assert (
        "secret key" in done.stderr and "fix: secret_key" in done.stderr and "not-the-secret-123" not in done.stderr + done.stdout
    )
    assert json.loads(done.stdout)["error"]["error_code"] == "APIGW.0301"
    assert not (tmp_path / "home" / ".huaweicloud" / "credentials").exists()


def test_the_prompts_and_the_advice_speak_the_process_language(tmp_path, endpoint_only):
    env = {**endpoint_only, "CODELAB_LANGUAGE": "zh_CN"}
    done = run_cli(tmp_path, env, "login", "--project-id", DEMO_PROJECT_ID, stdin=f"{DEMO_ACCESS_KEY}\nnot-the-secret-123\n")
    assert done.returncode == 1
    said = done.stdout + done.stderr
    assert "访问密钥ID（AK）：" in said and "秘密访问密钥（SK）：" in said
    assert "华为云未接受这组密钥" in done.stderr and "我的凭证 > 访问密钥" in done.stderr
    assert "not-the-secret-123" not in said


def test_bad_input_is_a_usage_error(tmp_path, endpoint_only):
    done = run_cli(tmp_path, endpoint_only, "login", "--project-id", "nope", stdin=f"{DEMO_ACCESS_KEY}\n{DEMO_SECRET_KEY}\n")
    assert done.returncode == 2 and "project_id" in done.stderr, done.stderr


@pytest.fixture
def cloud_for_server(threaded_simulator, monkeypatch):
    for name, value in cloud_env(threaded_simulator.endpoint).items():
        monkeypatch.setenv(name, value)
    return threaded_simulator


async def test_login_through_a_running_server(cloud_for_server, codelab_server, jp_fetch, tmp_path):
    server_url, token = codelab_server
    args = ["--server-url", server_url, "--token", token]
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "jupyter_codelab.cli", "login", *args, env=cli_env(tmp_path, {}), cwd=tmp_path,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, start_new_session=True,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(f"{DEMO_ACCESS_KEY}\n{DEMO_SECRET_KEY}\n".encode()), 120)
    assert process.returncode == 0, err.decode()
    assert "kept in the Jupyter server's memory" in out.decode()
    config = json.loads((await jp_fetch("codelab", "api", "config")).body)
    assert config["mode"] == "modelarts" and config["source"] == "session"
    assert not (tmp_path / "home" / ".huaweicloud" / "credentials").exists()
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "jupyter_codelab.cli", "logout", *args, env=cli_env(tmp_path, {}), cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, start_new_session=True,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode == 0 and "simulated now" in out.decode(), err.decode()
    assert json.loads((await jp_fetch("codelab", "api", "config")).body)["mode"] == "simulated"
