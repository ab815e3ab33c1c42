"""Parsing the open API's answers: the seed's example, both spellings, unknown fields and values."""

import json
from pathlib import Path

from jupyter_codelab.modelarts.images import Image
from jupyter_codelab.modelarts.lease import Lease
from jupyter_codelab.modelarts.models import EndpointsRes, JobProgress, Notebook, NotebookStatus, StepStatus
from jupyter_codelab.modelarts.states import BUSY, FAILED, state_of

EXAMPLE = json.loads((Path(__file__).parents[1] / "fixtures" / "open-response-example.json").read_text())


def test_the_seed_example_parses_completely():
    notebook = Notebook.from_json(EXAMPLE)
    assert notebook.id == "f9937afa-ca78-45b6-bc12-7ecf42553c48"
    assert notebook.status is NotebookStatus.CREATING
    assert notebook.feature == "DEFAULT" and notebook.flavor == "modelarts.vm.cpu.free"
    assert [p.step for p in notebook.action_progress] == [1, 2, 3, 4]
    assert notebook.action_progress[0].description == "Prepare the storage."
    assert {p.status for p in notebook.action_progress} == {StepStatus.WAITING}
    assert notebook.image.name == "notebook2.0-mul-kernel-cpu-cp36" and notebook.image.tag == "3.3.2-release_v1"
    assert notebook.lease.expires_at_ms == 1638841805439 + 3600000
    assert notebook.create_at == 1638841805440 and notebook.workspace_id == "0"
    assert notebook.token == "58ba50c6-e8ff-245c-4840-49e51aa70737"
    assert notebook.extra == {} and notebook.progress == 0


def test_the_client_view_never_carries_the_instance_token():
    view = Notebook.from_json(EXAMPLE).to_client_json(simulated=True)
    assert "token" not in view and EXAMPLE["token"] not in json.dumps(view)
    assert view["simulated"] is True and view["lease"]["expires_at"] == 1638845405439
    assert view["action_progress"][1] == {
        "step": 2, "name": "compute", "status": "WAITING", "description": "Prepare the compute resource.",
        "step_description": "Prepare the compute resource.", "notebook_id": None,
    }  # fmt: skip
    assert "58ba50c6" not in repr(Notebook.from_json(EXAMPLE))


def test_the_tables_spelling_is_accepted_too():
    step = JobProgress.from_json(
        {"step": 3, "status": "PROCESSING", "step_description": "Configuring the network.", "notebook_id": "x"}
    )
    assert step.description == step.step_description == "Configuring the network." and step.notebook_id == "x"
    assert step.to_client_json()["notebook_id"] == "x" and step.extra == {}
    lease = Lease.from_json({"create_time": 1000, "update_time": 2000, "duration": 500, "enable": True})
    assert (lease.create_at, lease.update_at, lease.expires_at_ms, lease.enable) == (1000, 2000, 1500, True)
    notebook = Notebook.from_json({**EXAMPLE, "create_at": None, "update_at": None, "create_time": 5, "update_time": 6})
    assert (notebook.create_at, notebook.update_at) == (5, 6)


def test_unknown_fields_and_values_are_kept_not_fatal():
    data = {**EXAMPLE, "status": "HIBERNATING", "jupyter_version": "3", "future_field": {"a": 1},
            "action_progress": [{"step": 1, "status": "PAUSED", "description": "x", "eta": 3}]}  # fmt: skip
    notebook = Notebook.from_json(data)
    assert notebook.status.value == "HIBERNATING" and notebook.status.name == "UNKNOWN"
    assert state_of(notebook.status.value).phase == BUSY  # shown as ModelArts spells it, followed as moving
    assert notebook.extra == {"jupyter_version": "3", "future_field": {"a": 1}}
    assert notebook.action_progress[0].status.value == "PAUSED" and notebook.action_progress[0].extra == {"eta": 3}
    assert Notebook.from_json(data).to_client_json()["status"] == "HIBERNATING"


def test_all_documented_statuses_and_step_states():
    documented = ["INIT", "CREATING", "STARTING", "STOPPING", "DELETING", "RUNNING", "STOPPED", "SNAPSHOTTING",
                  "CREATE_FAILED", "START_FAILED", "DELETE_FAILED", "ERROR", "DELETED", "FROZEN"]  # fmt: skip
    assert [NotebookStatus(s).name for s in documented] == documented
    assert {s.value for s in StepStatus} == {"WAITING", "PROCESSING", "FAILED", "COMPLETED"}
    assert {s for s in documented if state_of(s).phase == FAILED} == {"CREATE_FAILED", "START_FAILED", "DELETE_FAILED", "ERROR"}


def test_lease_remaining_time_and_progress():
    lease = Lease.from_json({"create_at": 1_000_000, "duration": 3_600_000})
    assert lease.remaining_ms(now_ms=1_000_000 + 600_000) == 3_000_000
    assert lease.remaining_ms(now_ms=10**13) == 0
    assert Lease.from_json({}).remaining_ms() is None
    done = [{"step": i, "status": "COMPLETED" if i <= 2 else "WAITING"} for i in range(1, 5)]
    assert Notebook.from_json({**EXAMPLE, "action_progress": done}).progress == 50
    assert Notebook.from_json({**EXAMPLE, "status": "RUNNING"}).progress == 100


def test_images_know_their_processor():
    assert Image.from_json({"id": "1", "resource_categories": ["GPU"]}).processor == "GPU"
    assert Image.from_json({"id": "1", "resource_categories": ["ASCEND"]}).processor == "ASCEND"
    assert Image.from_json({"id": "1"}).to_client_json(default=True)["processor"] == "CPU"


def test_a_lease_without_auto_stop_never_expires():
    """Lease.enable false turns auto-stop off (SDK lease.py); Terraform starts billed instances with duration -1."""
    for data in (
        {"create_at": 1000, "duration": 3_600_000, "enable": False},
        {"create_at": 1000, "duration": -1, "enable": True},
    ):
        lease = Lease.from_json(data)
        assert not lease.auto_stops and lease.expires_at_ms is None and lease.remaining_ms(now_ms=2000) is None
        view = lease.to_client_json(now_ms=2000)
        assert (view["auto_stop"], view["expires_at"], view["remaining_ms"]) == (False, None, None)
    assert Lease.from_json({"create_at": 1000, "duration": 3_600_000}).to_client_json(now_ms=1000)["auto_stop"] is True


def test_endpoints_as_modelarts_spells_them():
    """EndpointsRes {dev_service, service, uri, key_pair_names} (SDK endpoints_res.py); ssh_keys still read."""
    real = {"dev_service": "SSH", "service": "SSH", "uri": "ssh://dev.example.com:31205", "key_pair_names": ["KeyPair-1"]}
    notebook = Notebook.from_json({**EXAMPLE, "endpoints": [real, {"service": "NOTEBOOK", "uri": "https://x"}]})
    ssh, web = notebook.endpoints
    assert ssh.is_ssh and not web.is_ssh and ssh.key_pair_names == ["KeyPair-1"] and ssh.extra == {}
    assert web.dev_service == "NOTEBOOK"  # the SDK gives both names one meaning
    view = notebook.to_client_json()["endpoints"][0]
    assert view == {**real, "allowed_access_ips": []} and "ssh_keys" not in view
    old = EndpointsRes.from_json({"dev_service": "SSH", "uri": "ssh://h:1", "ssh_keys": ["K"], "allowed_access_ips": ["1.2.3.4"]})
    assert (old.service, old.key_pair_names, old.allowed_access_ips, old.extra) == ("SSH", ["K"], ["1.2.3.4"], {})
    assert old.to_client_json()["key_pair_names"] == ["K"]


# An image as ImageResponse has it (huaweicloudsdkmodelarts v1/model/image_response.py, every field).
SDK_IMAGE = {
    "arch": "X86_64", "create_at": 1638841805440, "description": "MindSpore", "dev_services": ["NOTEBOOK", "SSH"],
    "id": "65f636a0-56cf-49df-b941-7d2a07ba8c8c", "name": "mindspore1.7.0-cuda10.1-py3.7-ubuntu18.04",
    "namespace": "atelier", "origin": "CUSTOMIZE", "resource_categories": [], "service_type": "DEV", "size": 5242880,
    "status": "ACTIVE", "status_message": "image is ready", "support_res_categories": ["GPU"],
    "swr_path": "swr.cn-north-4.myhuaweicloud.com/atelier/mindspore:1.7.0",
    "tag": "1.7.0", "type": "BUILD_IN", "update_at": 1638841805441, "visibility": "PUBLIC", "workspace_id": "0",
    "flavor_type": "GPU", "swr_instance_id": "", "show_name": "MindSpore 1.7", "show_tag": "1.7.0", "tags": [{"key": "k", "value": "v"}],
}  # fmt: skip


def test_images_keep_every_sdk_field():
    image = Image.from_json(SDK_IMAGE)
    assert image.extra == {}, "a field of the SDK's model is not modelled"
    assert image.processor == "GPU", "support_res_categories counts too"
    view = image.to_client_json()
    assert {k: view[k] for k in SDK_IMAGE} == SDK_IMAGE and view["processor"] == "GPU" and view["default"] is False


def test_a_url_is_no_sign_of_running():
    """The ShowNotebook example carries a url while CREATING (errata): only the status says RUNNING."""
    notebook = Notebook.from_json({**EXAMPLE, "url": "https://authoring.example/lab", "status": "CREATING"})
    assert notebook.status is NotebookStatus.CREATING and notebook.progress < 100
    assert notebook.to_client_json()["status"] == "CREATING"
