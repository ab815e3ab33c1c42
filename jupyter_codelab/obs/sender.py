"""Preview, send (upload + signed link + open) and publish a notebook from the Jupyter contents tree.

Nothing is uploaded unless a person asked for it (the faces call send or publish after
showing the preview); the default bucket is created only with ``create_bucket: true``;
publishing only with ``confirm: true``. The signed link is a secret: it goes to ModelArts'
open call and nowhere else (responses carry its expiry, logs its path).
The blocking SDK runs in threads (``asyncio.to_thread``): the tornado loop never waits on OBS.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from ..echo import quoted
from ..i18n import _
from ..modelarts.share_url import badge_markdown, run_in_modelarts_url, shown_link
from ..ready.added_cell import SentFile
from ..ready.limits import DEFAULT_LIMITS, FileLimits
from ..ready.selection import ChosenFile
from .bucket_check import forbidden_sentence
from .gateway import ObsGateway, ObsRequestError
from .jobs import JobRegistry, SendJob
from .naming import check_bucket, default_bucket, object_key, public_url
from .notebook_file import MB, NotebookFile, SendInputError, changed_while_sending, read_notebook, too_large
from .send_files import choose, files_json, files_sentence, preview_files, public_link, upload_files, with_files_copy
from .send_words import confirm_sentence, obs_sentence

log = logging.getLogger("jupyter_codelab.obs")


@dataclass(frozen=True)
class SendSettings:
    endpoint: str
    region: str
    project_id: str
    bucket: str | None  # c.CodeLab.obs_bucket / CODELAB_OBS_BUCKET; None: the default, created with consent
    link_seconds: int = 3600
    size_limit_bytes: int = 100 * MB
    simulated: bool = False
    file_limits: FileLimits = DEFAULT_LIMITS  # of the files sent with a notebook

    @property
    def default_bucket(self) -> str:
        return default_bucket(self.project_id, self.region)


def flag(body: dict, name: str) -> bool:
    value = body.get(name, False)
    if not isinstance(value, bool):
        raise SendInputError(name, _("{name} must be true or false.").format(name=name))
    return value


class Sender:
    def __init__(self, settings: SendSettings, credentials, opener: Callable[[str, str | None], Awaitable[dict]],
                 jobs: JobRegistry | None = None):  # fmt: skip
        self.settings = settings
        self._credentials = credentials
        self._opener = opener  # (signed URL, image_id) -> the Notebook JSON of the opened instance
        self._gateway: ObsGateway | None = None
        self._ready_buckets: set[str] = set()
        self.jobs = jobs if jobs is not None else JobRegistry()  # kept across account switches
        self._tasks: set[asyncio.Task] = set()

    # -- pieces -------------------------------------------------------------------------------
    async def gateway(self) -> ObsGateway:
        """The OBS client, made in a thread the first time (importing the SDK takes ~140 ms: bench/README.md)."""
        if self._gateway is None:
            credentials = self._credentials
            if getattr(credentials, "method", None) != "aksk":
                raise SendInputError(
                    "credentials",
                    _(
                        "Sending a notebook to OBS needs AK/SK credentials (permanent, or temporary with a security "
                        "token); an IAM password cannot sign OBS requests. Set HUAWEICLOUD_SDK_AK/SK."
                    ),
                    409,
                )
            self._gateway = await asyncio.to_thread(ObsGateway, self.settings.endpoint, credentials.access_key,
                                                    credentials.secret_key, credentials.security_token, region=self.settings.region)  # fmt: skip
        return self._gateway

    async def _obs(self, function, *args):
        return await asyncio.to_thread(function, *args)

    async def bucket_plan(self, fresh: bool = False) -> tuple[str, str]:
        """(bucket, "configured" | "ready" | "to_create"); ``fresh`` asks OBS again (a preview, which a person
        reads, must not promise a bucket that was deleted elsewhere since)."""
        if self.settings.bucket:
            return check_bucket(self.settings.bucket), "configured"
        name = self.settings.default_bucket
        if fresh:
            self._ready_buckets.discard(name)
        if name in self._ready_buckets:
            return name, "ready"
        status = await self._obs((await self.gateway()).bucket_status, name)
        if status == 403:
            raise SendInputError("obs_bucket", forbidden_sentence(name), 409)
        if status == 200:
            self._ready_buckets.add(name)
            return name, "ready"
        return name, "to_create"

    async def ensure_bucket(self, create: bool) -> str:
        name, status = await self.bucket_plan()
        if status == "to_create":
            if not create:
                raise SendInputError("create_bucket", _("No OBS bucket is set (c.CodeLab.obs_bucket or CODELAB_OBS_BUCKET) and {name} does not exist "
                                                        "yet. To create it as a private bucket in {region}, send again with create_bucket: true.").format(
                                                            name=name, region=self.settings.region
                                                        ), 409)  # fmt: skip
            try:
                await self._obs((await self.gateway()).create_bucket, name)
            except ObsRequestError as error:
                if error.code != "BucketAlreadyOwnedByYou":
                    raise
            log.info("CodeLab: created the private OBS bucket %s in %s", name, self.settings.region)
            self._ready_buckets.add(name)
        return name

    def size_problem(self, notebook: NotebookFile) -> SendInputError | None:
        """A stripped copy over the limit (its JSON is re-indented, so a dense file may grow); the file itself
        was measured before it was read."""
        limit = self.settings.size_limit_bytes
        return too_large(notebook.name, notebook.size, limit) if notebook.size > limit else None

    async def read(self, contents_manager, body: dict) -> NotebookFile:
        return await read_notebook(
            contents_manager, body.get("path"), flag(body, "strip_outputs"), self.settings.size_limit_bytes
        )

    async def upload(self, bucket: str, key: str, notebook: NotebookFile, job: SendJob | None = None) -> None:
        """From the file (or the stripped copy) in parts; a file changed since it was hashed is a failure here."""
        gateway = await self.gateway()
        base = job.total_bytes - job.size if job else 0  # the files went first
        stream = notebook.prepared.upload_stream((lambda sent: setattr(job, "sent_bytes", base + sent)) if job else None)
        try:
            await self._obs(gateway.upload, bucket, key, stream, notebook.size)
        except ObsRequestError:
            if stream.failure is not None:
                raise changed_while_sending(notebook.path) from None
            raise
        finally:
            stream.close()

    # -- the three actions ------------------------------------------------------------------------
    async def preview(self, contents_manager, body: dict) -> dict:
        """What sending would do: nothing is uploaded or created."""
        notebook = await self.read(contents_manager, body)
        chosen = await choose(self, contents_manager, body)
        publish = flag(body, "publish")
        bucket, bucket_status = await self.bucket_plan(fresh=True)
        key = object_key(notebook.prepared.digest, notebook.path)
        uploaded = bucket_status != "to_create" and await self._obs((await self.gateway()).object_exists, bucket, key)
        problem = self.size_problem(notebook)
        link = self.settings.link_seconds
        return {
            "path": notebook.path, "name": notebook.name, "size": notebook.size, "original_size": notebook.original_size,
            "stripped": notebook.stripped, "size_limit": self.settings.size_limit_bytes,
            "too_large": str(problem) if problem else None,
            "bucket": bucket, "bucket_status": bucket_status, "create_bucket_needed": bucket_status == "to_create",
            "region": self.settings.region, "key": key, "already_uploaded": bool(uploaded),
            "visibility": "public" if publish else "private",
            "expires_in_s": None if publish else link, "expires_at": None if publish else int((time.time() + link) * 1000),
            **await preview_files(self, contents_manager, notebook, chosen),
        }  # fmt: skip

    async def start(self, contents_manager, body: dict, image_id: str | None = None) -> SendJob:
        """Check everything, then upload and open in the background; the job tells how it goes."""
        notebook = await self.read(contents_manager, body)
        return await self.launch(notebook, body, image_id, await choose(self, contents_manager, body), contents_manager)

    async def launch(self, notebook: NotebookFile, body: dict, image_id: str | None, chosen: Sequence[ChosenFile] = (),
                     contents_manager=None) -> SendJob:  # fmt: skip
        """The send of a notebook already read (a local one, or the copy of one fetched from a repository)."""
        problem = self.size_problem(notebook)
        if problem:
            raise problem
        open_instance = body.get("open", True)
        if not isinstance(open_instance, bool):
            raise SendInputError("open", _("open must be true (upload and open CodeLab) or false (upload only)."))
        bucket = await self.ensure_bucket(flag(body, "create_bucket"))
        key = object_key(notebook.prepared.digest, notebook.path)
        job = SendJob(name=notebook.name, path=notebook.path, bucket=bucket, key=key,
                      size=notebook.size, stripped=notebook.stripped, expires_in_s=self.settings.link_seconds,
                      open_instance=open_instance, files=files_json(chosen)["files"])  # fmt: skip
        self.jobs.add(job)
        task = asyncio.get_running_loop().create_task(self._run(job, notebook, image_id, chosen, contents_manager))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return job

    async def _run(self, job: SendJob, notebook_file: NotebookFile, image_id: str | None, chosen: Sequence[ChosenFile] = (),
                   contents_manager=None) -> None:  # fmt: skip
        try:
            gateway = await self.gateway()
            if chosen:
                job.state = "uploading"
                seconds = job.expires_in_s
                sent, job.files_uploaded = await upload_files(
                    gateway, job.bucket, contents_manager, chosen, lambda key: gateway.signed_get_url(job.bucket, key, seconds),
                    lambda n: setattr(job, "sent_bytes", n))  # fmt: skip
                notebook_file = await with_files_copy(notebook_file, sent, self.settings.size_limit_bytes)
                job.key, job.size = object_key(notebook_file.prepared.digest, notebook_file.path), notebook_file.size
            if await self._obs(gateway.object_exists, job.bucket, job.key):
                job.uploaded = False
            else:
                job.state = "uploading"
                await self.upload(job.bucket, job.key, notebook_file, job)
                job.sent_bytes, job.uploaded = job.size, True
            job.state = "signing"
            url = gateway.signed_get_url(job.bucket, job.key, job.expires_in_s)
            job.expires_at = int((time.time() + job.expires_in_s) * 1000)
            log.info("CodeLab: %s %s (%d bytes) as %s", "uploaded" if job.uploaded else "reused", quoted(job.name), job.size,
                     shown_link(url))  # fmt: skip
            notebook = None
            if job.open_instance:
                job.state = "opening"
                notebook = await self._opener(url, image_id)
            job.done(notebook)
        except asyncio.CancelledError:
            job.fail(_("Sending {name} stopped: the account changed. Send it again.").format(name=quoted(job.name)))
            raise
        except SendInputError as error:
            job.exception = error
            job.fail(str(error), field=error.field)
        except ObsRequestError as error:
            job.exception = error
            job.fail(
                obs_sentence(error, job.bucket), error_code=error.code, error_msg=error.obs_message, request_id=error.request_id
            )
        except Exception as error:  # noqa: BLE001 - every failure ends the job with a sentence
            job.exception = error
            sentence = getattr(error, "sentence", None) or _("Sending {name} failed ({what}).").format(
                name=quoted(job.name), what=type(error).__name__
            )
            job.fail(sentence, error_code=getattr(error, "error_code", None), error_msg=getattr(error, "error_msg", None),
                     request_id=getattr(error, "request_id", None))  # fmt: skip
            if not hasattr(error, "sentence"):
                log.exception("CodeLab: sending %s failed", quoted(job.name))

    async def publish(self, contents_manager, body: dict) -> dict:
        """Make the notebook's object public-read (uploading it first if needed): only with ``confirm: true``."""
        notebook = await self.read(contents_manager, body)
        chosen = await choose(self, contents_manager, body)
        bucket, _bucket_status = await self.bucket_plan()
        key = object_key(notebook.prepared.digest, notebook.path)
        if body.get("confirm") is not True:
            raise SendInputError("confirm", confirm_sentence(quoted(notebook.name), bucket, key, self.settings.simulated)
                                 + files_sentence(chosen))  # fmt: skip
        problem = self.size_problem(notebook)
        if problem:
            raise problem
        bucket = await self.ensure_bucket(flag(body, "create_bucket"))
        gateway = await self.gateway()
        uploaded, sent = False, list[SentFile]()
        try:
            if chosen:  # public too, and the copy links to their permanent URLs
                link = public_link(gateway, self.settings.endpoint, bucket)
                sent, _count = await upload_files(gateway, bucket, contents_manager, chosen, link)
                notebook = await with_files_copy(notebook, sent, self.settings.size_limit_bytes)
                key = object_key(notebook.prepared.digest, notebook.path)
            if not await self._obs(gateway.object_exists, bucket, key):
                await self.upload(bucket, key, notebook)
                uploaded = True
            await self._obs(gateway.make_public, bucket, key)
        except ObsRequestError as error:
            raise PublishError(obs_sentence(error, bucket), error) from None
        url = public_url(self.settings.endpoint, bucket, key, gateway.path_style)
        log.info("CodeLab: published %s as %s", quoted(notebook.name), url)
        return {"name": notebook.name, "path": notebook.path, "bucket": bucket, "key": key, "uploaded": uploaded,
                "visibility": "public", "public_url": url, "run_in_modelarts_url": run_in_modelarts_url(url),
                "badge_markdown": badge_markdown(url), **files_json(sent)}  # fmt: skip

    def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        if self._gateway is not None:
            self._gateway.close()


class PublishError(Exception):
    def __init__(self, sentence: str, cause: ObsRequestError):
        super().__init__(sentence)
        self.sentence, self.cause = sentence, cause
