"""Turn whatever link a person pastes into the ``share_url`` ModelArts expects.

ModelArts' open call takes ``share_url`` as standard padded Base64 of a direct
http(s) link to an ``.ipynb`` file. People paste GitHub/GitLab/Gitee "blob"
pages, raw links, links without ``https://``, or a Base64 value copied from an
existing "Run in ModelArts" link (URL-safe, unpadded or ``%3D``-escaped). All of
these normalise to one value, and encoding is idempotent: an already-encoded
value is never encoded twice. Pure functions, standard library only.
"""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from ..i18n import _
from .limits import is_uuid
from .repository_url import REPOSITORY_HOSTS, RepositoryHost, raw_url, repository_file

MAX_URL_LENGTH = 2048
"""Longest notebook URL accepted (the common browser/proxy limit for a URL)."""

RUN_IN_MODELARTS_BASE = "https://authoring-modelarts-cnnorth4.huaweicloud.com/console/lab"
"""Huawei's current "Run in ModelArts" landing page (takes ``share-url-b64`` and ``imageid``)."""

BADGE_IMAGE_URL = "https://img.shields.io/badge/Run%20in-ModelArts-red"
"""A shields.io static badge: grey "Run in", red "ModelArts" (Huawei's brand colour)."""

BADGE_ALT_TEXT = "Run in ModelArts"

# Base64 of MAX_URL_LENGTH bytes, plus room for "%3D" padding escapes.
_MAX_TEXT_LENGTH = 4 * ((MAX_URL_LENGTH + 2) // 3) + 8
_BASE64_TEXT = re.compile(r"[A-Za-z0-9+/_-]+(?:=|%3[Dd]){0,2}")
# "github.com/o/r/blob/..." pasted without its scheme: a dotted host name then a slash.
_SCHEMELESS_HOST = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::\d+)?/")
# Characters left as they are when percent-encoding a path or query: RFC 3986's
# reserved and unreserved sets plus "%", so existing escapes survive (idempotence).
_URL_SAFE = "/:@!$&'()*+,;=?~%-._"


class ShareUrlError(ValueError):
    """The pasted ``share_url`` cannot be turned into a notebook link."""

    field = "share_url"


class ImageIdError(ValueError):
    """The ``image_id`` given for a "Run in ModelArts" link is not a UUID."""

    field = "image_id"


def encode_share_url(text: str) -> str:
    """Return standard padded Base64 of the normalised notebook URL in ``text``."""
    url = _normalised_url(text)
    return base64.b64encode(url.encode("utf-8")).decode("ascii")


def decode_share_url(b64: str) -> str:
    """Return the URL inside a ``share_url`` value (any Base64 spelling), for display."""
    if not isinstance(b64, str) or not b64.strip():
        raise ShareUrlError(_("share_url is empty: give the Base64 value of a notebook link."))
    decoded = _decode_base64_text(b64.strip())
    if decoded is None:
        raise ShareUrlError(_("share_url is not valid Base64: copy the whole share-url-b64 value from the link."))
    return decoded


_LINK_QUERY = re.compile(r"(?i)(https?://[^\s?#]*)[?#]\S*")


def shown_link(text: str | None) -> str | None:
    """``text`` with every link's query and fragment cut off (a Base64 link decoded first): how a link that
    may be signed (``?AccessKeyId=...&Signature=...``, a security token) is shown or logged. A signed
    link is a key to a private object until it expires; the object's address alone is not."""
    if not text:
        return text
    stripped = text.strip()
    if "://" not in stripped and _BASE64_TEXT.fullmatch(stripped):
        decoded = _decode_base64_text(stripped)
        if decoded and decoded.lower().startswith(("http://", "https://")):
            text = decoded
    return _LINK_QUERY.sub(r"\1", text)


def run_in_modelarts_url(share_url_text: str, image_id: str | None = None) -> str:
    """Return the "Run in ModelArts" link that opens ``share_url_text`` in CodeLab."""
    link = f"{RUN_IN_MODELARTS_BASE}?share-url-b64={quote(encode_share_url(share_url_text), safe='')}"
    if image_id is not None:
        link += f"&imageid={_checked_image_id(image_id)}"
    return link


def badge_markdown(share_url_text: str, image_id: str | None = None) -> str:
    """Return a Markdown "Run in ModelArts" badge linking to the notebook."""
    return f"[![{BADGE_ALT_TEXT}]({BADGE_IMAGE_URL})]({run_in_modelarts_url(share_url_text, image_id)})"


def _checked_image_id(image_id: str) -> str:
    candidate = image_id.strip().lower() if isinstance(image_id, str) else ""
    if not is_uuid(candidate):
        raise ImageIdError(
            _(
                "image_id must be an image UUID like 'e1a07296-22a8-4f05-8bc8-e936c8e54090': pick one from the image list, or leave it out for the "
                "default image."
            )
        )
    return candidate


def _normalised_url(text: str) -> str:
    if not isinstance(text, str):
        raise ShareUrlError(_("share_url must be text: paste the https link to an .ipynb file."))
    text = text.strip()
    if not text:
        raise ShareUrlError(_("share_url is empty: paste the https link to an .ipynb file."))
    if len(text) > _MAX_TEXT_LENGTH:
        raise ShareUrlError(
            _("share_url is too long (over {limit} characters): use a shorter link to the notebook.").format(limit=MAX_URL_LENGTH)
        )
    _reject_hidden_characters(text, "share_url")
    if "://" not in text and _BASE64_TEXT.fullmatch(text):
        decoded = _decode_base64_text(text)
        if decoded is None or not decoded.lower().startswith(("http://", "https://")):
            raise ShareUrlError(
                _("share_url is neither an http(s) link nor the Base64 of one: paste the https link to the .ipynb file.")
            )
        _reject_hidden_characters(decoded, "share_url (decoded from Base64)")
        text = decoded
    elif "://" not in text and _SCHEMELESS_HOST.match(text):
        text = "https://" + text
    return _checked_notebook_url(text)


def _reject_hidden_characters(text: str, label: str) -> None:
    for char in text:
        if char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Zs"):
            raise ShareUrlError(
                _(
                    "{label} contains a space or control character: paste the link alone, on one line, with spaces written as %20."
                ).format(label=label)
            )


def _decode_base64_text(text: str) -> str | None:
    """Decode standard or URL-safe Base64, padded, unpadded or with ``%3D`` padding."""
    core = re.sub(r"(?:=|%3[Dd])+$", "", text)
    if not re.fullmatch(r"[A-Za-z0-9+/_-]*", core) or len(core) % 4 == 1:
        return None
    standard = core.replace("-", "+").replace("_", "/")
    try:
        raw = base64.b64decode(standard + "=" * (-len(standard) % 4), validate=True)
        return raw.decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None


def _checked_notebook_url(url: str) -> str:
    if len(url) > MAX_URL_LENGTH:
        raise ShareUrlError(
            _("share_url is too long (over {limit} characters): use a shorter link to the notebook.").format(limit=MAX_URL_LENGTH)
        )
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        shown = f"'{scheme}:'" if scheme else "no scheme"
        raise ShareUrlError(
            _("share_url must be an http(s) link (got {shown}): paste a link starting with https://.").format(shown=shown)
        )
    if "@" in parts.netloc:
        # Never echo the link here: it holds a user name or password.
        raise ShareUrlError(
            _("share_url must not contain a user name or password (user:pass@host): share a public link to the notebook.")
        )
    if not parts.hostname:
        raise ShareUrlError(
            _("share_url has no host name: paste a full link such as https://github.com/org/repo/blob/main/x.ipynb.")
        )
    try:
        parts.port  # noqa: B018 - raises on a malformed port
        host = parts.netloc.encode("idna").decode("ascii") if not parts.netloc.isascii() else parts.netloc
    except (ValueError, UnicodeError):
        raise ShareUrlError(_("share_url has an invalid host or port: check the part after https://.")) from None
    host, path, query = _raw_file_location(scheme, host, parts.path, parts.query)
    if not unquote(path).lower().endswith(".ipynb"):
        raise ShareUrlError(
            _("share_url must point to a notebook file (a path ending in .ipynb): link to the .ipynb file itself.")
        )
    normalised = urlunsplit((scheme, host, quote(path, safe=_URL_SAFE), quote(query, safe=_URL_SAFE), ""))
    if len(normalised) > MAX_URL_LENGTH:
        raise ShareUrlError(
            _("share_url is too long (over {limit} characters): use a shorter link to the notebook.").format(limit=MAX_URL_LENGTH)
        )
    return normalised


def _raw_file_location(scheme: str, host: str, path: str, query: str) -> tuple[str, str, str]:
    """Map a repository's web page for a file to its raw download; drop view-only query params.

    - GitHub ``/o/r/blob/ref/p`` (or ``/raw/``) -> ``raw.githubusercontent.com/o/r/ref/p``; the
      segments are kept verbatim, so a ref with slashes resolves there as it does on the page.
    - GitLab (any host) ``/g/p/-/blob/ref/p`` -> ``/g/p/-/raw/ref/p``, keeping ``ref_type``
      (it tells a branch from a tag of the same name).
    - Gitee ``/o/r/blob/ref/p`` -> ``/o/r/raw/ref/p``.
    Other links (GitHub's raw links among them) are kept as they are: their query may be a signed download token.
    """
    found = repository_file(f"{scheme}://{host}{path}?{query}", raw_links=False, any_gitlab=True)
    if found is None:
        return host, path, query
    raw = urlsplit(raw_url(found, REPOSITORY_HOSTS.get(found.host) or _same_host(scheme, host)))
    return raw.netloc, raw.path, raw.query


def _same_host(scheme: str, host: str) -> RepositoryHost:
    """A self-hosted GitLab: pages, raw files and archives on the link's own host."""
    base = f"{scheme}://{host}"
    return RepositoryHost("gitlab", base, base, base)
