"""Where a sent notebook goes: the bucket, the content-addressed key, the endpoint and public URL.

The key never holds the user's file-system path: ``codelab/<sha256 prefix>/<name>.ipynb`` with
only the file's base name, so the same bytes always land on the same key (a re-send uploads
nothing) and different bytes never overwrite each other.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from ..echo import quoted
from ..i18n import _

ENV_OBS_BUCKET = "CODELAB_OBS_BUCKET"  # else c.CodeLab.obs_bucket
HASH_PREFIX_CHARS = 16  # 64 bits of SHA-256: collisions between a user's notebooks are not a concern
MAX_NAME_CHARS = 100
# OBS bucket names (Creating a Bucket): 3-63 chars of a-z, 0-9, '-' and '.', starting and ending with a letter or digit.
BUCKET_RE = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")


class NamingError(ValueError):
    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)


def default_bucket(project_id: str, region: str) -> str:
    """``codelab-<first 8 hex of the project id>-<region>``: private, one per project and region."""
    name = f"codelab-{project_id[:8].lower()}-{region.lower()}"
    return check_bucket(name, "obs_bucket")


def check_bucket(name: str, field: str = "obs_bucket") -> str:
    if not isinstance(name, str) or not BUCKET_RE.match(name) or ".." in name or re.fullmatch(r"\d+\.\d+\.\d+\.\d+", name):
        raise NamingError(
            field,
            _(
                "{name} is not a valid OBS bucket name: use 3-63 lower-case letters, digits, '-' or '.', starting and ending with "
                "a letter or digit (set c.CodeLab.obs_bucket or CODELAB_OBS_BUCKET)."
            ).format(name=quoted(name)),
        )
    return name


def safe_name(path: str, suffix: str = ".ipynb", fallback: str = "notebook") -> str:
    """The file's base name without ``suffix``, reduced to characters safe in a URL and a key."""
    base = path.replace("\\", "/").rsplit("/", 1)[-1]
    if suffix and base.lower().endswith(suffix):
        base = base[: -len(suffix)]
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", base).strip("-.") or fallback
    return cleaned[:MAX_NAME_CHARS]


def object_key(sha256_hex: str, path: str) -> str:
    """The key of the bytes whose SHA-256 is ``sha256_hex`` (hashed while they were read)."""
    return f"codelab/{sha256_hex[:HASH_PREFIX_CHARS]}/{safe_name(path)}.ipynb"


def file_key(sha256_hex: str, path: str) -> str:
    """The key of a file sent with a notebook: ``codelab/files/<sha256 prefix>/<base name>`` (extension kept)."""
    return f"codelab/files/{sha256_hex[:HASH_PREFIX_CHARS]}/{safe_name(path, '', 'file')}"


def public_url(endpoint: str, bucket: str, key: str, path_style: bool) -> str:
    """The permanent URL of a public-read object: virtual-host style on the cloud, path style on the simulator."""
    scheme, _, host = endpoint.partition("://")
    escaped = quote(key, safe="/~")
    if path_style:
        return f"{scheme}://{host.rstrip('/')}/{bucket}/{escaped}"
    return f"{scheme}://{bucket}.{host.rstrip('/')}/{escaped}"
