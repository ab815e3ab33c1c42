"""JupyterLab fetches at start only what draws the sidebar's first view: the plugins, the
model, the commands, the status bar item and the panel's tab. The panel's views, the
connect form, the SSH card and the send and publish flows load later with `import()`.

Read from the tree's build: the built remoteEntry names the chunks that the exposed
`./extension` and `./style` modules need before they run, and the build's chunk list
(`labextension/lib/chunks.json`, written by `labextension/webpack.config.js`) names the
modules in each chunk. No browser and no timing: the bytes are `bench/labextension_size_and_load.py`'s.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.support.required_tool import tool_missing

REPO = Path(__file__).resolve().parents[2]
BUILD = REPO / "jupyter_codelab" / "labextension"
CHUNK_LIST = REPO / "labextension" / "lib" / "chunks.json"

# The first view: in the start chunks (this also shows that the chunks were read).
AT_START = {
    "lib/index.js",
    "lib/model.js",
    "lib/commands.js",
    "lib/statusbar.js",
    "lib/send/commands.js",
    "lib/sidebar/panel.js",
    "style/base.css",
}
# The panel's views and their CSS: fetched once the page is idle, or when the panel is first shown.
VIEWS = {
    "lib/sidebar/views.js",
    "lib/sidebar/header.js",
    "lib/sidebar/accountView.js",
    "lib/account.js",
    "lib/accountForm.js",
    "lib/sidebar/messageView.js",
    "lib/sidebar/openForm.js",
    "lib/hostWarning.js",
    "lib/sidebar/progressView.js",
    "lib/sidebar/instanceView.js",
    "lib/errorWords.js",
    "lib/generated/advice.js",
    "lib/sidebar/badgeView.js",
    "lib/copyButton.js",
    "style/panel.css",
    "style/account.css",
}
# Fetched when first used only: neither at start nor with the views.
ON_FIRST_USE = {
    "lib/sidebar/connectForm.js",
    "lib/sidebar/sshCard.js",
    "lib/ssh.js",
    "lib/send/flow.js",
    "lib/send/dialogs.js",
    "lib/send/words.js",
    "lib/send/api.js",
    "lib/send/job.js",
}
# The import() that fetches the views (sidebar/panel.ts), as the chunk list names it.
VIEWS_IMPORT = "lib/sidebar/panel.js ./views"


def expose_chunks(remote_entry: str) -> dict[str, set[str]]:
    """The chunk ids each exposed module waits for: `"./extension":()=>n.e(798).then(...)`,
    or `Promise.all([n.e(1),n.e(2)]).then(...)` when it needs several."""
    exposes = {}
    for name, needs in re.findall(r'"(\./[\w-]+)":\(\)=>(.*?)\.then\(', remote_entry):
        exposes[name] = set(re.findall(r'\.e\("?([\w-]+)"?\)', needs))
    return exposes


@pytest.fixture(scope="module")
def build():
    """(the chunk list by id, the exposed modules' chunk ids), checked to be the tree's build."""
    if not (BUILD / "package.json").exists():
        tool_missing("the labextension is not built: run `npm run build:prod` in labextension/")
    assert CHUNK_LIST.exists(), f"{CHUNK_LIST} is missing: rebuild with `npm run build:prod` in labextension/"
    chunks = {str(chunk["id"]): chunk for chunk in json.loads(CHUNK_LIST.read_text())["chunks"]}
    built = {path.name for path in (BUILD / "static").glob("*.js")} - {"style.js"}  # style.js: source builds only
    listed = {chunk["file"] for chunk in chunks.values()}
    assert listed == built, f"{CHUNK_LIST} is not the list of {BUILD}: rebuild with `npm run build:prod`"
    load = json.loads((BUILD / "package.json").read_text())["jupyterlab"]["_build"]
    exposes = expose_chunks((BUILD / load["load"]).read_text())
    assert {load["extension"], load["style"]} <= set(exposes), exposes
    return chunks, {name: exposes[name] for name in (load["extension"], load["style"])}


def modules_of(chunks: dict, ids) -> set[str]:
    return {module for chunk_id in ids for module in chunks[chunk_id]["modules"]}


def test_start_chunks_hold_the_first_view_and_nothing_meant_for_later(build):
    chunks, exposes = build
    at_start = modules_of(chunks, set().union(*exposes.values()))
    assert at_start >= AT_START, f"missing from the start chunks: {sorted(AT_START - at_start)}"
    pulled = sorted(at_start & (VIEWS | ON_FIRST_USE))
    assert not pulled, (
        f"meant to load with import(), but in a chunk JupyterLab fetches at start: {pulled}; "
        "a static import from the first view's modules pulls them in (see labextension/src/index.ts)"
    )


def test_every_module_named_here_is_in_the_build(build):
    """A renamed or removed module fails here rather than passing the checks above unseen."""
    chunks, _ = build
    everywhere = modules_of(chunks, chunks)
    assert not (AT_START | VIEWS | ON_FIRST_USE) - everywhere, sorted((AT_START | VIEWS | ON_FIRST_USE) - everywhere)


def test_the_views_come_without_what_waits_for_first_use(build):
    """The idle prefetch of the panel's views does not fetch the connect form, the SSH card or the send flows."""
    chunks, _ = build
    views = [chunk_id for chunk_id, chunk in chunks.items() if VIEWS_IMPORT in chunk["origins"]]
    assert views, f"no chunk is fetched by `{VIEWS_IMPORT}`"
    in_views = modules_of(chunks, views)
    assert in_views >= VIEWS, f"not with the views: {sorted(VIEWS - in_views)}"
    assert not in_views & ON_FIRST_USE, f"fetched with the views: {sorted(in_views & ON_FIRST_USE)}"


def test_jupyterlab_and_lumino_are_shared_not_bundled(build):
    """@jupyterlab/* and @lumino/* come from JupyterLab's share scope: no copy of them in our chunks."""
    chunks, _ = build
    bundled = sorted(m for m in modules_of(chunks, chunks) if re.match(r"node_modules/@(jupyterlab|lumino)/", m))
    assert not bundled, bundled


def test_the_remote_entry_is_read_with_one_chunk_or_several():
    one = '"./extension":()=>n.e(798).then(()=>()=>n(469)),"./style":()=>n.e(232).then(()=>()=>n(579))'
    several = '"./extension":()=>Promise.all([n.e(12),n.e(798)]).then(()=>()=>n(469))'
    assert expose_chunks(one) == {"./extension": {"798"}, "./style": {"232"}}
    assert expose_chunks(several) == {"./extension": {"12", "798"}}
