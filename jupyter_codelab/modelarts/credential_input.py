"""Checking credentials a person typed (sidebar form, %codelab login, jupyter codelab login).

Pure: no network. Every failure is a ``CredentialInputError`` naming the field
and the fix; no message ever contains a secret value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal, overload

from ..i18n import N_, _
from .credentials import PROJECT_ID_RE, AkSkCredentials, Credentials, PasswordCredentials

AKSK_FIELDS = ("access_key", "secret_key", "security_token")
IAM_FIELDS = ("iam_user", "iam_password", "iam_domain")
COMMON_FIELDS = ("project_id", "region", "remember")
ALL_FIELDS = frozenset(AKSK_FIELDS + IAM_FIELDS + COMMON_FIELDS)

# Access key ids are 20 upper-case letters and digits on Huawei Cloud; be lenient on the length.
ACCESS_KEY_RE = re.compile(r"^[A-Za-z0-9]{8,128}$")
# cn-north-4, ap-southeast-1, la-south-2, eu-west-101, me-east-1, ...
REGION_RE = re.compile(r"^[a-z]{2,}(-[a-z0-9]+){1,3}$")
MAX_SECRET = 256
MAX_TOKEN = 16 * 1024
WHERE_KEYS = N_("Huawei Cloud console > My Credentials > Access Keys")


class CredentialInputError(ValueError):
    """A mistake in what was typed; ``field`` names it, ``str(e)`` says how to fix it."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)


@dataclass(frozen=True)
class CredentialInput:
    credentials: Credentials
    project_id: str | None = None
    region: str | None = None
    remember: bool = False
    fields: tuple = field(default=(), repr=False)  # which form: AKSK_FIELDS or IAM_FIELDS

    @property
    def is_aksk(self) -> bool:
        return isinstance(self.credentials, AkSkCredentials)


@overload
def _text(body: dict, name: str, required: Literal[True], limit: int = 256, secret: bool = False) -> str: ...
@overload
def _text(body: dict, name: str, required: bool, limit: int = 256, secret: bool = False) -> str | None: ...


def _text(body: dict, name: str, required: bool, limit: int = 256, secret: bool = False) -> str | None:
    value = body.get(name)
    if value is None or value == "":
        if required:
            raise CredentialInputError(name, _("{name} is missing: {what}").format(name=name, what=_what(name)))
        return None
    if not isinstance(value, str):
        raise CredentialInputError(name, _("{name} must be a string: {what}").format(name=name, what=_what(name)))
    value = value.strip()
    if not value:
        if required:
            raise CredentialInputError(name, _("{name} is empty: {what}").format(name=name, what=_what(name)))
        return None
    if len(value) > limit:
        raise CredentialInputError(
            name, _("{name} is longer than {limit} characters: {what}").format(name=name, limit=limit, what=_what(name))
        )
    if secret and any(c.isspace() for c in value):
        raise CredentialInputError(
            name, _("{name} contains spaces or line breaks: paste it again without them.").format(name=name)
        )
    return value


def _what(name: str) -> str:
    return {
        "access_key": _("give the access key id (AK, like QTWAOYTTINDUT2QVKYUC) from {where}.").format(where=_(WHERE_KEYS)),
        "secret_key": _(
            "give the secret access key (SK) that belongs to the access key, from the file {where} let you download."
        ).format(where=_(WHERE_KEYS)),
        "security_token": _("give the security token of temporary credentials, or leave it out for permanent keys."),
        "iam_user": _("give the IAM user name you sign in to the console with."),
        "iam_password": _("give the IAM user's password."),
        "iam_domain": _("give the account (domain) name, or leave it out when it equals the user name."),
        "project_id": _(
            "give the 32-character project id of the region (My Credentials > Projects), or leave it out to look it up."
        ),
        "region": _("give a region name such as cn-north-4."),
    }.get(name, _("check the value."))


def parse_credential_input(body: dict) -> CredentialInput:
    """Validate a credentials form (``{access_key, secret_key, ...}`` or ``{iam_user, iam_password, ...}``)."""
    if not isinstance(body, dict):
        raise CredentialInputError("body", _('Send a JSON object such as {"access_key": ..., "secret_key": ...}.'))
    unknown = sorted(set(body) - ALL_FIELDS)
    if unknown:
        raise CredentialInputError(
            unknown[0],
            _("Unknown field '{unknown}': the fields accepted are {names}.").format(
                unknown=unknown[0], names=", ".join(sorted(ALL_FIELDS))
            ),
        )
    given = {name for name in body if body.get(name) not in (None, "")}
    aksk, iam = given & set(AKSK_FIELDS), given & set(IAM_FIELDS)
    if aksk and iam:
        raise CredentialInputError(
            sorted(iam)[0], _("Give either access_key + secret_key, or iam_user + iam_password (+ iam_domain), not both.")
        )
    if iam:
        user = _text(body, "iam_user", True, 128)
        password = _text(body, "iam_password", True, MAX_SECRET)
        domain = _text(body, "iam_domain", False, 128) or user
        credentials: Credentials = PasswordCredentials(user, password, domain)
        form = IAM_FIELDS
    else:
        access_key = _text(body, "access_key", True, 128)
        if not ACCESS_KEY_RE.match(access_key):
            raise CredentialInputError(
                "access_key", _("access_key must be letters and digits only: {what}").format(what=_what("access_key"))
            )
        secret_key = _text(body, "secret_key", True, MAX_SECRET, secret=True)
        token = _text(body, "security_token", False, MAX_TOKEN, secret=True)
        credentials = AkSkCredentials(access_key, secret_key, token)
        form = AKSK_FIELDS
    project_id = _text(body, "project_id", False, 64)
    if project_id is not None:
        project_id = project_id.lower()
        if not PROJECT_ID_RE.match(project_id):
            raise CredentialInputError(
                "project_id", _("project_id must be 32 hex characters: {what}").format(what=_what("project_id"))
            )
    region = _text(body, "region", False, 64)
    if region is not None and not REGION_RE.match(region):
        raise CredentialInputError(
            "region", _("region '{region}' is not a region name: {what}").format(region=region[:64], what=_what("region"))
        )
    remember = body.get("remember", False)
    if remember is None:
        remember = False
    if not isinstance(remember, bool):
        raise CredentialInputError("remember", _("remember must be true (keep the keys in ~/.huaweicloud/credentials) or false."))
    if remember and form is IAM_FIELDS:
        raise CredentialInputError(
            "remember",
            _(
                "Only access keys can be remembered (~/.huaweicloud/credentials holds an AK/SK): connect with remember false, or use an access key."
            ),
        )
    return CredentialInput(credentials, project_id, region, remember, form)
