"""Buckets and objects of the simulated OBS, in memory."""

from __future__ import annotations

import base64
import hashlib
import re
import time
from dataclasses import dataclass, field
from email.utils import formatdate

from .errors import ObsError, access_denied, no_such_bucket, no_such_key

# OBS bucket names (Listing Objects in a Bucket, obs_04_0022, "Constraints"): 3-63 characters, lower-case
# letters, digits, hyphens and periods, starting and ending with a letter or digit, not formatted as an IP
# address, no two periods in a row, no period next to a hyphen ("my-.bucket", "my.-bucket").
BUCKET_RE = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
IP_LIKE = re.compile(r"^\d+\.\d+\.\d+\.\d+$")
CANNED_ACLS = ("private", "public-read", "public-read-write")
MAX_OBJECT_BYTES = 5 * 1024**3  # a single PUT takes at most 5 GB (Uploading Objects - PUT, obs_04_0080)


@dataclass
class StoredObject:
    body: bytes = field(repr=False)
    content_type: str
    acl: str
    etag: str
    last_modified: float

    def headers(self) -> dict[str, str]:
        return {
            "Content-Type": self.content_type,
            "ETag": f'"{self.etag}"',
            "Last-Modified": formatdate(self.last_modified, usegmt=True),
        }


@dataclass
class Bucket:
    name: str
    owner_id: str
    acl: str = "private"
    location: str = ""
    objects: dict[str, StoredObject] = field(default_factory=dict)

    def public(self, key: str) -> bool:
        item = self.objects.get(key)
        return self.acl.startswith("public-read") or (item is not None and item.acl.startswith("public-read"))


class ObsStore:
    def __init__(self) -> None:
        self.buckets: dict[str, Bucket] = {}
        self.puts = 0  # object uploads, for tests ("a re-send uploads nothing")

    def reset(self) -> None:
        self.buckets.clear()
        self.puts = 0

    def bucket(self, name: str) -> Bucket:
        bucket = self.buckets.get(name)
        if bucket is None:
            raise no_such_bucket(name)
        return bucket

    def owned(self, name: str, owner_id: str) -> Bucket:
        bucket = self.bucket(name)
        if bucket.owner_id != owner_id:
            raise access_denied("/" + name)
        return bucket

    def create_bucket(self, name: str, owner_id: str, acl: str, location: str | None, region: str) -> Bucket:
        """Creating a Bucket (obs_04_0021): the same account creating its bucket again in the same region is 200
        and keeps the first creation's attributes; anyone else's name is 409. ``location`` (None: not given, which
        the endpoint's region takes) must be the endpoint's ``region``."""
        resource = "/" + name
        if not BUCKET_RE.match(name) or any(bad in name for bad in ("..", "-.", ".-")) or IP_LIKE.match(name):
            raise ObsError(400, "InvalidBucketName", "The specified bucket is not valid.", resource)
        if location is not None and location != region:
            raise ObsError(
                400, "InvalidLocationConstraint",
                f"The specified location constraint is not valid: this endpoint creates buckets in {region}.", resource,
            )  # fmt: skip
        existing = self.buckets.get(name)
        if existing is not None:
            if existing.owner_id == owner_id:
                return existing
            raise ObsError(
                409, "BucketAlreadyExists",
                "The requested bucket name is not available. The bucket namespace is shared by all users of the system. "
                "Please select a different name and try again.",
                resource,
            )  # fmt: skip
        self.buckets[name] = Bucket(name, owner_id, check_acl(acl, resource), region)
        return self.buckets[name]

    def put(self, bucket: Bucket, key: str, body: bytes, content_type: str, acl: str, content_md5: str | None) -> StoredObject:
        resource = f"/{bucket.name}/{key}"
        if len(body) > MAX_OBJECT_BYTES:
            raise ObsError(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed object size.", resource)
        digest = hashlib.md5(body).digest()
        if content_md5 and content_md5 != base64.b64encode(digest).decode():
            raise ObsError(400, "BadDigest", "The Content-MD5 you specified did not match what we received.", resource)
        item = StoredObject(body, content_type or "binary/octet-stream", check_acl(acl, resource), digest.hex(), time.time())
        bucket.objects[key] = item
        self.puts += 1
        return item

    def get(self, bucket: Bucket, key: str) -> StoredObject:
        item = bucket.objects.get(key)
        if item is None:
            raise no_such_key(f"/{bucket.name}/{key}")
        return item

    def to_json(self) -> list[dict]:
        return [
            {"name": b.name, "acl": b.acl, "location": b.location,
             "objects": [{"key": k, "size": len(o.body), "acl": o.acl, "etag": o.etag} for k, o in b.objects.items()]}
            for b in self.buckets.values()
        ]  # fmt: skip


def check_acl(acl: str, resource: str) -> str:
    acl = acl or "private"
    if acl not in CANNED_ACLS:
        raise ObsError(400, "InvalidArgument", f"Unsupported canned ACL {acl!r}: use one of {', '.join(CANNED_ACLS)}.", resource)
    return acl
