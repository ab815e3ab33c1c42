"""A simulator of the ModelArts CodeLab API: same paths, fields, status codes, errors and auth.

>>> from jupyter_codelab.simulator import Simulator, SimulatorConfig
>>> sim = Simulator(SimulatorConfig(step_seconds=0))
>>> user = sim.add_user(access_key="AK", secret_key="SK", project_id="0" * 32)
"""

from .config import (
    DEMO_ACCESS_KEY,
    DEMO_PROJECT_ID,
    DEMO_SECRET_KEY,
    Clock,
    SimulatorConfig,
)
from .service import Simulator

__all__ = ["Simulator", "SimulatorConfig", "Clock", "DEMO_ACCESS_KEY", "DEMO_SECRET_KEY", "DEMO_PROJECT_ID"]
