"""Tornado handlers speaking OBS's REST wire format (path-style: ``/{bucket}/{key}``)."""

from __future__ import annotations

import asyncio
import json
import secrets
import xml.etree.ElementTree as ET
from urllib.parse import unquote

from tornado import httputil, web
from tornado.http1connection import HTTP1Connection

from .auth import authenticate
from .errors import ObsError, access_denied
from .host import ObsHost

ACL_HEADERS = ("x-obs-acl", "x-amz-acl")


class ObsHandler(web.RequestHandler):
    def initialize(self, obs: ObsHost) -> None:
        self.obs = obs
        self.set_default_headers()  # tornado set them once before initialize, without the cloud's clock

    def set_default_headers(self) -> None:
        self.request_id = secrets.token_hex(16).upper()
        self.set_header("x-obs-request-id", self.request_id)
        self.set_header("x-obs-id-2", secrets.token_urlsafe(24))
        self.set_header("Server", "OBS")
        if hasattr(self, "obs"):
            self.set_header("Date", httputil.format_timestamp(self.obs.sim.gateway_time()))  # the cloud's clock_skew fault

    # -- what was asked -----------------------------------------------------------------------
    def target(self) -> tuple[str, str]:
        """(bucket, raw key) from the undecoded path (the signature covers the encoded key)."""
        bucket, _, raw_key = self.request.path.lstrip("/").partition("/")
        return unquote(bucket), raw_key

    def route(self) -> str:
        _, raw_key = self.target()
        method, query = self.request.method, self.request.query_arguments
        if "acl" in query:
            return "acl"
        if not raw_key:
            return {"PUT": "create_bucket", "HEAD": "head_bucket"}.get(method, "bucket")
        return {"PUT": "put", "HEAD": "head", "GET": "get"}.get(method, "object")

    async def prepare(self) -> None:
        route = self.route()
        self.obs.calls[route] += 1
        for fault in self.obs.faults.take(route):
            if fault.kind == "latency":
                await asyncio.sleep(fault.params["seconds"])
            elif fault.kind == "error":
                raise ObsError(fault.params["status"], fault.params["code"], fault.params["message"], self.request.path)
            else:  # reset: close the TCP connection without an answer; nothing may be written on it after
                connection = self.request.connection
                assert isinstance(connection, HTTP1Connection), connection  # tornado's HTTPServer speaks HTTP/1.x only
                connection.detach().close()
                self._finished = True
                return
        bucket, raw_key = self.target()
        headers = {name.lower(): value for name, value in self.request.headers.items()}
        query = {name: values[-1].decode("utf-8", "replace") for name, values in self.request.query_arguments.items()}
        self.user = authenticate(
            self.obs.users(), self.request.method, headers, query, bucket, raw_key, self.obs.sim.gateway_time()
        )
        self.bucket_name, self.key = bucket, unquote(raw_key)

    def owner_id(self) -> str:
        if self.user is None:
            raise access_denied(self.request.path, "Anonymous access is forbidden for this operation")
        return self.user.user_id

    def acl_header(self) -> str:
        return next((self.request.headers[name] for name in ACL_HEADERS if name in self.request.headers), "private")

    # -- answers ------------------------------------------------------------------------------
    def write_error(self, status_code: int, **kwargs) -> None:
        error = (kwargs.get("exc_info") or (None, None, None))[1]
        if not isinstance(error, ObsError):
            error = (
                ObsError(405, "MethodNotAllowed", "The specified method is not allowed against this resource.", self.request.path)
                if status_code == 405
                else ObsError(500, "InternalError", "We encountered an internal error. Please try again.", self.request.path)
            )
        self.set_status(error.status)
        if self.request.method == "HEAD":  # OBS answers HEAD errors without a body
            self.finish()
            return
        self.set_header("Content-Type", "application/xml")
        self.finish(error.xml(self.request_id, self.request.host))

    def log_exception(self, typ, value, tb) -> None:
        if not isinstance(value, ObsError):
            super().log_exception(typ, value, tb)


class BucketHandler(ObsHandler):
    def put(self) -> None:
        owner = self.owner_id()
        if self.route() == "acl":
            self.obs.store.owned(self.bucket_name, owner).acl = acl_from(self.acl_header(), self.request.body, self.request.path)
            self.finish()
            return
        location = bucket_location(self.request.body, self.request.path)
        self.obs.store.create_bucket(self.bucket_name, owner, self.acl_header(), location, self.obs.sim.config.region)
        self.set_header("Location", "/" + self.bucket_name)
        self.finish()

    def head(self) -> None:
        self.obs.store.owned(self.bucket_name, self.owner_id())
        self.finish()


class ObjectHandler(ObsHandler):
    def _readable(self):
        bucket = self.obs.store.bucket(self.bucket_name)
        if (self.user is None or bucket.owner_id != self.user.user_id) and not bucket.public(self.key):
            raise access_denied(self.request.path)
        return self.obs.store.get(bucket, self.key)

    def head(self) -> None:
        item = self._readable()
        for name, value in item.headers().items():
            self.set_header(name, value)
        self.set_header("Content-Length", str(len(item.body)))
        self.finish()

    def get(self) -> None:
        item = self._readable()
        for name, value in item.headers().items():
            self.set_header(name, value)
        self.finish(item.body)

    def put(self) -> None:
        bucket = self.obs.store.owned(self.bucket_name, self.owner_id())
        if self.route() == "acl":
            self.obs.store.get(bucket, self.key).acl = acl_from(self.acl_header(), self.request.body, self.request.path)
            self.finish()
            return
        item = self.obs.store.put(bucket, self.key, self.request.body, self.request.headers.get("Content-Type", ""),
                                  self.acl_header(), self.request.headers.get("Content-MD5"))  # fmt: skip
        self.set_header("ETag", f'"{item.etag}"')
        self.finish()


def _xml(body: bytes, code: str, resource: str) -> ET.Element:
    try:
        return ET.fromstring(body)
    except ET.ParseError:
        raise ObsError(400, code, "The XML you provided was not well-formed or did not validate against our published schema.",
                       resource) from None  # fmt: skip


def _named(element: ET.Element, name: str) -> list[ET.Element]:
    """Descendants called ``name`` in any namespace (OBS's and S3's documents carry one)."""
    return [e for e in element.iter() if e.tag.rsplit("}", 1)[-1] == name]


def bucket_location(body: bytes | None, resource: str) -> str | None:
    """``<CreateBucketConfiguration>``'s region: ``<Location>`` (OBS signature) or ``<LocationConstraint>`` (the
    S3-compatible one): what esdk-obs-python's convertor.py trans_create_bucket writes for each; None when absent."""
    if not body or not body.strip():
        return None
    root = _xml(body, "MalformedXML", resource)
    found = _named(root, "Location") + _named(root, "LocationConstraint")
    return (found[0].text or "").strip() if found else None


def acl_from(header: str, body: bytes | None, resource: str) -> str:
    """The canned ACL of a ?acl call: the x-obs-acl header, or an AccessControlPolicy whose grants to everyone
    (``<Canned>Everyone</Canned>`` in OBS's form, Configuring a Bucket ACL obs_04_0031; the AllUsers ``<URI>``
    in S3's) give READ (public-read) or READ and WRITE (public-read-write)."""
    if not body or not body.strip():
        return header
    granted = set()
    for grant in _named(_xml(body, "MalformedACLError", resource), "Grant"):
        grantees = [(e.text or "").strip() for e in _named(grant, "Canned") + _named(grant, "URI")]
        if any(g == "Everyone" or g.endswith("/AllUsers") for g in grantees):
            granted |= {(p.text or "").strip() for p in _named(grant, "Permission")}
    if "FULL_CONTROL" in granted or {"READ", "WRITE"} <= granted:
        return "public-read-write"
    return "public-read" if "READ" in granted else "private"


class ControlHandler(web.RequestHandler):
    """``/_simulator/obs/{state,faults,downloads}``: tests only; not OBS."""

    def initialize(self, obs: ObsHost) -> None:
        self.obs = obs
        self.set_default_headers()  # tornado set them once before initialize, without the cloud's clock

    def get(self, what: str) -> None:
        if what == "faults":
            self.finish({"faults": self.obs.faults.to_json()})
            return
        if what == "downloads":
            self.finish({"downloads": [d.to_json() for d in self.obs.downloads]})
            return
        self.finish(self.obs.state())

    def post(self, what: str) -> None:
        if what != "faults":
            raise web.HTTPError(405)
        try:
            body = json.loads(self.request.body or b"{}")
            fault = self.obs.faults.add(**body)
        except (ValueError, TypeError) as error:
            self.set_status(400)
            self.finish({"error_code": "SIMULATOR.0400", "error_msg": str(error)})
            return
        self.set_status(201)
        self.finish(fault.to_json())

    def delete(self, what: str) -> None:
        self.obs.faults.clear()
        self.finish({"faults": []})


def obs_routes(obs: ObsHost) -> list:
    args = {"obs": obs}
    return [
        (r"/_simulator/obs/(state|faults|downloads)", ControlHandler, args),
        (r"/[^/]+/?", BucketHandler, args),
        (r"/[^/]+/.+", ObjectHandler, args),
    ]
