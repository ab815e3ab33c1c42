"""examples/codelab.ipynb runs from top to bottom in a server-started kernel (simulated mode)."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from server_fixtures import codelab_server, jp_server_config  # noqa: F401 - fixtures

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "codelab.ipynb"


async def test_the_example_notebook_runs(codelab_server, jp_fetch, jp_serverapp, tmp_path):
    notebook = nbformat.read(EXAMPLE, as_version=4)
    response = await jp_fetch("api", "kernels", method="POST", body=json.dumps({"name": "python3"}))
    kernel_id = json.loads(response.body)["id"]
    try:
        km = jp_serverapp.kernel_manager.get_kernel(kernel_id)
        await NotebookClient(notebook, km=km, timeout=120, resources={"metadata": {"path": str(tmp_path)}}).async_execute()
    finally:
        await jp_fetch("api", "kernels", kernel_id, method="DELETE")
    text = "\n".join(
        output.get("text", "") + output.get("data", {}).get("text/plain", "")
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )
    assert "is running: http" in text
    assert "RUNNING 100" in text
    assert "Extended notebook_" in text and ": auto-stop in " in text
    assert "[![Run in ModelArts]" in text
    assert "Stopping notebook_" in text
