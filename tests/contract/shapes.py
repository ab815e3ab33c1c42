"""Compare two JSON documents by shape: the same keys and JSON types, recursively.

Keys the simulator sends beyond a documented example are allowed only when named in
``OPTIONAL`` with the reason (a table or model that documents them); keys of the example
the simulator does not send are allowed only when named in ``ABSENT`` with the reason.
A list is compared element by element against the example's first element.
"""

from __future__ import annotations

OPTIONAL = {
    # NotebookResp (tables of ShowNotebook/ListNotebooks/Start/Stop; SDK notebook_resp.py)
    "action_progress": "NotebookResp table: instance initialization progress (the open example has it)",
    "notebook_id": "JobProgress table and golangsdk JobProgress: the instance id",
    "step_description": "JobProgress table and golangsdk spelling of the step text (list rows use it)",
    "endpoints": "NotebookResp table, SDK endpoints_res.py: SSH access (images with SSH only)",
    "allowed_access_ips": "EndpointsRes table and golangsdk Endpoints",
    "dev_service": "SDK endpoints_res.py",
    "service": "SDK endpoints_res.py and golangsdk",
    "uri": "SDK endpoints_res.py",
    "key_pair_names": "SDK endpoints_res.py and golangsdk",
    "fail_reason": "NotebookResp table: failure cause (failed statuses only)",
    "jupyter_version": "SDK show_notebook_response.py",
    "user_id": "SDK show_notebook_response.py",
    "volume": "NotebookResp table VolumeRes (the ListNotebooks and Start examples have it)",
    "create_at": "the open and delete examples and golangsdk Notebook carry create_at",
    "update_at": "the open and delete examples and golangsdk Notebook carry update_at",
    "type": "Lease table and SDK lease.py: TIMING or IDLE (the ShowLease example has it)",
    "description": "Image table / NotebookResp table: description",
    "tag": "Image table and the start/stop/delete examples' image",
    "url": "NotebookResp table; the ShowNotebook, start and stop examples carry it before RUNNING",
    # Image fields of the SDK's image_response.py / show_image_response.py beyond the examples
    **{
        key: "SDK image_response.py / show_image_response.py"
        for key in (
            "namespace",
            "origin",
            "size",
            "status_message",
            "support_res_categories",
            "visibility",
            "flavor_type",
            "swr_instance_id",
            "show_name",
            "show_tag",
            "tags",
            "key",
            "value",
        )
    },
}
ABSENT = {
    "request_id": "ModelArts' own errors document only error_code and error_msg; the gateway's carry request_id",
}
_JSON_TYPES = ((bool, "boolean"), (int, "number"), (float, "number"), (str, "string"), (list, "array"), (dict, "object"))


def json_type(value) -> str:
    if value is None:
        return "null"
    return next(name for kind, name in _JSON_TYPES if isinstance(value, kind))


def shape_differences(example, answer, path: str = "$") -> list[str]:
    """Human-readable differences; empty when ``answer`` has the example's shape."""
    kind_e, kind_a = json_type(example), json_type(answer)
    if kind_a == "null" and path.rsplit(".", 1)[-1] in OPTIONAL:
        return []  # an optional SDK field with no value (swr_instance_id, flavor_type)
    if kind_e != kind_a:
        return [f"{path}: the example has {kind_e}, the answer {kind_a}"]
    problems: list[str] = []
    if kind_e == "object":
        for key in example.keys() - answer.keys():
            if key not in ABSENT:
                problems.append(f"{path}.{key}: in the example, missing from the answer")
        for key in answer.keys() - example.keys():
            if key not in OPTIONAL:
                problems.append(f"{path}.{key}: in the answer, not in the example nor in OPTIONAL")
        for key in example.keys() & answer.keys():
            problems += shape_differences(example[key], answer[key], f"{path}.{key}")
    elif kind_e == "array" and example:
        for index, item in enumerate(answer):
            problems += shape_differences(example[0], item, f"{path}[{index}]")
    return problems
