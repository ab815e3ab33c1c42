"""Without a server, the kernel and the CLI complete the configuration through IAM too (sync transport, once per process)."""

from __future__ import annotations

import pytest

from jupyter_codelab.client.direct_backend import DirectBackend
from jupyter_codelab.client.errors import CodeLabError
from jupyter_codelab.modelarts.iam_projects import forget_lookups
from jupyter_codelab.simulator import DEMO_ACCESS_KEY, DEMO_PROJECT_ID, DEMO_SECRET_KEY
from jupyter_codelab.simulator.iam_projects import projects_of
from tests.support.simulator_thread import cloud_env

KEYS = {"HUAWEICLOUD_SDK_AK": DEMO_ACCESS_KEY, "HUAWEICLOUD_SDK_SK": DEMO_SECRET_KEY}


@pytest.fixture(autouse=True)
def _fresh_lookups():
    forget_lookups()  # what IAM gave an earlier test of this process, with the same simulator and keys


def projects(cloud) -> dict:
    user = cloud.call(lambda: next(u for u in cloud.simulator.auth.users if u.access_key == DEMO_ACCESS_KEY))
    return {p["name"]: p["id"] for p in projects_of(user, "cn-north-4")}


def test_the_region_of_the_project_and_the_project_of_the_region(threaded_simulator, tmp_path):
    env = {**cloud_env(threaded_simulator.endpoint), **KEYS, "HUAWEICLOUD_SDK_CREDENTIALS_FILE": str(tmp_path / "none")}
    la_south = projects(threaded_simulator)["la-south-2"]
    backend = DirectBackend.from_env({**env, "HUAWEICLOUD_SDK_PROJECT_ID": la_south})
    assert (backend.settings.region, backend.settings.project_id) == ("la-south-2", la_south)
    assert backend.settings.provenance.region_from == "iam" and backend.settings.endpoint == threaded_simulator.endpoint
    backend.close()
    backend = DirectBackend.from_env(env)  # neither: the project of cn-north-4
    assert (backend.settings.region, backend.settings.project_id) == ("cn-north-4", DEMO_PROJECT_ID)
    assert backend.images()["images"]  # the client that asked IAM goes on to ModelArts
    backend.close()
    calls = threaded_simulator.control("GET", "state")["calls"]
    assert calls["projects"] == 2 and calls["images"] == 1
    DirectBackend.from_env({**env, "HUAWEICLOUD_SDK_PROJECT_ID": la_south}).close()  # kept for the process
    assert threaded_simulator.control("GET", "state")["calls"]["projects"] == 2


def test_iams_refusal_is_a_sentence(threaded_simulator, tmp_path):
    env = {**cloud_env(threaded_simulator.endpoint), **KEYS, "HUAWEICLOUD_SDK_PROJECT_ID": "d" * 32,
           "HUAWEICLOUD_SDK_CREDENTIALS_FILE": str(tmp_path / "none")}  # fmt: skip
    with pytest.raises(CodeLabError, match="HUAWEICLOUD_SDK_PROJECT_ID"):
        DirectBackend.from_env(env)
