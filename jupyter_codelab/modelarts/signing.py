"""AK/SK request signing, algorithm ``SDK-HMAC-SHA256``.

Written here rather than imported from ``huaweicloudsdkcore``: that package
pulls in about 20 MB of dependencies a Jupyter extension should not carry. The
test suite cross-checks this signer against the SDK's on random requests.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import parse_qsl, quote, unquote, urlsplit

ALGORITHM = "SDK-HMAC-SHA256"
DATE_HEADER = "X-Sdk-Date"
DATE_FORMAT = "%Y%m%dT%H%M%SZ"


def _encode(text: str) -> str:
    return quote(text, safe="~")


def canonical_uri(path: str) -> str:
    """Percent-encode each segment and always end with a slash."""
    encoded = "/".join(_encode(segment) for segment in unquote(path or "/").split("/"))
    return encoded if encoded.endswith("/") else encoded + "/"


def canonical_query(query: str) -> str:
    pairs = sorted(parse_qsl(query, keep_blank_values=True))
    return "&".join(f"{_encode(k)}={_encode(v)}" for k, v in pairs)


def signed_header_names(headers: dict[str, str]) -> list[str]:
    # Header names with an underscore are dropped by proxies, so the gateway never signs them.
    return sorted(name.lower() for name in headers if "_" not in name)


def _body_bytes(body: bytes | str | None) -> bytes:
    if body is None:
        return b""
    return body.encode("utf-8") if isinstance(body, str) else body


def canonical_request(method: str, url: str, headers: dict[str, str], body: bytes | str | None) -> tuple[str, list[str]]:
    parts = urlsplit(url)
    lowered = {name.lower(): value.strip() for name, value in headers.items()}
    names = signed_header_names(headers)
    header_block = "".join(f"{name}:{lowered[name]}\n" for name in names)
    text = "\n".join(
        [
            method.upper(),
            canonical_uri(parts.path),
            canonical_query(parts.query),
            header_block,
            ";".join(names),
            hashlib.sha256(_body_bytes(body)).hexdigest(),
        ]
    )
    return text, names


def string_to_sign(sdk_date: str, canonical: str) -> str:
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    return f"{ALGORITHM}\n{sdk_date}\n{digest}"


def signature(secret_key: str, to_sign: str) -> str:
    return hmac.new(secret_key.encode("utf-8"), to_sign.encode("utf-8"), hashlib.sha256).hexdigest()


def sdk_date(moment: datetime | None = None) -> str:
    return (moment or datetime.now(timezone.utc)).strftime(DATE_FORMAT)


def parse_sdk_date(text: str) -> datetime:
    return datetime.strptime(text, DATE_FORMAT).replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class AkSkSigner:
    """Adds ``Host``, ``X-Sdk-Date``, project/security headers and ``Authorization``."""

    access_key: str
    secret_key: str
    security_token: str | None = None
    project_id: str | None = None

    def __repr__(self) -> str:  # never show the secret key in logs or tracebacks
        return f"AkSkSigner(access_key={self.access_key[:4]}..., temporary={bool(self.security_token)})"

    def sign(
        self,
        method: str,
        url: str,
        headers: dict[str, str] | None = None,
        body: bytes | str | None = None,
        moment: datetime | None = None,
    ) -> dict[str, str]:
        """Return a copy of ``headers`` with everything the gateway checks added."""
        # A previous signature (headers reused on a retry) must neither be signed nor kept.
        signed = {k: v for k, v in (headers or {}).items() if k.lower() != "authorization"}
        resigning = len(signed) != len(headers or {})

        def put(name: str, value: str, replace: bool = True) -> None:
            present = [k for k in signed if k.lower() == name.lower()]
            if present and not replace:
                return
            for key in present:
                del signed[key]
            signed[name] = value

        put("Host", urlsplit(url).netloc, replace=False)
        put(DATE_HEADER, sdk_date(moment), replace=resigning)  # a re-sign gets a fresh date
        if self.project_id:
            put("X-Project-Id", self.project_id)
        if self.security_token:
            put("X-Security-Token", self.security_token)
        date_value = next(v for k, v in signed.items() if k.lower() == "x-sdk-date")
        canonical, names = canonical_request(method, url, signed, body)
        sig = signature(self.secret_key, string_to_sign(date_value, canonical))
        signed["Authorization"] = f"{ALGORITHM} Access={self.access_key}, SignedHeaders={';'.join(names)}, Signature={sig}"
        return signed


@dataclass(frozen=True)
class ParsedAuthorization:
    access_key: str
    signed_headers: list[str]
    signature: str


def parse_authorization(value: str) -> ParsedAuthorization | None:
    """Split an ``Authorization: SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=...`` value."""
    if not value or not value.startswith(ALGORITHM + " "):
        return None
    fields = {}
    for item in value[len(ALGORITHM) + 1 :].split(","):
        key, _, val = item.strip().partition("=")
        fields[key] = val
    if not all(fields.get(k) for k in ("Access", "SignedHeaders", "Signature")):
        return None
    return ParsedAuthorization(fields["Access"], fields["SignedHeaders"].split(";"), fields["Signature"])


def verify(
    secret_key: str, method: str, url: str, headers: dict[str, str], body: bytes | str | None, auth: ParsedAuthorization
) -> bool:
    """Recompute the signature over the headers the client says it signed (the gateway's check)."""
    lowered = {name.lower(): value for name, value in headers.items()}
    if any(name not in lowered for name in auth.signed_headers) or "x-sdk-date" not in lowered:
        return False
    chosen = {name: lowered[name] for name in auth.signed_headers}
    canonical, _ = canonical_request(method, url, chosen, body)
    expected = signature(secret_key, string_to_sign(lowered["x-sdk-date"], canonical))
    return hmac.compare_digest(expected, auth.signature)
