"""JupyterLab in Simplified Chinese (jupyterlab-language-pack-zh-cn, locale zh_CN in
@jupyterlab/translation-extension:plugin): our sidebar, command palette and settings come
from our own catalog (jupyter_codelab/locale, served through the jupyterlab.locale entry
point), and the server's error sentences follow the same choice. Screenshots go to a temp dir."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import CODELAB_SETTINGS, browser_page
from .lab_page import PANEL
from .lab_server import LabServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MISSING = "f9937afa-ca78-45b6-bc12-7ecf42553c48"


@pytest.fixture(scope="module")
def zh_server(tmp_path_factory):
    pytest.importorskip("jupyterlab_language_pack_zh_CN")
    settings = {**CODELAB_SETTINGS, "@jupyterlab/translation-extension/plugin": {"locale": "zh_CN"}}
    server = LabServer(tmp_path_factory.mktemp("zh"), extra_settings=settings)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def zh(chromium, zh_server, request):
    zh_server.sim("POST", "reset")
    with browser_page(chromium, zh_server, request, locale="zh-CN") as page:
        yield page


def test_sidebar_palette_settings_and_server_speak_chinese(zh, tmp_path):
    zh.load().show_sidebar()
    # JupyterLab itself is Chinese (the language pack), and so is our panel (our catalog).
    expect(zh.page.locator(".lm-MenuBar-itemLabel").first).to_have_text("文件")
    expect(zh.by_testid("codelab-open")).to_have_text("打开")
    expect(zh.by_testid("codelab-simulated")).to_have_text("模拟")
    expect(zh.panel.locator("label[for='jp-CodeLab-image']")).to_have_text("镜像")
    expect(zh.panel.locator("label[for='jp-CodeLab-url']")).to_have_text("Notebook 链接（可选）")
    expect(zh.by_testid("codelab-url-hint")).to_have_text("可填写普通链接、.ipynb 文件的 GitHub 页面，或其 Base64 编码。")
    zh.type_url("notes.txt")
    expect(zh.by_testid("codelab-url-hint")).to_contain_text("Notebook 链接")
    zh.page.screenshot(path=str(tmp_path / "zh-sidebar.png"))

    # The server answers in the language JupyterLab's settings chose.
    answer = zh.server.api("GET", f"codelab/api/notebooks/{MISSING}")
    assert answer.status_code == 404
    assert answer.json()["message"].startswith("该实例不存在（或已被删除）：请打开一个新实例。"), answer.json()

    # The command palette: our commands in Chinese.
    zh.run_command("显示 CodeLab 面板")
    expect(zh.page.locator(PANEL)).to_be_visible()

    # The settings schema, translated by the server with our catalog (jupyter_codelab.i18n.install_schema_translations).
    # Only the one-schema answer: jupyterlab_server 2.28 translates no prebuilt extension's schema in
    # its settings list (settings_utils._list_settings), which the settings editor shows.
    settings = zh.server.api("GET", "lab/api/settings/jupyter-codelab:plugin").json()["schema"]
    assert settings["properties"]["defaultImage"]["title"] == "默认镜像"
    assert settings["properties"]["warnMinutesBeforeStop"]["title"] == "自动停止前提醒（分钟）"
    assert settings["description"] == "ModelArts CodeLab 侧边栏的设置。"
    print("screenshots:", tmp_path)
