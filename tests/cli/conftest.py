"""Fixtures of the CLI tests: the real simulator in a thread and a runner of `jupyter codelab`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from cli_runner import cli_env  # noqa: E402


@pytest.fixture
def simulator(threaded_simulator):
    return threaded_simulator


@pytest.fixture
def codelab(simulator, tmp_path):
    """Run ``jupyter codelab ARGS`` (as ``python -m jupyter_codelab.cli``) against the simulator."""

    def run(*args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "jupyter_codelab.cli", *args],
            env=cli_env(tmp_path, simulator.env() if env is None else env),
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=tmp_path,
        )

    return run
