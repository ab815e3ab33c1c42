"""``Simulator``: what a host (the server extension, the CLI, a test) embeds and drives."""

from __future__ import annotations

import asyncio
import ssl
import time
from collections import Counter
from dataclasses import replace

from tornado import httpserver, netutil, web

from .app import make_app
from .auth import AuthRegistry, User
from .config import SimulatorConfig
from .faults import FaultQueue
from .instance import FORCEABLE, CreationPlan
from .obs import ObsSimulator
from .store import NotebookStore


class _CountingServer(httpserver.HTTPServer):
    """Counts the connections it accepts: how a test or benchmark sees whether a client keeps them alive."""

    def initialize(self, *args, on_accept=None, **kwargs):
        self._on_accept = on_accept
        super().initialize(*args, **kwargs)

    def handle_stream(self, stream, address):
        if self._on_accept is not None:
            self._on_accept()
        return super().handle_stream(stream, address)


class Simulator:
    """The ModelArts simulator: users, instances, faults, call counters and an HTTP server.

    Serve it with ``listen()`` on the running (or current) IOLoop; nothing here blocks
    or runs in the background.
    """

    def __init__(self, config: SimulatorConfig | None = None):
        self._initial_config = replace(config) if config else SimulatorConfig()
        self.config = replace(self._initial_config)
        self.auth = AuthRegistry(lambda: self.config, now=self.gateway_time)
        self.store = NotebookStore(lambda: self.config)
        self.faults = FaultQueue(apply_status=self.force_status)
        self.calls: Counter = Counter()  # route name ("open", "get", ...) -> calls
        self.calls_by_path: Counter = Counter()  # "GET /notebooks/{id}" -> calls
        self.obs = ObsSimulator(self)  # OBS on a port of its own (the real one is another host)
        self.connections_accepted = 0  # TCP connections accepted (a kept-alive client opens few)
        self.endpoint: str | None = None
        self._server: httpserver.HTTPServer | None = None
        self._closing: asyncio.Task | None = None  # keeps the close task referenced until it ends

    @property
    def clock(self):
        return self.config.clock

    def gateway_time(self) -> float:
        """The gateway's wall clock (its ``Date``, its check of signed dates): real time, unless a clock_skew fault moved it."""
        return time.time() + self.faults.clock_skew_seconds()

    # -- setup -------------------------------------------------------------------------------
    def add_user(
        self,
        access_key: str | None = None,
        secret_key: str | None = None,
        project_id: str | None = None,
        user_name: str = "codelab-user",
        password: str | None = None,
        domain: str | None = None,
        security_token: str | None = None,
    ) -> User:
        """Register a user: an AK/SK pair, and/or a password for IAM tokens. Each user has its own instance."""
        if bool(access_key) != bool(secret_key):
            raise ValueError("access_key and secret_key go together: give both or neither.")
        if not access_key and password is None:
            raise ValueError("A user needs access_key + secret_key, or a password for IAM token login.")
        if not isinstance(project_id, str) or len(project_id) != 32 or any(c not in "0123456789abcdef" for c in project_id):
            raise ValueError(f"project_id must be 32 lowercase hex characters, got {project_id!r}.")
        if security_token and not access_key:
            raise ValueError("security_token belongs to temporary AK/SK credentials: give access_key and secret_key too.")
        user = User(
            user_name=user_name,
            domain=domain or user_name,
            project_id=project_id,
            access_key=access_key,
            secret_key=secret_key,
            password=password,
            security_token=security_token,
        )
        return self.auth.add_user(user)

    def configure(self, **changes) -> SimulatorConfig:
        """Change timing (``step_seconds``, ``stop_seconds``, ``default_lease_ms``, ...); validated."""
        self.config = self.config.updated(**changes)
        return self.config

    def creation_plan(self) -> CreationPlan:
        """How the next opened instance will be created: config, shaped by queued faults."""
        failing, slow = self.faults.take_for_creation()
        step_seconds = slow.params["step_seconds"] if slow else self.config.step_seconds
        return CreationPlan(
            init_ms=int(self.config.init_seconds * 1000),
            step_ms=int(step_seconds * 1000),
            fail_at_step=failing.params["at_step"] if failing else None,
            fail_reason=failing.params["fail_reason"] if failing else None,
        )

    def force_status(
        self, status: str, fail_reason: str | None = None, seconds: float | None = None, notebook_id: str | None = None
    ) -> list[str]:
        """Put instances in ``status`` now: one (``notebook_id``) or every user's current CodeLab instance.

        ERROR carries ``fail_reason``; FROZEN (arrears) stays until ``clear_faults()`` or ``reset()``;
        SNAPSHOTTING lasts ``seconds`` (default 2) then RUNNING; DELETING lasts ``seconds`` (default 1)
        then DELETED; DELETED is immediate. Returns the ids changed. The "status" fault calls this.
        """
        if status not in FORCEABLE:
            raise ValueError(f"status must be one of {', '.join(FORCEABLE)}, got {status!r}.")
        targets = [self.store.find(notebook_id)] if notebook_id else self.store.current_instances()
        for instance in targets:
            self.store.force_status(instance, status, fail_reason, seconds)
        return [instance.id for instance in targets]

    def clear_faults(self) -> list[str]:
        """Drop queued faults and thaw FROZEN instances (the arrears are paid); returns the thawed ids."""
        self.faults.clear()
        return self.store.thaw()

    def count_call(self, route: str, path: str) -> None:
        self.calls[route] += 1
        self.calls_by_path[path] += 1

    # -- serving -----------------------------------------------------------------------------
    def make_app(self) -> web.Application:
        return make_app(self)

    def listen(self, port: int = 0, address: str = "127.0.0.1", certfile: str | None = None, keyfile: str | None = None) -> int:
        """Serve on ``address:port`` (0: a free port) on the current IOLoop; returns the port.

        With ``certfile`` (and ``keyfile`` unless the certificate file holds the key) it serves HTTPS,
        like ModelArts: clients must trust the certificate (``c.CodeLab.ca_bundle``, ``CODELAB_CA_BUNDLE``).
        """
        if self._server is not None:
            raise RuntimeError(f"The simulator already listens at {self.endpoint}; stop() it first.")
        if keyfile and not certfile:
            raise ValueError("keyfile needs a certfile: give the certificate too.")
        ssl_options = None
        if certfile:
            ssl_options = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            ssl_options.load_cert_chain(certfile, keyfile)
        sockets = netutil.bind_sockets(port, address)
        self._server = _CountingServer(self.make_app(), ssl_options=ssl_options, on_accept=self._accepted)
        self._server.add_sockets(sockets)
        bound = sockets[0].getsockname()[1]
        host = f"[{address}]" if ":" in address else address
        self.endpoint = f"{'https' if certfile else 'http'}://{host}:{bound}"
        self.store.lab_base = self.endpoint  # "Open in new tab" goes to this simulator's lab page
        self.obs.listen(0, address)
        return bound

    def _accepted(self) -> None:
        self.connections_accepted += 1

    def stop(self) -> None:
        """Stop listening and drop open connections (scheduled when a loop is running)."""
        server, self._server = self._server, None
        if server is None:
            return
        server.stop()
        obs_server = self.obs.stop()
        try:
            self._closing = asyncio.get_running_loop().create_task(server.close_all_connections())
            if obs_server is not None:
                self._closing_obs = asyncio.get_running_loop().create_task(obs_server.close_all_connections())
        except RuntimeError:  # no running loop: nothing is being served any more anyway
            pass

    async def close_connections(self) -> None:
        """Close the open connections and keep listening, as a load balancer drops idle kept-alive ones."""
        if self._server is not None:
            await self._server.close_all_connections()

    async def close(self) -> None:
        """Like ``stop()``, waiting until open connections are closed."""
        server, self._server = self._server, None
        obs_server = self.obs.stop()
        if server is not None:
            server.stop()
            await server.close_all_connections()
        if obs_server is not None:
            await obs_server.close_all_connections()

    # -- state -------------------------------------------------------------------------------
    def reset(self) -> None:
        """Forget instances, faults and counters; back to the initial config and real time."""
        self.store.reset()
        self.obs.reset()
        self.faults.clear()
        self.calls.clear()
        self.calls_by_path.clear()
        self.connections_accepted = 0
        self.config = replace(self._initial_config)
        self.clock.reset()

    def state(self) -> dict:
        instances = []
        for instance in self.store.instances.values():
            self.store.settle(instance)
            body = self.store.render(instance)
            body["owner"] = next((u.user_name for u in self.auth.users if u.user_id == instance.owner_id), None)
            body["history"] = [{"at": at, "phase": phase} for at, phase in instance.history]
            instances.append(body)
        return {
            "instances": instances,
            "calls": {**self.calls, **self.calls_by_path},
            "connections": {"accepted": self.connections_accepted},
            "faults": self.faults.to_json(),
            "config": self.config.to_json(),
            "users": [user.to_json() for user in self.auth.users],
            "endpoint": self.endpoint,
            "obs_endpoint": self.obs.endpoint,
        }
