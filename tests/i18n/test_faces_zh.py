"""The CLI and a kernel speak Chinese with LANG=zh_CN.UTF-8 / CODELAB_LANGUAGE=zh_CN: their own
sentences, the argparse help, and the server's sentences (the kernel and the CLI in a server's
terminal send Accept-Language, and the server answers them in that language)."""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

from tests.cli.cli_runner import cli_env

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "kernel"))
from server_fixtures import codelab_server, embedded_simulator, jp_server_config  # noqa: E402,F401 - fixtures

FROZEN_ZH = "账号已冻结（欠费）：请在华为云控制台为账号充值。"
LANGUAGE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "CODELAB_LANGUAGE")


def language_env(tmp_path, extra: dict, lang: str) -> dict:
    env = {k: v for k, v in cli_env(tmp_path, extra).items() if k not in LANGUAGE_VARIABLES}
    return {**env, "LANG": lang}


def run_cli(tmp_path, extra: dict, *args: str, lang: str = "zh_CN.UTF-8") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "jupyter_codelab.cli", *args], env=language_env(tmp_path, extra, lang),
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)  # fmt: skip


def test_cli_help_is_chinese_with_lang_zh_cn(tmp_path):
    done = run_cli(tmp_path, {}, "--help")
    assert done.returncode == 0, done.stderr
    assert "在终端中打开和管理华为云 ModelArts CodeLab 实例" in done.stdout
    assert "打开您的 CodeLab 实例（或找到已打开的实例），并等待其运行" in done.stdout
    assert "退出码：0 完成" in done.stdout
    assert done.stdout.startswith("用法：jupyter codelab") and "显示此帮助信息并退出" in done.stdout
    assert "位置参数:" in done.stdout and "选项:" in done.stdout and "options:" not in done.stdout
    english = run_cli(tmp_path, {}, "--help", lang="C.UTF-8")
    assert "Open and manage a Huawei Cloud ModelArts CodeLab instance" in english.stdout and "退出码" not in english.stdout


def test_cli_usage_errors_are_chinese(tmp_path):
    done = run_cli(tmp_path, {}, "simulate", "--port", "70000")
    assert done.returncode == 2
    assert done.stderr.strip() == "jupyter codelab simulate：错误：--port 必须在 0 到 65535 之间，当前为 70000。"


def test_cli_open_status_and_upstream_errors_in_chinese(threaded_simulator, tmp_path):
    env = threaded_simulator.env()
    done = run_cli(tmp_path, env, "open", "--share-url", "ftp://example.com/x.ipynb", "--no-wait")
    assert done.returncode == 2 and "必须是 http(s) 链接" in done.stderr and "请粘贴以 https:// 开头的链接" in done.stderr

    done = run_cli(tmp_path, env, "open", "--timeout", "120")
    assert done.returncode == 0, done.stderr
    assert "就绪。" in done.stdout and "运行中" in done.stdout and "自动停止倒计时" in done.stdout  # the progress line

    threaded_simulator.reset()  # no instance: `open` asks ModelArts to create one
    threaded_simulator.control("POST", "faults", {"kind": "error", "route": "open", "status": 400, "error_code": "ModelArts.6360",
                                                  "error_msg": "Insufficient resources."})  # fmt: skip
    done = run_cli(tmp_path, env, "open")
    assert done.returncode == 1
    assert re.search(r"当前资源不足：请几分钟后重试。 \[ModelArts\.6360, 请求ID \w+\]", done.stderr), done.stderr


async def test_cli_in_a_server_terminal_gets_the_servers_sentences_in_chinese(codelab_server, embedded_simulator, tmp_path):
    terminal = {name: os.environ[name] for name in ("CODELAB_API_URL", "CODELAB_API_TOKEN")}

    async def codelab(*args: str, lang: str = "zh_CN.UTF-8"):
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "jupyter_codelab.cli", *args, env=language_env(tmp_path, terminal, lang),
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, cwd=tmp_path,
        )  # fmt: skip
        stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=120)
        return process.returncode, stdout.decode(), stderr.decode()

    code, out, err = await codelab("open", "--json")
    assert code == 0, err
    embedded_simulator.force_status("FROZEN")
    code, out, err = await codelab("start")
    assert code == 1 and FROZEN_ZH in err and "[ModelArts.6326, 请求ID " in err, err
    code, out, err = await codelab("start", lang="en_US.UTF-8")
    assert code == 1 and "top up the account in the Huawei Cloud console. [ModelArts.6326, request id " in err, err


async def test_a_kernel_with_codelab_language_zh_cn_speaks_chinese(codelab_server, embedded_simulator, jp_fetch, jp_serverapp):
    response = await jp_fetch("api", "kernels", method="POST", body=json.dumps({"name": "python3"}))
    kernel_id = json.loads(response.body)["id"]
    try:
        km = jp_serverapp.kernel_manager.get_kernel(kernel_id)
        cells = [
            "import os; os.environ['CODELAB_LANGUAGE'] = 'zh_CN'",
            "%load_ext jupyter_codelab",
            "%codelab open --no-wait",
            "%codelab send",
        ]
        notebook = new_notebook(cells=[new_code_cell(source) for source in cells])
        client = NotebookClient(notebook, km=km, timeout=120, allow_errors=True)
        await client.async_execute()
        embedded_simulator.force_status("FROZEN")
        notebook.cells.append(new_code_cell("%codelab start"))
        await client.async_execute()
    finally:
        await jp_fetch("api", "kernels", kernel_id, method="DELETE")

    def text(cell) -> str:
        return "\n".join(o.get("text", "") + o.get("evalue", "") + o.get("data", {}).get("text/plain", "") for o in cell.outputs)

    assert "哪个 Notebook？此内核不知道自己所属的 Notebook" in text(notebook.cells[3]), nbformat.writes(notebook)
    assert FROZEN_ZH in text(notebook.cells[4]) and "[ModelArts.6326, 请求ID " in text(notebook.cells[4]), nbformat.writes(
        notebook
    )
