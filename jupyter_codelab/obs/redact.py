"""Signed URLs in log lines and messages: the query (AccessKeyId, Signature, security token) is cut."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


def redact_url(url: str) -> str:
    parts = urlsplit(url)
    if not parts.query:
        return url
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "<signature redacted>", ""))
