"""OBS's error answers: an HTTP status and the REST error XML.

Source: OBS API reference, Error Codes (obs_04_0115): ``Content-Type: application/xml`` and
``<Error><Code/><Message/><Resource/><RequestId/><HostId/></Error>``; the codes and statuses
used here are from its table (AccessDenied 403, SignatureDoesNotMatch 403, NoSuchBucket 404,
NoSuchKey 404, BucketAlreadyExists 409, BucketAlreadyOwnedByYou 409, InvalidAccessKeyId 403,
RequestTimeTooSkewed 403, EntityTooLarge 400, InvalidBucketName 400, MethodNotAllowed 405,
InternalError 500, ServiceUnavailable 503). An expired pre-signed URL answers AccessDenied
"Request has expired", the S3-compatible wording OBS keeps.
"""

from __future__ import annotations

from xml.sax.saxutils import escape


class ObsError(Exception):
    def __init__(self, status: int, code: str, message: str, resource: str = "", extra: dict[str, str] | None = None):
        super().__init__(f"{status} {code}: {message}")
        self.status, self.code, self.message, self.resource = status, code, message, resource
        self.extra = dict(extra or {})

    def xml(self, request_id: str, host_id: str) -> str:
        fields = {"Code": self.code, "Message": self.message, "Resource": self.resource, **self.extra,
                  "RequestId": request_id, "HostId": host_id}  # fmt: skip
        inner = "".join(f"<{name}>{escape(str(value))}</{name}>" for name, value in fields.items() if value is not None)
        return f'<?xml version="1.0" encoding="UTF-8"?>\n<Error>{inner}</Error>'


def access_denied(resource: str, message: str = "Access Denied") -> ObsError:
    return ObsError(403, "AccessDenied", message, resource)


def expired(resource: str) -> ObsError:
    return ObsError(403, "AccessDenied", "Request has expired", resource)


def no_such_bucket(bucket: str) -> ObsError:
    return ObsError(404, "NoSuchBucket", "The specified bucket does not exist", "/" + bucket, {"BucketName": bucket})


def no_such_key(resource: str) -> ObsError:
    return ObsError(404, "NoSuchKey", "The resource you requested does not exist", resource)


def signature_mismatch(resource: str, text: str) -> ObsError:
    return ObsError(
        403, "SignatureDoesNotMatch",
        "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
        resource, {"StringToSign": text},
    )  # fmt: skip


def unknown_access_key(resource: str, access_key: str) -> ObsError:
    return ObsError(403, "InvalidAccessKeyId", "The access key Id you provided does not exist in our records.", resource,
                    {"AWSAccessKeyId": access_key})  # fmt: skip
