"""GET config, images and the OpenAPI document."""

from __future__ import annotations

import json
from importlib.resources import files

from ...modelarts.errors import ModelArtsError
from .base import CodeLabHandler, codelab_api


class ConfigHandler(CodeLabHandler):
    needs_account = False  # answers even when IAM fails: config_error then says why

    @codelab_api
    async def get(self):
        try:
            await self.settings["codelab_account"].ready(self.codelab)
        except ModelArtsError:
            pass  # the sentence is in config_error
        self.write_json(self.codelab.public_config())


class ImagesHandler(CodeLabHandler):
    @codelab_api
    async def get(self):
        images, default_id = await self.codelab.images()
        self.write_json(
            {"images": [image.to_client_json(default=image.id == default_id) for image in images], "default_image_id": default_id}
        )


class OpenAPIHandler(CodeLabHandler):
    needs_account = False
    _document: bytes | None = None

    @codelab_api
    def get(self):
        if OpenAPIHandler._document is None:
            OpenAPIHandler._document = files("jupyter_codelab.server").joinpath("openapi.json").read_bytes()
        document = json.loads(OpenAPIHandler._document)
        # Point the document at this server, wherever base_url puts it.
        document["servers"] = [{"url": self.base_url.rstrip("/") + "/codelab/api"}]
        self.write_json(document)
