"""The simulated CodeLab fetching ``share_url`` when it points at the simulated OBS.

What the real CodeLab does with a share_url it cannot download is not documented (and we
could not observe it). The simulator's choice: the instance waits in its last creation step
("Initialize the notebook instance.") until the download ends; a failed download ends the
creation in CREATE_FAILED with fail_reason "Failed to download the notebook from share_url:
<status> <Code> (<Message>)". When an instance already exists, the download is recorded and
its status is left alone. Links to other hosts are not fetched (the simulator has no Internet).
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from tornado.httpclient import HTTPClientError
from tornado.simple_httpclient import SimpleAsyncHTTPClient

FETCH_TIMEOUT_S = 600.0
MAX_BYTES = 1024**3
FAILURE = "Failed to download the notebook from share_url: {detail}"


@dataclass
class Download:
    notebook_id: str
    path: str  # the URL's path only: never its signed query
    started: float
    status: int | None = None
    error: str | None = None
    body: bytes = field(default=b"", repr=False)
    ended: float | None = None

    @property
    def sha256(self) -> str | None:
        return hashlib.sha256(self.body).hexdigest() if self.status == 200 else None

    def to_json(self) -> dict:
        return {"notebook_id": self.notebook_id, "path": self.path, "status": self.status, "error": self.error,
                "size": len(self.body), "sha256": self.sha256, "done": self.ended is not None}  # fmt: skip


def points_at(url: str, endpoint: str | None) -> bool:
    if not endpoint:
        return False
    return urlsplit(url).netloc.lower() == urlsplit(endpoint).netloc.lower()


def error_detail(code: int, body: bytes) -> str:
    """``403 AccessDenied (Request has expired)`` from OBS's error XML."""
    text = body.decode("utf-8", "replace") if body else ""
    found = {name: re.search(f"<{name}>([^<]*)</{name}>", text) for name in ("Code", "Message")}
    obs_code = found["Code"].group(1) if found["Code"] else ""
    message = found["Message"].group(1) if found["Message"] else ""
    return f"{code} {obs_code}".strip() + (f" ({message})" if message else "")


async def fetch(download: Download, url: str, on_done) -> None:
    """Download ``url`` (never blocking the loop); ``on_done(download)`` runs at the end either way."""
    client = SimpleAsyncHTTPClient(force_instance=True, max_body_size=MAX_BYTES, max_buffer_size=MAX_BYTES)
    try:
        response = await client.fetch(url, request_timeout=FETCH_TIMEOUT_S)
        download.status, download.body = response.code, response.body
    except HTTPClientError as error:
        download.status = error.code
        body = error.response.body if error.response is not None else b""
        download.error = (
            FAILURE.format(detail=error_detail(error.code, body)) if error.code != 599 else FAILURE.format(detail=str(error))
        )
    except Exception as error:  # noqa: BLE001 - a connection problem is a failed download, told plainly
        download.error = FAILURE.format(detail=f"{type(error).__name__}: {error}")
    finally:
        client.close()
    download.ended = time.time()
    on_done(download)
