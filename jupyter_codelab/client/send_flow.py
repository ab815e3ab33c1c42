"""Sending a local notebook to CodeLab from a kernel or a terminal (``%codelab send``, ``jupyter codelab open ./x.ipynb``).

The upload itself happens in the Jupyter server (it holds the OBS credentials and reads
the file through its contents manager); this side turns a local path into the path the
file browser shows, shows the preview, starts the send and follows its progress.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping

from jupyter_codelab.api_env import ENV_CONTENTS_ROOT
from jupyter_codelab.client.backend import Backend
from jupyter_codelab.client.errors import CodeLabError
from jupyter_codelab.client.inputs import InputError
from jupyter_codelab.i18n import _

ENV_SESSION = "JPY_SESSION_NAME"
POLL_SECONDS = 0.25
MB = 1024 * 1024


def is_local_notebook(text: str) -> bool:
    """A local path (``./x.ipynb``, ``dir/x.ipynb``, ``~/x.ipynb``, an existing file), never a URL."""
    text = text.strip()
    if "://" in text:
        return False
    return os.path.exists(os.path.expanduser(text)) or text.lower().endswith(".ipynb")


def current_notebook_path(user_ns: dict | None = None) -> str | None:
    """The notebook this kernel belongs to, when Jupyter said (``__session__`` / ``JPY_SESSION_NAME``)."""
    value = (user_ns or {}).get("__session__") or os.environ.get(ENV_SESSION)
    return value if isinstance(value, str) and value.lower().endswith(".ipynb") else None


def contents_path(local: str, env: Mapping[str, str] | None = None) -> str:
    """The path in the Jupyter contents tree of a local file (relative to the server's root)."""
    root = (os.environ if env is None else env).get(ENV_CONTENTS_ROOT)
    absolute = os.path.realpath(os.path.abspath(os.path.expanduser(local)))
    if not root:
        if os.path.isabs(local) or local.startswith("~"):
            raise InputError(_("Cannot tell where {local} is in the Jupyter file browser: give its path as the file browser shows it (relative to the "
                               "server's root).").format(local=local))  # fmt: skip
        return os.path.normpath(local).replace(os.sep, "/")
    relative = os.path.relpath(absolute, os.path.realpath(root))
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        raise InputError(
            _("{local} is outside the Jupyter server's root ({root}): only notebooks in its file browser can be sent.").format(
                local=local, root=root
            )
        )
    return relative.replace(os.sep, "/")


def _input_errors(call):
    """The server's 400/409/413 answers name a field: they are the user's to fix."""
    try:
        return call()
    except CodeLabError as error:
        if error.status in (400, 409, 413):
            raise InputError(error.message) from None
        raise


def preview(backend: Backend, path: str, strip_outputs: bool = False, files: list[str] | None = None) -> dict:
    return _input_errors(lambda: backend.preview_send(path, strip_outputs, files))


def chosen_preview(
    backend: Backend, path: str, strip_outputs=False, with_files=None, with_detected=False
) -> tuple[dict, list[str]]:
    """The preview of what goes: the ``--with`` paths (local, from here) and, with ``--with-detected``, every
    file the notebook reads; and those files as contents paths."""
    files = [contents_path(local) for local in with_files or ()]
    p = preview(backend, path, strip_outputs, files)
    detected = {row["path"] for row in p.get("detected_files") or []}
    if with_detected and detected - set(files):
        files = sorted(set(files) | detected)
        p = preview(backend, path, strip_outputs, files)
    return p, files


def files_text(p: dict) -> str | None:
    """The files sent with it, or those it reads that are not sent (and how to add them)."""
    shown = 8
    if p.get("files"):
        paths = ", ".join(f["path"] for f in p["files"][:shown]) + (", ..." if len(p["files"]) > shown else "")
        return _("With {count} files ({size:.2f} MB): {paths}.").format(
            count=len(p["files"]), size=p["files_size"] / MB, paths=paths
        )
    detected = p.get("detected_files") or []
    if detected:
        paths = ", ".join(row["path"] + ("/" if row["kind"] == "folder" else "") for row in detected[:shown])
        return _("It reads {paths} here, not sent: add --with PATH or --with-detected to send them too.").format(paths=paths)
    return None


def check_with_options(local: str | None, share_url: str | None, args) -> None:
    """``--with``/``--with-detected`` go with a local notebook, ``--with-repo`` with a link."""
    if (args.with_files or args.with_detected) and local is None:
        raise InputError(_("--with and --with-detected send files from here with a local notebook: give the notebook's path."))
    if getattr(args, "with_repo", False) and share_url is None:
        raise InputError(_("--with-repo goes with --share-url: a link to a notebook in a GitHub, GitLab or Gitee repository."))


def open_repository(backend: Backend, share_url: str, image_id: str | None = None, create_bucket: bool = False) -> dict:
    """Open a repository's notebook with its repository's files (the server fetches it and sends a copy through OBS)."""
    return _input_errors(lambda: backend.open_repository(share_url, image_id, create_bucket))


def check_preview(p: dict, create_bucket: bool) -> None:
    """What stops a send before it starts: too large, or a bucket to create without the user's say-so."""
    if p["too_large"]:
        raise InputError(p["too_large"])
    if p["create_bucket_needed"] and not create_bucket:
        raise InputError(_("The OBS bucket {bucket} does not exist yet: run again with --create-bucket to create it (private), or set "
                           "c.CodeLab.obs_bucket to a bucket of yours.").format(bucket=p['bucket']))  # fmt: skip


def preview_text(p: dict) -> str:
    """The server's preview rows (obs/send_words.py, in this process's language) on one line."""
    rows = "; ".join(f"{label}: {value}" for label, value in p["lines"][1:])
    return _("Sending {name}: {rows}.").format(name=p["name"], rows=rows)


def send(backend: Backend, path: str, strip_outputs=False, create_bucket=False, image_id=None, open_instance=True,
         progress: Callable[[dict], None] | None = None, timeout: float = 3600.0, files: list[str] | None = None) -> dict:  # fmt: skip
    """Start the send and follow it to the end; returns the finished job (``notebook`` when opened)."""
    job = _input_errors(lambda: backend.start_send(path, strip_outputs, create_bucket, open_instance, image_id, files))
    deadline = time.monotonic() + timeout
    while job["state"] not in ("done", "failed"):
        if progress:
            progress(job)
        if time.monotonic() > deadline:
            raise CodeLabError(
                _("Sending {name} took over {timeout:g} s; it goes on in the server.").format(name=job["name"], timeout=timeout)
            )
        time.sleep(POLL_SECONDS)
        job = backend.send_job(job["id"])
    if progress:
        progress(job)
    if job["state"] == "failed":
        error = job["error"] or {}
        raise CodeLabError(error.get("message") or _("Sending failed."), None, error.get("error_code"), error.get("error_msg"))
    return job


def progress_text(job: dict) -> str:
    """Where the send is: the server's sentence (obs/send_words.py), as every face shows it."""
    return job["message"]
