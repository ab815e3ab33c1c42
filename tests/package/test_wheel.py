"""The release: `python -m build` makes an sdist and a wheel; a wheel built FROM THE SDIST with no
node on PATH installs into a fresh venv where `jupyter lab` and `jupyter notebook` list the
extension enabled and show the CodeLab panel (Chromium), with the zh_CN catalog inside.

Slow (a fresh venv, dependencies from pip's cache or the local wheel index): about 1-3 minutes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from jupyter_codelab import __version__
from tests.e2e.lab_server import LabServer

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
LOCALE_FILES = ("locale/zh_CN/LC_MESSAGES/jupyter_codelab.json", "locale/zh_CN/LC_MESSAGES/jupyter_codelab.mo")


def _run(args, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(args, capture_output=True, text=True, timeout=600, **kwargs)
    assert done.returncode == 0, f"{args}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    if not (ROOT / "jupyter_codelab" / "labextension" / "static" / "style.js").exists():
        pytest.skip("the labextension is not built (pip install -e . builds it)")
    out = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)])
    return out


@pytest.fixture(scope="module")
def fresh_venv(dist, tmp_path_factory):
    """A new venv with a wheel built from the sdist, node nowhere on PATH."""
    (sdist,) = dist.glob("jupyter_codelab-*.tar.gz")
    where = tmp_path_factory.mktemp("fresh")
    venv.create(where / "venv", with_pip=True, symlinks=True)
    bin_dir = where / "venv" / "bin"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "CODELAB_", "HUAWEICLOUD_", "VIRTUAL_ENV"))}
    env.update(
        PATH=str(bin_dir),
        HOME=str(where / "home"),
        PIP_CACHE_DIR=os.environ.get("PIP_CACHE_DIR", str(Path.home() / ".cache" / "pip")),
    )
    assert shutil.which("node", path=env["PATH"]) is None and shutil.which("npm", path=env["PATH"]) is None
    python = str(bin_dir / "python")
    # Build the wheel from the sdist with this venv's own build tools: proves the sdist needs no node.
    _run([python, "-m", "pip", "install", "-q", "hatchling>=1.21", "hatch-jupyter-builder>=0.9"], env=env)
    wheels = where / "wheels"
    _run([python, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(sdist)], env=env)
    (wheel,) = wheels.glob("jupyter_codelab-*.whl")
    _run([python, "-m", "pip", "install", "-q", str(wheel), "notebook>=7,<8", "jupyterlab>=4.1,<5", "ipykernel"], env=env)
    return {"python": python, "env": env, "wheel": wheel, "root": where}


def test_build_makes_an_sdist_with_the_built_labextension_and_a_wheel_with_everything(dist):
    (sdist,) = dist.glob(f"jupyter_codelab-{__version__}.tar.gz")
    (wheel,) = dist.glob(f"jupyter_codelab-{__version__}-py3-none-any.whl")
    with tarfile.open(sdist) as tar:
        names = tar.getnames()
    top = f"jupyter_codelab-{__version__}/"
    for path in ("jupyter_codelab/labextension/package.json", "jupyter_codelab/labextension/static/style.js",
                 "LICENSE", "CHANGELOG.md", *(f"jupyter_codelab/{f}" for f in LOCALE_FILES)):  # fmt: skip
        assert top + path in names, path
    assert not [n for n in names if "node_modules" in n]
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        entry_points = archive.read(f"jupyter_codelab-{__version__}.dist-info/entry_points.txt").decode()
    data = f"jupyter_codelab-{__version__}.data/data/"
    assert data + "share/jupyter/labextensions/jupyter-codelab/package.json" in names
    assert data + "share/jupyter/labextensions/jupyter-codelab/install.json" in names
    assert data + "etc/jupyter/jupyter_server_config.d/jupyter_codelab.json" in names
    assert all(f"jupyter_codelab/{f}" in names for f in LOCALE_FILES)
    assert "[jupyterlab.locale]\njupyter_codelab = jupyter_codelab" in entry_points


def test_installed_without_node_the_extensions_are_enabled(fresh_venv):
    python, env = fresh_venv["python"], fresh_venv["env"]
    labext = _run([python, "-m", "jupyter", "labextension", "list"], env=env)
    listing = re.sub(r"\x1b\[[0-9;]*m", "", labext.stdout + labext.stderr)
    assert re.search(rf"jupyter-codelab v{re.escape(__version__)} enabled\s+OK", listing), listing
    server = _run([python, "-m", "jupyter", "server", "extension", "list"], env=env)
    listing = re.sub(r"\x1b\[[0-9;]*m", "", server.stdout + server.stderr)
    assert re.search(r"jupyter_codelab\s+enabled", listing), listing
    script = "from jupyterlab_server.translation_utils import get_installed_packages_locale as g; print(g('zh_CN')[0]['jupyter_codelab']['Open'])"
    assert _run([python, "-c", script], env=env).stdout.strip() == "['打开']"


@pytest.mark.browser
@pytest.mark.parametrize("app, path", [("jupyterlab", "lab"), ("notebook", "tree")])
def test_installed_wheel_shows_the_panel_in_lab_and_notebook(fresh_venv, tmp_path, app, path):
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    server = LabServer(
        tmp_path, app=app, env={"PATH": fresh_venv["env"]["PATH"]}, python=fresh_venv["python"], link_tree_build=False
    )
    server.start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.goto(server.page_url(path))
            page.wait_for_selector("#jp-CodeLab-panel", state="attached", timeout=60_000)
            if app == "jupyterlab":
                page.locator('.lm-TabBar-tab[data-id="jp-CodeLab-panel"]').click()
            else:
                page.locator(".lm-MenuBar-itemLabel", has_text=re.compile("^View$")).click()
                page.locator(".lm-Menu-itemLabel", has_text=re.compile("^Left Sidebar$")).click()
                page.locator(".lm-Menu-itemLabel", has_text=re.compile("^Show CodeLab$")).click()
            page.locator('[data-testid="codelab-open"]').wait_for(state="visible", timeout=30_000)
            assert page.locator('[data-testid="codelab-simulated"]').inner_text() == "Simulated"
            browser.close()
    finally:
        server.stop()
