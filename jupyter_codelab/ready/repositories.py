"""A share_url that is a notebook inside a public repository: its parts, its raw link, its repository's archive.

The link is parsed once, by ``modelarts.repository_url`` (the same parser ``share_url`` uses); the hosts
are a table (``REPOSITORY_HOSTS`` by default, the server's ``repository_hosts`` setting otherwise), so that
tests serve "github" from a stand-in on loopback. The archive links follow each host's public download links:
- GitHub: ``https://codeload.github.com/{owner}/{repo}/tar.gz/{ref}``, where the "Download ZIP"/tar.gz links of
  GitHub Docs' "Downloading source code archives" (``github.com/{owner}/{repo}/archive/{ref}.tar.gz``) and the
  REST API's "Download a repository archive (tar)" redirect to;
- GitLab: ``https://gitlab.com/{group}/{project}/-/archive/{ref}/{project}-{ref}.tar.gz``, the "Code > Download
  source code" link of a project's page (GitLab Docs, "Repository": download the code in a repository);
- Gitee: ``https://gitee.com/{owner}/{repo}/repository/archive/{ref}.zip``, the "克隆/下载 > 下载ZIP" link of a
  repository's page (Gitee documents no other public archive URL).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from posixpath import dirname
from urllib.parse import unquote, urlsplit

from ..i18n import _
from ..modelarts.repository_url import KINDS, REPOSITORY_HOSTS, RepositoryFile, RepositoryHost, raw_url, repository_file
from ..modelarts.share_url import ShareUrlError, decode_share_url, encode_share_url

MAX_FOLDER_CHARS = 100


@dataclass(frozen=True)
class RepositoryLink:
    file: RepositoryFile
    host: RepositoryHost

    @property
    def raw_url(self) -> str:
        """Where the notebook's own bytes are."""
        return raw_url(self.file, self.host)

    @property
    def archive_url(self) -> str:
        f, base = self.file, self.host.archive
        if f.kind == "github":
            return f"{base}/{f.owner}/{f.repo}/tar.gz/{f.ref}"
        if f.kind == "gitlab":
            return f"{base}/{f.owner}/{f.repo}/-/archive/{f.ref}/{f.repo}-{f.ref}.tar.gz"
        return f"{base}/{f.owner}/{f.repo}/repository/archive/{f.ref}.zip"

    @property
    def folder(self) -> str:
        """Where the added cell unpacks the repository, beside the notebook: ``{repo}-{ref}``."""
        name = re.sub(r"[^A-Za-z0-9._-]+", "-", f"{unquote(self.file.repo)}-{unquote(self.file.ref)}").strip("-.")
        return name[:MAX_FOLDER_CHARS] or "repository"

    @property
    def notebook_folder(self) -> str:
        """The notebook's folder inside the repository ('/'-separated, "" at its top)."""
        return unquote(dirname(self.file.path))

    def to_json(self) -> dict:
        f = self.file
        return {"host": f.host, "kind": f.kind, "owner": f.owner, "repo": f.repo, "ref": f.ref, "path": f.path,
                "raw_url": self.raw_url, "archive_url": self.archive_url}  # fmt: skip


def repository_link(share_url_text: str, hosts: Mapping[str, RepositoryHost] = REPOSITORY_HOSTS) -> RepositoryLink | None:
    """The repository a pasted notebook link (page, raw link, Base64) lies in, on one of ``hosts``; None for a link
    elsewhere. A link that is no notebook link at all raises ``ShareUrlError`` (field ``share_url``)."""
    url = decode_share_url(encode_share_url(share_url_text))  # one normalisation: what ModelArts would be given
    found = repository_file(url, hosts)
    if found is None:
        return None
    if ".." in found.path.split("/") or ".." in found.ref.split("/"):
        raise ShareUrlError(_("share_url names a path with '..' in it: link to the notebook's own page in the repository."))
    return RepositoryLink(found, hosts[found.host])


def hosts_from_config(value: Mapping) -> dict[str, RepositoryHost]:
    """The ``repository_hosts`` setting: ``{name: {"kind": "github"|"gitlab"|"gitee", "web": url, "raw": url,
    "archive": url}}`` (``raw`` and ``archive`` default to ``web``). Raises ValueError with a sentence."""
    hosts = {}
    for name, entry in dict(value).items():
        entry = dict(entry) if isinstance(entry, Mapping) else {}
        kind, web = entry.get("kind"), entry.get("web")
        if kind not in KINDS:
            raise ValueError(
                _("repository_hosts['{name}']: kind must be one of {kinds}.").format(name=name, kinds=", ".join(KINDS))
            )
        urls: dict[str, str] = {}
        for key in ("web", "raw", "archive"):
            url = entry.get(key) or web
            parts = urlsplit(url) if isinstance(url, str) else None
            if not parts or parts.scheme not in ("http", "https") or not parts.hostname or parts.query or "@" in parts.netloc:
                raise ValueError(
                    _("repository_hosts['{name}']: {key} must be a base URL such as https://github.com.").format(
                        name=name, key=key
                    )
                )
            urls[key] = str(url).rstrip("/")
        hosts[str(name)] = RepositoryHost(kind, urls["web"], urls["raw"], urls["archive"])
    return hosts
