"""A simulator of Huawei Cloud OBS, served next to the ModelArts simulator on its own port.

Buckets, objects, canned ACLs (private / public-read), OBS's signature checks (header and
pre-signed URL forms, ``OBS`` and S3-compatible ``AWS``), OBS's error XML and its own faults.
It knows the ModelArts simulator's users (same AK/SK and security tokens), and makes the
simulated CodeLab download a ``share_url`` that points here (see ``download.py``).
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from urllib.parse import urlsplit

from tornado import httpserver, netutil, web

from ..auth import User
from .download import Download, fetch, points_at
from .faults import ObsFaults
from .handlers import obs_routes
from .host import Cloud
from .store import ObsStore

MAX_BODY_BYTES = 1024**3
access_log = logging.getLogger("tornado.access")


def _log_request(handler: web.RequestHandler) -> None:
    """The access log without the query: pre-signed URLs carry their signature there."""
    request = handler.request
    access_log.info("OBS %d %s %s (%.1f ms)", handler.get_status(), request.method, request.path, 1000.0 * request.request_time())


class ObsSimulator:
    def __init__(self, sim: Cloud):
        self.sim = sim
        self.store = ObsStore()
        self.faults = ObsFaults()
        self.calls: Counter[str] = Counter()
        self.downloads: list[Download] = []
        self.endpoint: str | None = None
        self._server: httpserver.HTTPServer | None = None
        self._tasks: set[asyncio.Task] = set()

    def users(self) -> list[User]:
        return self.sim.auth.users

    # -- the simulated CodeLab's download -------------------------------------------------------
    def fetch_for(self, instance, share_url_b64: str | None, created: bool) -> Download | None:
        """If ``share_url`` is a link to this OBS, download it for ``instance`` in the background."""
        if not share_url_b64 or not instance.description or not points_at(instance.description, self.endpoint):
            return None
        url = instance.description
        download = Download(instance.id, urlsplit(url).path, self.sim.clock.now())
        self.downloads.append(download)
        if created:
            instance.awaiting_download = True

        def done(result: Download) -> None:
            if not created:
                return  # a later load into a live instance: only the creating download holds the creation back
            instance.awaiting_download = False
            if result.error:
                # Fails at the end of the last step ("Initialize the notebook instance."), where the notebook is loaded.
                instance.plan.fail_at_step, instance.plan.fail_reason = 4, result.error

        task = asyncio.get_running_loop().create_task(fetch(download, url, done))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return download

    def downloaded(self, notebook_id: str) -> Download | None:
        return next((d for d in reversed(self.downloads) if d.notebook_id == notebook_id), None)

    # -- serving ----------------------------------------------------------------------------------
    def listen(self, port: int = 0, address: str = "127.0.0.1") -> int:
        sockets = netutil.bind_sockets(port, address)
        app = web.Application(obs_routes(self), log_function=_log_request)
        self._server = httpserver.HTTPServer(app, max_body_size=MAX_BODY_BYTES)
        self._server.add_sockets(sockets)
        bound = sockets[0].getsockname()[1]
        host = f"[{address}]" if ":" in address else address
        self.endpoint = f"http://{host}:{bound}"
        return bound

    def stop(self):
        """Stop listening; returns the server whose connections the caller closes (or None)."""
        server, self._server = self._server, None
        if server is not None:
            server.stop()
        for task in list(self._tasks):
            task.cancel()
        return server

    def reset(self) -> None:
        self.store.reset()
        self.faults.clear()
        self.calls.clear()
        self.downloads.clear()

    def state(self) -> dict:
        return {"endpoint": self.endpoint, "buckets": self.store.to_json(), "calls": dict(self.calls), "puts": self.store.puts,
                "faults": self.faults.to_json(), "downloads": [d.to_json() for d in self.downloads]}  # fmt: skip
