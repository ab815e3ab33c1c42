"""A send in progress: what the faces poll (``GET codelab/api/send/jobs/{id}``) to show upload progress."""

from __future__ import annotations

import asyncio
import secrets
import time
from dataclasses import dataclass, field

from .send_words import job_message

STATES = ("checking", "uploading", "signing", "opening", "done", "failed")
KEEP_JOBS = 50  # finished jobs kept for late pollers...
JOB_TTL_S = 3600.0  # ...for an hour after they ended, also across an account switch (the server keeps the registry)


@dataclass
class SendJob:
    name: str
    path: str
    bucket: str
    key: str
    size: int
    stripped: bool
    expires_in_s: int
    open_instance: bool = True
    files: list[dict] = field(default_factory=list)  # {path, size} of the files sent with it
    files_uploaded: int | None = None  # how many of them were uploaded (the others were in OBS already)
    id: str = field(default_factory=lambda: secrets.token_hex(8))
    state: str = "checking"
    sent_bytes: int = 0
    uploaded: bool | None = None  # False: the same bytes were already there (a re-send uploads nothing)
    expires_at: int | None = None  # ms: when the signed link stops working
    notebook: dict | None = None
    error: dict | None = None
    started_at: float = field(default_factory=time.time)
    ended_at: float | None = None
    finished: asyncio.Event = field(default_factory=asyncio.Event, repr=False)
    exception: Exception | None = field(default=None, repr=False)  # re-raised by POST notebooks/open {path}

    def fail(self, message: str, **details) -> None:
        self.state, self.error, self.ended_at = "failed", {"message": message, **details}, time.time()
        self.finished.set()

    def done(self, notebook: dict | None) -> None:
        self.state, self.notebook, self.ended_at = "done", notebook, time.time()
        self.finished.set()

    @property
    def total_bytes(self) -> int:
        return self.size + sum(f["size"] for f in self.files)

    def to_json(self) -> dict:
        total = self.total_bytes
        answer = {
            "id": self.id, "state": self.state, "name": self.name, "path": self.path, "bucket": self.bucket, "key": self.key,
            "size": self.size, "stripped": self.stripped, "sent_bytes": self.sent_bytes, "total_bytes": total,
            "progress": 100 if self.uploaded is False or self.state in ("signing", "opening", "done") else (
                int(100 * self.sent_bytes / total) if total else 0),
            "uploaded": self.uploaded, "visibility": "private", "expires_at": self.expires_at, "expires_in_s": self.expires_in_s,
            "open": self.open_instance, "notebook": self.notebook, "error": self.error,
            "files": self.files, "files_uploaded": self.files_uploaded,
            "elapsed_s": round((self.ended_at or time.time()) - self.started_at, 3),
        }  # fmt: skip
        return {**answer, "message": job_message(answer)}  # in the language of the request that reads it


class JobRegistry:
    def __init__(self) -> None:
        self.jobs: dict[str, SendJob] = {}

    def add(self, job: SendJob) -> SendJob:
        self._forget_old()
        self.jobs[job.id] = job
        return job

    def get(self, job_id: str) -> SendJob | None:
        self._forget_old()
        return self.jobs.get(job_id)

    def _forget_old(self) -> None:
        now = time.time()
        finished = sorted((j for j in self.jobs.values() if j.ended_at is not None), key=lambda j: j.ended_at or 0.0)
        for index, job in enumerate(finished):
            if len(finished) - index > KEEP_JOBS or now - (job.ended_at or now) > JOB_TTL_S:
                self.jobs.pop(job.id, None)
