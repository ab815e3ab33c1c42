"""The files sent with a notebook (``files: [...]``): found for the preview, uploaded, linked, and the copy of
the notebook whose first cell fetches them.

Each file is uploaded under its content's hash (``naming.file_key``): a re-send finds the unchanged ones by
HEAD and uploads only what changed. One file at a time is read (in parts, in a thread), so memory stays near
one part whatever the files weigh. The notebook itself must then change (its first cell carries the links),
so the copy sent is built in memory and written out as nbformat writes; the notebook's size limit applies
to that copy too. The links are signed for a private send (they expire with the notebook's) and the
objects' public URLs once published.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable, Sequence

from ..i18n import _
from ..ready.added_cell import SentFile, with_files
from ..ready.detect import detect_files
from ..ready.limits import megabytes
from ..ready.selection import ChosenFile, chosen_files
from ..ready.tree import ContentsTree
from .gateway import FILE_CONTENT_TYPE, ObsGateway, ObsRequestError
from .naming import file_key, public_url
from .notebook_file import NotebookFile, SendInputError, changed_while_sending, file_opener, read_bytes, too_large
from .prepare import CODE_KEEP, Prepared, hash_file, prepare


async def choose(sender, contents_manager, body: dict) -> list[ChosenFile]:
    """The files of ``body["files"]``, checked against the limits before anything is uploaded (``FilesError``)."""
    return await chosen_files(ContentsTree(contents_manager), body.get("files"), sender.settings.file_limits)


async def preview_files(sender, contents_manager, notebook: NotebookFile, chosen: Sequence[ChosenFile]) -> dict:
    """What the preview adds: the files the notebook reads (``detected_files``, ``skipped_files``) and the
    files chosen with their sizes (the list a publish confirms)."""
    limit = sender.settings.size_limit_bytes
    code = (await asyncio.to_thread(prepare, notebook.prepared.opener, False, limit, None, CODE_KEEP)).notebook
    detection = await detect_files(
        code or {}, notebook.path, ContentsTree(contents_manager), sender.settings.file_limits.max_count
    )
    return {**detection.to_json(), **files_json(chosen)}


def files_json(files: Sequence[ChosenFile | SentFile]) -> dict:
    return {"files": [{"path": f.path, "size": f.size} for f in files], "files_size": sum(f.size for f in files)}


def files_sentence(files: Sequence[ChosenFile]) -> str:
    """What a publish makes public besides the notebook (nothing: "")."""
    if not files:
        return ""
    return " " + _("The {count} files sent with it ({size}) become public too.").format(
        count=len(files), size=megabytes(sum(f.size for f in files)))  # fmt: skip


async def _hashed(contents_manager, path: str) -> Prepared:
    opener = file_opener(contents_manager, path)
    if opener is None:  # a contents manager without files on disk hands each file over whole: one at a time
        data = await read_bytes(contents_manager, path)

        def opener():
            return io.BytesIO(data)

    try:
        return await asyncio.to_thread(hash_file, opener)
    except OSError:
        raise SendInputError("files", changed_while_sending(path).args[0]) from None


async def upload_files(gateway: ObsGateway, bucket: str, contents_manager, chosen: Sequence[ChosenFile], link: Callable[[str], str],
                       progress: Callable[[int], None] | None = None) -> tuple[list[SentFile], int]:  # fmt: skip
    """Upload what OBS does not hold yet; ``link(key)`` gives each file's URL. (files with links, files uploaded)."""
    sent: list[SentFile] = []
    uploaded = done_bytes = 0
    for file in chosen:
        prepared = await _hashed(contents_manager, file.path)
        key = file_key(prepared.digest, file.path)
        if not await asyncio.to_thread(gateway.object_exists, bucket, key):
            stream = prepared.upload_stream(_offset(progress, done_bytes) if progress else None)
            try:
                await asyncio.to_thread(gateway.upload, bucket, key, stream, prepared.size, FILE_CONTENT_TYPE)
            except ObsRequestError:
                if stream.failure is not None:
                    raise SendInputError("files", changed_while_sending(file.path).args[0]) from None
                raise
            finally:
                stream.close()
            uploaded += 1
        done_bytes += prepared.size
        if progress:
            progress(done_bytes)
        sent.append(SentFile(file.path, prepared.size, prepared.digest, await asyncio.to_thread(link, key)))
    return sent, uploaded


def _offset(progress: Callable[[int], None], base: int) -> Callable[[int], None]:
    """A file's bytes sent, counted after the files before it."""
    return lambda sent: progress(base + sent)


def public_link(gateway: ObsGateway, endpoint: str, bucket: str) -> Callable[[str], str]:
    """A published file's link: made public-read, its permanent URL (a public notebook carries no signed link)."""

    def link(key: str) -> str:
        gateway.make_public(bucket, key)
        return public_url(endpoint, bucket, key, gateway.path_style)

    return link


async def with_files_copy(notebook: NotebookFile, sent: Sequence[SentFile], limit: int) -> NotebookFile:
    """The copy to send: the notebook (stripped if it was) with the cell that fetches ``sent`` first."""
    prepared = await asyncio.to_thread(
        prepare,
        notebook.prepared.opener,
        False,
        limit,
        lambda nb: with_files(nb, notebook.path, sent),
    )
    if prepared.size > limit:
        raise too_large(notebook.name, prepared.size, limit)
    prepared.original_size, prepared.stripped = notebook.original_size, notebook.stripped
    return NotebookFile(notebook.path, notebook.name, prepared)
