"""Drive the CodeLab sidebar in a real JupyterLab page (Playwright, sync API)."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .lab_server import LabServer

# Tests write screenshots to a temp dir (the tree stays clean); scripts/screenshots sets
# CODELAB_SCREENSHOTS_DIR and copies the named ones into docs/screenshots/.
SCREENSHOTS = Path(os.environ.get("CODELAB_SCREENSHOTS_DIR") or Path(tempfile.gettempdir()) / "codelab-screenshots")
PANEL = "#jp-CodeLab-panel"
TAB = '.jp-SideBar.jp-mod-left .lm-TabBar-tab[data-id="jp-CodeLab-panel"]'
OPEN_ROUTE = re.compile(r"/codelab/api/notebooks/open")
# In the page, for an element: all of it shows inside the panel (nothing cut or scrolled away).
SHOWN_WHOLE = """n => n.scrollWidth <= n.clientWidth + 1
  && n.getBoundingClientRect().right <= n.closest('#jp-CodeLab-panel').getBoundingClientRect().right + 0.5"""
# A few seconds for the UI, more for the simulator's four 1 s steps and polls.
UI_TIMEOUT_MS = 15_000
START_TIMEOUT_MS = 45_000


class LabPage:
    """The JupyterLab page with helpers named after what a person does."""

    def __init__(self, page: Page, server: LabServer):
        self.page = page
        self.server = server
        self.open_requests: list[str] = []
        self.console_errors: list[str] = []
        page.on("request", self._on_request)
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))

    def _on_request(self, request) -> None:
        if request.method == "POST" and OPEN_ROUTE.search(request.url):
            self.open_requests.append(request.post_data or "")

    # -- the page ----------------------------------------------------------------------------
    def load(self, base_url: str | None = None) -> LabPage:
        self.page.goto(self.server.lab_url(base_url))
        self.page.wait_for_selector(TAB, timeout=60_000)
        return self

    def reload(self) -> LabPage:
        self.page.reload()
        self.page.wait_for_selector(TAB, timeout=60_000)
        return self

    def show_sidebar(self) -> LabPage:
        if not self.page.locator(PANEL).is_visible():
            self.page.locator(TAB).click()
        expect(self.panel).to_be_visible(timeout=UI_TIMEOUT_MS)
        # Loaded: the image list came from the server.
        expect(self.by_testid("codelab-image").locator("option")).not_to_have_count(0, timeout=UI_TIMEOUT_MS)
        return self

    def settle_focus(self) -> LabPage:
        """Wait until JupyterLab has given the focus to its launcher, as it does once after
        restoring its layout: a focus taken before that would be taken away (Notebook 7 has
        no launcher: nothing to wait for there)."""
        with contextlib.suppress(PlaywrightTimeout):
            self.page.wait_for_function("() => document.activeElement?.closest('.jp-Launcher')", timeout=UI_TIMEOUT_MS)
        return self

    @property
    def panel(self):
        return self.page.locator(PANEL)

    def by_testid(self, testid: str):
        return self.panel.locator(f'[data-testid="{testid}"]')

    def steps(self):
        return self.by_testid("codelab-steps").locator("li")

    def step(self, number: int):
        return self.by_testid("codelab-steps").locator(f'li[data-step="{number}"]')

    # -- actions -----------------------------------------------------------------------------
    def unfold_form(self) -> None:
        """Once an instance exists the form folds under "Change image or notebook": unfold it."""
        form = self.by_testid("codelab-form")
        if form.count() and form.get_attribute("open") is None:
            self.by_testid("codelab-form-toggle").click()
            expect(form).to_have_attribute("open", "")

    def confirm(self, accept: bool = True) -> str:
        """Answer the confirmation dialog the sidebar shows; returns its text."""
        dialog = self.page.locator(".jp-Dialog")
        expect(dialog).to_be_visible(timeout=UI_TIMEOUT_MS)
        text = dialog.locator(".jp-Dialog-content").inner_text()
        dialog.locator(".jp-mod-accept" if accept else ".jp-mod-reject").click()
        expect(dialog).to_have_count(0, timeout=UI_TIMEOUT_MS)
        return text

    def stop(self) -> str:
        """Stop, as a person does: click Stop, then confirm; returns the question asked."""
        self.by_testid("codelab-stop").click()
        return self.confirm()

    def pick_image(self, label_part: str) -> str:
        self.unfold_form()
        select = self.by_testid("codelab-image")
        expect(select.locator("option")).not_to_have_count(0, timeout=UI_TIMEOUT_MS)
        # Options are grouped by processor (optgroup label CPU/GPU/Ascend); or match the name.
        group = select.locator(f'optgroup[label="{label_part}"] option')
        option = (group if group.count() else select.locator("option", has_text=label_part)).first
        value = option.get_attribute("value")
        select.select_option(value)
        return value

    def type_url(self, text: str) -> None:
        # fill() sends one input event with the whole text: typing key by key
        # races JupyterLab moving the focus while it restores its layout.
        self.unfold_form()
        self.by_testid("codelab-url").fill(text)

    def click_open(self) -> None:
        self.unfold_form()
        self.by_testid("codelab-open").click()

    def wait_running(self) -> None:
        expect(self.by_testid("codelab-state")).to_have_text(re.compile("^Running"), timeout=START_TIMEOUT_MS)

    def countdown_seconds(self) -> int:
        hours, minutes, seconds = (int(part) for part in self.by_testid("codelab-countdown").inner_text().split(":"))
        return hours * 3600 + minutes * 60 + seconds

    def run_command(self, label: str) -> None:
        """Run a command from the command palette, as a person types it."""
        # The shortcut needs the keyboard focus inside a restored application;
        # on a busy machine the first tries can miss, so retry until a deadline.
        self.page.locator(".jp-Launcher").first.wait_for(state="visible", timeout=60_000)
        search = self.page.locator(".lm-CommandPalette-input")
        item = self.page.locator(".lm-CommandPalette-item", has_text=label).first
        deadline = time.monotonic() + 2 * UI_TIMEOUT_MS / 1000
        while time.monotonic() < deadline:
            if not search.is_visible():
                self.page.locator("#jp-main-dock-panel").click(position={"x": 5, "y": 5})
                self.page.keyboard.press("Control+Shift+C")
                with contextlib.suppress(PlaywrightTimeout):
                    search.wait_for(state="visible", timeout=2000)
                continue
            search.fill(label)
            with contextlib.suppress(PlaywrightTimeout):
                item.wait_for(state="visible", timeout=2000)
                item.click()
                return
        raise AssertionError(f"could not run {label!r} from the command palette")

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / name
        self.page.screenshot(path=str(path), clip={"x": 0, "y": 0, "width": 760, "height": 800})
        return path
