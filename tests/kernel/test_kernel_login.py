"""%codelab login / logout in a real kernel started by a real server: the secrets are asked
through stdin (password prompts), the server switches to ModelArts at once, and the secret
is nowhere in the kernel (history, environment, outputs)."""

from __future__ import annotations

import contextlib
import json

import pytest
from server_fixtures import codelab_server, jp_server_config  # noqa: F401 - fixtures

from jupyter_codelab.simulator import DEMO_ACCESS_KEY, DEMO_PROJECT_ID, DEMO_SECRET_KEY
from tests.support.simulator_thread import cloud_env


@pytest.fixture
def cloud(threaded_simulator, monkeypatch):
    for name, value in cloud_env(threaded_simulator.endpoint).items():  # where the server sends connected accounts
        monkeypatch.setenv(name, value)
    return threaded_simulator


@pytest.fixture
def kernel(cloud, codelab_server, jp_fetch, jp_serverapp):
    @contextlib.asynccontextmanager
    async def start():
        response = await jp_fetch("api", "kernels", method="POST", body=json.dumps({"name": "python3"}))
        kernel_id = json.loads(response.body)["id"]
        kc = jp_serverapp.kernel_manager.get_kernel(kernel_id).client()
        kc.start_channels()
        try:
            await kc.wait_for_ready(timeout=60)
            yield kc
        finally:
            kc.stop_channels()
            await jp_fetch("api", "kernels", kernel_id, method="DELETE")

    return start


async def run(kc, code: str, answers: list[str] | None = None) -> tuple[str, list[dict]]:
    """Run ``code``; answer its input requests from ``answers``; return (all text output, the requests)."""
    texts, prompts, answers = [], [], list(answers or [])

    def on_output(msg):
        content = msg["content"]
        texts.append(
            content.get("text", "") + content.get("data", {}).get("text/plain", "") + "".join(content.get("traceback", []))
        )

    def on_input(msg):
        prompts.append(msg["content"])
        kc.input(answers.pop(0))

    reply = await kc.execute_interactive(code, allow_stdin=True, stdin_hook=on_input, output_hook=on_output, timeout=60)
    texts.append(json.dumps(reply["content"].get("evalue", "")))
    return "\n".join(texts), prompts


async def config(jp_fetch) -> dict:
    return json.loads((await jp_fetch("codelab", "api", "config")).body)


async def test_login_prompts_without_echo_and_switches_the_server(kernel, jp_fetch, cloud):
    async with kernel() as kc:
        await run(kc, "%load_ext jupyter_codelab")
        out, prompts = await run(kc, "%codelab login --region cn-north-4", [DEMO_ACCESS_KEY, DEMO_SECRET_KEY])
        assert "Connected to ModelArts in cn-north-4" in out, out
        assert [p["password"] for p in prompts] == [False, True] and "Secret" in prompts[1]["prompt"]
        body = await config(jp_fetch)
        assert body["mode"] == "modelarts" and body["source"] == "session" and body["project_id"] == DEMO_PROJECT_ID
        out, _ = await run(kc, "%codelab images")
        assert cloud.control("GET", "state")["calls"]["images"] >= 2  # the check, then the list: from the cloud
        # The secret is spelled backwards here, so this cell's own source does not contain it.
        checks = f"import os\nsk = {DEMO_SECRET_KEY[::-1]!r}[::-1]\nh = '\\n'.join(c for _, _, c in get_ipython().history_manager.get_range())\n"
        checks += "print('in-history', sk in h); print('in-env', any(sk in v for v in os.environ.values()))"
        out, _ = await run(kc, checks)
        assert "in-history False" in out and "in-env False" in out, out

        out, _ = await run(kc, "%codelab logout")
        assert "simulated now" in out, out
        assert (await config(jp_fetch))["mode"] == "simulated"


async def test_a_wrong_key_says_which_field_and_changes_nothing(kernel, jp_fetch):
    async with kernel() as kc:
        await run(kc, "%load_ext jupyter_codelab")
        out, _ = await run(kc, "%codelab login --project-id " + DEMO_PROJECT_ID, [DEMO_ACCESS_KEY, "wrong-secret-key-123"])
        assert "secret key" in out and "fix: secret_key" in out and "APIGW.0301" in out, out
        assert "wrong-secret-key-123" not in out
        assert (await config(jp_fetch))["mode"] == "simulated"
