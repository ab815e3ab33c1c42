"""One exception family for everything that can go wrong talking to ModelArts.

Each error keeps what ModelArts said (HTTP status, ``error_code``,
``error_msg``) and adds ``advice``: a sentence a person can act on. ``str(e)``
is that sentence followed by the upstream code, never a credential.
"""

from __future__ import annotations

import json

# error_code -> what to tell a person. Codes from Huawei's ModelArts/APIG references.
ADVICE_BY_CODE = {
    "APIGW.0301": "credentials rejected: check HUAWEICLOUD_SDK_AK/SK (the request signature did not verify)",
    "APIGW.0303": "the request date is more than 15 minutes off: fix this machine's clock",
    "APIG.0308": "ModelArts is throttling requests: wait a few seconds and try again",
    "ModelArts.0201": "no credentials were sent: configure an AK/SK or an IAM token",
    "ModelArts.0202": "the IAM token has expired: sign in again",
    "ModelArts.0203": "the IAM token is invalid: sign in again",
    "ModelArts.0210": "the project id does not belong to these credentials: check HUAWEICLOUD_SDK_PROJECT_ID for this region",
    "ModelArts.0108": "this account is not authorized for ModelArts notebooks: ask the account admin for ModelArts permissions",
    "ModelArts.0113": "the quota is exhausted: stop or delete an instance, or raise the quota",
    "ModelArts.4991": "the free CodeLab quota is used up for now: try again later",
    "ModelArts.6302": "the instance limit is reached: delete an instance you no longer need",
    "ModelArts.6304": "stop the instance before deleting it",
    "ModelArts.6305": "the instance is already running",
    "ModelArts.6306": "the instance is already starting: wait for it",
    "ModelArts.6307": "the instance is already stopped",
    "ModelArts.6308": "the instance is stopping: wait for it to stop, then start it again",
    "ModelArts.6309": "that instance does not exist (any more): open a new one",
    "ModelArts.6326": "the account is frozen (arrears): top up the account in the Huawei Cloud console",
    "ModelArts.6329": "that flavor is sold out: choose another image or try later",
    "ModelArts.6716": "that flavor is sold out: choose another image or try later",
    "ModelArts.6346": "the auto-stop duration must be between 1 and 72 hours",
    "ModelArts.6348": "the auto-stop duration is invalid: use 1 to 72 hours",
    "ModelArts.6349": "the auto-stop duration is invalid: use 1 to 72 hours",
    "ModelArts.6357": "another operation is in progress on this instance: wait for it to finish",
    "ModelArts.6360": "no free resources right now, try again in a few minutes",
    "ModelArts.6797": "that image was not found: pick one from the image list",
}

ADVICE_BY_STATUS = {
    400: "ModelArts rejected the request",
    401: "credentials rejected: check HUAWEICLOUD_SDK_AK/SK",
    403: "access denied: check the project id and the account's ModelArts permissions",
    404: "not found: the instance or image does not exist",
    429: "ModelArts is throttling requests: wait a few seconds and try again",
}


class ModelArtsError(Exception):
    """An error answer from ModelArts (or its gateway)."""

    def __init__(self, status: int, error_code: str | None = None, error_msg: str | None = None, advice: str | None = None):
        self.status = status
        self.error_code = error_code
        self.error_msg = error_msg
        self.advice = advice or ADVICE_BY_CODE.get(error_code or "") or ADVICE_BY_STATUS.get(status) or _generic(status)
        super().__init__(self.sentence)

    @property
    def sentence(self) -> str:
        code = f" [{self.error_code}]" if self.error_code else ""
        return f"{_capitalize(self.advice)}{code}"

    def to_json(self) -> dict:
        return {"message": self.sentence, "error_code": self.error_code, "error_msg": self.error_msg, "status": self.status}


class AuthError(ModelArtsError):
    """401: the credentials or token were not accepted."""


class ForbiddenError(ModelArtsError):
    """403."""


class NotFoundError(ModelArtsError):
    """404 or ModelArts.6309."""


class ThrottledError(ModelArtsError):
    """429 APIG.0308; ``retry_after`` in seconds when the gateway said."""

    def __init__(self, *args, retry_after: float | None = None, **kwargs):
        self.retry_after = retry_after
        super().__init__(*args, **kwargs)


class NoResourcesError(ModelArtsError):
    """ModelArts.6360: worth retrying later, not a bug."""


class InvalidStateError(ModelArtsError):
    """The instance is in a state that does not allow the operation (630x, 6357)."""


class UpstreamUnavailable(ModelArtsError):
    """No usable answer: connection refused or reset, 5xx, or a body that is not JSON.

    ``gateway_status`` is what a proxy in front of us should answer: 502 for a bad
    answer, 503 when ModelArts could not be reached, 504 on a timeout.
    """

    gateway_status = 502


class UpstreamTimeout(UpstreamUnavailable):
    """The connect or read timeout passed."""


_CLASS_BY_CODE = {
    "ModelArts.6360": NoResourcesError,
    "ModelArts.6309": NotFoundError,
    **{f"ModelArts.{n}": InvalidStateError for n in ("6304", "6305", "6306", "6307", "6308", "6357")},
}
_CLASS_BY_STATUS = {401: AuthError, 403: ForbiddenError, 404: NotFoundError}


def _generic(status: int) -> str:
    if status >= 500:
        return f"ModelArts had an internal problem (HTTP {status}): try again shortly"
    return f"ModelArts answered HTTP {status}"


def _capitalize(text: str) -> str:
    text = text.rstrip(".")
    return (text[:1].upper() + text[1:] + ".") if text else text


def parse_retry_after(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None  # an HTTP-date: we fall back to our own backoff


def error_from_response(status: int, body: bytes | str | None, headers: dict | None = None) -> ModelArtsError:
    """Build the right error from a non-2xx answer, keeping ModelArts' own code and text."""
    headers = {k.lower(): v for k, v in (headers or {}).items()}
    code = msg = None
    try:
        data = json.loads(body or b"")
        if isinstance(data, dict):
            code = data.get("error_code") or data.get("code")
            msg = data.get("error_msg") or data.get("message")
    except ValueError:
        pass
    if status == 429 or code == "APIG.0308":
        return ThrottledError(status, code, msg, retry_after=parse_retry_after(headers.get("retry-after")))
    if status >= 500:
        return UpstreamUnavailable(status, code, msg)
    cls = _CLASS_BY_CODE.get(code or "") or _CLASS_BY_STATUS.get(status) or ModelArtsError
    return cls(status, code, msg)
