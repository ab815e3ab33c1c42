"""IAM's ``GET /v3/projects`` (KeystoneListProjects), enough for clients to find a region's project id.

Shape from the IAM API reference (KeystoneListProjects, iam_06_0001, and its
example answers): ``{"projects": [{"domain_id", "is_domain", "parent_id", "name",
"description", "links": {"self"}, "id", "enabled"}], "links": {"self",
"previous", "next"}}``. An unknown name is an empty list, not an error.
Each simulated user has one project, named after the simulator's region.
"""

from __future__ import annotations

from .handler_base import ModelArtsHandler


class ProjectsHandler(ModelArtsHandler):
    routes, template = {"GET": "projects"}, "/v3/projects"

    def get(self) -> None:
        query = self.query()
        base = f"{self.request.protocol}://{self.request.host}/v3/projects"
        user, region = self.user, self.sim.config.region
        project = {
            "domain_id": user.domain_id,
            "is_domain": False,
            "parent_id": user.domain_id,
            "name": region,
            "description": "",
            "links": {"self": f"{base}/{user.project_id}"},
            "id": user.project_id,
            "enabled": True,
        }
        wanted = all(query.get(key) in (None, value) for key, value in (("name", region), ("domain_id", user.domain_id)))
        self_link = base + (f"?{self.request.query}" if self.request.query else "")
        self.reply({"projects": [project] if wanted else [], "links": {"self": self_link, "previous": None, "next": None}})
