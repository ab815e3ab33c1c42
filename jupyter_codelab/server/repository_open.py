"""``POST notebooks/open {"share_url", "with_repository": true}``: a notebook of a public repository, opened with
its repository's files.

The server fetches the notebook from one of the configured hosts (``c.CodeLab.repository_hosts``; GitHub,
GitLab and Gitee by default), on the loop with tornado's async client. It follows a redirect only on the same
host, refuses private and loopback addresses unless ``c.CodeLab.repository_private_addresses`` allows them,
and stops reading past the notebook size limit. The notebook gets the structure check of a local one
(``obs.prepare``), the first cell that unpacks the repository (``ready.added_cell``), and goes through OBS as a
local send does: this needs an account's OBS (the simulated OBS in simulated mode, and the answer says so).
"""

from __future__ import annotations

import asyncio
import io
import ipaddress
from dataclasses import dataclass
from posixpath import basename
from urllib.parse import unquote, urljoin, urlsplit

from tornado.httpclient import AsyncHTTPClient, HTTPRequest

from ..i18n import _
from ..modelarts.repository_url import RepositoryHost
from ..modelarts.share_url import ShareUrlError
from ..obs.notebook_file import NotebookFile, too_large
from ..obs.prepare import NotebookInvalid, TooLarge, prepare
from ..ready.added_cell import with_repository
from ..ready.repositories import RepositoryLink, repository_link
from .validation import BadInput

MAX_REDIRECTS = 5
REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True)
class RepositorySource:
    hosts: dict[str, RepositoryHost]
    private_addresses: bool = False  # c.CodeLab.repository_private_addresses


def link_of(share_url, source: RepositorySource) -> RepositoryLink:
    if not isinstance(share_url, str) or not share_url.strip():
        raise BadInput(
            "share_url", _("with_repository needs share_url: the link to a notebook in a GitHub, GitLab or Gitee repository.")
        )
    try:
        link = repository_link(share_url, source.hosts)
    except ShareUrlError as error:
        raise BadInput("share_url", str(error)) from None
    if link is None:
        raise BadInput("share_url", _("share_url is not a notebook in a repository on {hosts}: link to the notebook's page there, or "
                                      "leave out with_repository.").format(hosts=", ".join(h.web for h in source.hosts.values())))  # fmt: skip
    return link


async def _check_address(url: str, source: RepositorySource) -> None:
    if source.private_addresses:
        return
    host = urlsplit(url).hostname or ""
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, None)
    except OSError as error:
        raise BadInput("share_url", _("Cannot find the host {host} ({error}).").format(host=host, error=error)) from None
    for info in infos:
        if not ipaddress.ip_address(str(info[4][0]).split("%")[0]).is_global:
            raise BadInput("share_url", _("{host} is a private or loopback address: the server fetches notebooks only from public hosts "
                                          "(c.CodeLab.repository_private_addresses allows others).").format(host=host))  # fmt: skip


class _Body:
    def __init__(self, limit: int):
        self.limit, self.size = limit, 0
        self.parts: list[bytes] = []

    def add(self, part: bytes) -> None:
        self.size += len(part)
        if self.size > self.limit:
            raise TooLarge(self.size)  # ends the fetch: nothing past the limit is read
        self.parts.append(part)


async def fetch_notebook(url: str, limit: int, source: RepositorySource, timeout: float = 60.0) -> bytes:
    """The notebook's bytes; redirects followed on the same host only, at most ``limit`` bytes read."""
    for _hop in range(MAX_REDIRECTS + 1):
        await _check_address(url, source)
        body = _Body(limit)
        request = HTTPRequest(url, follow_redirects=False, streaming_callback=body.add, request_timeout=timeout,
                              connect_timeout=min(timeout, 10.0), decompress_response=True)  # fmt: skip
        try:
            response = await AsyncHTTPClient().fetch(request, raise_error=False)
        except TooLarge:
            raise
        except Exception as error:  # noqa: BLE001 - no connection, a timeout, a TLS failure: said, not raised as 500
            raise BadInput("share_url", _("Cannot fetch the notebook from {host} ({error}).").format(
                host=urlsplit(url).netloc, error=type(error).__name__)) from None  # fmt: skip
        if response.code in REDIRECTS:
            target = urljoin(url, response.headers.get("Location", ""))
            if urlsplit(target).netloc.lower() != urlsplit(url).netloc.lower() or urlsplit(target).scheme not in (
                "http",
                "https",
            ):
                raise BadInput("share_url", _("The host redirects the notebook to another host ({target}), which is not followed: link to "
                                              "the notebook on its own host.").format(target=urlsplit(target).netloc))  # fmt: skip
            url = target
            continue
        if response.code != 200:
            raise BadInput("share_url", _("The host answered HTTP {code} for the notebook: check that the link works in a browser "
                                          "and that the repository is public.").format(code=response.code))  # fmt: skip
        return b"".join(body.parts)
    raise BadInput(
        "share_url", _("The host redirects more than {count} times: link to the notebook itself.").format(count=MAX_REDIRECTS)
    )


async def repository_copy(link: RepositoryLink, limit: int, source: RepositorySource) -> NotebookFile:
    """The notebook fetched, checked as a local one, with the cell that unpacks its repository first."""
    path = unquote(link.file.path)
    name = basename(path) or "notebook.ipynb"
    try:
        data = await fetch_notebook(link.raw_url, limit, source)
        prepared = await asyncio.to_thread(prepare, lambda: io.BytesIO(data), False, limit, lambda nb: with_repository(nb, link))
    except TooLarge as error:
        raise BadInput("share_url", str(too_large(name, error.size, limit))) from None
    except NotebookInvalid:
        raise BadInput("share_url", _("The link gives no notebook (not nbformat 4 JSON): link to an .ipynb file.")) from None
    if prepared.size > limit:
        raise BadInput("share_url", str(too_large(name, prepared.size, limit)))
    return NotebookFile(f"{link.file.owner}/{link.file.repo}/{path}", name, prepared)


def repository_answer(link: RepositoryLink, simulated: bool) -> dict:
    """What the answer adds to the Notebook: the repository, and whether a simulated OBS served it."""
    note = _("Simulated: the notebook and its repository cell went to the simulated OBS. Connect a Huawei Cloud account to send "
             "it through your own OBS bucket.") if simulated else None  # fmt: skip
    return {**link.to_json(), "folder": link.folder, "simulated": simulated, "message": note}
