"""Links to a file in a GitHub, GitLab or Gitee repository: which host, owner, repository, ref and path.

One parser for every use: ``share_url`` turns a file's page into its raw download with it, and
``ready.repositories`` builds a repository's archive link from the same parts. Pure, standard library.

The link forms (each host's web pages, as their "Raw" buttons and address bars show them):
- GitHub ``{web}/{owner}/{repo}/blob|raw/{ref}/{path}`` and ``{raw}/{owner}/{repo}/{ref}/{path}``;
- GitLab ``{web}/{group/...}/{project}/-/blob|raw/{ref}/{path}`` (subgroups allowed; ``?ref_type=`` kept);
- Gitee ``{web}/{owner}/{repo}/blob|raw/{ref}/{path}``.
A ref holding ``/`` cannot be told from the path in such a link: the first segment is read as the ref
(the raw link stays right, since it keeps the segments in order).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

KINDS = ("github", "gitlab", "gitee")


@dataclass(frozen=True)
class RepositoryHost:
    """Where one host serves pages, raw files and archives (base URLs: scheme, host, optional path prefix)."""

    kind: str  # one of KINDS: the link forms the host speaks
    web: str  # "https://github.com"
    raw: str  # "https://raw.githubusercontent.com" (GitLab and Gitee serve raw files from their web host)
    archive: str  # "https://codeload.github.com"


REPOSITORY_HOSTS: dict[str, RepositoryHost] = {
    "github": RepositoryHost("github", "https://github.com", "https://raw.githubusercontent.com", "https://codeload.github.com"),
    "gitlab": RepositoryHost("gitlab", "https://gitlab.com", "https://gitlab.com", "https://gitlab.com"),
    "gitee": RepositoryHost("gitee", "https://gitee.com", "https://gitee.com", "https://gitee.com"),
}
"""The public hosts, by name. The server's ``repository_hosts`` setting replaces this table (tests point
"github" at a stand-in on loopback); this is the one place the real hosts are written."""


@dataclass(frozen=True)
class RepositoryFile:
    host: str  # the name of its entry in the hosts table ("" for a GitLab link on a host not in the table)
    kind: str
    owner: str  # GitLab: the group path, subgroups included
    repo: str
    ref: str
    path: str  # the file inside the repository, '/'-separated, as written in the link (percent escapes kept)
    ref_type: str = ""  # GitLab's ?ref_type=heads|tags, which tells a branch from a tag of the same name


def _base_matches(url: str, base: str) -> str | None:
    """The rest of ``url``'s path when it lies under ``base`` (scheme and a leading "www." ignored), else None."""
    link, root = urlsplit(url), urlsplit(base)
    netloc, root_netloc = link.netloc.lower(), root.netloc.lower()
    if netloc != root_netloc and netloc.removeprefix("www.") != root_netloc.removeprefix("www."):
        return None
    prefix = root.path.rstrip("/")
    if prefix and not (link.path == prefix or link.path.startswith(prefix + "/")):
        return None
    return link.path[len(prefix) :]


def _parts(kind: str, path: str, raw_form: bool) -> tuple[str, str, str, str] | None:
    """(owner, repo, ref, file path) of a link's path on a host of ``kind``, or None when it is no file's link."""
    segments = path.split("/")[1:]
    if kind == "gitlab":
        if "-" not in segments:
            return None
        mark = segments.index("-")
        owner, rest = segments[: mark - 1], segments[mark + 1 :]
        if mark < 2 or len(rest) < 3 or rest[0] not in ("blob", "raw"):
            return None
        return "/".join(owner), segments[mark - 1], rest[1], "/".join(rest[2:])
    if raw_form and kind == "github":  # raw.githubusercontent.com/{owner}/{repo}/{ref}/{path}
        if len(segments) < 4:
            return None
        return segments[0], segments[1], segments[2], "/".join(segments[3:])
    if len(segments) < 5 or segments[2] not in ("blob", "raw"):
        return None
    return segments[0], segments[1], segments[3], "/".join(segments[4:])


def repository_file(
    url: str, hosts: Mapping[str, RepositoryHost] = REPOSITORY_HOSTS, raw_links: bool = True, any_gitlab: bool = False
) -> RepositoryFile | None:
    """The parts of a link to a file in a repository on one of ``hosts``, or None.

    ``raw_links``: also GitHub's raw host (GitLab and Gitee serve raw files under their pages' host anyway).
    ``any_gitlab``: a ``/-/blob/`` or ``/-/raw/`` link on any other host is read as GitLab's (self-hosted).
    """
    parsed = urlsplit(url)
    ref_type = next((item[len("ref_type=") :] for item in parsed.query.split("&") if item.startswith("ref_type=")), "")
    for name, host in hosts.items():
        bases = [(host.web, False)] + ([(host.raw, True)] if raw_links and host.kind == "github" else [])
        for base, raw_form in bases:
            rest = _base_matches(url, base)
            found = _parts(host.kind, rest, raw_form) if rest is not None else None
            if found:
                return RepositoryFile(name, host.kind, *found, ref_type=ref_type if host.kind == "gitlab" else "")
    if any_gitlab and ("/-/blob/" in parsed.path or "/-/raw/" in parsed.path):
        found = _parts("gitlab", parsed.path, False)
        if found:
            return RepositoryFile("", "gitlab", *found, ref_type=ref_type)
    return None


def raw_url(file: RepositoryFile, host: RepositoryHost) -> str:
    """The link that downloads the file's bytes."""
    if file.kind == "github":
        return f"{host.raw}/{file.owner}/{file.repo}/{file.ref}/{file.path}"
    if file.kind == "gitlab":
        query = f"?ref_type={file.ref_type}" if file.ref_type else ""
        return f"{host.raw}/{file.owner}/{file.repo}/-/raw/{file.ref}/{file.path}{query}"
    return f"{host.raw}/{file.owner}/{file.repo}/raw/{file.ref}/{file.path}"
