"""Where each part of the settings came from, for ``doctor`` and the logs: never a secret.

``source`` is where the credentials were found; ``region_from`` and
``project_id_from`` say how the region and the project id were found (they may
come from another source, or from IAM). ``keys_set`` names the keys that were
set in the source of the credentials, never their values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Source = Literal["config", "env", "file", "session", "simulator"]
RegionFrom = Literal["config", "env", "file", "iam", "default", "session", "simulator"]
ProjectIdFrom = Literal["config", "env", "file", "iam", "session", "simulator"]


@dataclass(frozen=True)
class Provenance:
    source: Source = "config"
    file_path: str | None = None  # the credentials file used, or the one that would be used
    keys_set: tuple[str, ...] = ()  # e.g. ("ak", "sk", "project_id"): names only
    region_from: RegionFrom = "default"
    project_id_from: ProjectIdFrom = "config"

    def to_json(self) -> dict:
        return {
            "source": self.source,
            "file_path": self.file_path,
            "keys_set": list(self.keys_set),
            "region_from": self.region_from,
            "project_id_from": self.project_id_from,
        }
