"""`pip install .` ships the prebuilt sidebar: JupyterLab lists it enabled and OK
(no node needed at install time), with its settings schema."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from jupyter_codelab import __version__, _jupyter_labextension_paths

INSTALLED = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "jupyter-codelab"


def test_jupyter_labextension_list_shows_it_enabled_and_ok(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    env.update(HOME=str(tmp_path), JUPYTER_CONFIG_DIR=str(tmp_path / "config"), JUPYTER_DATA_DIR=str(tmp_path / "data"))
    done = subprocess.run(
        [sys.executable, "-m", "jupyter", "labextension", "list"],
        env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    listing = re.sub(r"\x1b\[[0-9;]*m", "", done.stdout + done.stderr)
    assert re.search(rf"jupyter-codelab v{re.escape(__version__)} enabled OK \(python, jupyter-codelab\)", listing), listing


def test_installed_extension_matches_the_python_hook():
    assert _jupyter_labextension_paths() == [{"src": "labextension", "dest": "jupyter-codelab"}]
    package = json.loads((INSTALLED / "package.json").read_text())
    assert package["name"] == "jupyter-codelab"
    assert (INSTALLED / package["jupyterlab"]["_build"]["load"]).is_file()
    assert (INSTALLED / "static" / "style.js").is_file()
    install = json.loads((INSTALLED / "install.json").read_text())
    assert install == {**install, "packageManager": "python", "packageName": "jupyter-codelab"}
    schema = json.loads((INSTALLED / "schemas" / "jupyter-codelab" / "plugin.json").read_text())
    assert {"defaultImage", "warnMinutesBeforeStop", "extendHours"} <= set(schema["properties"])
