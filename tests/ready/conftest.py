"""Fixtures of the ready-to-run tests: a contents root on disk, the stand-in repository host, the simulated OBS."""

from __future__ import annotations

import hashlib

import pytest

from jupyter_codelab.obs.gateway import ObsGateway
from jupyter_codelab.ready.added_cell import SentFile
from jupyter_codelab.simulator import DEMO_ACCESS_KEY, DEMO_SECRET_KEY
from tests.support.repository_host import RepositoryHostThread

BUCKET = "codelab-ready-tests"


@pytest.fixture
def root(tmp_path):
    """A Jupyter contents root; ``write(path, data)`` puts a file in it."""
    folder = tmp_path / "root"
    folder.mkdir()
    return folder


def write(root, path: str, data: bytes = b"x") -> bytes:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return data


def code(*sources: str) -> dict:
    """An nbformat 4.5 notebook of code cells."""
    cells = [{"cell_type": "code", "id": f"c{i}", "metadata": {}, "source": s, "outputs": [], "execution_count": None}
             for i, s in enumerate(sources)]  # fmt: skip
    return {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


@pytest.fixture(scope="session")
def repository_host():
    host = RepositoryHostThread().start()
    yield host
    host.stop()


@pytest.fixture
def obs(threaded_simulator):
    """Upload to the simulated OBS with the product's own gateway; ``sent(path, data, seconds)`` signs a GET link."""
    gateway = ObsGateway(threaded_simulator.simulator.obs.endpoint, DEMO_ACCESS_KEY, DEMO_SECRET_KEY)
    gateway.create_bucket(BUCKET)

    def sent(path: str, data: bytes, seconds: int = 600) -> SentFile:
        digest = hashlib.sha256(data).hexdigest()
        key = f"codelab/files/{digest[:16]}/{path.rsplit('/', 1)[-1]}"
        gateway.put(BUCKET, key, data)
        return SentFile(path, len(data), digest, gateway.signed_get_url(BUCKET, key, seconds))

    yield sent
    gateway.close()
