"""The JupyterLab sidebar's cost: the bytes of our JavaScript that JupyterLab
fetches at start, and JupyterLab's load time in headless Chromium with and
without the extension, side by side.

Two `jupyter lab` servers run at once (simulated CodeLab, temp HOME and
Jupyter dirs) that differ only in whether the jupyter-codelab labextension is
on their labextensions path (every other installed labextension is on both).
Page loads alternate between them, each in a fresh browser context (cold
browser cache, warm disk cache); the median and the fastest run are printed.
"Ready" is JupyterLab restored (the launcher shown).

The bytes are the responses under `/lab/extensions/jupyter-codelab/static/`
(the page's resource timings, decoded sizes), before any click:
- at start: the fetches begun before `app.restored` resolved (the page sees the
  app through `window.jupyterapp`, LabApp.expose_app_in_browser); goal <= 60 KB;
- once idle: the fetches begun later, within SETTLE_SECONDS (the panel's views,
  prefetched when the page is idle);
then what a click on the CodeLab tab fetches (goal: nothing, opening the panel
does not wait on the network) and how long the panel takes to show its image
list after that click. "In all" is every JavaScript file of the build.

    .venv/bin/python bench/labextension_size_and_load.py [--runs 7] [--extension DIR]

`--extension` measures another build, e.g. main's for a before/after.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]
TREE_BUILD = REPO / "jupyter_codelab" / "labextension"
INSTALLED = Path(sys.prefix) / "share" / "jupyter" / "labextensions"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]  # fmt: skip
TOKEN = "bench-token"
STATIC = "/lab/extensions/jupyter-codelab/static/"
TAB = '.jp-SideBar.jp-mod-left .lm-TabBar-tab[data-id="jp-CodeLab-panel"]'
GOAL_AT_START_KB = 60
# After app.restored: the idle prefetch runs within 3 s (requestIdleCallback's timeout in src/index.ts).
SETTLE_SECONDS = 5
# Before the page's own scripts: a large resource timing buffer, and a mark when the app is restored.
INSTRUMENT = """
performance.setResourceTimingBufferSize(100000);
Object.defineProperty(window, 'jupyterapp', {
  configurable: true,
  set(app) {
    Object.defineProperty(window, 'jupyterapp', { value: app, writable: true, configurable: true });
    app.restored.then(() => performance.mark('bench:restored'));
  }
});
"""
OUR_FETCHES = f"""() => performance.getEntriesByType('resource')
  .filter(e => e.name.includes('{STATIC}'))
  .map(e => ({{ name: e.name, start: e.startTime, bytes: e.decodedBodySize }}))"""
RESTORED_AT = "() => performance.getEntriesByName('bench:restored')[0]?.startTime ?? null"


def extension_dir() -> Path:
    for candidate in (TREE_BUILD, INSTALLED / "jupyter-codelab"):
        if (candidate / "package.json").exists():
            return candidate
    sys.exit("The labextension is not built: run `pip install -e .` or `npm run build:prod` in labextension/.")


def size_report(ext: Path) -> list[tuple[str, str]]:
    files = [p for p in ext.rglob("*") if p.is_file()]
    static = [p for p in files if p.parent.name == "static"]
    js = [p for p in static if p.suffix == ".js"]
    gz = sum(len(gzip.compress(p.read_bytes(), 9)) for p in js)
    return [
        ("built extension, all files", f"{sum(p.stat().st_size for p in files) / 1024:.1f} KB ({len(files)} files)"),
        ("its JavaScript, gzip -9", f"{gz / 1024:.1f} KB ({len(js)} files)"),
    ]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Lab:
    """One `jupyter lab` whose labextensions path holds the installed ones, with or without CodeLab's."""

    def __init__(self, root: Path, with_codelab: bool, ext: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        labext = root / "labextensions"
        labext.mkdir(parents=True)
        for entry in INSTALLED.iterdir():
            if entry.name != "jupyter-codelab":
                (labext / entry.name).symlink_to(entry, target_is_directory=True)
        if with_codelab:
            (labext / "jupyter-codelab").symlink_to(ext, target_is_directory=True)
        dirs = {name: root / name for name in ("home", "config", "data", "runtime", "notebooks")}
        for folder in dirs.values():
            folder.mkdir()
        settings = dirs["config"] / "lab" / "user-settings" / "@jupyterlab" / "apputils-extension"
        settings.mkdir(parents=True)
        (settings / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
        env = {k: v for k, v in os.environ.items() if not k.startswith(("HUAWEICLOUD_", "JUPYTER"))}
        env.update(HOME=str(dirs["home"]), JUPYTER_CONFIG_DIR=str(dirs["config"]), JUPYTER_DATA_DIR=str(dirs["data"]),
                   JUPYTER_RUNTIME_DIR=str(dirs["runtime"]))  # fmt: skip
        command = [sys.executable, "-m", "jupyterlab", "--allow-root", "--ServerApp.open_browser=False",
                   "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}", f"--IdentityProvider.token={TOKEN}",
                   f"--ServerApp.root_dir={dirs['notebooks']}", f"--LabApp.labextensions_path={labext}",
                   "--LabApp.expose_app_in_browser=True"]  # fmt: skip
        self.log = (root / "lab.log").open("wb")
        self.process = subprocess.Popen(command, env=env, stdout=self.log, stderr=subprocess.STDOUT)

    def wait_ready(self, seconds: float = 90) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}api/status", headers={"Authorization": f"token {TOKEN}"}, timeout=2).ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise RuntimeError("jupyter lab did not start in time")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def load_once(browser, lab: Lab, with_codelab: bool) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(INSTRUMENT)
    page = context.new_page()
    try:
        page.goto(f"{lab.url}lab?reset&token={TOKEN}")
        page.wait_for_selector(".jp-Launcher", state="visible", timeout=60_000)
        result = {"ready": page.evaluate("performance.now()") / 1000}
        has_tab = page.locator(TAB).count() > 0
        if has_tab != with_codelab:
            raise RuntimeError(f"the CodeLab sidebar is {'missing' if with_codelab else 'present'} at {lab.url}")
        if with_codelab:
            result.update(fetched_before_any_click(page))
            result.update(open_the_panel(page))
        return result
    finally:
        context.close()


def fetched_before_any_click(page) -> dict:
    page.wait_for_function(RESTORED_AT, timeout=60_000)
    restored = page.evaluate(RESTORED_AT)
    page.wait_for_timeout(max(0.0, restored + SETTLE_SECONDS * 1000 - page.evaluate("performance.now()")))
    fetches = page.evaluate(OUR_FETCHES)
    at_start = [f for f in fetches if f["start"] < restored]
    idle = [f for f in fetches if f["start"] >= restored]
    return {"start": total(at_start), "start_files": len(at_start), "idle": total(idle), "idle_files": len(idle)}


def open_the_panel(page) -> dict:
    """Click the CodeLab tab: the seconds until the image list shows, and the bytes that click fetched."""
    clicked = page.evaluate("performance.now()")
    page.locator(TAB).click()
    page.wait_for_selector("#jp-CodeLab-image option", state="attached", timeout=60_000)
    page.wait_for_selector("#jp-CodeLab-panel", state="visible", timeout=60_000)
    shown = page.evaluate("performance.now()")
    page.wait_for_timeout(1000)  # a fetch the click began would be under way by now
    after_click = [f for f in page.evaluate(OUR_FETCHES) if f["start"] >= clicked]
    return {"panel": (shown - clicked) / 1000, "click": total(after_click)}


def total(fetches: list[dict]) -> int:
    return sum(f["bytes"] for f in fetches)


def kb(values: list[int]) -> str:
    low, high = min(values) / 1024, max(values) / 1024
    return f"{statistics.median(values) / 1024:.1f} KB" + (f" ({low:.1f} to {high:.1f})" if high != low else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="page loads per variant (default 7)")
    parser.add_argument("--extension", type=Path, help="a built labextension directory (default: the tree's build)")
    args = parser.parse_args()
    ext = args.extension.resolve() if args.extension else extension_dir()
    print(f"jupyter-codelab labextension: {ext}")
    for label, value in size_report(ext):
        print(f"  {label:<32} {value}")

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        labs = {flag: Lab(Path(tmp) / ("with" if flag else "without"), flag, ext) for flag in (True, False)}
        try:
            for lab in labs.values():
                lab.wait_ready()
            times: dict[bool, list[dict]] = {True: [], False: []}
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for flag in (True, False):  # one warm-up each: server-side caches, disk
                    load_once(browser, labs[flag], flag)
                for _ in range(args.runs):
                    for flag in (True, False):
                        times[flag].append(load_once(browser, labs[flag], flag))
                browser.close()
        finally:
            for lab in labs.values():
                lab.stop()

    def fmt(values: list[float]) -> str:
        return f"{statistics.median(values):6.2f} s median, {min(values):6.2f} s fastest"

    runs = times[True]
    js = list((ext / "static").glob("*.js"))
    at_start = statistics.median(r["start"] for r in runs) / 1024
    verdict = "met" if at_start <= GOAL_AT_START_KB else "NOT met"
    print(f"\nOur JavaScript fetched by JupyterLab, {args.runs} page loads (fresh browser context each):")
    print(f"  {'at start (until app.restored)':<40}{kb([r['start'] for r in runs]):<22}"
          f"{runs[0]['start_files']} files   goal <= {GOAL_AT_START_KB} KB: {verdict}")  # fmt: skip
    print(f"  {'once idle, before any click':<40}{kb([r['idle'] for r in runs]):<22}{runs[0]['idle_files']} files")
    print(f"  {'a click on the CodeLab tab':<40}{kb([r['click'] for r in runs]):<22}goal 0 KB (no waiting on the network)")
    in_all = sum(p.stat().st_size for p in js) / 1024
    print(f"  {'in all (every JS file of the build)':<40}{f'{in_all:.1f} KB':<22}{len(js)} files")

    print(f"\nJupyterLab load in headless Chromium, {args.runs} runs each (fresh browser context per run):")
    print(f"  {'':<34}{'without CodeLab':<34}{'with CodeLab'}")
    without = [r["ready"] for r in times[False]]
    with_ = [r["ready"] for r in runs]
    print(f"  {'ready (launcher shown)':<34}{fmt(without):<34}{fmt(with_)}")
    print(f"  {'difference of medians':<34}{'':<34}{statistics.median(with_) - statistics.median(without):+6.2f} s")
    print(f"  {'CodeLab panel shown, from a click':<34}{'-':<34}{fmt([r['panel'] for r in runs])}")


if __name__ == "__main__":
    main()
