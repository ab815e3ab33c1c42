"""Open, read, renew, stop and start the CodeLab instance."""

from __future__ import annotations

from tornado import web

from ...i18n import _
from ...modelarts.lease_plan import PlanRefused, clock_at_offset, local_clock, plan_more_hours
from .. import validation
from ..repository_open import link_of, repository_answer, repository_copy
from .base import CodeLabHandler, codelab_api
from .send import open_path, opened, send_errors

NO_INSTANCE = "No CodeLab instance yet: open one with POST codelab/api/notebooks/open (or the Open button)."


class OpenHandler(CodeLabHandler):
    @codelab_api
    async def post(self):
        body = self.read_body({"image_id", "share_url", "path", "strip_outputs", "create_bucket", "files", "with_repository"})
        image_id = validation.image_id(body.get("image_id"))
        if body.get("with_repository", False) is not False:
            self.write_json(await self.open_repository(body, image_id))
            return
        if body.get("path") is not None:  # a notebook of the contents tree: sent through OBS first (send.py)
            if body.get("share_url"):
                raise validation.BadInput(
                    "path", _("Send either path (a notebook in the file browser) or share_url (a link), not both.")
                )
            self.write_json(await open_path(self, body, image_id))
            return
        share_url = validation.share_url(body.get("share_url"))
        notebook = await self.codelab.client.open(image_id=image_id, share_url=share_url)
        self.codelab.observe(notebook)
        self.write_json(self.codelab.notebook_json(notebook))

    async def open_repository(self, body: dict, image_id: str | None) -> dict:
        """The notebook of a repository link, with the cell that unpacks the repository, sent through OBS."""
        if body["with_repository"] is not True:
            raise validation.BadInput("with_repository", _("with_repository must be true or false."))
        if body.get("path") is not None or body.get("files") is not None:
            raise validation.BadInput("path", _("with_repository opens a link (share_url), not a path in the file browser."))
        source = self.settings["codelab_repositories"]
        link = link_of(body.get("share_url"), source)
        sender = self.codelab.sender
        copy = await repository_copy(link, sender.settings.size_limit_bytes, source)
        job = await send_errors(lambda _: sender.launch(copy, body, image_id))(self)
        return {**await opened(job), "repository": repository_answer(link, sender.settings.simulated)}


class CurrentHandler(CodeLabHandler):
    @codelab_api
    async def get(self):
        notebook = await self.codelab.client.current_notebook()
        if notebook is None:
            raise web.HTTPError(404, NO_INSTANCE)
        self.write_json(self.codelab.notebook_json(notebook))


class NotebookHandler(CodeLabHandler):
    @codelab_api
    async def get(self, notebook_id):
        notebook = await self.codelab.client.get_notebook(validation.notebook_id(notebook_id))
        self.write_json(self.codelab.notebook_json(notebook))


class LeaseHandler(CodeLabHandler):
    @codelab_api
    async def get(self, notebook_id):
        lease = await self.codelab.client.get_lease(validation.notebook_id(notebook_id))
        self.write_json(lease.to_client_json())

    @codelab_api
    async def patch(self, notebook_id):
        notebook_id = validation.notebook_id(notebook_id)
        body = self.read_body({"hours", "duration_ms", "type", "extend_hours", "utc_offset_minutes"})
        lease_type = validation.lease_type(body.get("type"))
        hours = validation.extend_hours(body)
        note = None
        if hours is None:
            duration = validation.duration_ms(body, required=True)
        else:
            offset = validation.utc_offset_minutes(body.get("utc_offset_minutes"))
            duration, note = await self.plan(notebook_id, hours, local_clock if offset is None else clock_at_offset(offset))
        lease = await self.codelab.client.renew_lease(notebook_id, duration, lease_type)
        self.codelab.observe_lease(notebook_id, lease)
        answer = lease.to_client_json()
        if hours is not None:
            answer["note"] = note
        self.write_json(answer)

    async def plan(self, notebook_id: str, hours: int, clock) -> tuple[int, str | None]:
        """``extend_hours``: the one "+N h" rule (modelarts.lease_plan) on the lease ModelArts has now."""
        current = await self.codelab.client.get_lease(notebook_id)
        try:
            plan = plan_more_hours(current.remaining_ms(), hours, clock=clock)
        except PlanRefused as refused:
            raise validation.BadInput("extend_hours", str(refused)) from None
        return plan.duration_ms, plan.note or None


class StopHandler(CodeLabHandler):
    @codelab_api
    async def post(self, notebook_id):
        notebook_id = validation.notebook_id(notebook_id)
        self.read_body(set())
        notebook = await self.codelab.client.stop(notebook_id)
        self.codelab.observe(notebook)
        self.write_json(self.codelab.notebook_json(notebook))


class StartHandler(CodeLabHandler):
    @codelab_api
    async def post(self, notebook_id):
        notebook_id = validation.notebook_id(notebook_id)
        duration = validation.duration_ms(self.read_body({"hours", "duration_ms"}), required=False, allow_no_auto_stop=True)
        notebook = await self.codelab.client.start(notebook_id, duration)
        self.codelab.observe(notebook)
        self.write_json(self.codelab.notebook_json(notebook))
