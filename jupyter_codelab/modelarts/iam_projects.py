"""Connecting new credentials: find the project id of the region, then prove the keys work.

Sans-IO like ``flows.py``: ``connect`` yields Calls for either transport. The
project id comes from IAM when it was not given:

- AK/SK: ``GET /v3/projects?name={region}``, signed with the same AK/SK and no
  ``X-Project-Id``, exactly as Huawei's SDK core does it
  (``huaweicloudsdkcore`` ``auth/credentials.py`` ``BasicCredentials.process_auth_params``
  with ``auth/internal.py`` ``IamHelper.get_keystone_list_projects_request``).
  Answer (IAM API reference, KeystoneListProjects, iam_06_0001):
  ``{"projects": [{"id", "name", "domain_id", "enabled", "is_domain", "parent_id",
  "description", "links"}], "links": {"self", "previous", "next"}}``. No project,
  or more than one, is an error (as in the SDK).
- IAM password: the token is scoped by the project *name* (the region) and its
  answer names the project (``token.project.id``).

The proof is one cheap signed call: list images with ``limit=1``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from . import flows
from .calls import Call, Rendered, RequestBuilder, Response
from .credentials import (
    DEFAULT_REGION,
    ENV_ENDPOINT,
    ENV_IAM_ENDPOINT,
    ENV_REGION,
    AkSkCredentials,
    ClientSettings,
    PasswordCredentials,
    endpoint_for_region,
    iam_endpoint_for_region,
)
from .errors import ModelArtsError
from .signing import AkSkSigner

ROUTE_PROJECTS = "projects"


class ProjectNotFound(ModelArtsError):
    """IAM knows no (or more than one) project of that name for these credentials."""


class ConnectBuilder(RequestBuilder):
    """A request builder whose project id may still be unknown, and which signs IAM's project list."""

    def use_project(self, project_id: str) -> None:
        self.settings = replace(self.settings, project_id=project_id)
        creds = self.settings.credentials
        if isinstance(creds, AkSkCredentials):
            self._signer = AkSkSigner(creds.access_key, creds.secret_key, creds.security_token, project_id)

    def list_projects(self, region: str) -> Call:
        return Call(ROUTE_PROJECTS, "GET", "/v3/projects", query={"name": region}, base="iam")

    def iam_token_for_region(self, region: str) -> Call:
        creds = self.settings.credentials
        if not isinstance(creds, PasswordCredentials):
            raise TypeError("iam_token_for_region is the password form's call")
        user = {"name": creds.user_name, "password": creds.password, "domain": {"name": creds.domain_name}}
        body = {
            "auth": {"identity": {"methods": ["password"], "password": {"user": user}}, "scope": {"project": {"name": region}}}
        }
        return Call("token", "POST", "/v3/auth/tokens", body=body, base="iam")

    def render(self, call: Call) -> Rendered:
        rendered = super().render(call)
        if call.route != ROUTE_PROJECTS:
            return rendered
        creds = self.settings.credentials
        if not isinstance(creds, AkSkCredentials):
            raise TypeError("list_projects is signed with access keys; the password form reads the project from its token")
        # No X-Project-Id: the project is what we are looking for (the SDK signs it the same way).
        signer = AkSkSigner(creds.access_key, creds.secret_key, creds.security_token, None)
        return Rendered(
            rendered.method,
            rendered.url,
            signer.sign(rendered.method, rendered.url, rendered.headers, rendered.body),
            rendered.body,
        )


def pick_project(response: Response, region: str) -> str:
    data = response.json() or {}
    projects = [p for p in (data.get("projects") or []) if isinstance(p, dict) and p.get("name") == region and p.get("id")]
    if not projects:
        raise ProjectNotFound(
            404, "IAM.ProjectNotFound", None,
            advice=f"this account has no project named {region}: check the region, or give the project id (My Credentials > Projects)",
        )  # fmt: skip
    if len(projects) > 1:
        raise ProjectNotFound(
            409, "IAM.MultipleProjects", None,
            advice=f"this account has {len(projects)} projects named {region}: give the project id you want (My Credentials > Projects)",
        )  # fmt: skip
    return str(projects[0]["id"]).lower()


def _project_of_token(builder: ConnectBuilder, response: Response) -> str:
    builder.tokens.accept(response)
    try:
        return str(response.json()["token"]["project"]["id"]).lower()
    except (KeyError, TypeError, ValueError):
        from .errors import UpstreamUnavailable

        raise UpstreamUnavailable(502, advice="IAM's token answer did not name the project: give the project id") from None


def connect(builder: ConnectBuilder) -> flows.Flow[ClientSettings]:
    """Find the project id if missing, then list one image; returns the final ClientSettings."""
    settings = builder.settings
    phase = "project" if not settings.project_id else "check"
    try:
        if not settings.project_id:
            if isinstance(settings.credentials, PasswordCredentials):
                builder.use_project(_project_of_token(builder, (yield builder.iam_token_for_region(settings.region))))
            else:
                builder.use_project(pick_project((yield builder.list_projects(settings.region)), settings.region))
            phase = "check"
        yield from flows.authenticated(builder, _one_image(builder))
    except ModelArtsError as error:
        error.phase = phase  # which call failed: the advice differs (see connect_advice)
        raise
    return builder.settings


def _one_image(builder: RequestBuilder) -> flows.Flow[None]:
    yield builder.list_images(limit=1)


def settings_for(given, configured: Mapping, env: Mapping, current_region: str | None = None) -> tuple[ClientSettings, bool]:
    """Settings for new credentials (project id maybe still unknown), and whether the endpoint comes from the region.

    ``given`` is a ``CredentialInput``; ``configured`` the server's ``c.CodeLab`` values (or {}); an
    explicit endpoint (config, ``CODELAB_ENDPOINT``) wins over the region's, as in ``credentials.py``.
    """
    region = given.region or configured.get("region") or env.get(ENV_REGION) or current_region or DEFAULT_REGION
    endpoint = configured.get("endpoint") or env.get(ENV_ENDPOINT) or None
    iam = configured.get("iam_endpoint") or env.get(ENV_IAM_ENDPOINT) or endpoint or iam_endpoint_for_region(region)
    settings = ClientSettings(
        endpoint=(endpoint or endpoint_for_region(region)).rstrip("/"), project_id=given.project_id or "", region=region,
        credentials=given.credentials, iam_endpoint=iam.rstrip("/"), source="session",
    )  # fmt: skip
    return settings, endpoint is None
