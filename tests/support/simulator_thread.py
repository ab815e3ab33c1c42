"""The real ModelArts simulator, served from a thread of the test process.

Kernels, CLI subprocesses, the blocking client and in-process backends all reach it
over loopback; its own event loop keeps it independent of the test's loop (blocking
``requests`` calls in a test cannot starve it). It serves the documented demo user
(AK/SK and IAM password).
"""

from __future__ import annotations

import asyncio
import os
import threading

import requests

from jupyter_codelab.simulator import DEMO_ACCESS_KEY, DEMO_PROJECT_ID, DEMO_SECRET_KEY, Simulator
from jupyter_codelab.simulator.standalone import build_simulator


class SimulatorThread:
    def __init__(self, step_seconds: float = 0.3, stop_seconds: float = 0.3, certfile=None, keyfile=None):
        self.step_seconds, self.stop_seconds = step_seconds, stop_seconds
        self.certfile, self.keyfile = certfile, keyfile  # HTTPS with this certificate (its control calls trust it)
        self.simulator: Simulator | None = None
        self.endpoint: str | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="simulator", daemon=True)

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        self._loop = loop

        async def serve():
            sim = build_simulator(step_seconds=self.step_seconds)
            sim.configure(stop_seconds=self.stop_seconds, start_seconds=self.stop_seconds)
            sim.listen(port=0, certfile=self.certfile, keyfile=self.keyfile)
            self.simulator, self.endpoint = sim, sim.endpoint

        loop.run_until_complete(serve())
        self._ready.set()
        loop.run_forever()
        loop.run_until_complete(self.simulator.close())
        loop.close()

    def start(self) -> SimulatorThread:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("The simulator did not start within 10 s.")
        return self

    def stop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def env(self) -> dict:
        """What a child process needs to reach this simulator directly (DirectBackend)."""
        return {
            **cloud_env(self.endpoint),
            "HUAWEICLOUD_SDK_AK": DEMO_ACCESS_KEY,
            "HUAWEICLOUD_SDK_SK": DEMO_SECRET_KEY,
            "HUAWEICLOUD_SDK_PROJECT_ID": DEMO_PROJECT_ID,
            "HUAWEICLOUD_SDK_REGION": "cn-north-4",
        }

    def control(self, method: str, path: str, body: dict | None = None) -> dict:
        verify = str(self.certfile) if self.certfile else True
        response = requests.request(method, f"{self.endpoint}/_simulator/{path}", json=body, timeout=10, verify=verify)
        response.raise_for_status()
        return response.json() if response.content else {}

    def reset(self) -> None:
        """No instances, faults or counters left by another test; this thread's timing."""
        self.control("POST", "reset")
        self.control("POST", "config", {"step_seconds": self.step_seconds, "stop_seconds": self.stop_seconds})

    def call(self, fn, *args, **kwargs):
        """Run ``fn`` on the simulator's own loop (its state is not shared across threads)."""

        async def run():
            return fn(*args, **kwargs)

        return asyncio.run_coroutine_threadsafe(run(), self._loop).result(10)


def cloud_env(endpoint: str) -> dict:
    """Where ModelArts' and IAM's calls go: the simulator serves both on one port, our settings name each
    (CODELAB_ENDPOINT is never used for IAM)."""
    return {"CODELAB_ENDPOINT": endpoint, "CODELAB_IAM_ENDPOINT": endpoint}


def clean_env(extra: dict | None = None) -> dict:
    """os.environ without any credentials or server hints, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HUAWEICLOUD_", "CODELAB_"))}
    env.update(extra or {})
    return env
