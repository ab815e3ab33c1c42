"""Our models parse every documented example with no field lost: each key is mapped or kept in ``extra``."""

from __future__ import annotations

import dataclasses
import json

import pytest

from examples import example
from jupyter_codelab.modelarts import errors, flows, images, models
from jupyter_codelab.modelarts.lease import Lease

# Documented spellings our models map to another attribute name.
ALIASES = {
    "create_time": "create_at",
    "update_time": "update_at",
    "step_description": "description",
    "data": "items",
    # The OTC tables' name for the SSH key pairs; read into key_pair_names (the SDK's and golangsdk's name).
    "ssh_keys": "key_pair_names",
}


def lost_keys(model, data: dict, path: str = "$") -> list[str]:
    """Keys of ``data`` that ``model`` neither maps to an attribute nor keeps in ``extra`` (recursively)."""
    known = getattr(type(model), "KNOWN", None) or {f.name for f in dataclasses.fields(model)}
    extra = getattr(model, "extra", {}) or {}
    lost = []
    for key, value in data.items():
        if key in extra:
            continue
        attribute = ALIASES.get(key, key)
        if key not in known and attribute not in known or not hasattr(model, attribute):
            lost.append(f"{path}.{key}")
            continue
        parsed = getattr(model, attribute)
        if isinstance(value, dict) and dataclasses.is_dataclass(parsed):
            lost += lost_keys(parsed, value, f"{path}.{key}")
        elif isinstance(value, list) and isinstance(parsed, list):
            for index, (raw, item) in enumerate(zip(value, parsed, strict=True)):
                if isinstance(raw, dict) and dataclasses.is_dataclass(item):
                    lost += lost_keys(item, raw, f"{path}.{key}[{index}]")
    return lost


class _Answer:
    def __init__(self, body: dict):
        self._body = body

    def json(self):
        return self._body


NOTEBOOK_EXAMPLES = ["open_notebook", "show_notebook", "start_notebook", "stop_notebook", "delete_notebook"]


@pytest.mark.parametrize("name", NOTEBOOK_EXAMPLES)
def test_notebook_examples(name):
    body = example(name)["body"]
    notebook = models.Notebook.from_json(body)
    assert notebook.id == body["id"] and notebook.status.value == body["status"]
    assert not lost_keys(notebook, body)


def test_notebook_with_every_documented_field():
    """The tables' fields the examples leave out: endpoints (both spellings), JobProgress with step_description, pool."""
    body = example("show_notebook")["body"] | {
        "action_progress": [{"notebook_id": "n", "step": 1, "status": "COMPLETED", "step_description": "Prepare the storage."}],
        "endpoints": [{"dev_service": "SSH", "service": "SSH", "uri": "ssh://h:1", "key_pair_names": ["k"],
                       "allowed_access_ips": [], "ssh_keys": ["old"]}],
        "pool": {"id": "pool-1", "name": "pool"},
        "fail_reason": "x", "billing_items": ["ALL"], "user": {"id": "u", "name": "n"},
    }  # fmt: skip
    notebook = models.Notebook.from_json(body)
    assert notebook.action_progress[0].description == "Prepare the storage."
    assert not lost_keys(notebook, body)


@pytest.mark.parametrize("name", ["list_notebooks", "list_image"])
def test_list_examples(name):
    body = example(name)["body"]
    model = models.Notebook if name == "list_notebooks" else images.Image
    page = flows._page(_Answer(body), model)
    assert len(page.items) == len(body["data"])
    assert not lost_keys(page, body)


@pytest.mark.parametrize("name", ["show_lease", "renew_lease"])
def test_lease_examples(name):
    body = example(name)["body"]
    lease = Lease.from_json(body)
    assert lease.expires_at_ms == body["create_at"] + body["duration"]
    assert not lost_keys(lease, body)


def test_image_example():
    body = example("show_image")["body"]
    assert not lost_keys(images.Image.from_json(body), body)


@pytest.mark.parametrize("name", ["error_modelarts", "error_apig", "error_iam_401", "error_iam_400"])
def test_error_examples_keep_code_message_and_request_id(name):
    documented = example(name)
    body = documented["body"]
    error = errors.error_from_response(documented["_status"], json.dumps(body).encode(), {})
    kept = json.dumps(error.to_json(), ensure_ascii=False) + " " + str(getattr(error, "request_id", ""))
    flat = body.get("error") if isinstance(body.get("error"), dict) else body
    for key in ("error_msg", "message", "request_id"):
        if key in flat:
            assert str(flat[key]) in kept, f"{name}: {key} lost ({kept})"
    if "error_code" in flat:
        assert error.error_code == flat["error_code"]
