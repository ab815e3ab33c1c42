"""The panel's "Send a local notebook" section through a real Jupyter server with the extension (simulated
ModelArts and OBS): the preview lists the files the notebook reads, ticked; what is ticked goes with it.

The server runs on this test's event loop, so every blocking call runs in a thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import json

import nbformat
import pytest
from codelab_wait import async_wait_for
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook
from server_fixtures import codelab_server, embedded_simulator, jp_server_config  # noqa: F401 - fixtures

run = asyncio.to_thread
READER = "import utils\nrows = open('data/train.csv').read()"


def write_tree(root) -> None:
    for path, data in {"work/data/train.csv": "a,b\n1,2\n", "work/utils.py": "X = 1\n", "work/notes.txt": "x"}.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(data)
    for path, source in {"work/lab.ipynb": READER, "work/plain.ipynb": "print(1)"}.items():
        (root / path).write_text(nbformat.writes(new_notebook(cells=[new_code_cell(source)])))


@contextlib.asynccontextmanager
async def made_panel(root):
    from jupyter_codelab.kernel.panel import CodeLabPanel

    write_tree(root)
    panel = await run(CodeLabPanel)  # no backend given: the server's, from the kernel env it published
    try:
        yield panel
    finally:
        await run(panel.close)


@pytest.fixture
def session_kernel(jp_serverapp, http_server, jp_fetch):
    """A kernel for the notebook at ``path``, started through the sessions API as JupyterLab does."""

    @contextlib.asynccontextmanager
    async def start(path: str):
        body = {"path": path, "type": "notebook", "name": path.rsplit("/", 1)[-1], "kernel": {"name": "python3"}}
        session = json.loads((await jp_fetch("api", "sessions", method="POST", body=json.dumps(body))).body)
        try:
            yield jp_serverapp.kernel_manager.get_kernel(session["kernel"]["id"])
        finally:
            await jp_fetch("api", "sessions", session["id"], method="DELETE")

    return start


def fetched_paths(copy: dict) -> list[str]:
    """The files the sent copy's first cell downloads beside the notebook."""
    assert copy["cells"][0]["metadata"]["tags"] == ["codelab-files"]
    return sorted(line.split("'")[1] for line in "".join(copy["cells"][0]["source"]).splitlines() if line.startswith("    ('"))


def widget_states(widget) -> str:
    """Every value the panel's widgets hold (what the browser gets), as one text."""
    texts = [json.dumps(widget.get_state(), default=str)]
    for child in getattr(widget, "children", ()):
        texts.append(widget_states(child))
    return "\n".join(texts)


async def preview(panel, path: str) -> None:
    panel._ui.send.path.value = path
    await run(panel._ui.send.preview_button.click)


async def test_the_preview_lists_what_it_reads_and_an_unticked_file_stays_here(codelab_server, jp_root_dir, embedded_simulator):  # noqa: F811
    async with made_panel(jp_root_dir) as panel:
        ui, state = panel._ui.send, panel.state.send
        assert ui.box.layout.display == "" and ui.send_button.disabled  # a server backend: shown; nothing previewed yet
        await preview(panel, "work/lab.ipynb")
        detected = [row["path"] for row in state.preview["detected_files"]]
        assert state.error == "" and detected == ["work/data/train.csv", "work/utils.py"]
        assert {path: box.value for path, box in ui.boxes.items()} == {"work/data/train.csv": True, "work/utils.py": True}
        assert ui.files_heading.value == "Files it reads, sent with it (they arrive beside the notebook):"
        assert "Sent with it: 2 files, 14 bytes" in ui.total.value and "8 bytes" in widget_states(ui.files)
        assert "OBS bucket" in ui.preview.value and "Private: CodeLab gets a signed link" in ui.preview.value
        ui.boxes["work/utils.py"].value = False
        assert state.chosen == ["work/data/train.csv"] and "Sent with it: 1 files, 8 bytes" in ui.total.value
        await run(ui.send_button.click)  # uploads, opens nothing
        assert state.error == "" and state.message.startswith("Sent lab.ipynb (uploaded): the link works for"), state.message
        assert "With 1 files: 1 uploaded" in state.message and embedded_simulator.obs.store.puts == 2
        assert panel.state.notebook_id is None
        await run(ui.open_button.click)
        assert state.error == "" and "CodeLab is starting" in state.message, state.message
        download = await async_wait_for(lambda: [d for d in embedded_simulator.obs.downloads if d.ended], what="the download")
        assert fetched_paths(json.loads(download[-1].body)) == ["data/train.csv"]  # utils.py was unticked
        notebook_id = panel.state.notebook_id
        assert notebook_id and panel.state.connection in ("connecting", "live")  # the panel follows the opened instance
        signed = embedded_simulator.store.instances[notebook_id].description
        assert "?" in signed and signed.split("?", 1)[1] not in widget_states(panel)  # the signed query never reaches the browser
        assert signed not in json.dumps(panel.state.send.trait_values(), default=str)


async def test_a_notebook_that_reads_nothing_shows_no_list(codelab_server, jp_root_dir):  # noqa: F811
    async with made_panel(jp_root_dir) as panel:
        ui = panel._ui.send
        await preview(panel, "work/plain.ipynb")
        assert panel.state.send.preview["name"] == "plain.ipynb" and panel.state.send.chosen == []
        assert ui.boxes == {} and ui.files.children == () and ui.files_heading.value == "" and ui.total.value == ""
        assert not ui.send_button.disabled and not ui.open_button.disabled
        ui.strip.value = True  # the preview was of the notebook with its outputs: Preview again
        assert panel.state.send.preview == {} and ui.send_button.disabled
        await run(ui.preview_button.click)
        assert panel.state.send.preview["stripped"] is True and not ui.send_button.disabled


@pytest.mark.parametrize(
    ("path", "sentence"),
    [
        ("work/notes.txt", "path 'work/notes.txt' is not a notebook: only .ipynb files can be opened in CodeLab."),
        ("../elsewhere.ipynb", "leaves the Jupyter root: give a notebook inside the file browser's tree."),
    ],
)
async def test_a_bad_path_shows_the_servers_sentence_and_changes_nothing(codelab_server, jp_root_dir, embedded_simulator,  # noqa: F811
                                                                         path, sentence):  # fmt: skip
    async with made_panel(jp_root_dir) as panel:
        ui, state = panel._ui.send, panel.state.send
        await preview(panel, path)
        assert sentence in state.error and "<b>Problem:</b> path " in ui.error.value  # the server's sentence names the field
        assert state.preview == {} and ui.boxes == {} and ui.send_button.disabled and ui.open_button.disabled
        assert await run(panel.sending.send) is None  # nothing previewed: nothing goes
        assert "Preview the notebook first" in state.error
        assert embedded_simulator.obs.store.puts == 0 and embedded_simulator.obs.store.buckets == {}
        assert panel.state.notebook_id is None and panel.state.error == ""


IN_THE_KERNEL = """
from jupyter_codelab.kernel.panel import CodeLabPanel
panel = CodeLabPanel(load_images=False)
print("path:", panel.state.send.path)
panel.sending.preview(raise_errors=True)
print("detected:", [row["path"] for row in panel.state.send.preview["detected_files"]])
panel.sending.tick("work/data/train.csv", False)
job = panel.sending.send(open_instance=True, raise_errors=True)
print("sent:", job["message"], "following:", panel.state.notebook_id == job["notebook"]["id"])
panel.close()
"""


async def test_in_a_kernel_the_section_sends_the_kernels_own_notebook(session_kernel, jp_root_dir, embedded_simulator):  # noqa: F811
    write_tree(jp_root_dir)
    async with session_kernel("work/lab.ipynb") as km:
        client = NotebookClient(new_notebook(cells=[new_code_cell(IN_THE_KERNEL)]), km=km, timeout=120, allow_errors=True)
        (cell,) = (await client.async_execute()).cells
    out = "".join(output.get("text", "") + "".join(output.get("traceback", [])) for output in cell.outputs)
    assert "path: work/lab.ipynb\n" in out and "detected: ['work/data/train.csv', 'work/utils.py']" in out, out
    assert "sent: Sent lab.ipynb (uploaded): CodeLab is starting. With 1 files" in out and "following: True" in out, out
    download = await async_wait_for(lambda: [d for d in embedded_simulator.obs.downloads if d.ended], what="the download")
    assert fetched_paths(json.loads(download[-1].body)) == ["utils.py"]
