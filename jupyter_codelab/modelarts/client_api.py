"""The client's public operations, shared by the sync and async transports.

Each method builds a flow and hands it to ``_run``: the sync client returns the
result, the async client returns an awaitable of it.
"""

from __future__ import annotations

from . import flows, iam_projects
from .calls import IMAGE_PAGE_SIZE, RequestBuilder
from .credentials import Configured


class ClientOperations:
    builder: RequestBuilder

    def _run(self, flow: flows.Flow):  # pragma: no cover - provided by each transport
        raise NotImplementedError

    def _authed(self, flow: flows.Flow):
        return self._run(flows.authenticated(self.builder, flow))

    @property
    def settings(self):
        return self.builder.settings

    def locate(self, configured: Configured, fresh: bool = False):
        """The complete settings of ``configured`` (this client made with ``configured.provisional()``): IAM names the
        region or project id it leaves out, once per process unless ``fresh``; the client signs with them after."""
        return self._run(iam_projects.locate(self._connecting(), configured, fresh))

    def connect(self, configured: Configured):
        """Prove new credentials (this client made with ``configured.provisional()``): what they leave out is asked of
        IAM afresh, then one image listed; returns the final settings, or raises the ModelArtsError with its ``phase``."""
        return self._run(iam_projects.connect(self._connecting(), configured))

    def _connecting(self) -> iam_projects.ConnectBuilder:
        # Settings that may still lack a region or project id, and IAM's project list to sign.
        if not isinstance(self.builder, iam_projects.ConnectBuilder):
            self.builder = iam_projects.ConnectBuilder(self.builder.settings)
        return self.builder

    def open(self, image_id: str | None = None, share_url: str | None = None):
        """Open (or return) the CodeLab instance; ``share_url`` is already Base64."""
        return self._authed(flows.open_notebook(self.builder, image_id, share_url))

    def get_notebook(self, notebook_id: str):
        return self._authed(flows.get_notebook(self.builder, notebook_id))

    def current_notebook(self):
        return self._authed(flows.current_notebook(self.builder))

    def list_images(self, page_size: int = IMAGE_PAGE_SIZE):
        """Every image, page after page."""
        return self._authed(flows.list_images(self.builder, page_size))

    def get_lease(self, notebook_id: str):
        return self._authed(flows.get_lease(self.builder, notebook_id))

    def renew_lease(self, notebook_id: str, duration_ms: int | None = None, lease_type: str = "TIMING"):
        """``duration_ms`` counts from now; ModelArts' default is 1 h."""
        return self._authed(flows.renew_lease(self.builder, notebook_id, duration_ms, lease_type))

    def stop(self, notebook_id: str):
        return self._authed(flows.stop(self.builder, notebook_id))

    def start(self, notebook_id: str, duration_ms: int | None = None):
        """``duration_ms=-1`` starts the instance without auto-stop (as Terraform does for billed instances)."""
        return self._authed(flows.start(self.builder, notebook_id, duration_ms))
