"""The request builder: one ``Call`` per ModelArts operation, shared by both transports.

A ``Call`` says what to send; ``RequestBuilder.render`` turns it into the exact
method, URL, headers and body, signing at that moment (so every retry carries a
fresh ``X-Sdk-Date``).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from ..i18n import x_language
from .credentials import AkSkCredentials, ClientSettings, PasswordCredentials
from .limits import DEFAULT_LEASE_MS, NO_AUTO_STOP_MS
from .signing import AkSkSigner

JSON = "application/json"
USER_AGENT = "jupyter-codelab"
TOKEN_RENEW_MARGIN_S = 3600  # renew an IAM token an hour before its 24 h run ends
NO_AUTO_STOP = NO_AUTO_STOP_MS  # start?duration=-1: what golangsdk and Terraform send for billed instances
NOTEBOOK_PAGE_SIZES = (10, 20, 50)  # list_notebooks_request.py: limit "取值范围：[10,20,50]"
IMAGE_PAGE_SIZE = 200  # list_image_request.py: limit default 200


@dataclass(frozen=True)
class Call:
    route: str  # short name for logs and retries: open, get, list, images, lease, renew, stop, start, token
    method: str
    path: str
    query: dict = field(default_factory=dict)
    body: dict | None = None
    base: str = "modelarts"  # or "iam"

    @property
    def idempotent(self) -> bool:
        return self.method == "GET"


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict
    body: bytes

    def json(self):
        return json.loads(self.body or b"null")


@dataclass(frozen=True)
class Rendered:
    method: str
    url: str
    headers: dict
    body: bytes | None


class TokenCache:
    """The project-scoped IAM token obtained with a password, and when it stops being good."""

    def __init__(self) -> None:
        self.value: str | None = None
        self.expires_at: float = 0.0

    def __repr__(self) -> str:
        return f"TokenCache(valid={self.valid()})"

    def valid(self, now: float | None = None) -> bool:
        now = time.time() if now is None else now
        return bool(self.value) and now < self.expires_at - TOKEN_RENEW_MARGIN_S

    def forget(self) -> None:
        """Drop the token: IAM says one can stop working early (password or permission change, arrears)."""
        self.value = None
        self.expires_at = 0.0

    def accept(self, response: Response, now: float | None = None) -> None:
        headers = {k.lower(): v for k, v in response.headers.items()}
        token = headers.get("x-subject-token")
        if not token:
            from .errors import UpstreamUnavailable

            raise UpstreamUnavailable(502, advice="IAM answered without an X-Subject-Token header")
        now = time.time() if now is None else now
        self.value = token
        self.expires_at = now + _token_lifetime(response, default=24 * 3600)


def _token_lifetime(response: Response, default: float) -> float:
    from datetime import datetime

    try:
        expires = response.json()["token"]["expires_at"]
        moment = datetime.fromisoformat(expires.replace("Z", "+00:00"))
        return max(0.0, moment.timestamp() - time.time())
    except (ValueError, KeyError, TypeError, AttributeError):
        return default


class RequestBuilder:
    """Knows the paths of every CodeLab call and how to authenticate them."""

    def __init__(self, settings: ClientSettings):
        self.settings = settings
        self.tokens = TokenCache()
        creds = settings.credentials
        self._signer = (
            AkSkSigner(creds.access_key, creds.secret_key, creds.security_token, settings.project_id)
            if isinstance(creds, AkSkCredentials)
            else None
        )

    def __repr__(self) -> str:
        return f"RequestBuilder(endpoint={self.settings.endpoint!r}, auth={self.settings.auth_method!r})"

    # --- the operations -------------------------------------------------------------
    def _nb(self, *parts: str) -> str:
        tail = "/".join(quote(p, safe="") for p in parts)
        return f"/v1/{self.settings.project_id}/notebooks" + (f"/{tail}" if tail else "")

    def open(self, image_id: str | None = None, share_url: str | None = None) -> Call:
        body = {k: v for k, v in (("image_id", image_id), ("share_url", share_url)) if v}
        return Call("open", "POST", self._nb("open"), body=body)

    def get_notebook(self, notebook_id: str) -> Call:
        return Call("get", "GET", self._nb(notebook_id))

    def list_notebooks(self, feature: str = "DEFAULT", limit: int | None = None, **query) -> Call:
        if limit is not None:
            # ModelArts takes only these page sizes: round up to the next one it accepts.
            query["limit"] = next((size for size in NOTEBOOK_PAGE_SIZES if size >= limit), NOTEBOOK_PAGE_SIZES[-1])
        return Call("list", "GET", self._nb(), query={"feature": feature, **query})

    def list_images(self, limit: int = IMAGE_PAGE_SIZE, offset: int = 0, **query) -> Call:
        path = f"/v1/{self.settings.project_id}/images"
        return Call("images", "GET", path, query={"limit": limit, "offset": offset, **query})

    def get_lease(self, notebook_id: str) -> Call:
        return Call("lease", "GET", self._nb(notebook_id, "lease"))

    def renew_lease(self, notebook_id: str, duration_ms: int | None = None, lease_type: str = "TIMING") -> Call:
        # LeaseReq: type TIMING | IDLE (upper case in the SDK; the OTC example sends "timing").
        body = {"duration": int(duration_ms or DEFAULT_LEASE_MS), "type": (lease_type or "TIMING").upper()}
        return Call("renew", "PATCH", self._nb(notebook_id, "lease"), body=body)

    def stop(self, notebook_id: str) -> Call:
        return Call("stop", "POST", self._nb(notebook_id, "stop"), body={})

    def start(self, notebook_id: str, duration_ms: int | None = None, lease_type: str = "TIMING") -> Call:
        """``duration_ms=None`` leaves the auto-stop to ModelArts (1 h); ``-1`` means no auto-stop."""
        query: dict[str, int | str]
        if not duration_ms:
            query = {}
        elif int(duration_ms) == NO_AUTO_STOP:
            query = {"duration": NO_AUTO_STOP}
        else:
            query = {"duration": int(duration_ms), "type": (lease_type or "TIMING").upper()}
        return Call("start", "POST", self._nb(notebook_id, "start"), query=query, body={})

    def iam_token(self) -> Call:
        creds = self.settings.credentials
        assert isinstance(creds, PasswordCredentials)
        user = {"name": creds.user_name, "password": creds.password, "domain": {"name": creds.domain_name}}
        body = {
            "auth": {
                "identity": {"methods": ["password"], "password": {"user": user}},
                "scope": {"project": {"id": self.settings.project_id}},
            }
        }
        return Call("token", "POST", "/v3/auth/tokens", body=body, base="iam")

    # --- rendering ----------------------------------------------------------------
    @property
    def uses_token(self) -> bool:
        return self._signer is None

    @property
    def needs_token(self) -> bool:
        return self.uses_token and not self.tokens.valid()

    def render(self, call: Call) -> Rendered:
        base = self.settings.iam_endpoint if call.base == "iam" else self.settings.endpoint
        url = base + call.path
        if call.query:
            # %20 for spaces, never "+": signers disagree on what "+" means in a query.
            url += "?" + urlencode(sorted((k, str(v)) for k, v in call.query.items()), quote_via=quote, safe="~")
        body = json.dumps(call.body, separators=(",", ":")).encode() if call.body is not None else None
        headers = {"Content-Type": JSON, "Accept": JSON, "User-Agent": USER_AGENT}
        if call.base == "iam":
            return Rendered(call.method, url, headers, body)
        # ModelArts writes error_msg in this language (golangsdk sends X-Language: en-us); signed like the rest.
        headers["X-Language"] = x_language()
        if self._signer is not None:
            headers = self._signer.sign(call.method, url, headers, body)
        else:
            headers["X-Auth-Token"] = self.tokens.value or ""
            headers["X-Project-Id"] = self.settings.project_id
        return Rendered(call.method, url, headers, body)
