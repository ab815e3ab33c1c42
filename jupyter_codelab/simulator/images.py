"""The simulator's catalogue of public CodeLab images, shaped like ``GET /v1/{project_id}/images``."""

from __future__ import annotations

DEFAULT_IMAGE_ID = "e1a07296-22a8-4f05-8bc8-e936c8e54090"
_SWR = "swr.cn-north-4.myhuaweicloud.com/atelier"
_CREATED = 1638230400000  # 2021-11-30, when these public images appeared


def _image(image_id, name, tag, arch, category, dev_services, description) -> dict:
    return {
        "id": image_id,
        "name": name,
        "tag": tag,
        "swr_path": f"{_SWR}/{name}:{tag}",
        "type": "BUILD_IN",
        "arch": arch,
        "dev_services": list(dev_services),
        "resource_categories": [category],
        "service_type": "COMMON",
        "status": "ACTIVE",
        "visibility": "PUBLIC",
        "namespace": "atelier",
        "workspace_id": "0",
        "description": description,
        "create_at": _CREATED,
        "update_at": _CREATED,
    }


CATALOGUE: tuple[dict, ...] = (
    _image(DEFAULT_IMAGE_ID, "notebook2.0-mul-kernel-cpu-cp36", "3.3.2-release_v1", "x86_64", "CPU",
           ("NOTEBOOK", "SSH"), "Multi-kernel CPU image: Python 3.6 with TensorFlow, PyTorch, MindSpore and more kernels."),
    _image("2c113b99-72ef-4bd0-bbcc-0d711b39127b", "pytorch1.8-cuda10.2-cudnn7-ubuntu18.04", "2.0.0", "x86_64", "GPU",
           ("NOTEBOOK", "SSH"), "PyTorch 1.8 with CUDA 10.2 and cuDNN 7 on Ubuntu 18.04."),
    _image("f90972fd-c5d9-4646-a7cb-2d34e95431fe", "tensorflow2.1-cuda10.1-cudnn7-ubuntu18.04", "2.0.0", "x86_64", "GPU",
           ("NOTEBOOK",), "TensorFlow 2.1 with CUDA 10.1 and cuDNN 7 on Ubuntu 18.04."),
    _image("58deec33-cdcf-4477-84c1-28a8d4266275", "mindspore1.7.0-cuda10.1-py3.7-ubuntu18.04", "2.0.0", "x86_64", "GPU",
           ("NOTEBOOK", "SSH"), "MindSpore 1.7.0 with CUDA 10.1, Python 3.7 on Ubuntu 18.04."),
    _image("d755c0aa-8612-495b-b9f5-655c7241f4d3", "mindspore1.7.0-cann5.1.0-py3.7-euler2.8.3", "2.0.0", "aarch64", "ASCEND",
           ("NOTEBOOK", "SSH"), "MindSpore 1.7.0 with CANN 5.1.0 for Ascend 910, Python 3.7 on EulerOS 2.8.3."),
    _image("ce1bb52b-9780-4c4a-b31d-d73e12f0d2fb", "pytorch1.8-cpu-py3.7-ubuntu18.04", "2.0.0", "x86_64", "CPU",
           ("NOTEBOOK",), "PyTorch 1.8 for CPU, Python 3.7 on Ubuntu 18.04."),
)

_BY_ID = {image["id"]: image for image in CATALOGUE}

# The free flavor CodeLab gives each kind of image (the CPU one is the documented example's).
FREE_FLAVORS = {"CPU": "modelarts.vm.cpu.free", "GPU": "modelarts.vm.gpu.free", "ASCEND": "modelarts.vm.ascend.free"}


def find_image(image_id: str) -> dict | None:
    image = _BY_ID.get(image_id)
    return dict(image) if image else None


def free_flavor(image: dict) -> str:
    return FREE_FLAVORS[image["resource_categories"][0]]


def summary(image: dict) -> dict:
    """The short image object a notebook carries (the documented example's fields)."""
    return {key: image[key] for key in ("description", "id", "name", "swr_path", "tag", "type")}


def query_images(params: dict[str, str]) -> list[dict]:
    """Filter and sort the catalogue like the list call (pagination is the caller's)."""
    images = [dict(image) for image in CATALOGUE]
    wanted_type = params.get("type") or "BUILD_IN"
    images = [i for i in images if i["type"] == wanted_type]
    name = params.get("name")
    if name:
        fuzzy = (params.get("name_fuzzy_match") or "").lower() == "true"
        images = [i for i in images if (name in i["name"] if fuzzy else i["name"] == name)]
    for key in ("namespace", "workspace_id", "service_type"):
        value = params.get(key)
        if value and not (key == "service_type" and value == "UNKNOWN"):
            images = [i for i in images if i[key] == value]
    # Catalogue order (the default image first) unless a sort is asked for.
    sort_key = params.get("sort_key")
    if sort_key in ("name", "tag", "create_at", "update_at"):
        descending = (params.get("sort_dir") or "ASC").upper() == "DESC"
        images.sort(key=lambda i: (i[sort_key], i["name"]), reverse=descending)
    return images
