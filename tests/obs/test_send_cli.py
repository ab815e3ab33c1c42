"""``jupyter codelab open ./path.ipynb`` in a terminal of the real server (simulated ModelArts + OBS)."""

import asyncio
import json
import os
import sys

from tests.cli.cli_runner import cli_env
from tests.server.helpers import until

from .conftest import notebook_bytes


async def codelab(cwd, *args, env):
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "jupyter_codelab.cli", *args, env=cli_env(cwd, env), cwd=cwd,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=120)
    return process.returncode, stdout.decode(), stderr.decode()


def terminal_env():
    """What a terminal of the server inherits (the extension published it)."""
    return {name: os.environ[name] for name in ("CODELAB_API_URL", "CODELAB_API_TOKEN", "CODELAB_CONTENTS_ROOT")}


async def test_a_local_path_is_sent_never_taken_for_a_link(jp_serverapp, http_server, write_notebook, jp_root_dir, simulator):
    data = write_notebook("proj/train.ipynb", notebook_bytes("x = 1", outputs=3, pad=2000))
    cwd = jp_root_dir / "proj"
    code, out, err = await codelab(cwd, "open", "./train.ipynb", "--no-wait", env=terminal_env())
    assert code == 2 and "--create-bucket" in err, (out, err)  # asks before creating a bucket
    code, out, err = await codelab(cwd, "open", "./train.ipynb", "--create-bucket", "--json", env=terminal_env())
    assert code == 0, err
    assert json.loads(out)["status"] == "RUNNING"
    assert "Sending train.ipynb" in err and "Sent train.ipynb (uploaded)" in err
    assert simulator.obs.downloads[-1].body == data
    # --strip-outputs: other bytes, so another key; what CodeLab fetched has no outputs.
    code, out, err = await codelab(cwd, "open", "train.ipynb", "--strip-outputs", "--no-wait", env=terminal_env())
    assert code == 0, err
    download = await until(lambda: simulator.obs.downloads[-1].ended and simulator.obs.downloads[-1])
    assert simulator.obs.store.puts == 2 and download.status == 200
    assert json.loads(download.body)["cells"][0]["outputs"] == []


async def test_a_file_outside_the_root_or_not_a_notebook_is_a_usage_error(jp_serverapp, http_server, jp_root_dir, tmp_path):
    (jp_root_dir / "notes.txt").write_text("hi")
    code, out, err = await codelab(jp_root_dir, "open", "notes.txt", env=terminal_env())
    assert code == 2 and "not a notebook" in err
    outside = tmp_path / "elsewhere.ipynb"
    outside.write_bytes(notebook_bytes())
    code, out, err = await codelab(jp_root_dir, "open", str(outside), env=terminal_env())
    assert code == 2 and "outside the Jupyter server's root" in err
