"""What ModelArts accepts, in one place for the client, the server and the faces.

- Ids (notebooks, images) are UUIDs: the SDK's ``notebook_resp.py``/``image_resp.py`` examples
  (``e1a07296-22a8-4f05-8bc8-e936c8e54090``); compared case-insensitively.
- A lease lasts 1 h to 72 h: ``lease_req.py`` / ``start_notebook_request.py``, "duration
  3600000-259200000 ms, default 3600000" (the simulator keeps its own copy: it follows Huawei, not us).
"""

from __future__ import annotations

import re

UUID_PATTERN = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
_UUID = re.compile(UUID_PATTERN)

HOUR_MS = 3_600_000
MIN_HOURS, MAX_HOURS = 1, 72
LEASE_MIN_MS, LEASE_MAX_MS = MIN_HOURS * HOUR_MS, MAX_HOURS * HOUR_MS
DEFAULT_LEASE_MS = HOUR_MS
NO_AUTO_STOP_MS = -1  # start?duration=-1: no lease (Terraform's billed instances start so)


def is_uuid(text: object) -> bool:
    return isinstance(text, str) and _UUID.fullmatch(text) is not None
