"""Replay what repo2docker (mybinder.org) does with binder/, as far as this machine allows without Docker.

A fresh copy of the repository and a fresh virtual environment; `pip install -r
binder/requirements.txt`; `binder/postBuild` from the repository root; then JupyterLab
started through `binder/start` the way Binder starts it. The environment even carries a
Huawei AK, which `binder/start` must drop: a Binder session is always simulated.
"""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.support.jupyter_process import free_port
from tests.support.required_tool import tool_missing

REPO = Path(__file__).resolve().parents[2]
NETWORK_SETTINGS = {"http_proxy", "https_proxy", "no_proxy", "all_proxy", "node_extra_ca_certs", "ssl_cert_file",
                    "requests_ca_bundle", "pip_cert", "pip_index_url", "pip_extra_index_url", "pip_find_links"}  # fmt: skip
pytestmark = [pytest.mark.slow, pytest.mark.timeout(1500)]  # a fresh env and an npm build


def copy_repository(target: Path) -> Path:
    """The files git would check out (tracked and new, not ignored), as a fresh clone has them."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO, capture_output=True, check=True)
    for name in filter(None, listed.stdout.decode().split("\0")):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def run(command, cwd, env, timeout=900):
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{command} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def binder_image(tmp_path_factory):
    """The 'image': a repo copy with a venv built by binder/ (the slow part, done once)."""
    root = tmp_path_factory.mktemp("binder")
    repo = copy_repository(root / "repo")
    subprocess.run([sys.executable, "-m", "venv", str(root / "env")], check=True)
    home = root / "home"
    home.mkdir()
    env = {
        "PATH": f"{root / 'env' / 'bin'}:/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "VIRTUAL_ENV": str(root / "env"),
        # Reuse this machine's download caches: what Binder's build cache would do.
        "PIP_CACHE_DIR": os.environ.get("PIP_CACHE_DIR", str(Path.home() / ".cache" / "pip")),
        "npm_config_cache": os.environ.get(
            "npm_config_cache",  # noqa: SIM112 - npm reads it in lower case
            str(Path.home() / ".npm"),
        ),
        "LANG": "C.UTF-8",
        # This machine's way out (proxies, its CA for node, pip and requests), as Binder's build has its own: without
        # NODE_EXTRA_CA_CERTS behind a TLS-inspecting proxy, npm retries every package until it gives up (~2.5 min).
        **{name: value for name, value in os.environ.items() if name.lower() in NETWORK_SETTINGS},
    }
    run(["pip", "install", "--quiet", "-r", "binder/requirements.txt"], repo, env)
    build_log = run(["bash", "binder/postBuild"], repo, env)
    return root, repo, env, build_log


@pytest.fixture(scope="module")
def binder_lab(binder_image):
    root, repo, env, _ = binder_image
    port, token = free_port(), "binder-replay-token"
    session_env = {**env, "HUAWEICLOUD_SDK_AK": "AK-LEFT-IN-THE-IMAGE", "HUAWEICLOUD_SDK_SK": "not-for-binder"}
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR"):
        session_env[name] = str(root / name.lower())
    command = ["binder/start", "jupyter", "lab", "--ip=127.0.0.1", f"--port={port}", "--no-browser", "--allow-root",
               f"--IdentityProvider.token={token}", "--ServerApp.default_url=/lab/tree/examples/codelab.ipynb"]  # fmt: skip
    log = (root / "lab.log").open("wb")
    process = subprocess.Popen(command, cwd=repo, env=session_env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if requests.get(url + "api/status", headers={"Authorization": f"token {token}"}, timeout=2).ok:
                break
        except requests.RequestException:
            time.sleep(0.3)
    else:
        raise AssertionError((root / "lab.log").read_text()[-3000:])
    yield url, token, session_env
    os.killpg(process.pid, 15)
    process.wait(30)


def test_postbuild_enables_both_halves(binder_image):
    *_, build_log = binder_image
    assert "jupyter_codelab" in build_log and "jupyter-codelab" in build_log


def test_the_server_extension_and_labextension_are_listed(binder_image):
    root, repo, env, _ = binder_image
    servers = run(["jupyter", "server", "extension", "list"], repo, env)
    assert "jupyter_codelab" in servers and "enabled" in servers
    labs = run(["jupyter", "labextension", "list"], repo, env)
    line = next(line for line in labs.splitlines() if "jupyter-codelab" in line)
    assert "enabled" in line and "OK" in line


def test_binder_sessions_are_simulated_and_open_the_example(binder_lab):
    url, token, _ = binder_lab
    headers = {"Authorization": f"token {token}"}
    config = requests.get(url + "codelab/api/config", headers=headers, timeout=10).json()
    assert config["mode"] == "simulated"
    landing = requests.get(url + "lab/tree/examples/codelab.ipynb", headers=headers, timeout=30)
    assert landing.status_code == 200
    notebook = requests.get(url + "api/contents/examples/codelab.ipynb", headers=headers, timeout=10)
    assert notebook.status_code == 200 and notebook.json()["type"] == "notebook"


def test_the_sidebar_opens_an_instance_in_the_binder_session(binder_lab):
    """What a Binder visitor does first: open the CodeLab sidebar and click Open."""
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        tool_missing("needs Debian's chromium at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM_ARGS
    from tests.e2e.lab_page import LabPage

    url, token, _ = binder_lab

    class BinderSession:  # what LabPage needs to know of the server
        def lab_url(self, base_url=None):
            return f"{base_url or url}lab/tree/examples/codelab.ipynb?token={token}"

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            lab = LabPage(browser.new_page(viewport={"width": 1280, "height": 800}), BinderSession())
            lab.load().show_sidebar()
            assert "simulated" in lab.panel.inner_text().lower()
            lab.click_open()
            lab.wait_running()
        finally:
            browser.close()
