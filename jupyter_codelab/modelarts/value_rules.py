"""The rules every credential value meets, wherever it comes from: a form, ``c.CodeLab``, the environment or a file.

One set of rules: ``POST credentials`` (``credential_input``) and the configured sources
(``credential_sources``) both call ``check``. A value that breaks a rule is refused with a
sentence naming where it came from and the fix, and never reaches a hostname or a request.
Secrets are never echoed, nor are endpoints (a URL may carry a password as userinfo).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..i18n import N_, _

# Access key ids are 20 upper-case letters and digits on Huawei Cloud; be lenient on the length.
ACCESS_KEY_RE = re.compile(r"^[A-Za-z0-9]{8,128}$")
# cn-north-4, ap-southeast-1, la-south-2, eu-west-101, me-east-1, ...
REGION_RE = re.compile(r"^[a-z]{2,}(-[a-z0-9]+){1,3}$")
PROJECT_ID_RE = re.compile(r"^[0-9a-f]{32}$")  # project and domain (account) ids alike
_HOST_RE = re.compile(r"^([0-9a-f:.]+|[a-z0-9]([a-z0-9.-]*[a-z0-9])?)$")  # urlsplit's hostname: lower case, no brackets
MAX_SECRET = 256
MAX_TOKEN = 16 * 1024
WHERE_KEYS = N_("Huawei Cloud console > My Credentials > Access Keys")

LIMITS = {"access_key": 128, "secret_key": MAX_SECRET, "security_token": MAX_TOKEN, "iam_user": 128, "iam_password": MAX_SECRET,
          "iam_domain": 128, "project_id": 64, "domain_id": 64, "region": 64}  # fmt: skip
NO_SPACES = frozenset({"secret_key", "security_token"})
ENDPOINTS = {
    "endpoint": "https://modelarts.cn-north-4.myhuaweicloud.com",
    "iam_endpoint": "https://iam.myhuaweicloud.com",
    "obs_endpoint": "https://obs.cn-north-4.myhuaweicloud.com",
}
MAX_URL = 512


class ConfigError(ValueError):
    """The configuration is incomplete or malformed; the message names the field and the fix."""


class CredentialInputError(ValueError):
    """A value that breaks a rule; ``field`` names it, ``str(e)`` says how to fix it."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)


def shown(value: str, limit: int = 64) -> str:
    """A value fit to echo in a sentence or a log line: control characters escaped, cut to ``limit``."""
    text = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in value[:limit])
    return text + ("…" if len(value) > limit else "")


def what(field: str) -> str:
    """How to give ``field`` right, as the end of a sentence."""
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
        "domain_id": _("give the 32-character account id (My Credentials), or leave it out."),
        "region": _("give a region name such as cn-north-4."),
    }.get(field, _("check the value."))


def check(field: str, value, name: str | None = None, required: bool = False) -> str | None:
    """``value`` of ``field`` cleaned (stripped; None when empty), or CredentialInputError naming ``name`` (else ``field``)."""
    name = name or field
    if value is None or value == "":
        if required:
            raise CredentialInputError(field, _("{name} is missing: {what}").format(name=name, what=what(field)))
        return None
    if not isinstance(value, str):
        raise CredentialInputError(field, _("{name} must be a string: {what}").format(name=name, what=what(field)))
    value = value.strip()
    if not value:
        if required:
            raise CredentialInputError(field, _("{name} is empty: {what}").format(name=name, what=what(field)))
        return None
    if field in ENDPOINTS:
        return _endpoint(field, value, name)
    limit = LIMITS.get(field, 256)
    if len(value) > limit:
        raise CredentialInputError(
            field, _("{name} is longer than {limit} characters: {what}").format(name=name, limit=limit, what=what(field))
        )
    if field in NO_SPACES and any(c.isspace() for c in value):
        raise CredentialInputError(
            field, _("{name} contains spaces or line breaks: paste it again without them.").format(name=name)
        )
    if field == "access_key" and not ACCESS_KEY_RE.match(value):
        raise CredentialInputError(field, _("{name} must be letters and digits only: {what}").format(name=name, what=what(field)))
    if field in ("project_id", "domain_id"):
        value = value.lower()
        if not PROJECT_ID_RE.match(value):
            raise CredentialInputError(field, _("{name} must be 32 hex characters: {what}").format(name=name, what=what(field)))
    if field == "region" and not REGION_RE.match(value):
        raise CredentialInputError(
            field, _("{name} '{region}' is not a region name: {what}").format(name=name, region=shown(value), what=what(field))
        )
    return value


def _endpoint(field: str, value: str, name: str) -> str:
    """An http(s) URL with a host, an optional port and path, and no userinfo, query or fragment."""
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in range
        ok = (
            len(value) <= MAX_URL
            and parts.scheme in ("http", "https")
            and _HOST_RE.match(parts.hostname or "") is not None
            and not any(c in value for c in "@?#\\")
            and all(c.isprintable() and not c.isspace() for c in value)
        )
    except ValueError:
        ok = False
    if not ok:
        raise CredentialInputError(
            field,
            _(
                "{name} must be an http:// or https:// URL with a host and nothing but a port and a path after it "
                "(no user name, password, query or fragment), such as {example}."
            ).format(name=name, example=ENDPOINTS[field]),
        )
    return value.rstrip("/")
