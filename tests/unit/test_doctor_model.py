"""The doctor's pure parts: where the credentials came from in words (with ClientSettings.provenance),
proxy variables without their passwords, which proxy applies to a host, the clock's arithmetic, the report."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from jupyter_codelab.modelarts.calls import Call, Response
from jupyter_codelab.modelarts.credentials import AkSkCredentials, ClientSettings
from jupyter_codelab.modelarts.doctor.judge import clock_check, clock_skew
from jupyter_codelab.modelarts.doctor.probes import Outcome, Probed
from jupyter_codelab.modelarts.doctor.report import Check, Report
from jupyter_codelab.modelarts.doctor.setup import Situation, credentials_check, proxy_check, proxy_variables, region_check

SK = "NeverShownSecretKey0123456789"
SETTINGS = ClientSettings("https://modelarts.cn-north-4.myhuaweicloud.com", "0" * 32, "cn-north-4",
                          AkSkCredentials("HPUAEXAMPLEKEY12ABCD", SK, "a-security-token"),
                          "https://iam.cn-north-4.myhuaweicloud.com", source="file")  # fmt: skip


def test_proxy_urls_lose_their_user_and_password():
    env = {"https_proxy": "http://alice:p%40ss@proxy.corp:3128", "HTTP_PROXY": "bob:secret@proxy.corp:8080/x",
           "NO_PROXY": "localhost,.internal"}  # fmt: skip
    shown = proxy_variables(env)
    assert shown == {
        "HTTPS_PROXY": "http://proxy.corp:3128",
        "HTTP_PROXY": "proxy.corp:8080/x",
        "NO_PROXY": "localhost,.internal",
    }
    assert "secret" not in json.dumps(shown) and "p%40ss" not in json.dumps(shown)


@pytest.mark.parametrize(
    ("env", "honours", "reached", "ok", "words"),
    [
        ({}, True, False, True, "No proxy variables are set"),
        ({"HTTPS_PROXY": "http://u:pw@proxy:3128"}, True, True, True, "go through the proxy http://proxy:3128"),
        ({"HTTPS_PROXY": "http://proxy:3128"}, True, False, False, "go through the proxy"),
        ({"HTTPS_PROXY": "http://proxy:3128", "NO_PROXY": ".myhuaweicloud.com"}, True, False, True, "go straight there"),
        ({"HTTPS_PROXY": "http://proxy:3128"}, False, False, False, "does not use proxies"),
        ({"HTTP_PROXY": "http://proxy:3128"}, True, True, True, "go straight there"),  # an http proxy for an https host
    ],
)
def test_which_proxy_applies_and_when_it_is_a_problem(env, honours, reached, ok, words):
    situation = Situation(SETTINGS, False, env=env, honours_proxies=honours)
    check = proxy_check(situation, SETTINGS.endpoint, reached)
    assert check.ok is ok and words in check.detail, check
    assert check.ok or check.fix
    assert "pw@" not in check.detail


def test_credentials_in_words_from_provenance_never_a_secret():
    provenance = SimpleNamespace(source="file", file_path="/home/a/.huaweicloud/credentials", keys_set=("ak", "sk", "project_id"),
                                 region_from="iam", project_id_from="file")  # fmt: skip
    settings = SimpleNamespace(**{f: getattr(SETTINGS, f) for f in ("endpoint", "project_id", "region", "credentials", "iam_endpoint")},
                               source="file", auth_method="aksk", provenance=provenance)  # fmt: skip
    check = credentials_check(Situation(settings, False))  # type: ignore[arg-type]
    assert check.ok and "HPUA…ABCD" in check.detail and "/home/a/.huaweicloud/credentials" in check.detail
    assert "Keys set there: ak, sk, project_id." in check.detail and "security token" in check.detail
    assert check.data["keys_set"] == ["ak", "sk", "project_id"]
    assert SK not in json.dumps(check.to_json()) and "a-security-token" not in check.detail
    assert "found through IAM from the project id" in region_check(Situation(settings, False)).detail  # type: ignore[arg-type]


def _outcome(date: str | None, sent_at: float, seconds: float = 0.2) -> Outcome:
    headers = {"Date": date} if date else {}
    return Outcome(Call("images", "GET", "/v1/x/images"), Response(200, headers, b"{}"), None, sent_at, seconds)


def test_the_clock_skew_is_measured_at_the_middle_of_the_exchange():
    sent_at = 1_700_000_000.0  # Tue, 14 Nov 2023 22:13:20 GMT
    assert clock_skew(_outcome("Tue, 14 Nov 2023 22:13:20 GMT", sent_at)) == pytest.approx(0.4)
    assert clock_skew(_outcome("Tue, 14 Nov 2023 22:23:20 GMT", sent_at)) == pytest.approx(600.4)
    assert clock_skew(_outcome("not a date", sent_at)) is None and clock_skew(_outcome(None, sent_at)) is None
    fine = clock_check(Probed(_outcome(None, sent_at), _outcome("Tue, 14 Nov 2023 22:16:00 GMT", sent_at)))
    assert fine.ok is True and fine.data["compared_with"] == "ModelArts"  # 2 min 40 s: within the 5 min warning
    behind = clock_check(Probed(_outcome("Tue, 14 Nov 2023 22:03:20 GMT", sent_at), None))
    assert behind.ok is False and "10 min 0 s ahead of the clock of IAM" in behind.detail and behind.fix


def test_the_report_is_ok_unless_a_check_failed_and_survives_json():
    report = Report((Check("mode", True, "Mode", "a"), Check("obs", None, "OBS bucket", "not checked")), True, "server")
    assert report.ok and report.summary == "All is well."
    broken = report.with_checks(Check("server", False, "Jupyter server", "gone", "start it"))
    assert not broken.ok and broken.summary.startswith("1 problem found")
    again = Report.from_json(json.loads(json.dumps(broken.to_json())))
    assert again == broken
    text = again.text("this process").splitlines()
    assert text[0] == "CodeLab doctor (simulated), checked by this process:"
    assert text[1:4] == ["✗ Jupyter server: gone", "    Fix: start it", "✓ Mode: a"] and text[4] == "– OBS bucket: not checked"
