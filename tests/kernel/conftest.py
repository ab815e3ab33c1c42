"""Fixtures of the kernel-side tests: a real simulator in a thread, a clean environment."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def simulator(threaded_simulator):
    return threaded_simulator


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch, tmp_path):
    """No credentials or server hints from the machine; a temp HOME; the repo importable by child processes."""
    for name in list(os.environ):
        if name.startswith(("HUAWEICLOUD_", "CODELAB_")):
            monkeypatch.delenv(name)
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    yield
    from jupyter_codelab.client.choose import set_backend

    set_backend(None)


@pytest.fixture
def direct_backend(simulator):
    from jupyter_codelab.client.choose import set_backend
    from jupyter_codelab.client.direct_backend import DirectBackend

    backend = DirectBackend.from_env(simulator.env())
    set_backend(backend)
    yield backend
    backend.close()


@pytest.fixture
def ipython(direct_backend):
    """An in-process IPython shell with ``%load_ext jupyter_codelab`` done, talking to the simulator."""
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "jupyter_codelab")
    yield shell


@pytest.fixture
def running_panel(direct_backend):
    """A panel that opened the instance and saw it RUNNING; closed after the test."""
    from jupyter_codelab.kernel.panel import CodeLabPanel

    panel = CodeLabPanel(backend=direct_backend)
    panel.open_instance()
    assert panel.wait(timeout=30) == "RUNNING"
    yield panel
    panel.close()
