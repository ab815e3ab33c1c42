"""Build the OBS sender from ``c.CodeLab.*``: bucket, endpoint (the region's, or the simulator's OBS), limits."""

from __future__ import annotations

import base64
import os

from ..modelarts.endpoints import service_url
from ..modelarts.value_rules import check
from ..obs.jobs import JobRegistry
from ..obs.naming import ENV_OBS_BUCKET
from ..obs.sender import MB, Sender, SendSettings
from ..ready.limits import FileLimits


def make_sender(app, settings, simulated: bool, jobs: JobRegistry | None = None) -> Sender:
    """``jobs``: the send jobs so far (a new sender after an account switch still answers for them)."""
    bucket = (app.obs_bucket or os.environ.get(ENV_OBS_BUCKET, "")).strip() or None
    if simulated and app.simulator is not None:
        endpoint = app.simulator.obs.endpoint
    elif app.obs_endpoint:  # checked with the rest of the configuration before any account is used
        endpoint = check("obs_endpoint", app.obs_endpoint, "c.CodeLab.obs_endpoint")
    else:
        endpoint = service_url("obs", settings.region) if settings.region else ""  # "": IAM is still finding the region
    send_settings = SendSettings(
        endpoint=endpoint,
        region=settings.region,
        project_id=settings.project_id,
        bucket=bucket,
        link_seconds=max(1, int(round(app.share_link_minutes * 60))),
        size_limit_bytes=int(app.send_size_limit_mb * MB),
        simulated=simulated,
        file_limits=FileLimits(app.send_files_limit_mb, app.send_files_max_count),
    )
    context = app.context

    async def open_with(url: str, image_id: str | None) -> dict:
        # Base64 as ModelArts takes it, not through the paste normaliser: with a security token the signed URL
        # carries the whole token and is longer than any link a person pastes.
        share_url = base64.b64encode(url.encode("utf-8")).decode("ascii")
        notebook = await context.client.open(image_id=image_id, share_url=share_url)
        context.observe(notebook)
        return context.notebook_json(notebook)

    return Sender(send_settings, settings.credentials, open_with, jobs)
