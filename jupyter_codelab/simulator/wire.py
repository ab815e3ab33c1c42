"""The JSON an instance is sent as, per call ("view"), following the documented examples.

Sources (OTC copy of the API reference, ``api-ref/source/development_environment_management``,
and the seed page RunCodeLab):
- ``open``: the seed's example (tests/fixtures/open-response-example.json): a fresh instance has
  no ``url`` and no detail fields.
- ``detail`` (ShowNotebook, start, stop): the examples carry ``url`` while CREATING, STARTING and
  STOPPING, so ``url`` does not mean RUNNING.
- ``list`` (ListNotebooks): the example's rows, CREATING, have no ``url``: rows carry it only
  when RUNNING.
- ``delete``: the DeleteNotebook example answers DELETING, without ``url``.
JobProgress: the tables and golangsdk (``notebook/results.go``) spell ``step_description`` and
carry ``notebook_id``; the SDK's ``job_progress.py`` and the seed example spell ``description``.
The simulator sends ``step_description`` in list rows and ``description`` elsewhere, always with
``notebook_id``, so both spellings stay exercised (deterministically).
Endpoints: SDK ``endpoints_res.py`` is ``{dev_service, service, uri, key_pair_names}``; golangsdk
and the OTC tables add ``allowed_access_ips``. ``ssh_keys`` (OTC tables only) is not sent.
"""

from __future__ import annotations

import hashlib
import re

from . import images
from .instance import DELETED, DELETING, FAILED, FROZEN, RUNNING, STEP_DESCRIPTIONS, Instance

LAB_PATH = "/_simulator/lab/{id}"  # where a listening simulator's `url` leads (lab_page.py serves it)
JUPYTER_VERSION = "3.2.9"
VIEWS = ("open", "detail", "list", "delete")
_NO_URL = FAILED + (FROZEN, DELETING, DELETED)


def notebook_json(
    instance: Instance, now: int, region: str, view: str = "detail", fresh: bool = False, lab_base: str | None = None
) -> dict:
    status, steps = instance.status_and_steps(now, fresh)
    text_key = "step_description" if view == "list" else "description"
    body = {
        "action_progress": [
            {"notebook_id": instance.id, "step": number, "status": step_status, text_key: text}
            for number, (step_status, text) in enumerate(zip(steps, STEP_DESCRIPTIONS, strict=True), start=1)
        ],
        "create_at": instance.create_at,
        "feature": "DEFAULT",
        "flavor": instance.flavor,
        "id": instance.id,
        "image": images.summary(instance.image),
        "lease": instance.lease.to_json(),
        "name": instance.name,
        "status": status,
        "token": instance.token,
        "update_at": instance.update_at,
        "workspace_id": "0",
    }
    if instance.fail_reason and status in FAILED:
        body["fail_reason"] = instance.fail_reason
    if instance.description:
        body["description"] = instance.description
    if _has_url(view, status, fresh):
        body["url"] = lab_url(region, instance.id, lab_base)
    if view != "open":
        body["description"] = instance.description
        body["jupyter_version"] = JUPYTER_VERSION
        body["user_id"] = instance.owner_id
        body["volume"] = {"capacity": 5, "category": "EFS", "mount_path": "/home/ma-user/work/", "ownership": "MANAGED"}
        endpoints = endpoints_json(instance, region)
        if endpoints:  # only images that offer SSH have an endpoint
            body["endpoints"] = endpoints
    return body


def _has_url(view: str, status: str, fresh: bool) -> bool:
    if fresh or view == "delete" or status in _NO_URL:
        return False
    return status == RUNNING or view != "list"


def endpoints_json(instance: Instance, region: str) -> list[dict]:
    if "SSH" not in instance.image.get("dev_services", ()):
        return []
    # A stable, plausible port per instance, like the ones ModelArts hands out.
    port = 30000 + int(hashlib.sha256(instance.id.encode()).hexdigest(), 16) % 2768
    host = f"dev-modelarts-{_compact(region)}.huaweicloud.com"
    return [
        {
            "allowed_access_ips": [],
            "dev_service": "SSH",
            "key_pair_names": ["KeyPair-codelab"],
            "service": "SSH",
            "uri": f"ssh://{host}:{port}",
        }
    ]


def _compact(region: str) -> str:
    return re.sub(r"[^a-z0-9]", "", region.lower())


def lab_url(region: str, notebook_id: str, lab_base: str | None = None) -> str:
    """ModelArts' form of the link; a listening simulator links to its own page (lab_page.py)."""
    if lab_base:
        return lab_base + LAB_PATH.format(id=notebook_id)
    return f"https://authoring-modelarts-{_compact(region)}.huaweicloud.com/{notebook_id}/lab"
