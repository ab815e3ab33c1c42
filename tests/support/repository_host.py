"""A stand-in for GitHub, GitLab and Gitee on loopback: raw files and archives built from a folder.

Tests only (the product fetches from the real hosts; nothing here reaches the internet). One tornado
app on its own thread and loop, so a kernel (another process) and blocking test code can both reach it.
Each kind is served under its own prefix, in the forms of the real hosts (see ``ready.repositories``):
- GitHub: pages ``/github/{owner}/{repo}/blob/{ref}/{path}`` (not served: only parsed), raw
  ``/githubraw/{owner}/{repo}/{ref}/{path}``, archives ``/codeload/{owner}/{repo}/tar.gz/{ref}`` whose top
  folder is ``{repo}-{ref}``, as GitHub's;
- GitLab: ``/gitlab/{group}/{project}/-/raw/{ref}/{path}`` and ``/-/archive/{ref}/{project}-{ref}.tar.gz``
  (top folder ``{project}-{ref}-{sha}``, as GitLab's);
- Gitee: ``/gitee/{owner}/{repo}/raw/{ref}/{path}`` and ``/repository/archive/{ref}.zip`` (top folder ``{repo}``).
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import tarfile
import threading
import zipfile
from pathlib import Path

from tornado import httpserver, netutil, web

from jupyter_codelab.modelarts.repository_url import RepositoryHost


def tar_gz(folder: Path, top: str) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for path in sorted(folder.rglob("*")):
            archive.add(path, arcname=f"{top}/{path.relative_to(folder).as_posix()}", recursive=False)
    return buffer.getvalue()


def zip_bytes(folder: Path, top: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            archive.write(path, arcname=f"{top}/{path.relative_to(folder).as_posix()}")
    return buffer.getvalue()


class _Handler(web.RequestHandler):
    def initialize(self, host: RepositoryHostThread, kind: str, what: str):
        self.host, self.kind, self.what = host, kind, what

    def get(self, owner: str, repo: str, ref: str, rest: str = ""):
        self.host.requests.append(self.request.path)
        if self.request.path in self.host.redirects:
            self.redirect(self.host.redirects[self.request.path])
            return
        folder = self.host.repositories.get((owner, repo, ref))
        if folder is None:
            raise web.HTTPError(404)
        if self.what == "raw":
            file = (folder / rest).resolve()
            if not file.is_file() or folder.resolve() not in file.parents:
                raise web.HTTPError(404)
            self.finish(file.read_bytes())
        elif self.kind == "gitee":
            self.set_header("Content-Type", "application/zip")
            self.finish(zip_bytes(folder, repo))
        else:
            top = f"{repo}-{ref}" if self.kind == "github" else f"{repo}-{ref}-{hashlib.sha1(ref.encode()).hexdigest()}"
            self.set_header("Content-Type", "application/x-gzip")
            self.finish(tar_gz(folder, top))


class RepositoryHostThread:
    def __init__(self) -> None:
        self.repositories: dict[tuple[str, str, str], Path] = {}
        self.requests: list[str] = []
        self.redirects: dict[str, str] = {}  # path -> where it redirects to (a host that sends you elsewhere)
        self.base = ""
        self._loop: asyncio.AbstractEventLoop | None = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="repository-host", daemon=True)

    def add(self, owner: str, repo: str, ref: str, folder: Path) -> None:
        self.repositories[(owner, repo, ref)] = folder

    def hosts(self) -> dict[str, RepositoryHost]:
        """The ``repository_hosts`` table that points each kind here."""
        b = self.base
        return {
            "github": RepositoryHost("github", f"{b}/github", f"{b}/githubraw", f"{b}/codeload"),
            "gitlab": RepositoryHost("gitlab", f"{b}/gitlab", f"{b}/gitlab", f"{b}/gitlab"),
            "gitee": RepositoryHost("gitee", f"{b}/gitee", f"{b}/gitee", f"{b}/gitee"),
        }

    def _app(self) -> web.Application:
        def route(pattern: str, kind: str, what: str):
            return (pattern, _Handler, {"host": self, "kind": kind, "what": what})

        return web.Application([
            route(r"/githubraw/([^/]+)/([^/]+)/([^/]+)/(.+)", "github", "raw"),
            route(r"/codeload/([^/]+)/([^/]+)/tar\.gz/([^/]+)", "github", "archive"),
            route(r"/gitlab/(.+)/([^/]+)/-/raw/([^/]+)/(.+)", "gitlab", "raw"),
            route(r"/gitlab/(.+)/([^/]+)/-/archive/([^/]+)/[^/]+\.tar\.gz", "gitlab", "archive"),
            route(r"/gitee/([^/]+)/([^/]+)/raw/([^/]+)/(.+)", "gitee", "raw"),
            route(r"/gitee/([^/]+)/([^/]+)/repository/archive/([^/]+)\.zip", "gitee", "archive"),
        ])  # fmt: skip

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        self._loop = loop
        sockets = netutil.bind_sockets(0, "127.0.0.1")
        server = httpserver.HTTPServer(self._app())
        server.add_sockets(sockets)
        self.base = f"http://127.0.0.1:{sockets[0].getsockname()[1]}"
        self._ready.set()
        loop.run_forever()
        server.stop()
        loop.close()

    def start(self) -> RepositoryHostThread:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("The stand-in repository host did not start within 10 s.")
        return self

    def stop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
