"""The real simulator on a loopback port (frozen clock by default) and signed clients for it."""

from __future__ import annotations

import pytest
from simclient import ALICE, BOB, CAROL_PASSWORD, CAROL_PROJECT, Api, FrozenClock

from jupyter_codelab.simulator import Simulator, SimulatorConfig


@pytest.fixture
def sim_config():
    """Override in a module for other timings. Default: frozen clock, 2 s steps, 1 s stop and start."""
    return SimulatorConfig(step_seconds=2.0, stop_seconds=1.0, start_seconds=1.0, clock=FrozenClock())


@pytest.fixture
def sim(jp_asyncio_loop, sim_config):
    simulator = Simulator(sim_config)
    simulator.add_user(user_name="alice", domain="alice", **ALICE)
    simulator.add_user(user_name="bob", domain="bob", **BOB)
    simulator.add_user(user_name="carol", domain="carol-domain", project_id=CAROL_PROJECT, password=CAROL_PASSWORD)
    simulator.listen(port=0, address="127.0.0.1")
    yield simulator
    jp_asyncio_loop.run_until_complete(simulator.close())


@pytest.fixture
def alice(sim) -> Api:
    return Api(sim, **ALICE)


@pytest.fixture
def bob(sim) -> Api:
    return Api(sim, **BOB)
