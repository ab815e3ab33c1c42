"""The configured sources, read by the SDK's rules, every value checked by ``value_rules`` before use.

- ``c.CodeLab.*`` (the server's configuration);
- the environment: Huawei's ``HUAWEICLOUD_SDK_AK/SK/SECURITY_TOKEN/PROJECT_ID/DOMAIN_ID``
  (huaweicloudsdkcore ``auth/provider.py`` EnvCredentialProvider), and our own
  ``HUAWEICLOUD_SDK_REGION``, ``CODELAB_ENDPOINT``, ``CODELAB_IAM_ENDPOINT`` and ``CODELAB_IAM_*``;
- the credentials file: ``HUAWEICLOUD_SDK_CREDENTIALS_FILE``, else ``~/.huaweicloud/credentials``
  (ProfileCredentialProvider), section ``[basic]`` (``ak``, ``sk``, ``security_token``,
  ``project_id``, ``iam_endpoint``), else ``[global]`` when only it holds a key pair (``domain_id``
  in place of ``project_id``); a ``region`` key there is our own (older versions wrote it);
- ``HUAWEICLOUD_SDK_IAM_ENDPOINT`` (``IamHelper.IAM_ENDPOINT_ENV_NAME``): after the file's
  ``iam_endpoint``, as the SDK prefers the credentials' own IAM endpoint to it.
"""

from __future__ import annotations

import configparser
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import _
from .value_rules import ConfigError, CredentialInputError, check

ENV_AK = "HUAWEICLOUD_SDK_AK"
ENV_SK = "HUAWEICLOUD_SDK_SK"
ENV_SECURITY_TOKEN = "HUAWEICLOUD_SDK_SECURITY_TOKEN"
ENV_PROJECT_ID = "HUAWEICLOUD_SDK_PROJECT_ID"
ENV_DOMAIN_ID = "HUAWEICLOUD_SDK_DOMAIN_ID"
ENV_CREDENTIALS_FILE = "HUAWEICLOUD_SDK_CREDENTIALS_FILE"
ENV_SDK_IAM_ENDPOINT = "HUAWEICLOUD_SDK_IAM_ENDPOINT"
ENV_REGION = "HUAWEICLOUD_SDK_REGION"  # ours: the SDK has no region variable
ENV_ENDPOINT = "CODELAB_ENDPOINT"
ENV_IAM_ENDPOINT = "CODELAB_IAM_ENDPOINT"
ENV_IAM_USER = "CODELAB_IAM_USER"
ENV_IAM_PASSWORD = "CODELAB_IAM_PASSWORD"
ENV_IAM_DOMAIN = "CODELAB_IAM_DOMAIN"

# Our key -> (the rule's field, the c.CodeLab trait, the environment variable, the key in the file).
# The provenance names keys by their name in the file (the SDK's), else by the rule's field.
KEYS: dict[str, tuple[str, str | None, str | None, str | None]] = {
    "access_key": ("access_key", "access_key", ENV_AK, "ak"),
    "secret_key": ("secret_key", "secret_key", ENV_SK, "sk"),
    "security_token": ("security_token", "security_token", ENV_SECURITY_TOKEN, "security_token"),
    "project_id": ("project_id", "project_id", ENV_PROJECT_ID, "project_id"),
    "domain_id": ("domain_id", None, ENV_DOMAIN_ID, "domain_id"),
    "region": ("region", "region", ENV_REGION, "region"),
    "endpoint": ("endpoint", "endpoint", ENV_ENDPOINT, None),
    "iam_endpoint": ("iam_endpoint", "iam_endpoint", ENV_IAM_ENDPOINT, "iam_endpoint"),
    "obs_endpoint": ("obs_endpoint", "obs_endpoint", None, None),
    "user_name": ("iam_user", "iam_user", ENV_IAM_USER, None),
    "password": ("iam_password", "iam_password", ENV_IAM_PASSWORD, None),
    "domain_name": ("iam_domain", "iam_domain", ENV_IAM_DOMAIN, None),
}


@dataclass(frozen=True)
class Source:
    kind: str  # config | env | file
    values: dict[str, str] = field(repr=False)  # our key -> its checked value (only the keys that are set)
    where: dict[str, str] = field(default_factory=dict)  # our key -> where it was set, for sentences

    def key_names(self) -> tuple[str, ...]:
        return tuple(spec[3] or spec[0] for key, spec in KEYS.items() if key in self.values)


def credentials_path(env: Mapping[str, str] | None = None, home: Path | str | None = None) -> Path:
    """The credentials file: ``HUAWEICLOUD_SDK_CREDENTIALS_FILE``, else ``~/.huaweicloud/credentials`` (as the SDK)."""
    env = os.environ if env is None else env
    named = (env.get(ENV_CREDENTIALS_FILE) or "").strip()
    if named:
        return Path(named)
    home = Path(home) if home is not None else Path(os.path.expanduser("~"))
    return home / ".huaweicloud" / "credentials"


def _checked(kind: str, raw: Mapping[str, str | None], where: Mapping[str, str]) -> Source:
    values = {}
    for key, value in raw.items():
        try:
            cleaned = check(KEYS[key][0], value, where[key])
        except CredentialInputError as error:
            raise ConfigError(str(error)) from None
        if cleaned is not None:
            values[key] = cleaned
    return Source(kind, values, {key: where[key] for key in values})


def config_source(config: Mapping[str, str | None]) -> Source:
    known = {key: value for key, value in config.items() if key in KEYS and KEYS[key][1]}
    return _checked("config", known, {key: f"c.CodeLab.{KEYS[key][1]}" for key in known})


def env_sources(env: Mapping[str, str]) -> tuple[Source, Source]:
    """Our variables and Huawei's, then ``HUAWEICLOUD_SDK_IAM_ENDPOINT`` on its own (it ranks after the file)."""
    names = {key: spec[2] for key, spec in KEYS.items() if spec[2]}
    main = _checked("env", {key: env.get(name) for key, name in names.items()}, names)
    sdk_iam = _checked("env", {"iam_endpoint": env.get(ENV_SDK_IAM_ENDPOINT)}, {"iam_endpoint": ENV_SDK_IAM_ENDPOINT})
    return main, sdk_iam


def file_source(path: Path) -> Source:
    # The SDK's parser: configparser.ConfigParser() (BasicInterpolation: a literal % is written %%).
    parser = configparser.ConfigParser()
    try:
        # read_file, not read: read() skips a file it cannot open, which would hide the problem.
        with open(path, encoding="utf-8") as handle:
            parser.read_file(handle)
        sections = [s for s in ("basic", "global") if parser.has_section(s)]
        items = {s: dict(parser.items(s)) for s in sections}
    except FileNotFoundError:
        return Source("file", {})
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
    # [basic] is the regional profile; [global] serves when only it holds a key pair (the same keys sign either).
    section = next((s for s in sections if items[s].get("ak") or items[s].get("sk")), sections[0] if sections else None)
    if section is None:
        return Source("file", {})
    by_file_key = {spec[3]: key for key, spec in KEYS.items() if spec[3]}
    raw = {by_file_key[name]: value for name, value in items[section].items() if name in by_file_key}
    if section == "global":
        raw.pop("project_id", None)  # [global] profiles carry a domain id; a project belongs to [basic]
    return _checked("file", raw, {key: f"[{section}] {KEYS[key][3]} in {path}" for key in raw})


def read_sources(config: Mapping[str, str | None] | None, env: Mapping[str, str], path: Path | None) -> list[Source]:
    """The sources in their order of precedence (``path`` None: the file is not read)."""
    main, sdk_iam = env_sources(env)
    return [config_source(config or {}), main] + ([file_source(path)] if path is not None else []) + [sdk_iam]
