"""IAM's ``GET /v3/projects`` (KeystoneListProjects): the projects of the account, in several regions.

Shape from the IAM API reference (KeystoneListProjects, iam_06_0001, and its example answers):
``{"projects": [{"domain_id", "is_domain", "parent_id", "name", "description", "links": {"self"},
"id", "enabled"}], "links": {"self", "previous", "next"}}``; the query filters by ``name``,
``domain_id``, ``parent_id`` and ``enabled``, and an unknown name is an empty list, not an error.
An account has a project in each region, named after it; a sub-project is named
``{region}_{name}`` with the region's project as its parent (KeystoneCreateProject, iam_06_0004).
Each simulated user has its ModelArts project in the simulator's region, projects in
``OTHER_REGIONS`` and one sub-project of the simulator's region: ModelArts here serves the first only.
"""

from __future__ import annotations

import hashlib

OTHER_REGIONS = ("cn-north-4", "ap-southeast-1", "cn-east-3", "la-south-2")
SUB_PROJECT = "{region}_codelab"


def projects_of(user, region: str) -> list[dict]:
    """The user's projects as (id, name, parent_id): the simulator's region first (its id is ``user.project_id``)."""

    def derived(name: str) -> str:  # stable per user and name, and never the ModelArts project's
        return hashlib.sha256(f"{user.user_id}/{name}".encode()).hexdigest()[:32]

    names = [region] + [r for r in OTHER_REGIONS if r != region]
    projects = [{"id": user.project_id if name == region else derived(name), "name": name, "parent_id": user.domain_id}
                for name in names]  # fmt: skip
    sub = SUB_PROJECT.format(region=region)
    return projects + [{"id": derived(sub), "name": sub, "parent_id": user.project_id}]


def list_projects(user, region: str, base: str, query: dict[str, str], self_link: str) -> dict:
    """KeystoneListProjects' answer: the user's projects linked under ``base``, filtered by ``query``."""
    rows = [
        {"domain_id": user.domain_id, "is_domain": False, "parent_id": p["parent_id"], "name": p["name"], "description": "",
         "links": {"self": f"{base}/{p['id']}"}, "id": p["id"], "enabled": True}
        for p in projects_of(user, region)
    ]  # fmt: skip
    wanted = [r for r in rows if all(query.get(k) in (None, str(r[k]).lower() if k == "enabled" else r[k])
                                     for k in ("name", "domain_id", "parent_id", "enabled"))]  # fmt: skip
    return {"projects": wanted, "links": {"self": self_link, "previous": None, "next": None}}
