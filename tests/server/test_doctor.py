"""``GET codelab/api/doctor``: the connection checks run by a real server, against the simulator.

Simulated (the embedded simulator, with a clock_skew fault), wrong keys, an unreachable host and
an untrusted certificate (configured as ``c.CodeLab.*``, the "cloud" a threaded simulator): the
answer is always 200 with the report, whose ``ok`` is true only when all is well.
"""

import json
import socket
from pathlib import Path

import pytest

from jupyter_codelab.simulator import DEMO_ACCESS_KEY, DEMO_PROJECT_ID, DEMO_SECRET_KEY
from tests.support.certs import https_simulator

from .helpers import call

ORDER = ["mode", "credentials", "region", "project", "iam", "modelarts", "clock", "tls", "proxy", "obs"]
WRONG_SK = "DoctorTestWrongSecretKey0123456789abcdef"
DOCUMENT = json.loads((Path(__file__).resolve().parents[2] / "jupyter_codelab" / "server" / "openapi.json").read_text())


def matches_document(report: dict) -> None:
    """The answer has the shape openapi.json gives it (required fields, enums, nullability)."""
    schemas = DOCUMENT["components"]["schemas"]
    assert set(schemas["DoctorReport"]["required"]) <= set(report) and report["summary"]
    for check in report["checks"]:
        assert set(schemas["DoctorCheck"]["required"]) <= set(check)
        assert check["id"] in schemas["DoctorCheck"]["properties"]["id"]["enum"]
        assert check["ok"] in (True, False, None) and isinstance(check["detail"], str) and check["detail"]
        assert check["fix"] is None or isinstance(check["fix"], str)
        assert check["ok"] is not False or check["fix"], f"a problem without a fix: {check}"


async def doctor(jp_fetch) -> tuple[dict, dict]:
    status, report = await call(jp_fetch, "doctor")
    assert status == 200, report
    matches_document(report)
    return report, {check["id"]: check for check in report["checks"]}


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def codelab_config(request):
    """A test names the fixture that gives its ``c.CodeLab`` (indirect parametrisation), else simulated."""
    name = getattr(request, "param", None)
    return request.getfixturevalue(name) if name else {}


def cloud_config(sim, **changes) -> dict:
    return {"access_key": DEMO_ACCESS_KEY, "secret_key": DEMO_SECRET_KEY, "project_id": DEMO_PROJECT_ID, "region": "cn-north-4",
            "endpoint": sim.endpoint, "iam_endpoint": sim.endpoint, "obs_endpoint": sim.simulator.obs.endpoint, **changes}  # fmt: skip


async def test_simulated_all_is_well_and_says_so(jp_fetch, simulator):
    report, checks = await doctor(jp_fetch)
    assert report["ok"] is True and report["simulated"] is True and report["checked_by"] == "server"
    assert [c["id"] for c in report["checks"]] == ORDER
    assert "Simulated" in checks["mode"]["detail"] and simulator.endpoint in checks["mode"]["detail"]
    assert checks["modelarts"]["ok"] and checks["modelarts"]["data"]["status"] == 200
    assert checks["modelarts"]["data"]["request_id"] and checks["modelarts"]["data"]["latency_ms"] >= 0
    assert checks["iam"]["ok"] and checks["project"]["ok"] and "cn-north-4" in checks["project"]["detail"]
    assert checks["clock"]["ok"] and abs(checks["clock"]["data"]["skew_s"]) < 5
    assert checks["obs"]["ok"] and "first send offers to create it" in checks["obs"]["detail"]
    assert simulator.calls["images"] == 1 and simulator.calls["projects"] == 1


async def test_a_skewed_clock_is_named_before_the_gateway_refuses(jp_fetch, simulator):
    simulator.faults.add(kind="clock_skew", seconds=600)  # 10 min: accepted, but a warning
    report, checks = await doctor(jp_fetch)
    assert report["ok"] is False and checks["modelarts"]["ok"] is True
    clock = checks["clock"]
    assert clock["ok"] is False and 590 < clock["data"]["skew_s"] < 610 and "10 min" in clock["detail"]
    assert "15 minutes" in clock["detail"] and "timedatectl" in clock["fix"]
    simulator.faults.add(kind="clock_skew", seconds=-1200)  # 20 min behind: the gateway refuses the signature
    report, checks = await doctor(jp_fetch)
    assert checks["modelarts"]["ok"] is False and checks["modelarts"]["data"]["error_code"] == "APIGW.0303"
    assert "ahead of" in checks["clock"]["detail"] and checks["clock"]["data"]["skew_s"] < -1190


@pytest.fixture
def wrong_keys(threaded_simulator):
    return cloud_config(threaded_simulator, secret_key=WRONG_SK)


@pytest.mark.parametrize("codelab_config", ["wrong_keys"], indirect=True)
async def test_wrong_keys_are_named_and_never_shown(jp_fetch, threaded_simulator):
    report, checks = await doctor(jp_fetch)
    assert report["ok"] is False and report["simulated"] is False
    for name in ("iam", "modelarts"):
        assert checks[name]["ok"] is False and checks[name]["data"]["error_code"] == "APIGW.0301", checks[name]
        assert checks[name]["data"]["request_id"]
    assert "HUAWEICLOUD_SDK_AK/SK" in checks["modelarts"]["fix"]
    assert checks["obs"]["ok"] is False and "refused these keys too" in checks["obs"]["detail"]
    assert checks["credentials"]["data"]["source"] == "config" and "CODE…AK00" in checks["credentials"]["detail"]
    assert WRONG_SK not in json.dumps(report) and DEMO_ACCESS_KEY not in json.dumps(report)


@pytest.fixture
def unreachable():
    port = closed_port()
    return {"access_key": DEMO_ACCESS_KEY, "secret_key": DEMO_SECRET_KEY, "project_id": DEMO_PROJECT_ID, "region": "cn-north-4",
            "endpoint": f"http://127.0.0.1:{port}", "iam_endpoint": f"http://127.0.0.1:{port}",
            "obs_endpoint": f"http://127.0.0.1:{port}"}  # fmt: skip


@pytest.mark.parametrize("codelab_config", ["unreachable"], indirect=True)
async def test_an_unreachable_host_is_a_report_not_an_error(jp_fetch, unreachable):
    report, checks = await doctor(jp_fetch)
    host = unreachable["endpoint"].split("//")[1]
    assert report["ok"] is False
    for name, service in (("iam", "IAM"), ("modelarts", "ModelArts")):
        assert checks[name]["ok"] is False
        assert (
            f"Could not connect to {service} at {host}" in checks[name]["detail"] and "refused" in checks[name]["detail"].lower()
        )
    assert checks["clock"]["ok"] is None and checks["project"]["ok"] is None
    assert checks["obs"]["ok"] is False and "Could not reach OBS" in checks["obs"]["detail"]


@pytest.fixture(scope="module")
def https_cloud(tmp_path_factory):
    with https_simulator(tmp_path_factory.mktemp("doctor-certs")) as served:
        yield served


@pytest.fixture
def untrusted(https_cloud):
    return cloud_config(https_cloud[0])


@pytest.fixture
def trusted(https_cloud):
    return cloud_config(https_cloud[0], ca_bundle=str(https_cloud[1]))


@pytest.mark.parametrize("codelab_config", ["untrusted"], indirect=True)
async def test_an_untrusted_certificate_is_named_with_ca_bundle(jp_fetch, https_cloud):
    report, checks = await doctor(jp_fetch)
    tls = checks["tls"]
    assert report["ok"] is False and tls["ok"] is False
    assert "did not verify against the system's CA certificates" in tls["detail"] and "self-signed" in tls["detail"]
    assert "c.CodeLab.ca_bundle" in tls["fix"] and "CODELAB_CA_BUNDLE" in tls["fix"]
    assert "TLS" in checks["modelarts"]["detail"] and checks["modelarts"]["ok"] is False


@pytest.mark.parametrize("codelab_config", ["trusted"], indirect=True)
async def test_the_certificate_verifies_against_ca_bundle(jp_fetch, https_cloud):
    report, checks = await doctor(jp_fetch)
    assert checks["tls"]["ok"] is True and str(https_cloud[1]) in checks["tls"]["detail"]
    assert report["ok"] is True, [c for c in report["checks"] if c["ok"] is False]


@pytest.fixture
def password_login(threaded_simulator):
    from jupyter_codelab.simulator.config import DEMO_DOMAIN, DEMO_USER_NAME
    from jupyter_codelab.simulator.standalone import DEMO_PASSWORD

    return {"iam_user": DEMO_USER_NAME, "iam_password": DEMO_PASSWORD, "iam_domain": DEMO_DOMAIN, "project_id": DEMO_PROJECT_ID,
            "endpoint": threaded_simulator.endpoint, "iam_endpoint": threaded_simulator.endpoint,
            "obs_endpoint": threaded_simulator.simulator.obs.endpoint}  # fmt: skip


@pytest.mark.parametrize("codelab_config", ["password_login"], indirect=True)
async def test_an_iam_password_gets_its_token_and_the_project_from_it(jp_fetch, threaded_simulator):
    report, checks = await doctor(jp_fetch)
    assert report["ok"] is True, [c for c in report["checks"] if c["ok"] is False]
    assert checks["iam"]["ok"] and checks["iam"]["data"]["status"] == 201
    assert checks["project"]["ok"] and checks["project"]["data"]["iam_region"] == "cn-north-4"
    assert checks["modelarts"]["ok"] and checks["credentials"]["data"]["auth"] == "token"
    assert checks["obs"]["ok"] is None and "IAM password" in checks["obs"]["detail"]
    assert "found through IAM" in checks["region"]["detail"]  # no region configured: the server's token named it
    calls = threaded_simulator.control("GET", "state")["calls"]
    assert calls["auth"] == 2 and calls["images"] == 1  # that token, and the one the doctor's own client measures
    from jupyter_codelab.simulator.standalone import DEMO_PASSWORD

    assert DEMO_PASSWORD not in json.dumps(report)
