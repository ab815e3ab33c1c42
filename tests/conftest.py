"""Shared test setup: pytest-jupyter's fixtures (it also runs `async def` tests on its loop)."""

pytest_plugins = ["pytest_jupyter.jupyter_server"]


import pytest  # noqa: E402

from tests.support.simulator_thread import SimulatorThread  # noqa: E402


@pytest.fixture(scope="session")
def simulator_thread():
    """One simulator on its own thread for the kernel, CLI and client tests."""
    sim = SimulatorThread(step_seconds=0.3).start()
    yield sim
    sim.stop()


@pytest.fixture
def threaded_simulator(simulator_thread):
    """The threaded simulator, reset for this test."""
    simulator_thread.reset()
    return simulator_thread
