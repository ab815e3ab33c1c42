"""Where the Huawei Cloud credentials, project and endpoint come from.

Order, as the Huawei SDKs do it: explicit configuration (traitlets), then the
``HUAWEICLOUD_SDK_*`` environment variables, then ``~/.huaweicloud/credentials``.
The first source that holds a key pair (or an IAM password) wins; the project
id and region are taken from the first source that has them.
"""

from __future__ import annotations

import configparser
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

from ..i18n import _
from .provenance import Provenance

DEFAULT_REGION = "cn-north-4"
PROJECT_ID_RE = re.compile(r"^[0-9a-f]{32}$")

ENV_AK = "HUAWEICLOUD_SDK_AK"
ENV_SK = "HUAWEICLOUD_SDK_SK"
ENV_SECURITY_TOKEN = "HUAWEICLOUD_SDK_SECURITY_TOKEN"
ENV_PROJECT_ID = "HUAWEICLOUD_SDK_PROJECT_ID"
ENV_REGION = "HUAWEICLOUD_SDK_REGION"
ENV_ENDPOINT = "CODELAB_ENDPOINT"
ENV_IAM_ENDPOINT = "CODELAB_IAM_ENDPOINT"
ENV_IAM_USER = "CODELAB_IAM_USER"
ENV_IAM_PASSWORD = "CODELAB_IAM_PASSWORD"
ENV_IAM_DOMAIN = "CODELAB_IAM_DOMAIN"


class ConfigError(ValueError):
    """The configuration is incomplete or malformed; the message names the field and the fix."""


def endpoint_for_region(region: str) -> str:
    # Only ModelArts' ap-southeast-1 host is on .myhuaweicloud.cn (huaweicloudsdkmodelarts/v1/region/modelarts_region.py).
    suffix = "myhuaweicloud.cn" if region == "ap-southeast-1" else "myhuaweicloud.com"
    return f"https://modelarts.{region}.{suffix}"


def iam_endpoint_for_region(region: str) -> str:
    # IAM is on .myhuaweicloud.com in every region, ap-southeast-1 included (huaweicloudsdkcore/auth/endpoint.py).
    return f"https://iam.{region}.myhuaweicloud.com"


@dataclass(frozen=True)
class AkSkCredentials:
    access_key: str
    secret_key: str = field(repr=False)
    security_token: str | None = field(default=None, repr=False)

    method = "aksk"


@dataclass(frozen=True)
class PasswordCredentials:
    """An IAM user's password, exchanged for a 24 h project-scoped token."""

    user_name: str
    password: str = field(repr=False)
    domain_name: str

    method = "token"


Credentials = Union[AkSkCredentials, PasswordCredentials]  # noqa: UP007 - a runtime alias; `|` needs 3.10's types at import


@dataclass(frozen=True)
class ClientSettings:
    endpoint: str
    project_id: str
    region: str
    credentials: Credentials
    iam_endpoint: str
    source: str = "config"  # config | env | file | session (given to a running server): where the credentials came from
    provenance: Provenance = field(default_factory=Provenance, compare=False)  # how each part was found (doctor)

    @property
    def auth_method(self) -> str:
        return self.credentials.method


def _from_mapping(values: Mapping[str, str | None]) -> Credentials | None:
    ak, sk = values.get("access_key"), values.get("secret_key")
    if ak and sk:
        return AkSkCredentials(ak, sk, values.get("security_token") or None)
    if ak or sk:
        missing = "secret_key (SK)" if ak else "access_key (AK)"
        raise ConfigError(_("Only half of an AK/SK pair is configured: set the {missing} too.").format(missing=missing))
    user, password = values.get("user_name"), values.get("password")
    if user and password:
        return PasswordCredentials(user, password, values.get("domain_name") or user)
    return None


def _env_values(env: Mapping[str, str]) -> dict:
    return {
        "access_key": env.get(ENV_AK),
        "secret_key": env.get(ENV_SK),
        "security_token": env.get(ENV_SECURITY_TOKEN),
        "project_id": env.get(ENV_PROJECT_ID),
        "region": env.get(ENV_REGION),
        "endpoint": env.get(ENV_ENDPOINT),
        "iam_endpoint": env.get(ENV_IAM_ENDPOINT),
        "user_name": env.get(ENV_IAM_USER),
        "password": env.get(ENV_IAM_PASSWORD),
        "domain_name": env.get(ENV_IAM_DOMAIN),
    }


def _file_values(home: Path) -> dict:
    path = home / ".huaweicloud" / "credentials"
    parser = configparser.ConfigParser()
    try:
        # read_file, not read: read() skips a file it cannot open, which would hide the problem.
        with open(path, encoding="utf-8") as handle:
            parser.read_file(handle)
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            _("{path} cannot be read ({reason}): fix its permissions (chmod 600) or remove it.").format(
                path=path, reason=type(exc).__name__
            )
        ) from None
    except configparser.Error as exc:
        raise ConfigError(
            _("{path} is not a valid INI file ({reason}): fix or remove it.").format(path=path, reason=type(exc).__name__)
        ) from None
    if not parser.has_section("basic"):
        return {}
    basic = parser["basic"]
    return {
        "access_key": basic.get("ak"),
        "secret_key": basic.get("sk"),
        "security_token": basic.get("security_token"),
        "project_id": basic.get("project_id"),
        "region": basic.get("region"),
    }


def resolve_settings(
    config: Mapping[str, str | None] | None = None,
    env: Mapping[str, str] | None = None,
    home: Path | str | None = None,
) -> ClientSettings | None:
    """The settings to reach ModelArts, or None when no credentials are set anywhere."""
    env = os.environ if env is None else env
    home = Path(home) if home is not None else Path(os.path.expanduser("~"))
    sources = [("config", dict(config or {})), ("env", _env_values(env)), ("file", _file_values(home))]

    found = next(((name, creds) for name, values in sources if (creds := _from_mapping(values))), None)
    if found is None:
        return None
    source, credentials = found

    def first(key: str) -> str | None:
        return next((values[key] for _, values in sources if values.get(key)), None)

    region = first("region") or DEFAULT_REGION
    project_id = (first("project_id") or "").strip()
    if not project_id:
        raise ConfigError(
            _(
                "No project id is configured: set {variable} (or c.CodeLab.project_id) to the 32-character project id of region {region}, shown in the "
                "Huawei Cloud console under My Credentials."
            ).format(variable=ENV_PROJECT_ID, region=region)
        )
    if not PROJECT_ID_RE.match(project_id):
        raise ConfigError(
            _("The project id must be 32 lowercase hex characters: copy it from My Credentials in the Huawei Cloud console.")
        )

    def origin(key: str) -> str | None:
        return next((name for name, values in sources if values.get(key)), None)

    provenance = Provenance(
        source=source,  # type: ignore[arg-type]
        file_path=str(home / ".huaweicloud" / "credentials"),
        keys_set=tuple(key for key, value in dict(sources)[source].items() if value),
        region_from=origin("region") or "default",  # type: ignore[arg-type]
        project_id_from=origin("project_id") or "config",  # type: ignore[arg-type]
    )
    return ClientSettings(
        endpoint=(first("endpoint") or endpoint_for_region(region)).rstrip("/"),
        project_id=project_id,
        region=region,
        credentials=credentials,
        iam_endpoint=(first("iam_endpoint") or first("endpoint") or iam_endpoint_for_region(region)).rstrip("/"),
        source=source,
        provenance=provenance,
    )
