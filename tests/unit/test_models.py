"""Parsing the open API's answers: the seed's example, both spellings, unknown fields and values."""

import json
from pathlib import Path

from jupyter_codelab.modelarts.models import Image, JobProgress, Lease, Notebook, NotebookStatus, StepStatus

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
    assert view["action_progress"][1] == {"step": 2, "name": "compute", "status": "WAITING", "description": "Prepare the compute resource."}
    assert "58ba50c6" not in repr(Notebook.from_json(EXAMPLE))


def test_the_tables_spelling_is_accepted_too():
    step = JobProgress.from_json({"step": 3, "status": "PROCESSING", "step_description": "Configuring the network.", "notebook_id": "x"})
    assert step.description == "Configuring the network." and step.notebook_id == "x"
    lease = Lease.from_json({"create_time": 1000, "update_time": 2000, "duration": 500, "enable": False})
    assert (lease.create_at, lease.update_at, lease.expires_at_ms, lease.enable) == (1000, 2000, 1500, False)
    notebook = Notebook.from_json({**EXAMPLE, "create_at": None, "update_at": None, "create_time": 5, "update_time": 6})
    assert (notebook.create_at, notebook.update_at) == (5, 6)


def test_unknown_fields_and_values_are_kept_not_fatal():
    data = {**EXAMPLE, "status": "HIBERNATING", "jupyter_version": "3", "future_field": {"a": 1},
            "action_progress": [{"step": 1, "status": "PAUSED", "description": "x", "eta": 3}]}  # fmt: skip
    notebook = Notebook.from_json(data)
    assert notebook.status.value == "HIBERNATING" and notebook.status.name == "UNKNOWN"
    assert not notebook.status.is_failed and not notebook.status.is_transitional
    assert notebook.extra == {"jupyter_version": "3", "future_field": {"a": 1}}
    assert notebook.action_progress[0].status.value == "PAUSED" and notebook.action_progress[0].extra == {"eta": 3}
    assert Notebook.from_json(data).to_client_json()["status"] == "HIBERNATING"


def test_all_documented_statuses_and_step_states():
    documented = ["INIT", "CREATING", "STARTING", "STOPPING", "DELETING", "RUNNING", "STOPPED", "SNAPSHOTTING",
                  "CREATE_FAILED", "START_FAILED", "DELETE_FAILED", "ERROR", "DELETED", "FROZEN"]  # fmt: skip
    assert [NotebookStatus(s).name for s in documented] == documented
    assert {s.value for s in StepStatus} == {"WAITING", "PROCESSING", "FAILED", "COMPLETED"}
    assert {s for s in documented if NotebookStatus(s).is_failed} == {"CREATE_FAILED", "START_FAILED", "DELETE_FAILED", "ERROR"}


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
