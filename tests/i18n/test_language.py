"""Which language CodeLab speaks (jupyter_codelab.i18n), and that it reaches ModelArts as
X-Language and comes back from the simulator as a Chinese error_msg."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from jupyter_codelab import i18n
from jupyter_codelab.modelarts.errors import ModelArtsError, NotFoundError
from jupyter_codelab.modelarts.transport_sync import SyncModelArtsClient
from tests.client.conftest import settings_for

MISSING = "f9937afa-ca78-45b6-bc12-7ecf42553c48"


@pytest.mark.parametrize(
    "tag, language",
    [("zh_CN.UTF-8", "zh_CN"), ("zh-CN", "zh_CN"), ("zh-cn", "zh_CN"), ("zh-Hans", "zh_CN"), ("zh", "zh_CN"),
     ("en_US.UTF-8", "en"), ("C.UTF-8", "en"), ("POSIX", "en"), ("zh_TW", None), ("fr_FR", None), ("", None)],
)  # fmt: skip
def test_normalize(tag, language):
    assert i18n.normalize(tag) == language


@pytest.mark.parametrize(
    "env, language",
    [({"LANG": "zh_CN.UTF-8"}, "zh_CN"), ({"LANG": "en_US.UTF-8"}, "en"), ({}, "en"),
     ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, "zh_CN"), ({"LANG": "zh_CN.UTF-8", "LC_ALL": "C"}, "en"),
     ({"LANG": "zh_CN.UTF-8", "CODELAB_LANGUAGE": "en"}, "en"), ({"LANG": "C", "CODELAB_LANGUAGE": "zh-CN"}, "zh_CN"),
     ({"LANGUAGE": "fr:zh_CN", "LANG": "C"}, "zh_CN")],
)  # fmt: skip
def test_process_language_follows_codelab_language_then_the_locale(monkeypatch, env, language):
    for name in ("CODELAB_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert i18n.process_language() == language


def test_accept_language_picks_the_best_supported():
    assert i18n.from_accept_language("fr-FR,zh-CN;q=0.9,en;q=0.8") == "zh_CN"
    assert i18n.from_accept_language("en-US,en;q=0.9,zh-CN;q=0.8") == "en"
    assert i18n.from_accept_language("zh-CN;q=0.5,en;q=0.7") == "en"
    assert i18n.from_accept_language("de") is None
    assert i18n.server_language("zh-CN", from_kernel=True) == "zh_CN"


def test_error_sentences_speak_the_request_language():
    token = i18n.use_language("zh_CN")
    try:
        error = NotFoundError(400, "ModelArts.6309", "The instance does not exist.", request_id="req-1")
        assert error.sentence == "该实例不存在（或已被删除）：请打开一个新实例。 [ModelArts.6309, 请求ID req-1]"
        assert ModelArtsError(429).sentence == "ModelArts 正在对请求进行流控：请等待几秒后重试。"
        assert i18n.x_language() == "zh-cn"
    finally:
        i18n._request_language.reset(token)
    assert i18n.x_language("en") == "en-us"
    assert error.sentence.startswith("That instance does not exist (any more): open a new one. [ModelArts.6309")


@pytest.mark.parametrize("language, expected", [("zh_CN", "实例不存在。（notebook " + MISSING + "）"), ("en", None)])
def test_modelarts_answers_in_the_x_language_sent(threaded_simulator, language, expected):
    token = i18n.use_language(language)
    client = SyncModelArtsClient(settings_for(threaded_simulator))
    try:
        with pytest.raises(NotFoundError) as caught:
            client.get_notebook(MISSING)
    finally:
        client.close()
        i18n._request_language.reset(token)
    assert caught.value.error_msg == (expected or f"The instance does not exist: notebook {MISSING}.")


def test_a_kernel_or_cli_process_with_lang_zh_cn_speaks_chinese():
    script = "from jupyter_codelab.modelarts.errors import ModelArtsError;print(ModelArtsError(400, 'ModelArts.0113').sentence)"
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "CODELAB_LANGUAGE")}
    done = subprocess.run(
        [sys.executable, "-c", script], env={**env, "LANG": "zh_CN.UTF-8"}, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "配额已用尽：请停止不再使用的实例，或在华为云控制台申请更高的配额。 [ModelArts.0113]"
    done = subprocess.run([sys.executable, "-c", script], env={**env, "LANG": "zh_CN.UTF-8", "CODELAB_LANGUAGE": "en"},
                          capture_output=True, text=True, check=True)  # fmt: skip
    assert done.stdout.strip().startswith("The quota is exhausted")
