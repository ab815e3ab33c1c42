"""ModelArts / API Gateway error answers: HTTP status + ``{"error_code", "error_msg"}``."""

from __future__ import annotations

import re


class ApiError(Exception):
    """An error answer the simulator sends exactly as the cloud would."""

    def __init__(
        self, status: int, error_code: str, error_msg: str, headers: dict[str, str] | None = None, extra: dict | None = None
    ):
        super().__init__(f"{status} {error_code}: {error_msg}")
        self.status = status
        self.error_code = error_code
        self.error_msg = error_msg
        self.headers = dict(headers or {})
        self.extra = dict(extra or {})

    def body(self) -> dict:
        return {"error_code": self.error_code, "error_msg": self.error_msg, **self.extra}


def bad_request(error_code: str, error_msg: str) -> ApiError:
    return ApiError(400, error_code, error_msg)


def invalid_parameter(error_msg: str) -> ApiError:
    # ModelArts' generic "invalid parameter" answer (the simulator's choice of code).
    return ApiError(400, "ModelArts.0101", error_msg)


def notebook_not_found(notebook_id: str) -> ApiError:
    # Error table (OTC api-ref appendix/error_codes.rst): "400 ModelArts.6309 The instance does not exist."
    return ApiError(400, "ModelArts.6309", f"The instance does not exist: notebook {notebook_id}.")


def image_not_found(image_id) -> ApiError:
    # Error table: "400 ModelArts.6797 Specified image {0} cannot be found."
    return ApiError(400, "ModelArts.6797", f"Specified image {image_id} cannot be found.")


def frozen(notebook_id: str) -> ApiError:
    # Error table: "400 ModelArts.6326 The instance is frozen. Check whether your account is in arrears in Billing Center."
    return ApiError(
        400,
        "ModelArts.6326",
        f"The instance is frozen. Check whether your account is in arrears in Billing Center (notebook {notebook_id}).",
    )


def not_running(notebook_id: str, status: str) -> ApiError:
    # Error table: "400 ModelArts.6327 The instance is not in running. Please refresh the page and start it."
    return ApiError(
        400,
        "ModelArts.6327",
        f"The instance is not in running. Please refresh the page and start it (notebook {notebook_id} is {status}).",
    )


def in_progress(notebook_id: str, status: str) -> ApiError:
    # Error table: "400 ModelArts.6357 The operation is not allowed because another operation is being performed
    # on the instance or the instance is in the target state." (OpenI's ModelArts client calls it ModelArtsJobInTargetState.)
    return ApiError(
        400,
        "ModelArts.6357",
        "The operation is not allowed because another operation is being performed on the instance or the instance "
        f"is in the target state (notebook {notebook_id} is {status}).",
    )


def free_quota_exhausted() -> ApiError:
    # Error table (ModelArts API reference, error_codes.rst): ModelArts.4991, message "Failed to obtain the job status.",
    # described as the free specifications' quota being exceeded; solution: billed specifications, or wait for resources.
    return ApiError(400, "ModelArts.4991", "Failed to obtain the job status.")


def api_not_found() -> ApiError:
    # What the API gateway answers for a path or method it does not publish.
    return ApiError(404, "APIGW.0101", "The API does not exist or has not been published in the environment.")


def throttled(limit: int, retry_after: int) -> ApiError:
    return ApiError(
        429,
        "APIG.0308",
        f"The throttling threshold has been reached: policy user over ratelimit,limit:{limit},time:1 second",
        {"Retry-After": str(retry_after)},
    )


# error_msg in Chinese, for requests with `X-Language: zh-cn` (ModelArts answers in the language
# that header asks for; golangsdk sends en-us). The wording follows the 描述 column of Huawei's
# Chinese error-code table (support.huaweicloud.com api-modelarts modelarts_03_0095) and the
# API gateway's error codes; the simulator's details (ids, states) are kept after the sentence.
ZH_CN_ERROR_MSG = {
    "ModelArts.0010": "内部服务错误。",
    "ModelArts.0101": "参数错误。",
    "ModelArts.0113": "创建Notebook失败，配额已用尽。",
    "ModelArts.0210": "项目ID与所用凭证的项目不符。",
    "ModelArts.4991": "获取作业状态失败。",
    "ModelArts.6309": "实例不存在。",
    "ModelArts.6326": "实例已冻结，请检查账户是否在费用中心欠费。",
    "ModelArts.6327": "实例不在运行状态，请刷新页面后启动。",
    "ModelArts.6348": "开启自动停止时必须指定时长（duration）。",
    "ModelArts.6357": "实例正在执行其他操作或已处于目标状态，不允许此操作。",
    "ModelArts.6360": "资源不足，请稍后重试或更换规格。",
    "ModelArts.6797": "指定的镜像不存在。",
    "APIG.0308": "请求超过流控阈值，请稍后重试。",
    "APIGW.0101": "API不存在或未在环境中发布。",
}


def localized_msg(error: ApiError, x_language: str | None) -> str:
    """The error's error_msg in the language the request asked for (English unless zh-cn and known)."""
    if (x_language or "").strip().lower() != "zh-cn" or error.error_code not in ZH_CN_ERROR_MSG:
        return error.error_msg
    detail = re.search(r"\((notebook [^)]*)\)|: (notebook \S+?)\.?$|image (\S+) cannot", error.error_msg)
    words = next((g for g in (detail.groups() if detail else ()) if g), None)
    return ZH_CN_ERROR_MSG[error.error_code] + (f"（{words}）" if words else "")
