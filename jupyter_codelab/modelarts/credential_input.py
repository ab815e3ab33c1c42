"""Checking credentials a person typed (sidebar form, %codelab login, jupyter codelab login).

Pure: no network. Every failure is a ``CredentialInputError`` naming the field
and the fix; no message ever contains a secret value.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..i18n import _
from .credentials import AkSkCredentials, Credentials, PasswordCredentials
from .value_rules import CredentialInputError, check

AKSK_FIELDS = ("access_key", "secret_key", "security_token")
IAM_FIELDS = ("iam_user", "iam_password", "iam_domain")
COMMON_FIELDS = ("project_id", "region", "remember")
ALL_FIELDS = frozenset(AKSK_FIELDS + IAM_FIELDS + COMMON_FIELDS)


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


def _text(body: dict, name: str, required: bool = False) -> str:
    return check(name, body.get(name), required=required) or ""


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
        user = _text(body, "iam_user", True)
        password = _text(body, "iam_password", True)
        credentials: Credentials = PasswordCredentials(user, password, _text(body, "iam_domain") or user)
        form = IAM_FIELDS
    else:
        access_key, secret_key = _text(body, "access_key", True), _text(body, "secret_key", True)
        credentials = AkSkCredentials(access_key, secret_key, _text(body, "security_token") or None)
        form = AKSK_FIELDS
    project_id, region = _text(body, "project_id") or None, _text(body, "region") or None
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
