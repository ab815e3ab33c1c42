"""What the simulated OBS's parts use of each other and of the ModelArts simulator: protocols, so the
handlers and ``ObsSimulator`` (which routes to them), or ``ObsSimulator`` and ``Simulator`` (which
builds it), never import each other."""

from __future__ import annotations

from collections import Counter
from typing import Protocol

from ..auth import AuthRegistry, User
from ..config import Clock, SimulatorConfig
from .download import Download
from .faults import ObsFaults
from .store import ObsStore


class Cloud(Protocol):
    """The ModelArts simulator, as the simulated OBS sees it: the same users, clocks and region."""

    @property
    def auth(self) -> AuthRegistry: ...
    @property
    def config(self) -> SimulatorConfig: ...
    @property
    def clock(self) -> Clock: ...
    def gateway_time(self) -> float: ...


class ObsHost(Protocol):
    """``ObsSimulator``, as its handlers see it."""

    @property
    def sim(self) -> Cloud: ...
    @property
    def store(self) -> ObsStore: ...
    @property
    def faults(self) -> ObsFaults: ...
    @property
    def calls(self) -> Counter[str]: ...
    @property
    def downloads(self) -> list[Download]: ...
    def users(self) -> list[User]: ...
    def state(self) -> dict: ...
