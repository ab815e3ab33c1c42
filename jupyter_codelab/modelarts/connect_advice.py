"""What to tell a person whose new credentials were refused, and which form field to fix.

Used by the server's ``POST credentials`` and by the direct ``login`` of the
kernel and the CLI. The upstream ``error_code`` and ``error_msg`` are kept
as they are; the sentence never contains a secret.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import N_, _
from .errors import ModelArtsError, ThrottledError, UpstreamUnavailable
from .iam_projects import ProjectNotFound

KEYS_PAGE = N_("My Credentials > Access Keys in the Huawei Cloud console")


@dataclass(frozen=True)
class Refusal:
    status: int
    message: str
    field: str | None
    error_code: str | None
    error_msg: str | None


def _status(error: ModelArtsError) -> int:
    if isinstance(error, UpstreamUnavailable):
        return getattr(error, "gateway_status", 502)
    return error.status


def explain(error: ModelArtsError, aksk: bool, endpoint_from_region: bool = True) -> Refusal:
    """The answer for a failed connect attempt (``error.phase`` is "project" or "check")."""
    phase = getattr(error, "phase", "check")
    code, msg = error.error_code, error.error_msg
    lowered = (msg or "").lower()
    field, status = None, _status(error)
    if isinstance(error, ProjectNotFound):
        field, status = ("project_id" if error.status == 409 else "region"), 400
        sentence = error.sentence
    elif code == "APIGW.0303":
        sentence = error.sentence
    elif error.status == 401 and not aksk:
        field = "iam_password"
        sentence = _(
            "IAM did not accept this user name and password: check iam_user, iam_password and iam_domain (the account name)."
        )
    elif error.status == 401:
        if "security" in lowered or "x-security-token" in lowered:
            field = "security_token"
            sentence = _("These temporary keys need their security token (or it has expired): paste the current security_token.")
        elif "access key" in lowered and ("not exist" in lowered or "does not" in lowered):
            field = "access_key"
            sentence = _("Huawei Cloud does not know this access key: check the access key id (AK) under {page}.").format(
                page=_(KEYS_PAGE)
            )
        else:
            field = "secret_key"
            sentence = _(
                "Huawei Cloud did not accept these keys: check the secret key (SK) that belongs to this access key ({page})."
            ).format(page=_(KEYS_PAGE))
    elif error.status == 403 and phase == "project":
        field = "project_id"
        sentence = _(
            "These credentials may not list the account's projects in IAM: give the project id (My Credentials > Projects)."
        )
    elif code == "ModelArts.0210" or (error.status == 403 and "project" in lowered):
        field = "project_id"
        sentence = _(
            "The project id does not belong to these credentials: check it, or leave it out to look it up from the region."
        )
    elif error.status == 400 and phase == "project":
        field = "region"
        sentence = _("IAM refused the project of this region: check the region. {reason}").format(reason=error.sentence)
    elif isinstance(error, ThrottledError):
        sentence = error.sentence
    elif isinstance(error, UpstreamUnavailable):
        # No answer: about the network, not one field. The sentence names the host and why; a name
        # that does not resolve may come from the region, when the endpoint is made from it.
        sentence = error.sentence
        if endpoint_from_region and getattr(error, "why", None) == "dns":
            sentence = f"{sentence} " + _("Its address is made from the region: if the network works, check the region.")
    else:
        sentence = error.sentence
    if code and code not in sentence:
        sentence = f"{sentence.rstrip('.')} [{code}]."
    return Refusal(status, sentence, field, code, msg)
