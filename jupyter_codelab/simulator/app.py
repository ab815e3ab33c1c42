"""Tornado handlers speaking the ModelArts wire format, and the routing table."""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import TYPE_CHECKING

from tornado import web

from . import images
from .auth import IamError
from .errors import ApiError, api_not_found, image_not_found, invalid_parameter, throttled
from .paging import paginate

if TYPE_CHECKING:
    from .embedding import Simulator

# What a "malformed" fault answers: a 200 whose JSON body was cut short.
MALFORMED_BODY = '{"action_progress": [{"step": 1, "status": "PROCESS'


class SimulatorHandler(web.RequestHandler):
    """JSON in and out; every error is ``{"error_code", "error_msg"}``."""

    def initialize(self, sim: Simulator) -> None:
        self.sim = sim

    def set_default_headers(self) -> None:
        self.set_header("Content-Type", "application/json;charset=UTF-8")
        self.request_id = uuid.uuid4().hex
        self.set_header("X-Request-Id", self.request_id)

    def query(self) -> dict[str, str]:
        return {name: values[-1].decode("utf-8", "replace") for name, values in self.request.query_arguments.items()}

    def json_body(self) -> dict:
        if not self.request.body.strip():
            return {}
        try:
            body = json.loads(self.request.body)
        except ValueError:
            raise invalid_parameter("The request body is not valid JSON.") from None
        if not isinstance(body, dict):
            raise invalid_parameter("The request body must be a JSON object.")
        return body

    def reply(self, data, status: int = 200) -> None:
        route = getattr(self, "route", None)
        lost = self.sim.faults.take_after(route) if route else None
        if lost is not None:  # the operation ran; its answer is lost or garbled on the way back
            if lost.kind == "reset":
                self.request.connection.detach().close()
                self._finished = True
                return
            if lost.kind == "malformed":
                self.finish(MALFORMED_BODY)
                return
            raise ApiError(lost.params["status"], lost.params["error_code"], lost.params["error_msg"])
        self.set_status(status)
        self.finish(json.dumps(data))

    def log_exception(self, typ, value, tb) -> None:
        if not isinstance(value, ApiError):  # ApiErrors are answers, not failures of the simulator
            super().log_exception(typ, value, tb)

    def write_error(self, status_code: int, **kwargs) -> None:
        error = (kwargs.get("exc_info") or (None, None, None))[1]
        if not isinstance(error, ApiError):
            if status_code in (404, 405):
                error = api_not_found()
            elif status_code < 500:
                error = ApiError(status_code, "ModelArts.0101", self._reason)
            else:
                error = ApiError(status_code, "ModelArts.0010", "Internal server error.")
        self.set_status(error.status)
        for name, value in error.headers.items():
            self.set_header(name, value)
        body = error.body()
        if error.error_code.startswith(("APIG.", "APIGW.")):
            # The gateway's answers carry the request id (Huawei APIG FAQ apig-faq-0003: error_msg, error_code, request_id).
            body["request_id"] = self.request_id
        self.finish(json.dumps(body))


class UnknownPathHandler(SimulatorHandler):
    def prepare(self) -> None:
        raise api_not_found()


class ModelArtsHandler(SimulatorHandler):
    """Counts the call, plays queued faults, then checks credentials like the gateway."""

    routes: dict[str, str] = {}  # HTTP method -> route name (the names faults and counters use)
    template = ""
    needs_auth = True

    async def prepare(self) -> None:
        route = self.routes.get(self.request.method)
        if route is None:
            raise api_not_found()
        self.route = route
        self.sim.count_call(route, f"{self.request.method} {self.template}")
        if not await self._play_faults(route):
            return
        if self.needs_auth:
            self.user = self.sim.auth.authenticate(
                self.request.method, self.request.uri, dict(self.request.headers), self.request.body
            )
            header_project = self.request.headers.get("X-Project-Id")
            for project_id in filter(None, (self.path_kwargs.get("project_id"), header_project)):
                if project_id != self.user.project_id:
                    raise ApiError(
                        403, "ModelArts.0210", f"The project ID {project_id} is not the project of the credentials used."
                    )

    async def _play_faults(self, route: str) -> bool:
        """False when a fault has already answered (or dropped) the call."""
        for fault in self.sim.faults.take_for_request(route):
            params = fault.params
            if fault.kind == "latency":
                await asyncio.sleep(params["seconds"])
            elif fault.kind == "error":
                raise ApiError(params["status"], params["error_code"], params["error_msg"])
            elif fault.kind == "throttle":
                raise throttled(params["limit"], params["retry_after"])
            elif fault.kind == "reset":
                self.request.connection.detach().close()
                self._finished = True  # nothing may be written on the dropped connection
                return False
            elif fault.kind == "malformed":
                self.finish(MALFORMED_BODY)
                return False
        return True

    @property
    def store(self):
        return self.sim.store


class OpenHandler(ModelArtsHandler):
    routes, template = {"POST": "open"}, "/notebooks/open"

    def post(self, project_id: str) -> None:
        body = self.json_body()
        instance, created = self.store.open(
            self.user.user_id, body.get("image_id"), body.get("share_url"), self.sim.creation_plan
        )
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


def modelarts_routes(sim: Simulator) -> list:
    from .iam_projects import ProjectsHandler

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


def make_app(sim: Simulator) -> web.Application:
    from .control import control_routes
    from .lab_page import lab_page_routes

    return web.Application(
        modelarts_routes(sim) + control_routes(sim) + lab_page_routes(sim),
        default_handler_class=UnknownPathHandler,
        default_handler_args={"sim": sim},
    )
