"""OBS's V2-style request signature, as the OBS endpoint checks it.

Sources: Huawei's OBS API reference, "Using an Authorization Header" (obs_04_0010:
``Authorization: OBS AccessKeyID:Signature``) and "Using a Pre-Signed URL" (obs_04_0011:
``?AccessKeyId=&Expires=&Signature=`` plus ``x-obs-security-token`` for temporary keys);
esdk-obs-python's ``obs/auth.py`` (``Authentication``) computes the same string:

    StringToSign = VERB \\n Content-MD5 \\n Content-Type \\n Date-or-Expires \\n
                   CanonicalizedHeaders CanonicalizedResource
    Signature    = Base64(HMAC-SHA1(SK, UTF-8(StringToSign)))

OBS also accepts the S3-compatible form (``AWS`` / ``AWSAccessKeyId`` / ``x-amz-`` headers),
which esdk-obs-python sends when it talks path-style: the same algorithm with another prefix.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from urllib.parse import quote, unquote

OBS, AWS = "OBS", "AWS"
PREFIXES = {OBS: "x-obs-", AWS: "x-amz-"}
# Sub-resources that are part of the canonical resource (a subset of the SDK's
# const.ALLOWED_RESOURCE_PARAMTER_NAMES: the ones this simulator serves or may meet).
SUB_RESOURCES = frozenset(
    {"acl", "location", "policy", "storageinfo", "versionid", "versioning", "metadata", "uploads", "uploadid", "partnumber"}
)


def canonical_resource(bucket: str, raw_key: str, query: dict[str, str], scheme: str) -> str:
    """``/bucket/key`` (key percent-encoded like the SDK's encode_object_key) and the signed sub-resources."""
    resource = "/" + bucket
    if raw_key:
        resource += "/" + quote(unquote(raw_key), safe="/~")
    prefix = PREFIXES[scheme]
    parts = []
    for name in sorted(query):
        if name.lower() in SUB_RESOURCES or name.lower().startswith(prefix):
            value = query[name]
            parts.append(quote(name, safe="/") + ("=" + value if value != "" else ""))
    return resource + ("?" + "&".join(parts) if parts else "")


def string_to_sign(method: str, headers: dict[str, str], resource: str, scheme: str, expires: str | None = None) -> str:
    """``headers`` lower-cased. ``expires`` (query form) stands where the Date goes."""
    prefix = PREFIXES[scheme]
    own = {name: value for name, value in headers.items() if name.startswith(prefix)}
    date = headers.get("date", "")
    if prefix + "date" in own:  # x-obs-date wins: the Date line is then empty (SDK auth.py)
        date = ""
    if expires is not None:
        date = expires
    lines = [method, headers.get("content-md5", ""), headers.get("content-type", ""), date]
    canonical_headers = "".join(
        f"{name}:{value.strip() if name.startswith(prefix + 'meta-') else value}\n" for name, value in sorted(own.items())
    )
    return "\n".join(lines) + "\n" + canonical_headers + resource


def sign(secret_key: str, text: str) -> str:
    digest = hmac.new(secret_key.encode("utf-8"), text.encode("utf-8"), hashlib.sha1).digest()
    return base64.b64encode(digest).decode("ascii")


def matches(secret_key: str, text: str, signature: str) -> bool:
    return hmac.compare_digest(sign(secret_key, text).encode(), signature.encode())
