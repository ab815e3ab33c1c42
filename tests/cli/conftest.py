"""Fixtures of the CLI tests: the real simulator in a thread and a runner of `jupyter codelab`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

KERNEL_TESTS = Path(__file__).resolve().parents[1] / "kernel"
sys.path.insert(0, str(KERNEL_TESTS))

from cli_runner import cli_env  # noqa: E402
from sim_in_thread import SimulatorThread  # noqa: E402


@pytest.fixture(scope="session")
def cli_simulator_thread():
    sim = SimulatorThread(step_seconds=0.3).start()
    yield sim
    sim.stop()


@pytest.fixture
def simulator(cli_simulator_thread):
    cli_simulator_thread.reset()
    cli_simulator_thread.control("POST", "config", {"step_seconds": 0.3, "stop_seconds": 0.3})
    return cli_simulator_thread


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
