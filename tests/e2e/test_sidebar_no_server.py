"""Without the server extension (installed but not enabled) the sidebar says
so in a sentence a person can act on, instead of failing silently."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .lab_page import UI_TIMEOUT_MS, LabPage
from .lab_server import LabServer

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def lab_without_server_extension(tmp_path_factory):
    server = LabServer(tmp_path_factory.mktemp("lab-no-server-ext"), server_extension=False)
    server.start()
    yield server
    server.stop()


def test_missing_server_extension_is_explained(chromium, lab_without_server_extension):
    assert lab_without_server_extension.api("GET", "codelab/api/config").status_code == 404
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    try:
        lab = LabPage(context.new_page(), lab_without_server_extension).load()
        lab.page.locator('.jp-SideBar.jp-mod-left .lm-TabBar-tab[data-id="jp-CodeLab-panel"]').click()
        expect(lab.by_testid("codelab-error")).to_have_text(
            "The CodeLab server extension is not installed or not enabled: run "
            "`jupyter server extension enable jupyter_codelab` and restart Jupyter.",
            timeout=UI_TIMEOUT_MS,
        )
        expect(lab.by_testid("codelab-open")).to_be_disabled()
        expect(lab.panel.get_by_role("button", name="Retry")).to_be_visible()
    finally:
        context.close()
