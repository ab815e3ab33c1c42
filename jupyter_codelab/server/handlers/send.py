"""Send a notebook from the Jupyter contents tree to CodeLab through OBS.

``POST send/preview`` (nothing uploaded), ``POST send`` (202: a job to poll), ``GET send/jobs/{id}``,
``POST send/publish`` (public-read, only with ``confirm: true``). ``POST notebooks/open {"path"}``
uses the same sender and answers when the instance is opened (notebooks.py).
"""

from __future__ import annotations

import functools
import inspect

from tornado import web

from ...i18n import _
from ...modelarts.errors import ModelArtsError
from ...obs.gateway import ObsRequestError
from ...obs.naming import NamingError
from ...obs.notebook_file import SendInputError
from ...obs.send_words import obs_sentence, preview_lines
from ...obs.sender import PublishError
from ...ready.limits import FilesError
from .. import validation
from .base import CodeLabHandler, CodeLabHTTPError, codelab_api

SEND_FIELDS = {"path", "strip_outputs", "create_bucket", "image_id", "open", "files"}


def send_errors(method):
    """Bad input names its field (400, 409 for a consent or credentials question, 413 too large); OBS failures are 502."""

    @functools.wraps(method)
    async def wrapper(self, *args, **kwargs):
        try:
            result = method(self, *args, **kwargs)
            return (await result) if inspect.isawaitable(result) else result
        except SendInputError as error:
            raise CodeLabHTTPError(error.status, str(error), field=error.field) from None
        except (NamingError, FilesError) as error:
            raise CodeLabHTTPError(400, str(error), field=error.field) from None
        except PublishError as error:
            raise obs_http_error(error.sentence, error.cause) from None
        except ObsRequestError as error:
            raise obs_http_error(obs_sentence(error, ""), error) from None

    return wrapper


def obs_http_error(sentence: str, error: ObsRequestError) -> CodeLabHTTPError:
    status = 504 if error.status is None else 502
    return CodeLabHTTPError(status, sentence, error_code=error.code, error_msg=error.obs_message, request_id=error.request_id)


class SendHandler(CodeLabHandler):
    @property
    def sender(self):
        return self.codelab.sender

    @property
    def contents(self):
        return self.settings["contents_manager"]


class PreviewHandler(SendHandler):
    @codelab_api
    @send_errors
    async def post(self):
        body = self.read_body({"path", "strip_outputs", "publish", "files"})
        preview = await self.sender.preview(self.contents, body)
        self.write_json(
            {**preview, "lines": preview_lines(preview, self.codelab.simulated)}
        )  # the faces' words, in the request's language


class StartSendHandler(SendHandler):
    @codelab_api
    @send_errors
    async def post(self):
        body = self.read_body(SEND_FIELDS)
        image_id = validation.image_id(body.get("image_id"))
        job = await self.sender.start(self.contents, body, image_id)
        self.set_header("Location", self.request.path.rsplit("/send", 1)[0] + f"/send/jobs/{job.id}")
        self.write_json(job.to_json(), 202)


class JobHandler(SendHandler):
    @codelab_api
    async def get(self, job_id):
        job = self.sender.jobs.get(job_id)
        if job is None:
            raise web.HTTPError(
                404, _("No such send job: it finished long ago or never existed (start one with POST codelab/api/send).")
            )
        self.write_json(job.to_json())


class PublishHandler(SendHandler):
    @codelab_api
    @send_errors
    async def post(self):
        body = self.read_body({"path", "strip_outputs", "create_bucket", "confirm", "files"})
        self.write_json(await self.sender.publish(self.contents, body))


async def open_path(handler: CodeLabHandler, body: dict, image_id: str | None) -> dict:
    """``POST notebooks/open {"path"}``: send, wait until opened, and answer the Notebook (or the failure)."""
    sender = handler.codelab.sender
    job = await send_errors(lambda _: sender.start(handler.settings["contents_manager"], body, image_id))(handler)
    return await opened(job)


async def opened(job) -> dict:
    """The Notebook once the job has opened it, or its failure as the error answer."""
    await job.finished.wait()
    if job.state == "failed":
        error = job.exception
        if isinstance(error, ObsRequestError):
            raise obs_http_error(job.error["message"], error)
        if isinstance(error, SendInputError):
            raise CodeLabHTTPError(error.status, str(error), field=error.field) from None
        if isinstance(error, ModelArtsError):
            raise error  # the base handler keeps ModelArts' code and request id
        raise CodeLabHTTPError(502, job.error["message"])
    return job.notebook
