"""Where the Huawei Cloud credentials, project, region and endpoints come from.

Order, as the Huawei SDKs do it: explicit configuration (traitlets), then the environment, then
the credentials file (``credential_sources``). The first source that holds a key pair (or an IAM
password) gives the credentials; each other value comes from the first source that has it. Every
value is checked first (``value_rules``): a bad one is a ConfigError naming its source and key.

The region and the project id may be missing: ``iam_projects.locate`` finds them through IAM
(the region of a project id, or the project id of a region, ``cn-north-4`` when neither is given).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Union

from ..i18n import _
from .credential_sources import (  # noqa: F401 - the names callers know this module by
    ENV_AK,
    ENV_DOMAIN_ID,
    ENV_ENDPOINT,
    ENV_IAM_DOMAIN,
    ENV_IAM_ENDPOINT,
    ENV_IAM_PASSWORD,
    ENV_IAM_USER,
    ENV_PROJECT_ID,
    ENV_REGION,
    ENV_SDK_IAM_ENDPOINT,
    ENV_SECURITY_TOKEN,
    ENV_SK,
    Source,
    credentials_path,
    read_sources,
)
from .endpoints import service_url
from .provenance import Provenance
from .value_rules import PROJECT_ID_RE, ConfigError  # noqa: F401

DEFAULT_REGION = "cn-north-4"


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


@dataclass(frozen=True)
class Configured:
    """What the sources say, every value checked; the region and the project id may still be unknown."""

    credentials: Credentials
    region: str | None
    project_id: str | None
    endpoint: str | None  # an explicit ModelArts endpoint
    iam_endpoint: str | None  # an explicit IAM endpoint
    provenance: Provenance

    @property
    def complete(self) -> bool:
        return bool(self.region and self.project_id)

    @property
    def iam_base(self) -> str:
        """Where IAM is asked: the explicit endpoint, else the region's (the global one without a region)."""
        return self.iam_endpoint or service_url("iam", self.region)

    def settings(self, region: str | None = None, project_id: str | None = None) -> ClientSettings:
        """The settings, with the region and the project id IAM found for what was missing."""
        region, project_id = self.region or region, self.project_id or project_id
        if not (region and project_id):
            raise TypeError("the region and the project id are needed: iam_projects.locate finds them")
        provenance = self.provenance
        if not self.region:
            provenance = replace(provenance, region_from="iam")
        if not self.project_id:
            provenance = replace(provenance, project_id_from="iam")
        return ClientSettings(
            endpoint=self.endpoint or service_url("modelarts", region),
            project_id=project_id,
            region=region,
            credentials=self.credentials,
            iam_endpoint=self.iam_endpoint or service_url("iam", region),
            source=provenance.source,
            provenance=provenance,
        )

    def provisional(self) -> ClientSettings:
        """Settings good for IAM's calls only, while the region or the project id is being found."""
        return ClientSettings(self.endpoint or "", self.project_id or "", self.region or "", self.credentials, self.iam_base,
                              self.provenance.source, self.provenance)  # fmt: skip


def credentials_from(values: Mapping[str, str]) -> Credentials | None:
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


def first(sources: list[Source], key: str) -> tuple[str | None, str | None]:
    """(the value of ``key`` in the first source that sets it, that source's kind)."""
    return next(((s.values[key], s.kind) for s in sources if key in s.values), (None, None))


def find_configuration(
    config: Mapping[str, str | None] | None = None,
    env: Mapping[str, str] | None = None,
    home: Path | str | None = None,
) -> Configured | None:
    """What the sources configure (no network), or None when no credentials are set anywhere."""
    env = os.environ if env is None else env
    path = credentials_path(env, home)
    sources = read_sources(config, env, path)
    found = next(((s, creds) for s in sources if (creds := credentials_from(s.values))), None)
    if found is None:
        return None
    source, credentials = found
    region, region_from = first(sources, "region")
    project_id, project_id_from = first(sources, "project_id")
    if region is None and project_id is None:
        region, region_from = DEFAULT_REGION, "default"  # then IAM finds the project id of this region
    provenance = Provenance(
        source=source.kind,  # type: ignore[arg-type]
        file_path=str(path),
        keys_set=source.key_names(),
        region_from=region_from or "iam",  # type: ignore[arg-type]
        project_id_from=project_id_from or "iam",  # type: ignore[arg-type]
    )
    return Configured(credentials, region, project_id, first(sources, "endpoint")[0], first(sources, "iam_endpoint")[0],
                      provenance)  # fmt: skip
