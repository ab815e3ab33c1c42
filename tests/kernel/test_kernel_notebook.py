"""A notebook with %codelab, executed by nbclient in a kernel started by a real Jupyter server
with the extension in simulated mode: the kernel reaches CodeLab with no configuration."""

from __future__ import annotations

import contextlib
import json
import queue
import time

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook
from server_fixtures import codelab_server, embedded_simulator, jp_server_config  # noqa: F401 - fixtures

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
LINK = "https://github.com/org/repo/blob/main/demo.ipynb"


@pytest.fixture
def server_kernel(codelab_server, jp_fetch, jp_serverapp):
    """Start a kernel through the server's REST API, as JupyterLab does (``async with server_kernel() as km``)."""

    @contextlib.asynccontextmanager
    async def start():
        response = await jp_fetch("api", "kernels", method="POST", body=json.dumps({"name": "python3"}))
        kernel_id = json.loads(response.body)["id"]
        try:
            yield jp_serverapp.kernel_manager.get_kernel(kernel_id)
        finally:
            await jp_fetch("api", "kernels", kernel_id, method="DELETE")

    return start


def notebook_client(cells: list[str], km) -> NotebookClient:
    notebook = new_notebook(cells=[new_code_cell(source) for source in cells])
    return NotebookClient(notebook, km=km, timeout=120, store_widget_state=True)


def outputs_text(cell) -> str:
    parts = []
    for output in cell.outputs:
        parts.append(output.get("text", ""))
        parts.append(output.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


async def test_codelab_open_reaches_running_and_keeps_widget_and_text(server_kernel, tmp_path):
    async with server_kernel() as km:
        await _run_open_notebook(km, tmp_path)


async def _run_open_notebook(km, tmp_path):
    client = notebook_client(
        [
            "%load_ext jupyter_codelab",
            f"%codelab open --share-url {LINK}",
            "from jupyter_codelab.kernel.panel_registry import current_panel\n"
            "panel = current_panel()\n"
            "print(panel.state.status, panel.state.progress, type(panel._backend).__name__)",
        ],
        km,
    )
    notebook = await client.async_execute()
    nbformat.validate(notebook)
    nbformat.write(notebook, tmp_path / "executed.ipynb")

    opened = notebook.cells[1]
    panels = [output for output in opened.outputs if WIDGET_VIEW in output.get("data", {})]
    assert len(panels) == 1, opened.outputs
    data = panels[0]["data"]
    assert "Running, 100%" in data["text/plain"]  # refreshed once RUNNING: a readable record
    assert "<a href=" in data["text/html"] and "Running" in data["text/html"]
    assert "is running: http" in outputs_text(opened)
    assert data[WIDGET_VIEW]["model_id"] in notebook.metadata.widgets[WIDGET_STATE]["state"]
    assert "RUNNING 100 ServerBackend" in outputs_text(notebook.cells[2])

    # A viewer without the widget state (GitHub, nbviewer, nbconvert of a stripped notebook) shows the text.
    from nbconvert import HTMLExporter

    notebook.metadata.pop("widgets")
    page, _resources = HTMLExporter().from_notebook_node(notebook)
    assert "codelab-summary" in page and "Running, 100%" in page
    assert "Error displaying widget" not in page


async def test_the_panel_updates_while_the_kernel_is_idle(server_kernel):
    async with server_kernel() as km:
        client = notebook_client([], km)
        async with client.async_setup_kernel():
            await _open_and_watch_idle(client)


async def _open_and_watch_idle(client):
    await run_cell(client, "%load_ext jupyter_codelab")
    await run_cell(client, "%codelab open --no-wait")
    quick = await run_cell(
        client, "from jupyter_codelab.kernel.panel_registry import current_panel\nprint('usable', current_panel().state.status)"
    )
    assert "usable" in outputs_text(quick)  # the kernel answers while the instance starts

    # Nothing runs in the kernel now: the widget updates must come from the panel's thread.
    updates = await _widget_updates_until(client, lambda state: "<b>Status:</b> Running" in str(state.get("value", "")))
    assert any(state.get("value") == 100 for state in updates), "the progress bar never reached 100"
    seen = await run_cell(client, "print(current_panel().state.status, current_panel().state.progress)")
    assert "RUNNING 100" in outputs_text(seen)


async def _widget_updates_until(client, done, timeout: float = 60.0) -> list[dict]:
    """Widget state updates read from the kernel's iopub channel, as a frontend gets them, until ``done(state)``."""
    updates = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            message = await client.kc.get_iopub_msg(timeout=1)
        except queue.Empty:
            continue
        data = message["content"].get("data", {}) if message["msg_type"] == "comm_msg" else {}
        if data.get("method") == "update":
            updates.append(data["state"])
            if done(data["state"]):
                return updates
    raise AssertionError(f"no matching widget update within {timeout} s ({len(updates)} updates seen)")


async def test_mistakes_in_a_real_kernel_are_usage_errors_without_traceback(server_kernel):
    async with server_kernel() as km:
        client = notebook_client([], km)
        async with client.async_setup_kernel():
            await run_cell(client, "%load_ext jupyter_codelab")
            cell = await run_cell(client, "%codelab extend --hours 100", allow_errors=True)
    # IPython prints a UsageError as one line on stderr: no traceback, no error output.
    assert [output.output_type for output in cell.outputs] == ["stream"]
    assert cell.outputs[0].name == "stderr"
    assert cell.outputs[0].text == "UsageError: --hours must be a whole number of hours from 1 to 72, got '100'.\n"


async def run_cell(client: NotebookClient, source: str, allow_errors: bool = False):
    cell = new_code_cell(source)
    client.nb.cells.append(cell)
    client.allow_errors = allow_errors
    await client.async_execute_cell(cell, len(client.nb.cells) - 1)
    return cell


async def test_a_status_and_a_vanished_instance_through_the_server(server_kernel, embedded_simulator):
    """ERROR then the service reset, in a kernel the server started: the SSE stream's `deleted`
    event (and the 404 the server answers after) bring the panel back to the open form."""
    from jupyter_codelab.modelarts.states import STATES, VANISHED_SENTENCE

    async with server_kernel() as km:
        client = notebook_client([], km)
        async with client.async_setup_kernel():
            await run_cell(client, "%load_ext jupyter_codelab")
            await run_cell(
                client, "%codelab open\nfrom jupyter_codelab.kernel.panel_registry import current_panel\npanel = current_panel()"
            )
            embedded_simulator.force_status("ERROR", fail_reason="The host failed")
            seen = await run_cell(
                client, "print(panel.wait(timeout=30, until=('ERROR',)), panel.state.actions, panel.state.sentence)"
            )
            assert f"ERROR ['open'] Error: The host failed. {STATES['ERROR'].sentence}" in outputs_text(seen)
            status = outputs_text(await run_cell(client, "%codelab status"))
            assert " - Error" in status and "Next: %codelab open" in status and "[ERROR]" not in status

            await run_cell(client, "%codelab open --no-wait")  # ModelArts replaces the failed instance with a new one
            await run_cell(client, "panel = current_panel(); panel.wait(timeout=30)")
            embedded_simulator.reset()  # gone: 400 ModelArts.6309 upstream, 404 and `deleted` from the server
            wait = "import time\ndeadline = time.monotonic() + 30\nwhile not panel.state.vanished and time.monotonic() < deadline:\n    time.sleep(0.05)\n"
            seen = await run_cell(
                client, wait + "print(panel.state.vanished, panel.state.notebook_id, panel.state.actions, panel.state.notice)"
            )
            assert f"True None ['open'] {VANISHED_SENTENCE}" in outputs_text(seen)
            status = outputs_text(await run_cell(client, "%codelab status"))
            assert f"{VANISHED_SENTENCE}\nNext: %codelab open" in status
