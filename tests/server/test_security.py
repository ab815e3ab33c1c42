"""Authentication on every route, XSRF on writes, the kernel token's scope, and secrets kept out."""

import json
import logging
import re

import pytest
from tornado.httpclient import AsyncHTTPClient, HTTPRequest

from jupyter_codelab.server.handlers import ROUTES
from jupyter_codelab.simulator import Simulator, SimulatorConfig

from .helpers import call

NB = "f9937afa-ca78-45b6-bc12-7ecf42553c48"
JOB = "0123456789abcdef"
METHODS = {
    "config": ["GET"], "credentials": ["POST", "DELETE"], "doctor": ["GET"], "images": ["GET"], "openapi.json": ["GET"], "notebooks/open": ["POST"],
    "notebooks/current": ["GET"], f"notebooks/{NB}": ["GET"], f"notebooks/{NB}/lease": ["GET", "PATCH"],
    f"notebooks/{NB}/stop": ["POST"], f"notebooks/{NB}/start": ["POST"], f"notebooks/{NB}/events": ["GET"],
    "send/preview": ["POST"], "send": ["POST"], "send/publish": ["POST"], f"send/jobs/{JOB}": ["GET"],
}  # fmt: skip


def concrete(pattern: str) -> str:
    return re.sub(r"\(\?P<job_id>[^)]*\)", JOB, re.sub(r"\(\?P<notebook_id>[^)]*\)", NB, pattern))


def test_the_route_table_is_fully_covered():
    assert sorted(concrete(p) for p, _ in ROUTES) == sorted(METHODS)


@pytest.fixture
def raw(jp_http_port, jp_base_url, http_server_client):
    client = AsyncHTTPClient(force_instance=True)

    async def fetch(path, method="GET", headers=None, body=None):
        url = f"http://127.0.0.1:{jp_http_port}{jp_base_url}{path}"
        if body is None and method in ("POST", "PATCH"):
            body = "{}"
        request = HTTPRequest(url, method=method, headers=headers or {}, body=body, follow_redirects=False, request_timeout=10)
        return await client.fetch(request, raise_error=False)

    yield fetch
    client.close()


@pytest.mark.parametrize("path, method", [(p, m) for p, ms in METHODS.items() for m in ms])
async def test_every_route_refuses_unauthenticated_requests(raw, simulator, path, method):
    response = await raw(f"codelab/api/{path}", method)
    assert response.code == 403
    assert sum(simulator.calls.values()) == 0


@pytest.mark.parametrize("path, method", [(p, m) for p, ms in METHODS.items() for m in ms])
async def test_a_wrong_token_is_refused_everywhere(raw, path, method):
    response = await raw(f"codelab/api/{path}", method, {"Authorization": "token not-the-token"})
    assert response.code == 403


async def _cookie_session(raw, jp_serverapp):
    """Log in through the login form, as a browser does: (cookie header, xsrf token)."""
    login = await raw("login")
    cookies = {c.split("=", 1)[0]: c.split(";")[0].split("=", 1)[1] for c in login.headers.get_list("Set-Cookie")}
    xsrf = cookies["_xsrf"]
    token = jp_serverapp.identity_provider.token
    answer = await raw("login", "POST", {"Cookie": f"_xsrf={xsrf}"}, f"password={token}&_xsrf={xsrf}")
    for header in answer.headers.get_list("Set-Cookie"):
        name, value = header.split(";")[0].split("=", 1)
        cookies[name] = value
    return "; ".join(f"{k}={v}" for k, v in cookies.items()), xsrf


async def test_cookie_sessions_need_xsrf_on_writes(raw, jp_serverapp, simulator):
    cookie, xsrf = await _cookie_session(raw, jp_serverapp)
    assert (await raw("codelab/api/config", headers={"Cookie": cookie})).code == 200
    refused = await raw("codelab/api/notebooks/open", "POST", {"Cookie": cookie})
    assert refused.code == 403 and simulator.calls["open"] == 0
    accepted = await raw("codelab/api/notebooks/open", "POST", {"Cookie": cookie, "X-XSRFToken": xsrf})
    assert accepted.code == 200 and simulator.calls["open"] == 1


async def test_the_kernel_token_opens_codelab_routes_only(raw, codelab, simulator):
    header = {"Authorization": f"token {codelab.kernel_token}"}
    assert (await raw("codelab/api/config", headers=header)).code == 200
    opened = await raw("codelab/api/notebooks/open", "POST", header)
    assert opened.code == 200 and simulator.calls["open"] == 1
    assert (await raw("api/contents", headers=header)).code == 403
    assert (await raw("api/kernels", headers=header)).code == 403


async def test_kernels_get_the_api_url_and_token(jp_serverapp, jp_base_url, jp_http_port, codelab):
    import os

    assert os.environ["CODELAB_API_TOKEN"] == codelab.kernel_token
    url = os.environ["CODELAB_API_URL"]
    assert url in (f"http://{host}:{jp_http_port}{jp_base_url}codelab/api/" for host in ("127.0.0.1", "localhost"))


# --- real mode: credentials configured, and never shown -------------------------------------------
SECRET_KEY = "S3cretKeyThatMustNeverLeakAnywhere0123456"
ACCESS_KEY = "REALMODEAK0123456789"
PROJECT = "0123456789abcdef0123456789abcdef"


@pytest.fixture
def real_upstream(io_loop):
    simulator = Simulator(SimulatorConfig(step_seconds=0.1))
    simulator.add_user(access_key=ACCESS_KEY, secret_key=SECRET_KEY, project_id=PROJECT)
    simulator.listen(port=0)
    yield simulator
    simulator.stop()


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines = []

    def emit(self, record):
        self.lines.append(self.format(record))


@pytest.fixture
def captured_logs():
    handler = _Capture()
    loggers = [logging.getLogger(n) for n in ("", "ServerApp", "tornado.access", "tornado.application", "jupyter_codelab")]
    for logger in loggers:
        logger.addHandler(handler)
    previous = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
    yield handler.lines
    for logger, level in zip(loggers, previous, strict=True):
        logger.removeHandler(handler)
        logger.setLevel(level)


class TestRealMode:
    @pytest.fixture
    def codelab_config(self, real_upstream):
        return {"access_key": ACCESS_KEY, "secret_key": SECRET_KEY, "project_id": PROJECT, "region": "cn-north-4",
                "endpoint": real_upstream.endpoint}  # fmt: skip

    async def test_the_secret_key_never_leaves(self, jp_fetch, real_upstream, codelab, captured_logs):
        upstream = real_upstream
        status, config = await call(jp_fetch, "config")
        assert config["mode"] == "modelarts" and config["auth"] == "aksk" and config["endpoint"] == upstream.endpoint
        answers = [config]
        answers.append((await call(jp_fetch, "images"))[1])
        _, notebook = await call(jp_fetch, "notebooks", "open", method="POST", body={"share_url": "https://e.org/a.ipynb"})
        answers += [notebook, (await call(jp_fetch, "notebooks", notebook["id"]))[1]]
        answers.append((await call(jp_fetch, "notebooks", "open", method="POST", body={"image_id": "bad"}))[1])
        upstream.faults.add(
            kind="error", route="get", status=401, error_code="APIGW.0301", error_msg="Incorrect IAM authentication information"
        )
        status, rejected = await call(jp_fetch, "notebooks", notebook["id"])
        assert status == 401 and "HUAWEICLOUD_SDK_AK/SK" in rejected["message"] and rejected["error_code"] == "APIGW.0301"
        answers.append(rejected)
        text = json.dumps(answers) + "\n".join(captured_logs) + repr(codelab) + repr(codelab.client.builder)
        assert captured_logs, "no log lines were captured"
        assert SECRET_KEY not in text
        assert codelab.kernel_token not in text
        assert upstream.calls["open"] == 1


async def test_a_refusal_says_how_to_authenticate(raw):
    response = await raw("codelab/api/config")
    assert response.code == 403 and "Authorization: token" in json.loads(response.body)["message"]
