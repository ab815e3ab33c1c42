"""The simulator's catalogue of public images, shaped like ``GET /v1/{project_id}/images``.

Fields: every field of the SDK's ``image_response.py`` / ``show_image_response.py``
(huaweicloudsdkmodelarts 3.1.219). Where each id comes from is noted beside it; ids seen in
public "Run in ModelArts" badges have the name, tag and category the simulator guesses for
them (the badges give only the id; the guesses follow the MindSpore version of the page).
"""

from __future__ import annotations

from .errors import invalid_parameter

DEFAULT_IMAGE_ID = "e1a07296-22a8-4f05-8bc8-e936c8e54090"  # the docs' examples (ShowNotebook, ListNotebooks, open)
_SWR = "swr.cn-north-4.myhuaweicloud.com/atelier"
_CREATED = 1638230400000  # 2021-11-30


def _image(
    image_id,
    name,
    tag,
    arch,
    categories,
    dev_services,
    description,
    *,
    show_name=None,
    service_type="COMMON",
    size_kb=7_340_032,
    flavor_type=None,
) -> dict:
    return {
        "arch": arch,
        "create_at": _CREATED,
        "description": description,
        "dev_services": list(dev_services),
        "flavor_type": flavor_type,
        "id": image_id,
        "name": name,
        "namespace": "atelier",
        "origin": "CUSTOMIZE",
        "resource_categories": list(categories),
        "service_type": service_type,
        "show_name": show_name or name,
        "show_tag": tag,
        "size": size_kb,
        "status": "ACTIVE",
        "status_message": "",
        "support_res_categories": list(categories),
        "swr_instance_id": None,
        "swr_path": f"{_SWR}/{name}:{tag}",
        "tag": tag,
        "tags": [{"key": "os", "value": "ubuntu18.04" if "euler" not in name else "euler2.8"}],
        "type": "BUILD_IN",
        "update_at": _CREATED,
        "visibility": "PUBLIC",
        "workspace_id": "0",
    }


CATALOGUE: tuple[dict, ...] = (
    # The docs' examples (ShowNotebook, ListNotebooks, the seed's open answer); tag from the ListNotebooks example.
    _image(
        DEFAULT_IMAGE_ID,
        "notebook2.0-mul-kernel-cpu-cp36",
        "3.3.2-release_v1",
        "x86_64",
        ["CPU"],
        ("NOTEBOOK", "SSH"),
        "Multi-kernel CPU image: Python 3.6 with TensorFlow, PyTorch, MindSpore and more kernels.",
        show_name="Multi-kernel CPU",
    ),
    # The ListImage and ShowImage examples (OTC api-ref querying_supported_images.rst, obtaining_details_of_an_image.rst).
    _image(
        "278e88d1-5b71-4766-8502-b3ba72e824d9",
        "pytorch1.8-cuda10.2-cudnn7-ubuntu18.04",
        "pytorch_1.8.0-cuda_10.2-py_3.7-ubuntu_18.04-x86_64-20220926104358-041ba2e",
        "x86_64",
        ["GPU", "CPU"],
        ("NOTEBOOK", "SSH"),
        "CPU and GPU general algorithm development and training, preconfigured with AI engine PyTorch1.8",
    ),
    # MindSpore docs r1.5/r1.6 badges (e.g. tutorials mindspore_mixed_precision, mindspore_nlp_application): imageid=65f636a0-...
    _image(
        "65f636a0-56cf-49df-b941-7d2a07ba8c8c",
        "mindspore1.5.1-cuda10.1-py3.7-ubuntu18.04",
        "1.5.1",
        "x86_64",
        ["GPU", "CPU"],
        ("NOTEBOOK", "SSH"),
        "MindSpore 1.5 with CUDA 10.1, Python 3.7 on Ubuntu 18.04.",
    ),
    # MindSpore docs r1.7 badge (tutorials advanced/network/mindspore_parameter): imageid=9d63f4d1-...
    _image(
        "9d63f4d1-dc09-4873-b669-3483cea777c0",
        "mindspore1.7.0-cuda10.1-py3.7-ubuntu18.04",
        "1.7.0",
        "x86_64",
        ["GPU", "CPU"],
        ("NOTEBOOK", "SSH"),
        "MindSpore 1.7.0 with CUDA 10.1, Python 3.7 on Ubuntu 18.04.",
    ),
    # MindSpore docs r2.2 badges (tutorials application cv mindspore_resnet50, mindspore_fcn8s): imageid=4c43b3ad-...
    _image(
        "4c43b3ad-9df7-4b83-a096-c775dc4ba243",
        "mindspore2.2.0-cann7.0.0-py3.9-euler2.8.3",
        "2.2.0",
        "aarch64",
        ["ASCEND"],
        ("NOTEBOOK", "SSH"),
        "MindSpore 2.2.0 with CANN 7.0 for Ascend, Python 3.9 on EulerOS 2.8.3.",
        flavor_type="ASCEND_SNT9",
    ),
    # MindQuantum docs r2.2 badge (case_library classification_of_iris_by_qnn): imageid=73522c7f-...
    _image(
        "73522c7f-6d98-43d8-b306-8ff374c7d3a7",
        "mindquantum0.9.0-mindspore2.2.0-py3.9-ubuntu18.04",
        "0.9.0",
        "x86_64",
        ["CPU"],
        ("NOTEBOOK",),
        "MindQuantum 0.9 with MindSpore 2.2 for CPU, Python 3.9 on Ubuntu 18.04.",
    ),
    # The ListImage example's first image (a TRAIN image with only SSH: not one CodeLab can open in a browser).
    _image(
        "e1a07296-22a8-4f05-8bc8-e936c8e54103",
        "modelbox1.3.0-libtorch1.9.1-cuda10.2-cudnn8-euler2.9.6",
        "1.3.0-20221027202714-160a680",
        "x86_64",
        ["GPU"],
        ("AI_FLOW", "SSH"),
        "AI inference application development, preconfigured ModelBox and AI engine LibTorch, only SSH connection supported.",
        service_type="TRAIN",
    ),
    # The ids below are the simulator's own (seen in no public source); tests and examples use them.
    _image(
        "2c113b99-72ef-4bd0-bbcc-0d711b39127b",
        "pytorch1.8-cuda10.2-cudnn7-ubuntu18.04",
        "2.0.0",
        "x86_64",
        ["GPU"],
        ("NOTEBOOK", "SSH"),
        "PyTorch 1.8 with CUDA 10.2 and cuDNN 7 on Ubuntu 18.04.",
    ),
    _image(
        "f90972fd-c5d9-4646-a7cb-2d34e95431fe",
        "tensorflow2.1-cuda10.1-cudnn7-ubuntu18.04",
        "2.0.0",
        "x86_64",
        ["GPU"],
        ("NOTEBOOK",),
        "TensorFlow 2.1 with CUDA 10.1 and cuDNN 7 on Ubuntu 18.04.",
    ),
    _image(
        "58deec33-cdcf-4477-84c1-28a8d4266275",
        "mindspore1.7.0-cuda10.1-py3.7-ubuntu18.04",
        "2.0.0",
        "x86_64",
        ["GPU"],
        ("NOTEBOOK", "SSH"),
        "MindSpore 1.7.0 with CUDA 10.1, Python 3.7 on Ubuntu 18.04.",
    ),
    _image(
        "d755c0aa-8612-495b-b9f5-655c7241f4d3",
        "mindspore1.7.0-cann5.1.0-py3.7-euler2.8.3",
        "2.0.0",
        "aarch64",
        ["ASCEND"],
        ("NOTEBOOK", "SSH"),
        "MindSpore 1.7.0 with CANN 5.1.0 for Ascend 910, Python 3.7 on EulerOS 2.8.3.",
        flavor_type="ASCEND_SNT9",
    ),
    _image(
        "ce1bb52b-9780-4c4a-b31d-d73e12f0d2fb",
        "pytorch1.8-cpu-py3.7-ubuntu18.04",
        "2.0.0",
        "x86_64",
        ["CPU"],
        ("NOTEBOOK",),
        "PyTorch 1.8 for CPU, Python 3.7 on Ubuntu 18.04.",
    ),
)

_BY_ID = {image["id"]: image for image in CATALOGUE}

# The free flavor CodeLab gives each kind of image (the CPU one is the documented example's).
FREE_FLAVORS = {"CPU": "modelarts.vm.cpu.free", "GPU": "modelarts.vm.gpu.free", "ASCEND": "modelarts.vm.ascend.free"}
SORT_KEYS = ("name", "tag", "create_at", "update_at", "size")


def find_image(image_id) -> dict | None:
    image = _BY_ID.get(image_id) if isinstance(image_id, str) else None
    return dict(image) if image else None


def processor(image: dict) -> str:
    """The first accelerator the image supports (GPU/ASCEND before CPU), as the free flavor is chosen."""
    categories = image["resource_categories"]
    return next((c for c in ("GPU", "ASCEND") if c in categories), "CPU")


def free_flavor(image: dict) -> str:
    return FREE_FLAVORS[processor(image)]


def summary(image: dict) -> dict:
    """The short image object a notebook carries (the documented examples' fields)."""
    return {key: image[key] for key in ("description", "id", "name", "swr_path", "tag", "type")}


def _flag(params: dict[str, str], name: str, default: bool) -> bool:
    raw = (params.get(name) or "").strip().lower()
    if not raw:
        return default
    if raw not in ("true", "false"):
        raise invalid_parameter(f"Invalid parameter {name}: use true or false, got {params[name]!r}.")
    return raw == "true"


def query_images(params: dict[str, str]) -> list[dict]:
    """Filter and sort the catalogue like the list call (pagination is the caller's).

    SDK list_image_request.py: ``name_fuzzy_match`` defaults to true, ``sort_dir`` to DESC,
    ``type`` to BUILD_IN, ``service_type`` UNKNOWN (no filter). Without ``sort_key`` the
    catalogue order is kept (the default image first): the docs name no default key.
    """
    images = [dict(image) for image in CATALOGUE]
    wanted_type = params.get("type") or "BUILD_IN"
    images = [i for i in images if i["type"] == wanted_type]
    name = params.get("name")
    if name:
        fuzzy = _flag(params, "name_fuzzy_match", True)
        images = [i for i in images if (name in i["name"] if fuzzy else i["name"] == name)]
    for key in ("namespace", "workspace_id", "service_type", "show_name", "show_tag"):
        value = params.get(key)
        if value and not (key == "service_type" and value == "UNKNOWN"):
            images = [i for i in images if i[key] == value]
    sort_key = params.get("sort_key")
    if sort_key:
        if sort_key not in SORT_KEYS:
            raise invalid_parameter(f"Invalid parameter sort_key: use one of {', '.join(SORT_KEYS)}, got {sort_key!r}.")
        sort_dir = (params.get("sort_dir") or "DESC").upper()
        if sort_dir not in ("ASC", "DESC"):
            raise invalid_parameter(f"Invalid parameter sort_dir: use ASC or DESC, got {params['sort_dir']!r}.")
        images.sort(key=lambda i: (i[sort_key], i["name"]), reverse=sort_dir == "DESC")
    return images
