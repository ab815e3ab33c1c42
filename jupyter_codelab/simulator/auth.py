"""The gateway's checks (AK/SK signature, IAM tokens, project scope) and the IAM token call."""

from __future__ import annotations

import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone

from ..modelarts import signing
from .config import SimulatorConfig
from .errors import ApiError
from .iam_projects import projects_of


@dataclass
class User:
    user_name: str
    domain: str
    project_id: str
    user_id: str = field(default_factory=lambda: secrets.token_hex(16))
    domain_id: str = field(default_factory=lambda: secrets.token_hex(16))
    access_key: str | None = None
    secret_key: str | None = field(default=None, repr=False)
    password: str | None = field(default=None, repr=False)
    security_token: str | None = field(default=None, repr=False)

    def to_json(self) -> dict:
        """What the control API may show: never a secret."""
        return {
            "user_id": self.user_id,
            "user_name": self.user_name,
            "domain": self.domain,
            "project_id": self.project_id,
            "access_key": self.access_key,
            "temporary": bool(self.security_token),
            "password_login": self.password is not None,
        }


def _signature_error(detail: str) -> ApiError:
    return ApiError(401, "APIGW.0301", f"Incorrect IAM authentication information: {detail}")


class IamError(ApiError):
    """IAM's own error shape: ``{"error": {"code": <HTTP status>, "message", "title"}}`` and nothing else.

    Source: Huawei's IAM API reference, 获取IAM用户Token（使用密码） (iam_30_0001), example answers:
    400 ``{"error": {"code": 400, "message": "The request body is invalid", "title": "Bad Request"}}`` and
    401 ``{"error": {"code": 401, "message": "The username or password is wrong.", "title": "Unauthorized"}}``.
    (Some other IAM calls answer ``{"error_code": "IAM.0007", "error_msg": ...}``; the token call does not.)
    """

    def body(self) -> dict:
        title = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found"}.get(self.status, "Error")
        return {"error": {"code": self.status, "message": self.error_msg, "title": title}}


def _signature_expired(signed_at: float, now: float) -> ApiError:
    # APIG FAQ "Incorrect app authentication information" (apig-faq-0009): "signature expired, signature
    # time:20230527T000431Z,server time:20230527T020608Z", APIG.0303, when x-sdk-date is over 15 min off.
    # Huawei documents that code for app authentication; for AK/SK-signed (IAM) calls the code is our guess.
    stamp = signing.sdk_date
    return ApiError(
        401, "APIGW.0303",
        "Incorrect app authentication information: signature expired, signature time:"
        f"{stamp(datetime.fromtimestamp(signed_at, timezone.utc))},server time:{stamp(datetime.fromtimestamp(now, timezone.utc))}",
    )  # fmt: skip


def _iam_error(status: int, message: str) -> ApiError:
    return IamError(status, f"IAM.{status}", message)


def _iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f") + "Z"


class AuthRegistry:
    def __init__(self, config_source: Callable[[], SimulatorConfig], now: Callable[[], float] = time.time):
        self._config_source = config_source
        self._now = now  # the gateway's wall clock (Simulator.gateway_time), not the simulated time of leases
        self.users: list[User] = []
        self._tokens: dict[str, tuple[User, float]] = {}  # token -> (user, expires at, sim clock)

    @property
    def config(self) -> SimulatorConfig:
        return self._config_source()

    def add_user(self, user: User) -> User:
        if user.access_key and any(u.access_key == user.access_key for u in self.users):
            raise ValueError(f"access_key {user.access_key} is already registered; use another access key.")
        if user.password is not None and any(
            u.user_name == user.user_name and u.domain == user.domain and u.password is not None for u in self.users
        ):
            raise ValueError(f"User {user.user_name} of domain {user.domain} already has a password login.")
        self.users.append(user)
        return user

    # -- the gateway -------------------------------------------------------------------------
    def authenticate(self, method: str, uri: str, headers: dict[str, str], body: bytes) -> User:
        lowered = {name.lower(): value for name, value in headers.items()}
        authorization = lowered.get("authorization", "")
        if authorization.startswith(signing.ALGORITHM):
            return self._check_signature(method, uri, headers, lowered, body, authorization)
        token = lowered.get("x-auth-token")
        if token:
            return self._check_token(token)
        if authorization:
            raise _signature_error("the Authorization header is not an SDK-HMAC-SHA256 signature.")
        raise ApiError(401, "ModelArts.0201", "The request carries no authentication: send X-Auth-Token or sign it with AK/SK.")

    def _check_signature(self, method, uri, headers, lowered, body, authorization) -> User:
        parsed = signing.parse_authorization(authorization)
        if parsed is None:
            raise _signature_error("the Authorization header is malformed.")
        date_text = lowered.get("x-sdk-date", "")
        try:
            signed_at = signing.parse_sdk_date(date_text).timestamp()
        except ValueError:
            raise _signature_error("X-Sdk-Date is missing or not in the format YYYYMMDDTHHMMSSZ.") from None
        # The gateway compares with its wall clock, not the simulator's (shiftable) lease clock.
        now = self._now()
        if abs(now - signed_at) > self.config.sdk_date_tolerance_seconds:
            raise _signature_expired(signed_at, now)
        user = next((u for u in self.users if u.access_key and u.access_key == parsed.access_key), None)
        if user is None:
            raise _signature_error(f"the access key {parsed.access_key} does not exist.")
        if user.security_token and lowered.get("x-security-token") != user.security_token:
            raise _signature_error("temporary credentials need their X-Security-Token.")
        if user.secret_key is None or not signing.verify(user.secret_key, method, uri, headers, body, parsed):
            raise _signature_error("verify aksk signature fail.")
        return user

    def _check_token(self, token: str) -> User:
        entry = self._tokens.get(token)
        if entry is None:
            raise ApiError(401, "ModelArts.0203", "The token is invalid.")
        user, expires_at = entry
        if self.config.clock.now() >= expires_at:
            raise ApiError(401, "ModelArts.0202", "The token has expired.")
        return user

    # -- IAM: POST /v3/auth/tokens -----------------------------------------------------------
    def issue_token(self, body: dict) -> tuple[str, dict]:
        """Password authentication scoped to a project; returns (X-Subject-Token, answer body)."""
        try:
            identity = body["auth"]["identity"]
            if "password" not in identity["methods"]:
                raise KeyError("methods")
            given = identity["password"]["user"]
            name, password, domain = given["name"], given["password"], given["domain"]
            project = body["auth"]["scope"]["project"]
            if not all(isinstance(part, dict) for part in (domain, project)) or not isinstance(password, str):
                raise TypeError("domain, project and password")
        except (KeyError, TypeError):
            raise _iam_error(
                400,
                "The request body is invalid: it must be {auth: {identity: {methods: [password], password: {user: "
                "{name, password, domain: {name}}}}, scope: {project: {name | id}}}}.",
            ) from None
        user = next(
            (
                u
                for u in self.users
                if u.password is not None
                and u.user_name == name
                and (domain.get("name") == u.domain or domain.get("id") == u.domain_id)
            ),
            None,
        )
        if user is None or user.password is None or not hmac.compare_digest(password.encode(), user.password.encode()):
            raise _iam_error(401, "The username or password is wrong.")
        scoped = next((p for p in projects_of(user, self.config.region) if p["id"] == project.get("id") or p["name"] == project.get("name")),
                      None)  # fmt: skip
        if scoped is None:
            raise _iam_error(400, "The project in the scope is not one of the user's: use a project's name or id.")
        now = self.config.clock.now()
        expires_at = now + self.config.token_ttl_seconds
        token = "MIIsim" + secrets.token_urlsafe(96)
        self._tokens[token] = (user, expires_at)
        domain_json = {"id": user.domain_id, "name": user.domain}
        answer = {
            "token": {
                "expires_at": _iso(expires_at),
                "issued_at": _iso(now),
                "methods": ["password"],
                "project": {"id": scoped["id"], "name": scoped["name"], "domain": domain_json},
                "user": {"id": user.user_id, "name": user.user_name, "domain": domain_json, "password_expires_at": ""},
                "roles": [{"id": "0", "name": "op_service"}],
                "catalog": [],
            }
        }
        return token, answer
