"""The checks that need no network: the mode, where the credentials came from, the region, the proxy variables.

Where each value came from is ``ClientSettings.provenance`` (source, file_path, keys_set, region_from,
project_id_from). Never a secret: the access key id is shown shortened, secret keys, tokens and
passwords not at all, proxy URLs without their user and password.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import SimpleNamespace
from urllib.parse import urlsplit
from urllib.request import proxy_bypass_environment  # type: ignore[attr-defined]  # public, not in typeshed

from ...i18n import N_, _
from ..credentials import AkSkCredentials, ClientSettings
from .report import Check

PROXY_VARIABLES = ("HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "NO_PROXY")

_SOURCES = {
    "config": N_("the Jupyter server's configuration (c.CodeLab.*)"),
    "env": N_("environment variables"),
    "session": N_("what was given to this Jupyter server while it runs (the sidebar, %codelab login or jupyter codelab login)"),
    "simulator": N_("the built-in simulator's own keys"),
}
_ORIGINS = {
    ("region", "config"): N_("set by c.CodeLab.region"),
    ("region", "env"): N_("set by HUAWEICLOUD_SDK_REGION"),
    ("region", "iam"): N_("found through IAM from the project id"),
    ("region", "default"): N_("the default: nothing set a region"),
    ("project_id", "config"): N_("set by c.CodeLab.project_id"),
    ("project_id", "env"): N_("set by HUAWEICLOUD_SDK_PROJECT_ID"),
    ("project_id", "iam"): N_("found through IAM from the region"),
    ("project_id", "default"): N_("not set"),
}
_ANY_ORIGIN = {
    "file": N_("from the credentials file"),
    "session": N_("given (or found) when the account was connected"),
    "simulator": N_("the simulator's"),
}


@dataclass(frozen=True)
class Situation:
    """What the checks are about, as the process that runs them sees it."""

    settings: ClientSettings | None  # None: no usable credentials (``credentials_problem`` says why)
    simulated: bool
    config_error: str | None = None  # the server's broken configuration (it then runs simulated)
    credentials_problem: str | None = None  # no credentials, or a configuration that cannot be read: the sentence
    ca_bundle: str | None = None
    env: Mapping[str, str] = field(default_factory=dict, repr=False)  # where the proxy variables are read
    honours_proxies: bool = True  # requests (CLI, kernel) does; the server's own connections do not


def provenance(settings: ClientSettings):
    """Where each value came from; before ClientSettings had ``provenance``, only ``source`` was known."""
    found = getattr(settings, "provenance", None)
    if found is not None:
        return found
    return SimpleNamespace(source=settings.source, file_path=None, keys_set=(), region_from=None, project_id_from=None)


def origin_words(what: str, origin: str | None) -> str:
    """How the region (``what="region"``) or project id (``"project_id"``) was chosen, in words."""
    words = _ORIGINS.get((what, origin or "")) or _ANY_ORIGIN.get(origin or "")
    return _(words) if words else _("how it was chosen is not recorded")


def short_key(access_key: str) -> str:
    """Enough of the access key id to find it under My Credentials, not the whole of it."""
    return access_key if len(access_key) <= 8 else f"{access_key[:4]}…{access_key[-4:]}"


def host_of(url: str) -> str:
    return urlsplit(url).netloc or url


def mode_check(situation: Situation) -> Check:
    settings = situation.settings
    endpoint = settings.endpoint if settings else ""
    if situation.config_error:
        return Check("mode", False, _("Mode"), _("The Huawei Cloud configuration is broken, so CodeLab is simulated."),
                     situation.config_error)  # fmt: skip
    if situation.simulated:
        detail = _("Simulated: calls go to the simulator at {endpoint}, never to Huawei Cloud.").format(endpoint=endpoint)
        return Check("mode", True, _("Mode"), detail, data={"endpoint": endpoint})
    detail = _("Huawei Cloud ModelArts at {endpoint}.").format(endpoint=endpoint)
    return Check("mode", True, _("Mode"), detail, data={"endpoint": endpoint})


def credentials_check(situation: Situation) -> Check:
    settings = situation.settings
    if settings is None:
        return Check("credentials", False, _("Credentials"), _("No usable credentials."), situation.credentials_problem)
    origin = provenance(settings)
    creds = settings.credentials
    if isinstance(creds, AkSkCredentials):
        kind = _("access key {access_key} with its secret key").format(access_key=short_key(creds.access_key))
        if creds.security_token:
            kind = _("{kind} and a security token (temporary keys)").format(kind=kind)
    else:
        kind = _("IAM user {user} of account {domain}, with a password").format(user=creds.user_name, domain=creds.domain_name)
    if origin.source == "file":
        source = _("the credentials file {path}").format(path=origin.file_path or "~/.huaweicloud/credentials")
    else:
        source = _(_SOURCES[origin.source]) if origin.source in _SOURCES else str(origin.source)
    detail = _("{kind}, from {source}.").format(kind=kind, source=source)
    keys = tuple(origin.keys_set or ())
    if keys:
        detail += " " + _("Keys set there: {keys}.").format(keys=", ".join(keys))
    data = {"source": origin.source, "file_path": origin.file_path, "keys_set": list(keys), "auth": settings.auth_method}
    return Check("credentials", True, _("Credentials"), detail, data=data)


def region_check(situation: Situation) -> Check:
    settings = situation.settings
    assert settings is not None
    origin = provenance(settings).region_from or ("simulator" if situation.simulated else None)
    detail = _("{region} ({how}).").format(region=settings.region, how=origin_words("region", origin))
    return Check("region", True, _("Region"), detail, data={"region": settings.region, "region_from": origin})


def _without_userinfo(value: str) -> str:
    """A proxy URL without ``user:password@``: it may be shown."""
    scheme, sep, rest = value.partition("://")
    if not sep:
        scheme, rest = "", value
    host, _slash, path = rest.partition("/")
    return f"{scheme}{sep}{host.rsplit('@', 1)[-1]}" + (f"/{path}" if path else "")


def proxy_variables(env: Mapping[str, str]) -> dict[str, str]:
    """The proxy variables that are set (either case; lower case wins, as in urllib and requests), shown without credentials."""
    found = {}
    for name in PROXY_VARIABLES:
        value = env.get(name.lower()) or env.get(name)
        if value:
            found[name] = value[:200] if name == "NO_PROXY" else _without_userinfo(value.strip())
    return found


def proxy_check(situation: Situation, url: str, reached: bool | None) -> Check:
    """Whether calls to ``url`` go through a proxy; a problem only when the host was not reached."""
    shown = proxy_variables(situation.env)
    host = urlsplit(url).hostname or ""
    listed = ", ".join(f"{name}={value}" for name, value in shown.items())
    data = {"variables": shown, "honoured": situation.honours_proxies}
    scheme = "HTTPS_PROXY" if url.startswith("https:") else "HTTP_PROXY"
    proxy = shown.get(scheme) or shown.get("ALL_PROXY")
    bypassed = bool(proxy) and _bypassed(host, situation.env)
    if not proxy or bypassed:
        detail = (_("No proxy variables are set: calls go straight to {host}.").format(host=host) if not shown else
                  _("Calls to {host} go straight there ({variables}).").format(host=host, variables=listed))  # fmt: skip
        return Check("proxy", True, _("Proxy"), detail, data=data)
    if not situation.honours_proxies:
        detail = _("{variables} is set, but the Jupyter server connects to {host} directly: it does not use proxies.").format(
            variables=listed, host=host
        )
        fix = _(
            "Let the Jupyter server reach {host} without a proxy, or run jupyter codelab without a server (it uses the proxy)."
        )
        return Check("proxy", reached is not False, _("Proxy"), detail, fix.format(host=host), data)
    detail = _("Calls to {host} go through the proxy {proxy} ({variables}).").format(host=host, proxy=proxy, variables=listed)
    fix = _("Check that the proxy {proxy} is up and lets {host} through, or add {host} to NO_PROXY.").format(
        proxy=proxy, host=host
    )
    return Check("proxy", reached is not False, _("Proxy"), detail, fix, data)


def _bypassed(host: str, env: Mapping[str, str]) -> bool:
    no_proxy = env.get("no_proxy") or env.get("NO_PROXY") or ""
    return bool(no_proxy) and bool(proxy_bypass_environment(host, {"no": no_proxy}))
