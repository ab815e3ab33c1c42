"""Run the simulator on its own (``python -m jupyter_codelab.simulator``, ``jupyter codelab simulate``)."""

from __future__ import annotations

import asyncio
import logging

from .config import DEMO_ACCESS_KEY, DEMO_DOMAIN, DEMO_PROJECT_ID, DEMO_SECRET_KEY, DEMO_USER_NAME, SimulatorConfig
from .service import Simulator

DEMO_PASSWORD = "codelab-simulator-demo-password"  # public demo value, like the demo AK/SK


def build_simulator(
    access_key: str | None = None,
    secret_key: str | None = None,
    project_id: str | None = None,
    step_seconds: float = 2.0,
) -> Simulator:
    """A simulator with one user: the given credentials, or the documented demo ones."""
    if bool(access_key) != bool(secret_key):
        raise ValueError("Give both --ak and --sk, or neither (to use the demo credentials).")
    demo = not access_key
    sim = Simulator(SimulatorConfig(step_seconds=step_seconds))
    sim.add_user(
        access_key=access_key or DEMO_ACCESS_KEY,
        secret_key=secret_key or DEMO_SECRET_KEY,
        project_id=project_id or DEMO_PROJECT_ID,
        user_name=DEMO_USER_NAME,
        domain=DEMO_DOMAIN,
        password=DEMO_PASSWORD if demo else None,
    )
    return sim


def describe(sim: Simulator, access_key: str, project_id: str, demo: bool) -> str:
    """The announcement: endpoint, identity, and the environment that points clients at it.

    The secret key is printed only when it is the public demo one.
    """
    endpoint = sim.endpoint
    if endpoint is None:
        raise RuntimeError("Only a listening simulator can be described: call listen() first.")
    secret = DEMO_SECRET_KEY if demo else "<the --sk you gave>"
    lines = [
        f"ModelArts simulator listening at {endpoint}",
        f"  project id : {project_id}",
        f"  access key : {access_key}" + ("  (public demo value)" if demo else ""),
    ]
    if demo:
        lines += [
            f"  secret key : {DEMO_SECRET_KEY}  (public demo value)",
            f"  IAM login  : user {DEMO_USER_NAME}, domain {DEMO_DOMAIN}, password {DEMO_PASSWORD}  (public demo values)",
        ]
    lines += [
        "Point clients (the Jupyter extension, %codelab, `jupyter codelab`) at it:",
        f"  export CODELAB_ENDPOINT={endpoint} CODELAB_IAM_ENDPOINT={endpoint}",
        *(
            ["  export CODELAB_CA_BUNDLE=<the certificate file, or the CA that signed it>"]
            if endpoint.startswith("https")
            else []
        ),
        f"  export HUAWEICLOUD_SDK_AK={access_key} HUAWEICLOUD_SDK_SK={secret} HUAWEICLOUD_SDK_PROJECT_ID={project_id}",
        f"Control API (faults, timing, reset; see docs/contracts.md section 3): {endpoint}/_simulator/state",
        "Stop with Ctrl+C.",
    ]
    return "\n".join(lines)


async def _serve(
    sim: Simulator, port: int, address: str, announce, certfile: str | None = None, keyfile: str | None = None
) -> None:
    sim.listen(port=port, address=address, certfile=certfile, keyfile=keyfile)
    announce()
    try:
        await asyncio.Event().wait()  # until cancelled (Ctrl+C)
    finally:
        await sim.close()


def run_standalone(
    port: int = 8010,
    address: str = "127.0.0.1",
    access_key: str | None = None,
    secret_key: str | None = None,
    project_id: str | None = None,
    step_seconds: float = 2.0,
    certfile: str | None = None,
    keyfile: str | None = None,
) -> None:
    """Serve until interrupted, after printing the endpoint and how to point clients at it (HTTPS with ``certfile``)."""
    sim = build_simulator(access_key, secret_key, project_id, step_seconds)
    # One access-log line per call (method, path, status): what a person watching a demo wants to see.
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    demo = not access_key
    announce = lambda: print(describe(sim, access_key or DEMO_ACCESS_KEY, project_id or DEMO_PROJECT_ID, demo), flush=True)  # noqa: E731
    try:
        asyncio.run(_serve(sim, port, address, announce, certfile, keyfile))
    except KeyboardInterrupt:
        print("Simulator stopped.", flush=True)
