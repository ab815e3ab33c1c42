"""Who sent an OBS request: the header form, the pre-signed URL form, or nobody (anonymous)."""

from __future__ import annotations

from email.utils import parsedate_to_datetime

from . import signature
from .errors import ObsError, access_denied, expired, signature_mismatch, unknown_access_key

SKEW_SECONDS = 15 * 60  # OBS refuses a Date more than 15 minutes off (RequestTimeTooSkewed)


def authenticate(users, method: str, headers: dict[str, str], query: dict[str, str], bucket: str, raw_key: str, now: float):
    """The user whose key signed the request, None for an anonymous one, or an ObsError.

    ``headers`` lower-cased; ``query`` decoded. Dates and expiry are checked against ``now``, the cloud's
    wall clock (real time unless a clock_skew fault moved it).
    """
    resource = "/" + bucket + ("/" + raw_key if raw_key else "")
    authorization = headers.get("authorization", "")
    if authorization:
        scheme, _, credential = authorization.partition(" ")
        access_key, _, given = credential.partition(":")
        if scheme not in signature.PREFIXES or not access_key or not given:
            raise access_denied(resource, "The Authorization header is not 'OBS AccessKeyID:Signature'.")
        prefix = signature.PREFIXES[scheme]
        date = headers.get(prefix + "date") or headers.get("date") or ""
        try:
            skew = abs(now - parsedate_to_datetime(date).timestamp())
        except (TypeError, ValueError):
            raise access_denied(resource, "The request needs a Date (or x-obs-date) header.") from None
        if skew > SKEW_SECONDS:
            raise ObsError(
                403,
                "RequestTimeTooSkewed",
                "The difference between the request time and the server's time is too large.",
                resource,
            )
        token = headers.get(prefix + "security-token")
        expires = None
    elif "Signature" in query:
        scheme = signature.OBS if "AccessKeyId" in query else signature.AWS
        access_key = query.get("AccessKeyId") or query.get("AWSAccessKeyId") or ""
        given, expires = query["Signature"], query.get("Expires", "")
        if not expires.isdigit():
            raise access_denied(
                resource, "Query-string authentication requires the Signature, Expires and AccessKeyId parameters"
            )
        if now > int(expires):
            raise expired(resource)
        token = query.get(signature.PREFIXES[scheme] + "security-token")
    else:
        return None
    user = next((u for u in users if u.access_key and u.access_key == access_key), None)
    if user is None:
        raise unknown_access_key(resource, access_key)
    if user.security_token and token != user.security_token:
        raise ObsError(
            403, "InvalidSecurity", "The temporary access key needs its security token (x-obs-security-token).", resource
        )
    signed_query = {k: v for k, v in query.items() if k not in ("Signature", "AccessKeyId", "AWSAccessKeyId", "Expires")}
    text = signature.string_to_sign(
        method, headers, signature.canonical_resource(bucket, raw_key, signed_query, scheme), scheme, expires
    )
    if not signature.matches(user.secret_key, text, given):
        raise signature_mismatch(resource, text)
    return user
