"""Finding what the configuration leaves out through IAM, then proving new keys work.

Sans-IO like ``flows.py``: ``locate`` and ``connect`` yield Calls for either transport.

- AK/SK: IAM's KeystoneListProjects (``GET /v3/projects``), signed with the same AK/SK and no
  ``X-Project-Id``, as Huawei's SDK core does it (``huaweicloudsdkcore`` ``auth/credentials.py``
  ``BasicCredentials.process_auth_params`` with ``auth/internal.py``
  ``IamHelper.get_keystone_list_projects_request``). With a region, ``?name={region}`` gives its
  project id; with a project id, the whole list names its region: a region's project is named
  after the region, a sub-project ``{region}_{name}`` (KeystoneCreateProject, iam_06_0004).
  Answer (KeystoneListProjects, iam_06_0001): ``{"projects": [{"id", "name", "domain_id",
  "enabled", "is_domain", "parent_id", "description", "links"}], "links": {...}}``.
- IAM password: the token is scoped by the project's id or name, and names both (``token.project``).

What IAM answers is checked by the same rules as any input before it becomes a host. A lookup
is kept for the life of the process, as the SDK's ``AuthCache`` keeps it (the server asks afresh at
each start or sign-out, and keeps the answer in its settings).
The proof of new keys is one cheap signed call: list images with ``limit=1``.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..i18n import _
from . import flows
from .calls import Call, Rendered, RequestBuilder, Response
from .credential_sources import ENV_PROJECT_ID, ENV_SDK_IAM_ENDPOINT, KEYS, read_sources
from .credentials import DEFAULT_REGION, AkSkCredentials, ClientSettings, Configured, PasswordCredentials, first
from .errors import ModelArtsError, UpstreamUnavailable
from .provenance import Provenance
from .signing import AkSkSigner
from .value_rules import CredentialInputError, check

ROUTE_PROJECTS = "projects"
_FOUND: dict[tuple, tuple[str, str]] = {}  # (IAM, who, region, project id) -> (region, project id)


def forget_lookups() -> None:
    """Drop what IAM gave this process (the next ``locate`` asks again)."""
    _FOUND.clear()


class ProjectNotFound(ModelArtsError):
    """IAM knows no (or more than one) such project for these credentials."""


class ConnectBuilder(RequestBuilder):
    """A request builder whose region or project id may still be unknown, and which signs IAM's project list."""

    def use(self, settings: ClientSettings) -> None:
        self.settings = settings
        creds = settings.credentials
        if isinstance(creds, AkSkCredentials):
            self._signer = AkSkSigner(creds.access_key, creds.secret_key, creds.security_token, settings.project_id)

    def list_projects(self, region: str | None = None) -> Call:
        return Call(ROUTE_PROJECTS, "GET", "/v3/projects", query={"name": region} if region else {}, base="iam")

    def scoped_token(self, project: dict) -> Call:
        creds = self.settings.credentials
        if not isinstance(creds, PasswordCredentials):
            raise TypeError("scoped_token is the password form's call")
        user = {"name": creds.user_name, "password": creds.password, "domain": {"name": creds.domain_name}}
        body = {"auth": {"identity": {"methods": ["password"], "password": {"user": user}}, "scope": {"project": project}}}
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


def _projects(response: Response) -> list[dict]:
    data = response.json() or {}
    return [p for p in (data.get("projects") or []) if isinstance(p, dict) and p.get("id") and p.get("name")]


def pick_project(response: Response, region: str) -> str:
    projects = [p for p in _projects(response) if p.get("name") == region]
    if not projects:
        raise ProjectNotFound(
            404, "IAM.ProjectNotFound", None,
            advice=_("this account has no project named {region}: check the region, or give the project id "
                     "(My Credentials > Projects)").format(region=region),
        )  # fmt: skip
    if len(projects) > 1:
        raise ProjectNotFound(
            409, "IAM.MultipleProjects", None,
            advice=_("this account has {count} projects named {region}: give the project id you want "
                     "(My Credentials > Projects)").format(count=len(projects), region=region),
        )  # fmt: skip
    return _checked("project_id", str(projects[0]["id"]))


def region_of(response: Response, project_id: str, where: str) -> str:
    """The region of ``project_id`` in IAM's whole list: its name, or what comes before ``_`` in a sub-project's."""
    project = next((p for p in _projects(response) if str(p["id"]).lower() == project_id), None)
    if project is None:
        raise ProjectNotFound(
            404, "IAM.ProjectNotFound", None,
            advice=_("IAM lists no project {project_id} for these credentials: check {where} (My Credentials > Projects), "
                     "or set the region (HUAWEICLOUD_SDK_REGION)").format(project_id=project_id, where=where),
        )  # fmt: skip
    return _checked("region", str(project["name"]).split("_", 1)[0])


def _checked(field: str, value: str) -> str:
    try:
        return check(field, value, _("IAM's answer")) or ""
    except CredentialInputError as error:
        raise UpstreamUnavailable(502, advice=str(error)) from None


def _token_project(builder: ConnectBuilder, response: Response) -> tuple[str, str]:
    """(project id, region) of a project-scoped token, which is kept for the calls that follow."""
    builder.tokens.accept(response)
    try:
        project = response.json()["token"]["project"]
        return _checked("project_id", str(project["id"])), _checked("region", str(project["name"]).split("_", 1)[0])
    except (KeyError, TypeError, ValueError):
        raise UpstreamUnavailable(502, advice=_("IAM's token answer did not name the project: give the project id")) from None


def _where(provenance: Provenance) -> str:
    """The setting that gave the project id, for sentences."""
    where = {"config": "c.CodeLab.project_id", "env": ENV_PROJECT_ID, "file": f"[basic] project_id in {provenance.file_path}"}
    return where.get(provenance.project_id_from, "project_id")


def locate(builder: ConnectBuilder, configured: Configured, fresh: bool = False) -> flows.Flow[ClientSettings]:
    """The settings, with the region or the project id that ``configured`` lacks found through IAM (``fresh``: ask again)."""
    if configured.complete:
        settings = configured.settings()
        builder.use(settings)
        return settings
    creds = configured.credentials
    who = creds.access_key if isinstance(creds, AkSkCredentials) else f"{creds.user_name}@{creds.domain_name}"
    key = (configured.iam_base, who, configured.region, configured.project_id)
    found = None if fresh else _FOUND.get(key)
    if found is None:
        if isinstance(creds, PasswordCredentials):
            scope = {"id": configured.project_id} if configured.project_id else {"name": configured.region}
            project_id, region = _token_project(builder, (yield builder.scoped_token(scope)))
        elif configured.project_id:
            project_id = configured.project_id
            region = region_of((yield builder.list_projects()), project_id, _where(configured.provenance))
        else:
            region = configured.region or ""
            project_id = pick_project((yield builder.list_projects(region)), region)
        found = _FOUND[key] = (region, project_id)
    settings = configured.settings(*found)
    builder.use(settings)
    return settings


def connect(builder: ConnectBuilder, configured: Configured) -> flows.Flow[ClientSettings]:
    """Find what is missing, then list one image; returns the final ClientSettings."""
    phase = "project"
    try:
        settings = yield from locate(builder, configured, fresh=True)  # typed keys: IAM is asked, not remembered answers
        phase = "check"
        yield from flows.authenticated(builder, _one_image(builder))
    except ModelArtsError as error:
        error.phase = phase  # which call failed: the advice differs (see connect_advice)
        raise
    return settings


def _one_image(builder: RequestBuilder) -> flows.Flow[None]:
    yield builder.list_images(limit=1)


def settings_for(given, configured: Mapping, env: Mapping, current_region: str | None = None) -> tuple[Configured, bool]:
    """What to connect with typed credentials, and whether the ModelArts endpoint comes from the region.

    ``given`` is a ``CredentialInput``; ``configured`` the server's ``c.CodeLab`` values (or {}). The
    region is the one typed, else the configured one; without either, a typed project id names it
    (through IAM), else the current account's region or cn-north-4. Explicit endpoints
    (``c.CodeLab``, the environment) win over the region's, as at start; every value is checked.
    """
    wanted = ("region", "endpoint", "iam_endpoint", "obs_endpoint")  # the typed keys replace every other setting
    names = [KEYS[key][2] for key in wanted] + [ENV_SDK_IAM_ENDPOINT]
    sources = read_sources(
        {k: v for k, v in configured.items() if k in wanted}, {n: env[n] for n in names if n and n in env}, None
    )
    region, region_from = (given.region, "session") if given.region else first(sources, "region")
    if not region and not given.project_id:
        region, region_from = current_region or DEFAULT_REGION, "session" if current_region else "default"
    endpoint, iam_endpoint = first(sources, "endpoint")[0], first(sources, "iam_endpoint")[0]
    creds = given.credentials
    keys = ("ak", "sk") + (("security_token",) if creds.security_token else ()) if given.is_aksk else ("iam_user", "iam_password")
    keys += tuple(name for name in ("project_id", "region") if getattr(given, name))
    provenance = Provenance("session", None, keys, region_from or "iam", "session" if given.project_id else "iam")  # type: ignore[arg-type]
    result = Configured(given.credentials, region, given.project_id, endpoint, iam_endpoint, provenance)
    return result, endpoint is None
