"""A real JupyterHub (configurable-http-proxy in front) with two users, alice and bob."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.support.required_tool import tool_missing

from .hub_process import RunningHub

INSTALL_CHP = Path(__file__).with_name("install_chp.sh")


def find_or_install_chp() -> str:
    """configurable-http-proxy from PATH, else installed (once, cached) by install_chp.sh."""
    found = shutil.which("configurable-http-proxy")
    if found:
        return found
    if not shutil.which("npm"):
        tool_missing("configurable-http-proxy is not on PATH and npm is missing to install it (tests/hub/install_chp.sh)")
    try:
        done = subprocess.run(["sh", str(INSTALL_CHP)], capture_output=True, text=True, timeout=180)
    except subprocess.TimeoutExpired:
        tool_missing("configurable-http-proxy is not on PATH and tests/hub/install_chp.sh took over 180 s")
    if done.returncode != 0:
        tool_missing(f"configurable-http-proxy is not on PATH and tests/hub/install_chp.sh failed: {done.stderr.strip()[-500:]}")
    return done.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def hub(simulator_thread):
    """The hub; the users' servers send accounts they connect to the standalone simulator (the "cloud")."""
    chp = find_or_install_chp()
    with tempfile.TemporaryDirectory(prefix="codelab-hub-") as workdir:
        running = RunningHub(Path(workdir), chp, cloud_endpoint=simulator_thread.endpoint)
        try:
            running.start()
            yield running
        finally:
            running.stop()


@pytest.fixture(scope="module")
def tokens(hub) -> dict[str, str]:
    """Each user's own hub API token, with their single-user server started and ready."""
    return hub.add_users_with_servers(["alice", "bob"])
