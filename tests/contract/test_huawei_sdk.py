"""Huawei's own SDK (huaweicloudsdkmodelarts 3.1.219, a test dependency) drives the simulator.

Every SDK call the project uses (show/list notebooks, show/renew lease, start, stop, delete,
list/show images) and every documented error, asserting the ``status_code`` and ``error_code``
of the ``ClientRequestException`` the SDK raises. The SDK is blocking: its calls run in a
thread while the simulator serves on the test's loop. The open call is not in the SDK
(built by hand): it goes over plain HTTP (simclient). The SDK core writes
``$HOME/.huaweicloud`` on import, so HOME points at a temporary folder first.
"""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest
from simclient import ALICE, Api

HOUR = 3_600_000
GPU_IMAGE = "2c113b99-72ef-4bd0-bbcc-0d711b39127b"


@pytest.fixture(scope="module")
def sdk(tmp_path_factory):
    home = tmp_path_factory.mktemp("sdk-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(home))
        patch.setenv("USERPROFILE", str(home))
        core_auth = pytest.importorskip("huaweicloudsdkcore.auth.credentials", reason="huaweicloudsdkcore is a test dependency")
        core_exceptions = pytest.importorskip("huaweicloudsdkcore.exceptions.exceptions")
        core_http = pytest.importorskip("huaweicloudsdkcore.http.http_config")
        v1 = pytest.importorskip("huaweicloudsdkmodelarts.v1", reason="huaweicloudsdkmodelarts is a test dependency")
    return SimpleNamespace(auth=core_auth, errors=core_exceptions, http=core_http, v1=v1)


@pytest.fixture
def client(sdk, sim):
    config = sdk.http.HttpConfig.get_default_config()
    config.retry_times = 0
    credentials = sdk.auth.BasicCredentials(ALICE["access_key"], ALICE["secret_key"], ALICE["project_id"])
    built = sdk.v1.ModelArtsClient.new_builder().with_http_config(config).with_credentials(credentials)
    return built.with_endpoints([sim.endpoint]).build()


async def call(client, method: str, request):
    return await asyncio.to_thread(getattr(client, method), request)


async def refused(sdk, client, method: str, request, status: int, code: str):
    with pytest.raises(sdk.errors.ClientRequestException) as caught:
        await call(client, method, request)
    assert (caught.value.status_code, caught.value.error_code) == (status, code), caught.value.error_msg
    assert caught.value.error_msg
    return caught.value


async def opened_running(sim) -> str:
    api = Api(sim, **ALICE)
    opened = await api.open()  # not in the SDK: plain HTTP
    assert opened.status == 201, opened.text
    sim.clock.advance(60)
    return opened.body["id"]


async def test_the_calls_we_use(sdk, client, sim):
    v1 = sdk.v1
    notebook_id = await opened_running(sim)
    shown = await call(client, "show_notebook", v1.ShowNotebookRequest(id=notebook_id))
    assert (shown.id, shown.status, shown.image.id) == (notebook_id, "RUNNING", "e1a07296-22a8-4f05-8bc8-e936c8e54090")
    [endpoint] = shown.endpoints
    assert (endpoint.service, endpoint.key_pair_names) == ("SSH", ["KeyPair-codelab"])
    listed = await call(client, "list_notebooks", v1.ListNotebooksRequest(feature="DEFAULT", limit=10))
    assert (listed.total, listed.size, listed.data[0].id) == (1, 10, notebook_id)
    assert listed.data[0].action_progress[0].status == "COMPLETED"
    lease = await call(client, "show_lease", v1.ShowLeaseRequest(id=notebook_id))
    assert (lease.duration, lease.type, lease.enable) == (HOUR, "TIMING", True)
    now = sim.clock.now_ms()
    renewed = await call(
        client, "renew_lease", v1.RenewLeaseRequest(id=notebook_id, body=v1.LeaseReq(duration=2 * HOUR, type="TIMING"))
    )
    assert renewed.create_at + renewed.duration == now + 2 * HOUR
    by_query = await call(client, "renew_lease", v1.RenewLeaseRequest(id=notebook_id, duration=3 * HOUR))
    assert by_query.create_at + by_query.duration == now + 3 * HOUR
    stopping = await call(client, "stop_notebook", v1.StopNotebookRequest(id=notebook_id))
    assert stopping.status == "STOPPING"
    sim.clock.advance(1)
    starting = await call(client, "start_notebook", v1.StartNotebookRequest(id=notebook_id, duration=2 * HOUR, type="TIMING"))
    assert (starting.status, starting.lease.duration) == ("STARTING", 2 * HOUR)
    sim.clock.advance(1)
    await call(client, "stop_notebook", v1.StopNotebookRequest(id=notebook_id))
    sim.clock.advance(1)
    deleting = await call(client, "delete_notebook", v1.DeleteNotebookRequest(id=notebook_id))
    assert deleting.status == "DELETING"
    images = await call(client, "list_image", v1.ListImageRequest(limit=3, offset=0))
    assert (len(images.data), images.size) == (3, 3) and images.total > 3
    assert images.data[0].origin and images.data[0].show_name
    image = await call(client, "show_image", v1.ShowImageRequest(id="65f636a0-56cf-49df-b941-7d2a07ba8c8c"))
    assert image.support_res_categories and image.name.startswith("mindspore")


async def test_documented_errors(sdk, client, sim):
    v1 = sdk.v1
    missing = "00000000-0000-0000-0000-000000000000"
    for method, request in (
        ("show_notebook", v1.ShowNotebookRequest(id=missing)),
        ("show_lease", v1.ShowLeaseRequest(id=missing)),
        ("renew_lease", v1.RenewLeaseRequest(id=missing, body=v1.LeaseReq(duration=HOUR))),
        ("start_notebook", v1.StartNotebookRequest(id=missing)),
        ("stop_notebook", v1.StopNotebookRequest(id=missing)),
        ("delete_notebook", v1.DeleteNotebookRequest(id=missing)),
    ):
        await refused(sdk, client, method, request, 400, "ModelArts.6309")
    await refused(sdk, client, "show_image", v1.ShowImageRequest(id=missing), 400, "ModelArts.6797")
    await refused(sdk, client, "list_notebooks", v1.ListNotebooksRequest(feature="DEFAULT", limit=30), 400, "ModelArts.0101")

    notebook_id = await opened_running(sim)
    renew = lambda duration: v1.RenewLeaseRequest(id=notebook_id, body=v1.LeaseReq(duration=duration, type="TIMING"))  # noqa: E731
    await refused(sdk, client, "renew_lease", renew(HOUR - 1), 400, "ModelArts.6349")
    await refused(sdk, client, "renew_lease", renew(-HOUR), 400, "ModelArts.6346")
    await refused(sdk, client, "start_notebook", v1.StartNotebookRequest(id=notebook_id), 400, "ModelArts.6305")
    await call(client, "stop_notebook", v1.StopNotebookRequest(id=notebook_id))
    await refused(sdk, client, "stop_notebook", v1.StopNotebookRequest(id=notebook_id), 400, "ModelArts.6308")
    await refused(sdk, client, "delete_notebook", v1.DeleteNotebookRequest(id=notebook_id), 400, "ModelArts.6304")
    sim.clock.advance(1)
    await refused(sdk, client, "show_lease", v1.ShowLeaseRequest(id=notebook_id), 400, "ModelArts.6327")
    await refused(sdk, client, "stop_notebook", v1.StopNotebookRequest(id=notebook_id), 400, "ModelArts.6307")
    await refused(sdk, client, "renew_lease", renew(HOUR), 400, "ModelArts.6307")
    await refused(
        sdk,
        client,
        "start_notebook",
        v1.StartNotebookRequest(id=notebook_id, duration=HOUR + 0, type="NEVER"),
        400,
        "ModelArts.6336",
    )
    sim.faults.add("error", route="start", status=400, error_code="ModelArts.6360",
                   error_msg="Failed to start the notebook due to insufficient background resources. Try again later.")  # fmt: skip
    await refused(sdk, client, "start_notebook", v1.StartNotebookRequest(id=notebook_id), 400, "ModelArts.6360")
    sim.faults.add("status", status="FROZEN")
    await refused(sdk, client, "start_notebook", v1.StartNotebookRequest(id=notebook_id), 400, "ModelArts.6326")
    sim.clear_faults()
    await call(client, "start_notebook", v1.StartNotebookRequest(id=notebook_id))
    await refused(sdk, client, "start_notebook", v1.StartNotebookRequest(id=notebook_id), 400, "ModelArts.6306")
    await refused(sdk, client, "delete_notebook", v1.DeleteNotebookRequest(id=notebook_id), 400, "ModelArts.6357")
    sim.faults.add("status", status="DELETING")
    await refused(sdk, client, "stop_notebook", v1.StopNotebookRequest(id=notebook_id), 400, "ModelArts.6357")
    sim.clock.advance(1)
    await refused(sdk, client, "show_notebook", v1.ShowNotebookRequest(id=notebook_id), 400, "ModelArts.6309")


async def test_statuses_seen_through_the_sdk(sdk, client, sim):
    v1 = sdk.v1
    notebook_id = await opened_running(sim)
    sim.faults.add("status", status="ERROR", fail_reason="Disk full.")
    shown = await call(client, "show_notebook", v1.ShowNotebookRequest(id=notebook_id))
    assert (shown.status, shown.fail_reason) == ("ERROR", "Disk full.")
    sim.faults.add("status", status="SNAPSHOTTING")
    assert (await call(client, "show_notebook", v1.ShowNotebookRequest(id=notebook_id))).status == "SNAPSHOTTING"
    sim.clock.advance(2)
    assert (await call(client, "show_notebook", v1.ShowNotebookRequest(id=notebook_id))).status == "RUNNING"


async def test_gateway_refuses_a_wrong_secret(sdk, sim):
    credentials = sdk.auth.BasicCredentials(ALICE["access_key"], "not-the-secret", ALICE["project_id"])
    config = sdk.http.HttpConfig.get_default_config()
    config.retry_times = 0
    client = sdk.v1.ModelArtsClient.new_builder().with_http_config(config).with_credentials(credentials)
    client = client.with_endpoints([sim.endpoint]).build()
    error = await refused(sdk, client, "list_image", sdk.v1.ListImageRequest(), 401, "APIGW.0301")
    assert error.request_id
