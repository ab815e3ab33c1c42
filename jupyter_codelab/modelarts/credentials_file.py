"""Remembering an AK/SK in the credentials file's ``[basic]``, the file Huawei's SDKs and our lookup
(``credential_sources.py``) read: ``HUAWEICLOUD_SDK_CREDENTIALS_FILE``, else ``~/.huaweicloud/credentials``.

We write the SDK's keys only (``ak``, ``sk``, ``security_token``, ``project_id``), ``%`` doubled as
the SDK's parser (BasicInterpolation) reads it; the region is found again from the project id
through IAM. Forgetting also removes the ``region`` key older versions wrote.

The file is edited line by line so that other sections, other keys of
``[basic]`` and comments stay as they were; it is written to a temporary file
in the same folder with mode 0600 and moved into place (``os.replace``), so a
reader never sees half a file and nobody else can read the secret.
"""

from __future__ import annotations

import configparser
import os
import re
import tempfile
from pathlib import Path

from ..i18n import _
from .credential_sources import credentials_path
from .value_rules import ConfigError

SECTION = "basic"
# The keys we write (SDK names: huaweicloudsdkcore auth/provider.py ProfileCredentialProvider), and forget.
OUR_KEYS = ("ak", "sk", "security_token", "project_id", "region")
_SECTION_RE = re.compile(r"^\s*\[([^\]]+)\]\s*$")
_KEY_RE = re.compile(r"^\s*([^=:\s#;][^=:]*?)\s*[=:]")


def _read(path: Path) -> str:
    """The file's text ('' when missing); ConfigError when it cannot be read or parsed (never overwritten then)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            _("{path} cannot be read ({reason}): fix its permissions or remove it.").format(path=path, reason=type(exc).__name__)
        ) from None
    try:
        configparser.ConfigParser(interpolation=None).read_string(text, source=str(path))
    except configparser.Error as exc:
        raise ConfigError(
            _("{path} is not a valid INI file ({reason}): fix or remove it.").format(path=path, reason=type(exc).__name__)
        ) from None
    return text


def check_writable(path: Path | None = None) -> Path:
    """Raise ConfigError now (before any network call) when remembering could not work."""
    path = path or credentials_path()
    _read(path)
    folder = path.parent
    probe = folder if folder.exists() else folder.parent
    if not os.access(probe, os.W_OK):
        raise ConfigError(
            _("{probe} is not writable, so the keys cannot be remembered: connect without remember.").format(probe=probe)
        )
    return path


def _edit(text: str, values: dict[str, str | None]) -> str:
    """``text`` with ``[basic]``'s keys in ``values`` set (None: removed); everything else kept."""
    lines = text.splitlines()
    start = end = None
    for index, line in enumerate(lines):
        match = _SECTION_RE.match(line)
        if match:
            if start is not None and end is None:
                end = index
            if match.group(1).strip() == SECTION and start is None:
                start = index
    if start is not None and end is None:
        end = len(lines)
    wanted = {k: v for k, v in values.items() if v is not None}
    if start is None:
        if not wanted:
            return text
        block = [f"[{SECTION}]"] + [f"{k} = {v}" for k, v in wanted.items()]
        kept = lines + ([""] if lines and lines[-1].strip() else [])
        return "\n".join(kept + block) + "\n"
    body = []
    for line in lines[start + 1 : end]:
        match = _KEY_RE.match(line)
        key = match.group(1).strip().lower() if match else None
        if key in values:
            continue  # replaced below, or removed
        body.append(line)
    while body and not body[-1].strip():
        body.pop()
    body += [f"{k} = {v}" for k, v in wanted.items()]
    has_keys = any(_KEY_RE.match(line) for line in body)
    section = ([lines[start]] + body + ([""] if end is not None and end < len(lines) else [])) if has_keys else []
    result = lines[:start] + section + lines[end:]
    return "\n".join(result).rstrip("\n") + "\n" if any(line.strip() for line in result) else ""


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".credentials-", dir=path.parent)  # mkstemp creates it 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


def remember(access_key: str, secret_key: str, project_id: str, security_token: str | None = None,
             path: Path | None = None) -> Path:  # fmt: skip
    """Write the keys into ``[basic]`` (a stale security_token and an old region are removed); other content kept."""
    path = path or credentials_path()
    text = _read(path)
    given = {"ak": access_key, "sk": secret_key, "security_token": security_token, "project_id": project_id}
    values = {key: value.replace("%", "%%") if value else None for key, value in given.items()} | {"region": None}
    try:
        _write(path, _edit(text, values))
    except OSError as exc:
        raise ConfigError(
            _("Could not write {path} ({reason}): check the folder's permissions.").format(path=path, reason=type(exc).__name__)
        ) from None
    return path


def forget(path: Path | None = None) -> bool:
    """Remove the keys we write from ``[basic]``; True when something was removed."""
    path = path or credentials_path()
    text = _read(path)
    edited = _edit(text, dict.fromkeys(OUR_KEYS))
    if edited == text or not text:
        return False
    try:
        if edited:
            _write(path, edited)
        else:
            path.unlink()
    except OSError as exc:
        raise ConfigError(
            _("Could not change {path} ({reason}): check its permissions.").format(path=path, reason=type(exc).__name__)
        ) from None
    return True


def remembered(path: Path | None = None) -> bool:
    """Whether ``[basic]`` holds an access key (without reading any secret into the answer)."""
    try:
        text = _read(path or credentials_path())
    except ConfigError:
        return False
    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(text)
    return parser.has_section(SECTION) and bool(parser[SECTION].get("ak"))
