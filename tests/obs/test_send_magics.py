"""``%codelab send`` and ``%codelab open --local`` in a kernel started by the real server (simulated ModelArts + OBS)."""

import contextlib
import json

import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

from .conftest import notebook_bytes


@pytest.fixture
def session_kernel(jp_serverapp, http_server, jp_fetch):
    """A kernel for the notebook at ``path``, started through the sessions API as JupyterLab does."""

    @contextlib.asynccontextmanager
    async def start(path: str):
        body = {
            "path": path,
            "type": "notebook",
            "name": path.rsplit("/", 1)[-1],
            "kernel": {"name": "python3"},
        }  # as JupyterLab names it
        response = await jp_fetch("api", "sessions", method="POST", body=json.dumps(body))
        session = json.loads(response.body)
        try:
            yield jp_serverapp.kernel_manager.get_kernel(session["kernel"]["id"])
        finally:
            await jp_fetch("api", "sessions", session["id"], method="DELETE")

    return start


def text_of(cell) -> str:
    return "\n".join(
        o.get("text", "") + o.get("data", {}).get("text/plain", "") + "\n".join(o.get("traceback", [])) for o in cell.outputs
    )


async def run(km, *sources):
    client = NotebookClient(new_notebook(cells=[new_code_cell(s) for s in sources]), km=km, timeout=120, allow_errors=True)
    return (await client.async_execute()).cells


async def test_bare_send_sends_the_kernels_own_notebook_and_follows_it_to_running(session_kernel, write_notebook, simulator):
    data = write_notebook("work/mine.ipynb", notebook_bytes("1 + 1"))
    async with session_kernel("work/mine.ipynb") as km:
        cells = await run(km, "%load_ext jupyter_codelab", "%codelab send")
    output = text_of(cells[1])
    assert "OBS bucket: codelab-" in output and "private" in output, output  # the server's preview rows
    assert "does not exist yet: run again with --create-bucket" in output  # nothing created without consent
    assert simulator.obs.store.buckets == {}
    async with session_kernel("work/mine.ipynb") as km:
        cells = await run(km, "%load_ext jupyter_codelab", "%codelab send --create-bucket")
    output = text_of(cells[1])
    assert "CodeLab instance notebook_" in output and " is running: " in output, output  # the magics' one ending
    assert "Sent mine.ipynb (uploaded)" in output
    (download,) = simulator.obs.downloads
    assert download.body == data


async def test_open_local_resends_nothing_and_a_bad_path_is_a_usage_error(session_kernel, write_notebook, simulator):
    write_notebook("a.ipynb")
    async with session_kernel("a.ipynb") as km:
        cells = await run(
            km,
            "%load_ext jupyter_codelab",
            "%codelab send --create-bucket --no-wait",
            "%codelab open --local a.ipynb",
            "%codelab open --local notes.txt",
            "%codelab open --local ../../etc/x.ipynb",
        )
    assert "Sent a.ipynb (uploaded)" in text_of(cells[1])
    assert "Already in OBS: nothing is uploaded again" in text_of(cells[2]), text_of(cells[2])
    assert simulator.obs.store.puts == 1
    assert "UsageError" in text_of(cells[3]) and "not a notebook" in text_of(cells[3])
    assert "UsageError" in text_of(cells[4]) and "outside the Jupyter server's root" in text_of(cells[4])
