"""The page a simulated instance's ``url`` points at: "Open in new tab" in simulated mode lands
here (a small page saying which instance and notebook), not on the real ModelArts host."""

from __future__ import annotations

import html

from tornado import web

from .store import NotebookStore
from .wire import LAB_PATH

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Simulated CodeLab instance {id}</title></head>
<body style="font-family: sans-serif; margin: 2em; max-width: 40em">
<h1>Simulated CodeLab instance {id}</h1>
<p>Status: {status}. Notebook: {notebook}.</p>
<p>This is the CodeLab simulator of jupyter-codelab: on Huawei Cloud this link opens JupyterLab
on the ModelArts instance. Connect a Huawei Cloud account in the CodeLab panel to open a real one.</p>
</body></html>
"""


class LabPageHandler(web.RequestHandler):
    """``GET /_simulator/lab/<id>``: no credentials (a browser tab), any user's instance."""

    def initialize(self, store: NotebookStore) -> None:
        self.store = store

    def get(self, notebook_id: str) -> None:
        instance = self.store.instances.get(notebook_id)
        if instance is None:
            raise web.HTTPError(404, reason="No such simulated instance")
        status = self.store.status(self.store.settle(instance))
        notebook = html.escape(instance.description) if instance.description else "none (an empty instance)"
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.finish(_PAGE.format(id=html.escape(instance.id), status=html.escape(status), notebook=notebook))


def lab_page_routes(store: NotebookStore) -> list:
    return [(LAB_PATH.format(id=r"(?P<notebook_id>[^/]+)") + "/?", LabPageHandler, {"store": store})]
