"""The server's real answers along a whole session match openapi.json, the one source of the shapes.

Schemathesis fuzzes every route (test_schemathesis.py), but random ids mostly meet 404s: here an
instance is opened, watched, extended, stopped and started, and a notebook is sent, and every answer
goes through schemathesis' own response check; the events' payloads are checked against ``Event``.
The sidebar's types are generated from the same document (labextension/src/generated/contract.ts).
"""

import json
from pathlib import Path

import jsonschema
import pytest
import requests
import schemathesis
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from schemathesis.core.transport import Response
from schemathesis.specs.openapi.converter import to_json_schema
from tornado.httpclient import HTTPClientError

from tests.obs.conftest import notebook_bytes

from .helpers import until
from .sse import SSEReader

DOCUMENT = Path(__file__).resolve().parents[2] / "jupyter_codelab" / "server" / "openapi.json"
SCHEMA = schemathesis.openapi.from_path(str(DOCUMENT))


def event_validator() -> jsonschema.Draft202012Validator:
    """The document's ``Event`` as JSON Schema (OpenAPI 3.0's ``nullable`` converted as schemathesis does)."""
    components = json.loads(DOCUMENT.read_text("utf-8"))["components"]["schemas"]
    converted = {name: to_json_schema(schema, "nullable", is_response_schema=True) for name, schema in components.items()}
    contents = {"$id": "urn:codelab", "components": {"schemas": converted}}
    registry = Registry().with_resource("urn:codelab", Resource.from_contents(contents, default_specification=DRAFT202012))
    return jsonschema.Draft202012Validator({"$ref": "urn:codelab#/components/schemas/Event"}, registry=registry)


@pytest.fixture
def answer(jp_fetch, jp_base_url):
    """Call a route and check its answer against the document; returns the JSON body."""

    async def fetch(method, route, *path, body=None, expect=200):
        if method in ("POST", "PATCH") and body is None:
            body = {}
        try:
            reply = await jp_fetch("codelab", "api", *path, method=method, body=None if body is None else json.dumps(body))
        except HTTPClientError as error:
            reply = error.response
        url = f"http://localhost{jp_base_url}codelab/api/" + "/".join(path)
        response = Response(reply.code, {k.lower(): [v] for k, v in reply.headers.get_all()}, reply.body,
                            requests.Request(method, url).prepare(), 0.0, True)  # fmt: skip
        SCHEMA[route][method].validate_response(response)  # raises with every mismatch listed
        assert reply.code == expect, reply.body
        return json.loads(reply.body)

    return fetch


async def test_a_whole_session_answers_as_documented(answer, jp_http_port, jp_base_url, jp_auth_header):
    await answer("GET", "/config", "config")
    await answer("GET", "/images", "images")
    await answer("GET", "/notebooks/current", "notebooks", "current", expect=404)
    notebook = await answer("POST", "/notebooks/open", "notebooks", "open")
    nid = notebook["id"]
    url = f"http://127.0.0.1:{jp_http_port}{jp_base_url}codelab/api/notebooks/{nid}/events"
    reader = SSEReader(url, jp_auth_header).start()
    try:
        events = await reader.until("ready")
    finally:
        reader.close()
    validator = event_validator()
    assert not validator.is_valid({"type": "snapshot"}), "the validator reads the document (notebook, changed required)"
    for event in events:
        validator.validate(event["data"])
    assert {event["event"] for event in events} >= {"snapshot", "ready"}
    await answer("GET", "/notebooks/current", "notebooks", "current")
    await answer("GET", "/notebooks/{notebook_id}", "notebooks", nid)
    await answer("GET", "/notebooks/{notebook_id}/lease", "notebooks", nid, "lease")
    await answer("PATCH", "/notebooks/{notebook_id}/lease", "notebooks", nid, "lease", body={"duration_ms": 7_200_000})
    await answer("PATCH", "/notebooks/{notebook_id}/lease", "notebooks", nid, "lease", body={"extend_hours": 1})
    await answer("PATCH", "/notebooks/{notebook_id}/lease", "notebooks", nid, "lease", body={"duration_ms": 1}, expect=400)
    await answer("POST", "/notebooks/{notebook_id}/stop", "notebooks", nid, "stop")

    async def stopped():
        return (await answer("GET", "/notebooks/{notebook_id}", "notebooks", nid))["status"] == "STOPPED"

    await until(stopped)
    await answer("POST", "/notebooks/{notebook_id}/start", "notebooks", nid, "start")


async def test_sending_a_notebook_answers_as_documented(answer, jp_root_dir):
    (jp_root_dir / "a.ipynb").write_bytes(notebook_bytes())
    await answer("POST", "/send/preview", "send", "preview", body={"path": "a.ipynb"})
    await answer("POST", "/send/preview", "send", "preview", body={"path": "a.ipynb", "publish": True})
    job = await answer("POST", "/send", "send", body={"path": "a.ipynb", "create_bucket": True, "open": False}, expect=202)

    async def finished():
        body = await answer("GET", "/send/jobs/{job_id}", "send", "jobs", job["id"])
        return body if body["state"] in ("done", "failed") else None

    assert (await until(finished))["state"] == "done"
    await answer("POST", "/send/publish", "send", "publish", body={"path": "a.ipynb", "confirm": True})
    await answer("POST", "/send", "send", body={"path": "missing.ipynb"}, expect=400)
