"""What OBS's answer to ``HEAD bucket`` means: the sentences sending and the doctor share, and the doctor's OBS line.

A 403 there has two causes OBS does not tell apart: the bucket belongs to another account
(bucket names are global), or this IAM user has no OBS permissions (OBS grants them in IAM's
global project: OBS permissions management, "OBS Administrator" and the other system policies).
"""

from __future__ import annotations

from collections.abc import Callable

from ..i18n import N_, _
from ..modelarts.credentials import AkSkCredentials, Credentials
from ..modelarts.doctor.report import Check
from .gateway import ObsGateway, ObsRequestError
from .naming import NamingError, check_bucket, default_bucket

DOCTOR_TIMEOUT_S = 5  # per try (the SDK tries 3 times): a person is waiting for the answer

FORBIDDEN = N_(
    "OBS answered 403 for the bucket {name}: either it belongs to another account (bucket names are global), "
    "or this IAM user has no OBS permissions."
)
FORBIDDEN_FIX = N_(
    "Set c.CodeLab.obs_bucket (or CODELAB_OBS_BUCKET) to a bucket of your own, or ask the account's administrator "
    "to give this IAM user OBS permissions (OBS Administrator, in IAM's global project)."
)


def forbidden_sentence(name: str) -> str:
    """Why sending cannot use the bucket ``name`` (a 403), and both fixes."""
    return f"{_(FORBIDDEN).format(name=name)} {_(FORBIDDEN_FIX)}"


def not_checked(reason: str) -> Check:
    return Check("obs", None, _("OBS bucket"), reason)


def bucket_check(status_of: Callable[[str], int], name: str, configured: bool, region: str, keys_refused: bool = False) -> Check:
    """``HEAD`` the bucket sending uses (``configured``, else the default one) with ``ObsGateway.bucket_status`` (blocking).

    ``keys_refused``: IAM or ModelArts refused the keys, which explains a 403 better than either cause.
    """
    title = _("OBS bucket")
    data: dict = {"bucket": name, "configured": configured, "region": region}
    try:
        status = status_of(check_bucket(name))
    except NamingError as error:
        return Check(
            "obs", False, title, str(error), _("Give c.CodeLab.obs_bucket (or CODELAB_OBS_BUCKET) a valid bucket name."), data
        )
    except ObsRequestError as error:
        data.update(status=error.status, error_code=error.code, request_id=error.request_id)
        if error.status is None:
            detail = _("Could not reach OBS ({reason}).").format(reason=error.code)
            return Check("obs", False, title, detail, _("Check the network and the OBS endpoint (c.CodeLab.obs_endpoint)."), data)
        fix = _("Try again shortly; if it goes on, quote the request id to Huawei Cloud support.")
        return Check("obs", False, title, error.sentence(), fix, data)
    data["status"] = status
    if status == 200:
        return Check(
            "obs", True, title, _("{name} exists and is yours (region {region}).").format(name=name, region=region), data=data
        )
    if status == 403 and keys_refused:
        detail = _("OBS answered 403 for the bucket {name}, and IAM and ModelArts refused these keys too.").format(name=name)
        return Check("obs", False, title, detail, _("Fix the keys first (see above), then check again."), data)
    if status == 403:
        return Check("obs", False, title, _(FORBIDDEN).format(name=name), _(FORBIDDEN_FIX), data)
    if configured:
        detail = _("The bucket {name} (c.CodeLab.obs_bucket or CODELAB_OBS_BUCKET) does not exist.").format(name=name)
        fix = _("Create it in the OBS console (region {region}), or set c.CodeLab.obs_bucket to a bucket that exists.")
        return Check("obs", False, title, detail, fix.format(region=region), data)
    detail = _("{name} does not exist yet: the first send offers to create it (private, in {region}).").format(
        name=name, region=region
    )
    return Check("obs", True, title, detail, data=data)


def doctor_check(endpoint: str, credentials: Credentials, bucket: str | None, project_id: str, region: str,
                 keys_refused: bool) -> Check:  # fmt: skip
    """The doctor's OBS line, on a gateway of its own with short timeouts (blocking: a thread on the server).

    ``bucket``: the configured one (``c.CodeLab.obs_bucket``, ``CODELAB_OBS_BUCKET``), else the default is checked.
    """
    if not isinstance(credentials, AkSkCredentials):
        return not_checked(_("Not checked: sending notebooks through OBS needs access keys, not an IAM password."))
    try:
        name = bucket or default_bucket(project_id, region)
    except NamingError as error:
        return not_checked(str(error))
    gateway = ObsGateway(endpoint, credentials.access_key, credentials.secret_key, credentials.security_token, region,
                         timeout=DOCTOR_TIMEOUT_S)  # fmt: skip
    try:
        return bucket_check(gateway.bucket_status, name, bool(bucket), region, keys_refused)
    finally:
        gateway.close()
