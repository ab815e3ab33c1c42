"""`jupyter codelab doctor` in a child process: from here against the simulator (simulated, wrong keys, a skewed
clock, an unreachable host, an untrusted certificate, no credentials), and through a real Jupyter server.

Exit code 0 only when all is well; ``--json`` is the report a support ticket carries.
"""

from __future__ import annotations

import json
import socket
import sys
from pathlib import Path

import pytest

from tests.support.certs import https_simulator
from tests.support.simulator_thread import cloud_env

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "kernel"))
from server_fixtures import codelab_server, jp_server_config  # noqa: E402,F401 - fixtures
from test_cli_server import codelab as codelab_async  # noqa: E402

WRONG_SK = "CliDoctorWrongSecretKey0123456789abcdefg"


def checks(stdout: str) -> dict:
    report = json.loads(stdout)
    assert report["checked_by"] in ("direct", "server")
    return {check["id"]: check for check in report["checks"]}


def test_simulated_all_is_well(codelab, simulator):
    done = codelab("doctor")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "CodeLab doctor (simulated), checked by this process:"
    assert any(line.startswith("✓ ModelArts: ModelArts at 127.0.0.1:") and "request id" in line for line in lines)
    assert any(line.startswith("✓ Clock:") for line in lines) and lines[-1] == "All is well."
    assert simulator.control("GET", "state")["calls"]["images"] == 1
    as_json = codelab("doctor", "--json")
    assert as_json.returncode == 0 and json.loads(as_json.stdout)["ok"] is True and json.loads(as_json.stdout)["simulated"]


def test_wrong_keys_fail_with_the_fix_and_never_show_the_secret(codelab, simulator):
    done = codelab("doctor", env={**simulator.env(), "HUAWEICLOUD_SDK_SK": WRONG_SK})
    assert done.returncode == 1
    assert "✗ ModelArts:" in done.stdout and "APIGW.0301" in done.stdout and "Fix: The credentials were rejected" in done.stdout
    assert "1 problem" not in done.stdout and "problems found" in done.stdout
    as_json = codelab("doctor", "--json", env={**simulator.env(), "HUAWEICLOUD_SDK_SK": WRONG_SK})
    found = checks(as_json.stdout)
    assert found["iam"]["data"]["error_code"] == found["modelarts"]["data"]["error_code"] == "APIGW.0301"
    assert WRONG_SK not in done.stdout + done.stderr + as_json.stdout + as_json.stderr


def test_a_skewed_clock_is_named(codelab, simulator):
    simulator.control("POST", "faults", {"kind": "clock_skew", "seconds": 1200})
    done = codelab("doctor", "--json")
    assert done.returncode == 1
    found = checks(done.stdout)
    assert found["clock"]["ok"] is False and 1190 < found["clock"]["data"]["skew_s"] < 1210
    assert "20 min" in found["clock"]["detail"] and "behind" in found["clock"]["detail"]
    assert found["modelarts"]["data"]["error_code"] == "APIGW.0303"


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_unreachable_host(codelab, simulator):
    port = closed_port()
    done = codelab("doctor", env={**simulator.env(), **cloud_env(f"http://127.0.0.1:{port}")})  # ModelArts and IAM
    assert done.returncode == 1
    assert f"✗ ModelArts: Could not connect to ModelArts at 127.0.0.1:{port} (Connection refused)." in done.stdout
    assert "– Clock: Not compared" in done.stdout


@pytest.fixture(scope="module")
def https_cloud(tmp_path_factory):
    with https_simulator(tmp_path_factory.mktemp("cli-doctor-certs")) as served:
        yield served


def test_an_untrusted_certificate_then_the_ca_bundle(codelab, https_cloud):
    sim, cert = https_cloud
    done = codelab("doctor", env=sim.env())
    assert done.returncode == 1
    assert "✗ TLS: The TLS certificate of 127.0.0.1:" in done.stdout and "self-signed certificate" in done.stdout
    assert "CODELAB_CA_BUNDLE" in done.stdout
    trusted = codelab("doctor", env={**sim.env(), "CODELAB_CA_BUNDLE": str(cert)})
    assert trusted.returncode == 0, trusted.stdout
    assert f"✓ TLS: The certificates of 127.0.0.1:{sim.endpoint.rsplit(':', 1)[1]} verified against {cert}." in trusted.stdout


def test_no_credentials_is_a_report_with_the_fix(codelab, tmp_path):
    (tmp_path / "runtime").mkdir()
    done = codelab("doctor", env={"JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")})  # and no Jupyter server to find
    assert done.returncode == 1
    assert "✗ Credentials: No usable credentials." in done.stdout and "HUAWEICLOUD_SDK_AK" in done.stdout


async def test_through_the_server(codelab_server, tmp_path):
    server_url, token = codelab_server
    code, out, err = await codelab_async(tmp_path, "doctor", "--json", "--server-url", server_url, "--token", token)
    assert code == 0, out + err
    report = json.loads(out)
    assert report["checked_by"] == "server" and report["simulated"] is True
    assert [c["id"] for c in report["checks"]][-1] == "obs" and report["checks"][-1]["ok"] is True
    code, out, err = await codelab_async(tmp_path, "doctor", "--server-url", server_url, "--token", token)
    assert code == 0 and out.startswith(f"CodeLab doctor (simulated), checked by the Jupyter server at {server_url}")


def test_a_server_that_is_gone_is_a_problem_and_the_checks_run_from_here(codelab, simulator):
    """A terminal of a Jupyter server that has stopped: say so, and still check what this process can reach."""
    gone = f"http://127.0.0.1:{closed_port()}/codelab/api/"
    done = codelab("doctor", env={**simulator.env(), "CODELAB_API_URL": gone, "CODELAB_API_TOKEN": "t"})
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0] == "CodeLab doctor (simulated), checked by this process:"
    assert lines[1].startswith("✗ Jupyter server: Cannot reach the Jupyter server at http://127.0.0.1:")
    assert "✓ ModelArts:" in done.stdout and "1 problem found" in done.stdout


def test_a_dead_proxy_is_named_without_its_password(codelab, simulator):
    proxy = f"http://alice:ProxyPassword1@127.0.0.1:{closed_port()}"
    done = codelab("doctor", "--json", env={**simulator.env(), "HTTP_PROXY": proxy, "NO_PROXY": ""})
    assert done.returncode == 1
    found = checks(done.stdout)
    assert found["modelarts"]["ok"] is False and found["proxy"]["ok"] is False
    assert f"through the proxy {proxy.replace('alice:ProxyPassword1@', '')}" in found["proxy"]["detail"]
    assert "NO_PROXY" in found["proxy"]["fix"] and "ProxyPassword1" not in done.stdout + done.stderr


def test_in_chinese(codelab, simulator):
    done = codelab("doctor", env={**simulator.env(), "CODELAB_LANGUAGE": "zh_CN"})
    assert done.returncode == 0
    assert done.stdout.startswith("CodeLab 连接诊断（模拟），由本进程检查：") and "✓ 时钟：" in done.stdout
    assert done.stdout.rstrip().endswith("一切正常。")
