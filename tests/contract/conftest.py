"""Contract tests: the documented examples (fixtures/) against our models and the simulator's answers."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "simulator"))  # the simulator tests' loopback client (simclient)

from simclient import ALICE, FrozenClock  # noqa: E402

from jupyter_codelab.simulator import Simulator, SimulatorConfig  # noqa: E402


@pytest.fixture
def sim(jp_asyncio_loop):
    simulator = Simulator(SimulatorConfig(step_seconds=2.0, stop_seconds=1.0, start_seconds=1.0, clock=FrozenClock()))
    simulator.add_user(user_name="alice", domain="alice-domain", password="alice-password", **ALICE)
    simulator.listen(port=0, address="127.0.0.1")
    yield simulator
    jp_asyncio_loop.run_until_complete(simulator.close())
