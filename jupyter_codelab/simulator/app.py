"""Tornado handlers speaking the ModelArts wire format, and the routing table."""

from __future__ import annotations

from tornado import web

from . import images
from .auth import IamError
from .control import control_routes
from .errors import ApiError, image_not_found
from .handler_base import ModelArtsHandler, UnknownPathHandler
from .host import Host
from .iam_projects import list_projects
from .lab_page import lab_page_routes
from .paging import paginate


class OpenHandler(ModelArtsHandler):
    routes, template = {"POST": "open"}, "/notebooks/open"

    def post(self, project_id: str) -> None:
        body = self.json_body()
        instance, created = self.store.open(
            self.user.user_id, body.get("image_id"), body.get("share_url"), self.sim.creation_plan
        )
        self.sim.obs.fetch_for(instance, body.get("share_url"), created)  # CodeLab downloads a link to the simulated OBS
        self.reply(self.store.render(instance, view="open", fresh=created), 201 if created else 200)


class NotebooksHandler(ModelArtsHandler):
    routes, template = {"GET": "list"}, "/notebooks"

    def get(self, project_id: str) -> None:
        self.reply(self.store.list(self.user.user_id, self.query()))


class NotebookHandler(ModelArtsHandler):
    routes, template = {"GET": "get", "DELETE": "delete"}, "/notebooks/{id}"

    def get(self, project_id: str, notebook_id: str) -> None:
        self.reply(self.store.render(self.store.get(self.user.user_id, notebook_id)))

    def delete(self, project_id: str, notebook_id: str) -> None:
        self.reply(self.store.render(self.store.delete(self.user.user_id, notebook_id), view="delete"))


class LeaseHandler(ModelArtsHandler):
    routes, template = {"GET": "lease", "PATCH": "renew"}, "/notebooks/{id}/lease"

    def get(self, project_id: str, notebook_id: str) -> None:
        self.reply(self.store.show_lease(self.user.user_id, notebook_id).to_json())

    def patch(self, project_id: str, notebook_id: str) -> None:
        # SDK renew_lease_request.py: a ?duration= query wins over the body and means TIMING;
        # lease_req.py: body {duration (default 3600000), type (default TIMING)}.
        query, body = self.query(), self.json_body()
        lease_type: str | None
        if "duration" in query:
            duration, lease_type = query["duration"], "TIMING"
        else:
            duration, lease_type = body.get("duration", 3_600_000), body.get("type")
        lease = self.store.renew(self.user.user_id, notebook_id, duration, lease_type)
        self.reply(lease.to_json())


class StopHandler(ModelArtsHandler):
    routes, template = {"POST": "stop"}, "/notebooks/{id}/stop"

    def post(self, project_id: str, notebook_id: str) -> None:
        self.reply(self.store.render(self.store.stop(self.user.user_id, notebook_id)))


class StartHandler(ModelArtsHandler):
    routes, template = {"POST": "start"}, "/notebooks/{id}/start"

    def post(self, project_id: str, notebook_id: str) -> None:
        query = self.query()
        instance = self.store.start(
            self.user.user_id, notebook_id, query.get("duration"), query.get("type"), failure=self.sim.faults.take_start_failure
        )
        self.reply(self.store.render(instance))


class ImagesHandler(ModelArtsHandler):
    routes, template = {"GET": "images"}, "/images"

    def get(self, project_id: str) -> None:
        params = self.query()
        self.reply(paginate(images.query_images(params), params, default_limit=200))


class ImageHandler(ModelArtsHandler):
    routes, template = {"GET": "images"}, "/images/{id}"

    def get(self, project_id: str, image_id: str) -> None:
        image = images.find_image(image_id)
        if image is None:
            raise image_not_found(image_id)
        self.reply(image)


class ProjectsHandler(ModelArtsHandler):
    """IAM's ``GET /v3/projects``, on the same port for convenience."""

    routes, template = {"GET": "projects"}, "/v3/projects"

    def get(self) -> None:
        base = f"{self.request.protocol}://{self.request.host}/v3/projects"
        self_link = base + (f"?{self.request.query}" if self.request.query else "")
        self.reply(list_projects(self.user, self.sim.config.region, base, self.query(), self_link))


class TokensHandler(ModelArtsHandler):
    """IAM's ``POST /v3/auth/tokens`` (password method), on the same port for convenience."""

    routes, template, needs_auth = {"POST": "auth"}, "/v3/auth/tokens", False

    def json_body(self) -> dict:
        try:
            return super().json_body()
        except ApiError as error:  # IAM answers bad bodies in its own shape
            raise IamError(400, "IAM.400", error.error_msg) from None

    def post(self) -> None:
        token, answer = self.sim.auth.issue_token(self.json_body())
        self.set_header("X-Subject-Token", token)
        self.reply(answer, 201)


_PROJECT = r"/v1/(?P<project_id>[^/]+)"
_NOTEBOOK = _PROJECT + r"/notebooks/(?P<notebook_id>[^/]+)"


def modelarts_routes(sim: Host) -> list:
    args = {"sim": sim}
    return [
        (r"/v3/projects/?", ProjectsHandler, args),
        (_PROJECT + r"/notebooks/open/?", OpenHandler, args),
        (_PROJECT + r"/notebooks/?", NotebooksHandler, args),
        (_NOTEBOOK + r"/lease/?", LeaseHandler, args),
        (_NOTEBOOK + r"/stop/?", StopHandler, args),
        (_NOTEBOOK + r"/start/?", StartHandler, args),
        (_NOTEBOOK + r"/?", NotebookHandler, args),
        (_PROJECT + r"/images/?", ImagesHandler, args),
        (_PROJECT + r"/images/(?P<image_id>[^/]+)/?", ImageHandler, args),
        (r"/v3/auth/tokens/?", TokensHandler, args),
    ]


def make_app(sim: Host) -> web.Application:
    return web.Application(
        modelarts_routes(sim) + control_routes(sim) + lab_page_routes(sim.store),
        default_handler_class=UnknownPathHandler,
        default_handler_args={"sim": sim},
    )
