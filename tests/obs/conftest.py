"""The server with its embedded simulator (ModelArts + OBS), and notebooks in its contents root."""

import json

import pytest

from tests.server.conftest import _no_real_credentials, codelab, codelab_config, jp_server_config, simulator  # noqa: F401


def notebook_bytes(text: str = "print('hello')", outputs: int = 0, pad: int = 0) -> bytes:
    """A valid nbformat 4 notebook; ``outputs`` stream outputs of ``pad`` characters each on its code cell."""
    cell = {"cell_type": "code", "execution_count": 1 if outputs else None, "id": "c1", "metadata": {}, "source": text,
            "outputs": [{"output_type": "stream", "name": "stdout", "text": "x" * pad} for _ in range(outputs)]}  # fmt: skip
    notebook = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    return (json.dumps(notebook, indent=1) + "\n").encode()


@pytest.fixture
def write_notebook(jp_root_dir):
    def write(path: str, data: bytes | None = None) -> bytes:
        data = notebook_bytes() if data is None else data
        target = jp_root_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return data

    return write
