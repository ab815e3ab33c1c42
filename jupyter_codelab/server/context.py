"""What the handlers share: the upstream client, the watchers, and what mode we run in."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from .._version import __version__
from ..modelarts.credentials import ClientSettings
from ..modelarts.models import Image, Lease, Notebook
from .watcher import WatcherRegistry

DEFAULT_IMAGE_ID = "e1a07296-22a8-4f05-8bc8-e936c8e54090"  # notebook2.0-mul-kernel-cpu-cp36, the API's default
IMAGES_TTL_S = 60.0


@dataclass
class CodeLabContext:
    client: object  # AsyncModelArtsClient
    settings: ClientSettings
    registry: WatcherRegistry
    simulated: bool
    kernel_token: str = field(repr=False)
    keepalive_seconds: float = 10.0
    simulator_endpoint: str | None = None
    _images: tuple[float, list[Image], str | None] | None = field(default=None, repr=False)

    def public_config(self) -> dict:
        """Everything a client may know about the setup: never a secret."""
        return {
            "mode": "simulated" if self.simulated else "modelarts",
            "region": self.settings.region,
            "project_id": self.settings.project_id,
            "endpoint": self.settings.endpoint,
            "auth": "simulated" if self.simulated else self.settings.auth_method,
            "credentials_source": None if self.simulated else self.settings.source,
            "version": __version__,
            "simulator_endpoint": self.simulator_endpoint,
        }

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


def default_image_id(images: list[Image]) -> str | None:
    ids = {image.id for image in images}
    if DEFAULT_IMAGE_ID in ids:
        return DEFAULT_IMAGE_ID
    multi_cpu = [i for i in images if "mul-kernel-cpu" in (i.name or "")]
    cpu = [i for i in images if i.processor == "CPU"]
    chosen = (multi_cpu or cpu or images or [None])[0]
    return chosen.id if chosen else None
