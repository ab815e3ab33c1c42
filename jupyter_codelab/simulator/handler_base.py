"""The base of every simulator handler: JSON in and out, ModelArts' error bodies, faults, the gateway's checks."""

from __future__ import annotations

import asyncio
import json
import uuid

from tornado import httputil, web
from tornado.http1connection import HTTP1Connection

from .errors import ApiError, api_not_found, invalid_parameter, localized_msg, throttled
from .host import Host

# What a "malformed" fault answers: a 200 whose JSON body was cut short.
MALFORMED_BODY = '{"action_progress": [{"step": 1, "status": "PROCESS'


class SimulatorHandler(web.RequestHandler):
    """JSON in and out; every error is ``{"error_code", "error_msg"}``."""

    def initialize(self, sim: Host) -> None:
        self.sim = sim
        self.set_default_headers()  # tornado set them once before initialize, without the gateway's clock

    def set_default_headers(self) -> None:
        if hasattr(self, "sim"):
            self.set_header("Date", httputil.format_timestamp(self.sim.gateway_time()))  # a clock_skew fault moves it
        self.set_header("Content-Type", "application/json;charset=UTF-8")
        self.request_id = uuid.uuid4().hex
        self.set_header("X-Request-Id", self.request_id)

    def drop_connection(self) -> None:
        """A "reset" fault: close the TCP connection without an answer; nothing may be written on it after."""
        connection = self.request.connection
        assert isinstance(connection, HTTP1Connection), connection  # tornado's HTTPServer speaks HTTP/1.x only
        connection.detach().close()
        self._finished = True

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
                self.drop_connection()
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
        if "error_msg" in body:  # ModelArts' shape (IAM's own {"error": {...}} stays English)
            body["error_msg"] = localized_msg(error, self.request.headers.get("X-Language"))
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
                self.drop_connection()
                return False
            elif fault.kind == "malformed":
                self.finish(MALFORMED_BODY)
                return False
        return True

    @property
    def store(self):
        return self.sim.store
