"""The simulator a new user gets when no Huawei credentials are configured.

It runs on a loopback port of the same event loop and is reached over real
HTTP with freshly generated keys, so the simulated path signs and parses
exactly like the real one.
"""

from __future__ import annotations

import secrets

from ..modelarts.credentials import DEFAULT_REGION, AkSkCredentials, ClientSettings


def start_embedded_simulator(step_seconds: float, address: str = "127.0.0.1"):
    """Start the simulator; return it and the client settings that reach it."""
    from ..simulator import Simulator, SimulatorConfig

    simulator = Simulator(SimulatorConfig(step_seconds=step_seconds))
    access_key = "SIM" + secrets.token_hex(8).upper()
    secret_key = secrets.token_urlsafe(30)
    project_id = secrets.token_hex(16)
    simulator.add_user(access_key=access_key, secret_key=secret_key, project_id=project_id, user_name="you", domain="you")
    simulator.listen(port=0, address=address)
    settings = ClientSettings(
        endpoint=simulator.endpoint,
        project_id=project_id,
        region=DEFAULT_REGION,
        credentials=AkSkCredentials(access_key, secret_key),
        iam_endpoint=simulator.endpoint,
        source="simulator",
    )
    return simulator, settings
