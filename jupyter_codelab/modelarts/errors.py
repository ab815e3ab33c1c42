"""One exception family for everything that can go wrong talking to ModelArts.

Each error keeps what ModelArts said (HTTP status, ``error_code``,
``error_msg``, ``request_id``) and adds ``advice``: a sentence a person can act
on. ``str(e)`` is that sentence followed by the upstream code and request id
(for support tickets), never a credential.
"""

from __future__ import annotations

import json
from importlib import resources

from ..i18n import N_, _

# error_code -> what to tell a person, shared with the sidebar: advice.json is the one table,
# scripts/generate_ts_tables turns it into labextension/src/generated/advice.ts.
ADVICE_BY_CODE: dict[str, str] = json.loads(resources.files(__package__).joinpath("advice.json").read_text("utf-8"))["advice"]

ADVICE_BY_STATUS = {
    400: N_("ModelArts rejected the request"),
    401: N_("credentials rejected: check HUAWEICLOUD_SDK_AK/SK"),
    403: N_("access denied: check the project id and the account's ModelArts permissions"),
    404: N_("not found: the instance or image does not exist"),
    429: N_("ModelArts is throttling requests: wait a few seconds and try again"),
}

# Terraform's notebookNotFoundErrCodes (huaweicloud/terraform-provider-huaweicloud,
# resource_huaweicloud_modelarts_notebook.go): a 400 with one of these means the notebook is gone.
# 6357 is documented as "another operation is being performed or the instance is in the target
# state" (error_codes.rst) and we used to treat it so; we follow Terraform and the issue now.
NOT_FOUND_CODES = ("ModelArts.6309", "ModelArts.6357", "ModelArts.6404")


def advice_key(code: str | None) -> str:
    """The key of ``code`` in the advice table: gateway codes are ``APIG.`` or (older pages) ``APIGW.``."""
    code = code or ""
    return "APIG." + code[len("APIGW.") :] if code.startswith("APIGW.") else code


def advice_for(code: str | None) -> str | None:
    return ADVICE_BY_CODE.get(advice_key(code))


class ModelArtsError(Exception):
    """An error answer from ModelArts (or its gateway)."""

    phase: str | None = None  # set by the connect flow: which of its calls failed (iam_projects, connect_advice)

    def __init__(
        self,
        status: int,
        error_code: str | None = None,
        error_msg: str | None = None,
        advice: str | None = None,
        request_id: str | None = None,
    ):
        self.status = status
        self.error_code = error_code
        self.error_msg = error_msg
        self.request_id = request_id
        self.advice = advice or advice_for(error_code) or ADVICE_BY_STATUS.get(status) or _generic(status)
        super().__init__(self.sentence)

    @property
    def sentence(self) -> str:
        """The advice (in the current language), then what to quote to Huawei support: ``... [ModelArts.6309, request id abc]``."""
        request = _("request id {request_id}").format(request_id=self.request_id) if self.request_id else None
        tail = ", ".join(p for p in (self.error_code, request) if p)
        return f"{_capitalize(_(self.advice))}" + (f" [{tail}]" if tail else "")

    def to_json(self) -> dict:
        return {
            "message": self.sentence,
            "error_code": self.error_code,
            "error_msg": self.error_msg,
            "request_id": self.request_id,
            "status": self.status,
        }


class AuthError(ModelArtsError):
    """401: the credentials or token were not accepted."""


class ForbiddenError(ModelArtsError):
    """403."""


class NotFoundError(ModelArtsError):
    """404, or 400 with one of ``NOT_FOUND_CODES``."""


class ThrottledError(ModelArtsError):
    """429 APIG.0308; ``retry_after`` in seconds when the gateway said."""

    def __init__(self, *args, retry_after: float | None = None, **kwargs):
        self.retry_after = retry_after
        super().__init__(*args, **kwargs)


class NoResourcesError(ModelArtsError):
    """ModelArts.6360 (no resources), 4991 (the free specifications' quota is used up): worth retrying later, not a bug."""


class InvalidStateError(ModelArtsError):
    """The instance is in a state that does not allow the operation (6304-6308)."""


class UpstreamUnavailable(ModelArtsError):
    """No usable answer: connection refused or reset, 5xx, or a body that is not JSON.

    ``gateway_status`` is what a proxy in front of us should answer: 502 for a bad
    answer, 503 when ModelArts could not be reached, 504 on a timeout.
    """

    gateway_status = 502
    host: str | None = None  # set when no answer came at all: the host, and why (responses.unreachable)
    reason: str | None = None


class UpstreamTimeout(UpstreamUnavailable):
    """The connect or read timeout passed."""


_CLASS_BY_CODE = {
    "ModelArts.6360": NoResourcesError,
    "ModelArts.4991": NoResourcesError,
    **{code: NotFoundError for code in NOT_FOUND_CODES},
    **{f"ModelArts.{n}": InvalidStateError for n in ("6304", "6305", "6306", "6307", "6308")},
}
_CLASS_BY_STATUS = {401: AuthError, 403: ForbiddenError, 404: NotFoundError}


def _generic(status: int) -> str:
    if status >= 500:
        return _("ModelArts had an internal problem (HTTP {status}): try again shortly").format(status=status)
    return _("ModelArts answered HTTP {status}").format(status=status)


def _capitalize(text: str) -> str:
    text = text.rstrip(".。")
    full_stop = "。" if text and text[-1] >= "\u2e80" else "."  # a Chinese sentence ends with a Chinese full stop
    return (text[:1].upper() + text[1:] + full_stop) if text else text


def parse_retry_after(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None  # an HTTP-date: we fall back to our own backoff


def _code_and_text(data: dict) -> tuple[str | None, str | None]:
    """ModelArts' ``{error_code, error_msg}``, or the same pair spelled another way, here or nested.

    Like huaweicloudsdkcore's exceptions/exception_handler.py: ``error_code``/``error_msg``,
    ``errorCode``/``errorMsg``, ``code``/``message``, else look inside nested objects, which is
    where IAM puts it: ``{"error": {"code", "message", "title"}}`` (IAM API reference).
    """
    for code_key, msg_key in (("error_code", "error_msg"), ("errorCode", "errorMsg"), ("code", "message")):
        if data.get(code_key) is not None:
            text = data.get(msg_key) or data.get("title")
            return str(data[code_key]), (str(text) if text is not None else None)
    for value in data.values():
        if isinstance(value, dict) and (found := _code_and_text(value)) != (None, None):
            return found
    return None, None


def _request_id(data: dict) -> str | None:
    found = data.get("request_id")
    if isinstance(found, str) and found:
        return found
    return next((rid for v in data.values() if isinstance(v, dict) and (rid := _request_id(v))), None)


def error_from_response(status: int, body: bytes | str | None, headers: dict | None = None) -> ModelArtsError:
    """Build the right error from a non-2xx answer, keeping ModelArts' own code, text and request id."""
    headers = {k.lower(): v for k, v in (headers or {}).items()}
    code = msg = request_id = None
    try:
        data = json.loads(body or b"")
        if isinstance(data, dict):
            code, msg = _code_and_text(data)
            request_id = _request_id(data)
    except ValueError:
        pass
    # The gateway puts request_id in the body (APIG FAQ); the SDK core reads the X-Request-Id header.
    request_id = request_id or headers.get("x-request-id") or None
    if status == 429 or advice_key(code) == "APIG.0308":
        return ThrottledError(status, code, msg, request_id=request_id, retry_after=parse_retry_after(headers.get("retry-after")))
    if status >= 500:
        return UpstreamUnavailable(status, code, msg, request_id=request_id)
    cls = _CLASS_BY_CODE.get(code or "") or _CLASS_BY_STATUS.get(status) or ModelArtsError
    return cls(status, code, msg, request_id=request_id)
