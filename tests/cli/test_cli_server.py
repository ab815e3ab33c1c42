"""`jupyter codelab` through a real Jupyter server with the extension (simulated mode).

The server runs on this test's loop, so the CLI runs as an asyncio subprocess.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

from cli_runner import cli_env

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "kernel"))
from server_fixtures import codelab_server, embedded_simulator, jp_server_config  # noqa: E402,F401 - fixtures


async def codelab(tmp_path, *args, extra_env=None):
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "jupyter_codelab.cli", *args,
        env=cli_env(tmp_path, extra_env or {}),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        cwd=tmp_path,
    )  # fmt: skip
    stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=120)
    return process.returncode, stdout.decode(), stderr.decode()


async def test_open_through_the_server_with_its_url_and_token(codelab_server, tmp_path):
    server_url, token = codelab_server
    code, out, err = await codelab(tmp_path, "open", "--json", "--server-url", server_url, "--token", token)
    assert code == 0, err
    assert json.loads(out)["status"] == "RUNNING" and json.loads(out)["simulated"] is True


async def test_a_terminal_of_the_server_needs_no_options(codelab_server, tmp_path):
    terminal_env = {name: os.environ[name] for name in ("CODELAB_API_URL", "CODELAB_API_TOKEN")}
    code, out, err = await codelab(tmp_path, "status", extra_env=terminal_env)
    assert code == 1 and "No CodeLab instance yet" in out
    code, out, err = await codelab(tmp_path, "open", extra_env=terminal_env)
    assert code == 0, err
    assert "ModelArts CodeLab (simulated)" in out and "Open: http" in out


async def test_a_wrong_token_is_explained(codelab_server, tmp_path):
    server_url, _token = codelab_server
    code, out, err = await codelab(tmp_path, "images", "--server-url", server_url, "--token", "wrong")
    assert code == 1
    assert "refused" in err and "token" in err


async def test_statuses_vanishing_and_no_auto_stop_through_the_server(codelab_server, embedded_simulator, tmp_path):
    """The server's 404 (ModelArts.6309 kept), its SSE `deleted` event, and start with duration_ms -1."""
    from jupyter_codelab.modelarts.states import STATES, VANISHED_SENTENCE

    server_url, token = codelab_server
    options = ("--server-url", server_url, "--token", token)
    code, out, err = await codelab(tmp_path, "open", "--json", *options)
    assert code == 0, err
    embedded_simulator.force_status("FROZEN")
    code, out, err = await codelab(tmp_path, "status", *options)
    assert code == 0 and out.splitlines()[0].endswith(" - Frozen") and STATES["FROZEN"].sentence in out and "Next:" not in out
    code, out, err = await codelab(tmp_path, "start", *options)
    assert code == 1 and "top up the account in the Huawei Cloud console. [ModelArts.6326, request id " in err
    embedded_simulator.clear_faults()  # the arrears are paid

    code, out, err = await codelab(tmp_path, "stop", *options)
    assert code == 0, err
    code, out, err = await codelab(tmp_path, "status", "--json", *options)
    while json.loads(out)["status"] == "STOPPING":
        code, out, err = await codelab(tmp_path, "status", "--json", *options)
    code, out, err = await codelab(tmp_path, "start", "--no-auto-stop", *options)
    assert code == 0, err
    assert "No auto-stop: the instance runs until you stop it." in out
    assert embedded_simulator.state()["instances"][0]["lease"]["enable"] is False

    embedded_simulator.reset()
    code, out, err = await codelab(tmp_path, "status", *options)
    assert code == 1 and out.splitlines()[1:] == [VANISHED_SENTENCE, "Next: jupyter codelab open"]
