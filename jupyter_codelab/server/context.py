"""What the handlers share: the upstream client, the watchers, and what mode we run in."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .._version import __version__
from ..modelarts.credentials import ClientSettings, Configured
from ..modelarts.images import Image, default_image_id
from ..modelarts.lease import Lease
from ..modelarts.models import Notebook
from ..modelarts.regions import REGIONS
from ..modelarts.transport_async import AsyncModelArtsClient
from .watcher import WatcherRegistry

if TYPE_CHECKING:
    from ..obs.sender import Sender  # imported when sending is set up (server/send_setup.py)

IMAGES_TTL_S = 60.0


@dataclass
class CodeLabContext:
    client: AsyncModelArtsClient
    settings: ClientSettings
    registry: WatcherRegistry
    simulated: bool
    kernel_token: str = field(repr=False)
    keepalive_seconds: float = 10.0
    simulator_endpoint: str | None = None
    config_error: str | None = None  # a broken configuration, in a sentence with the fix
    can_change_credentials: bool = True  # c.CodeLab.allow_user_credentials
    remembered: bool = False  # ~/.huaweicloud/credentials [basic] holds an access key
    sender: Sender | None = None  # send a notebook through OBS (server/send_setup.py)
    locating: Configured | None = None  # configured credentials whose region or project id IAM must still give (Account.ready)
    _images: tuple[float, list[Image], str | None] | None = field(default=None, repr=False)

    def public_config(self) -> dict:
        """Everything a client may know about the setup: never a secret."""
        return {
            "mode": "simulated" if self.simulated else "modelarts",
            "region": self.settings.region,
            "project_id": self.settings.project_id,
            "endpoint": self.settings.endpoint,
            "auth": "simulated" if self.simulated else self.settings.auth_method,
            "source": None if self.simulated else self.settings.source,
            "credentials_source": None if self.simulated else self.settings.source,  # older name of "source"
            "can_change_credentials": self.can_change_credentials,
            "remembered": self.remembered,
            "config_error": self.config_error,
            "version": __version__,
            "simulator_endpoint": self.simulator_endpoint,
            "regions": list(REGIONS),
        }

    async def switch(
        self, client: AsyncModelArtsClient, settings: ClientSettings, simulated: bool, simulator_endpoint: str | None
    ) -> AsyncModelArtsClient:
        """Use another upstream from now on; returns the previous client (the caller closes it later).

        Running watchers end cleanly (their streams close; clients reconnect and get the new mode).
        """
        old_client, old_registry = self.client, self.registry
        self.client, self.settings, self.simulated = client, settings, simulated
        self.registry = WatcherRegistry(client, simulated, old_registry.policy, old_registry.linger)
        self.simulator_endpoint = simulator_endpoint
        self._images = None
        await old_registry.stop_all()
        return old_client

    def notebook_json(self, notebook: Notebook) -> dict:
        return notebook.to_client_json(simulated=self.simulated)

    async def images(self) -> tuple[list[Image], str | None]:
        """The image list (cached for a minute: it changes rarely) and the default image id."""
        now = time.monotonic()
        if self._images is None or now - self._images[0] > IMAGES_TTL_S:
            images = await self.client.list_images()
            self._images = (now, images, default_image_id(images))
        return self._images[1], self._images[2]

    def observe(self, notebook: Notebook) -> None:
        """A change our own API made: show it to the instance's watchers at once."""
        watcher = self.registry.existing(notebook.id)
        if watcher is not None:
            watcher.observe(notebook)

    def observe_lease(self, notebook_id: str, lease: Lease) -> None:
        watcher = self.registry.existing(notebook_id)
        if watcher is not None:
            watcher.observe_lease(lease)
