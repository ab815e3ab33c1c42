"""The sidebar validates notebook URLs as the person types with its own copy of
the server's rules (labextension/src/shareUrl.ts). Here both copies judge the
same inputs: the TypeScript one (compiled and run in node) must accept exactly
what jupyter_codelab.modelarts.share_url accepts, with the same Base64.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from jupyter_codelab.modelarts.share_url import ShareUrlError, badge_markdown, encode_share_url
from tests.support.required_tool import tool_missing

LABEXTENSION = Path(__file__).resolve().parents[2] / "labextension"
RAW = "https://raw.githubusercontent.com/org/repo/main/dir/demo.ipynb"

INPUTS = [
    "https://github.com/org/repo/blob/main/dir/demo.ipynb",
    "https://github.com/org/repo/raw/main/dir/demo.ipynb",
    "https://www.github.com/org/repo/blob/feature/x/dir/demo.ipynb",
    "github.com/org/repo/blob/main/demo.ipynb",
    "  https://github.com/org/repo/blob/main/demo.ipynb  ",
    "https://github.com/org/repo/blob/main/demo.ipynb?plain=1#L3",
    "https://github.com/org/repo/tree/main/demo.ipynb",
    RAW,
    "http://example.org/notebooks/Demo.IPYNB",
    "https://example.org:8443/n.ipynb?token=abc&x=1",
    "https://example.org:99999/n.ipynb",
    "https://example.org:80a/n.ipynb",
    "https://[::1]:8888/files/n.ipynb",
    "https://gitlab.com/group/proj/-/blob/main/n.ipynb?ref_type=heads&plain=1",
    "https://gitlab.example.com/g/p/-/raw/v1/n.ipynb",
    "https://gitee.com/org/repo/blob/master/n.ipynb",
    "https://example.org/path with space/n.ipynb",
    "https://example.org/caf%C3%A9/n%20b.ipynb",
    "https://example.org/café/n.ipynb",
    "https://user:pass@example.org/n.ipynb",
    "https://example.org/n.txt",
    "https://example.org/",
    "https:///n.ipynb",
    "ftp://example.org/n.ipynb",
    "javascript:alert(1)//.ipynb",
    "not a url",
    "notes.ipynb",
    "",
    "   ",
    "https://example.org/a\tb.ipynb",
    "https://example.org/a\u200bb.ipynb",
    base64.b64encode(RAW.encode()).decode(),
    base64.b64encode(RAW.encode()).decode().replace("=", "%3D"),
    base64.b64encode(RAW.encode()).decode().rstrip("="),
    base64.urlsafe_b64encode(b"https://example.org/a?b=c~d.ipynb").decode(),
    base64.b64encode(b"ftp://example.org/n.ipynb").decode(),
    base64.b64encode(b"\xff\xfe").decode(),
    "abc",
    "aGVsbG8=",
    "https://example.org/" + "a" * 2100 + ".ipynb",
    "https://example.org/n.ipynb%3Fx",
]


@pytest.fixture(scope="module")
def compiled():
    """The sidebar's pure modules compiled for node (labextension/tsconfig.node.json)."""
    if not shutil.which("node") or not (LABEXTENSION / "node_modules" / "typescript").is_dir():
        tool_missing("needs node and labextension/node_modules (npm ci in labextension/)")
    tsc = LABEXTENSION / "node_modules" / ".bin" / "tsc"
    subprocess.run([str(tsc), "-p", "tsconfig.node.json"], cwd=LABEXTENSION, check=True, timeout=180)
    return LABEXTENSION


def _node_rules(texts: list[str]) -> list[dict]:
    done = subprocess.run(
        ["node", "scripts/share-url-cli.js"],
        cwd=LABEXTENSION,
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(done.stdout)


def _python_rules(text: str) -> dict:
    try:
        return {"ok": True, "base64": encode_share_url(text)}
    except ShareUrlError as error:
        return {"ok": False, "message": str(error)}


def test_sidebar_accepts_what_the_server_accepts_with_the_same_base64(compiled):
    results = _node_rules(INPUTS)
    mismatches = []
    for text, ts in zip(INPUTS, results, strict=True):
        py = _python_rules(text)
        if ts["ok"] != py["ok"] or (py["ok"] and ts["base64"] != py["base64"]):
            mismatches.append((text[:80], py, ts))
    assert not mismatches, "\n".join(map(repr, mismatches))


def test_sidebar_errors_name_the_field_and_the_fix(compiled):
    for text, ts in zip(INPUTS, _node_rules(INPUTS), strict=True):
        if not ts["ok"]:
            assert ts["message"].startswith("Notebook URL "), (text, ts)
            assert ":" in ts["message"], (text, ts)


def test_badge_markdown_matches_the_server(compiled):
    image_id = "e1a07296-22a8-4f05-8bc8-e936c8e54090"
    script = (
        "const s = require('./lib/node/shareUrl.js');"
        "const c = s.checkShareUrl(process.argv[1]);"
        "process.stdout.write(s.badgeMarkdown(c.base64, process.argv[2]));"
    )
    text = "https://github.com/org/repo/blob/main/dir/demo.ipynb"
    done = subprocess.run(
        ["node", "-e", script, text, image_id], cwd=LABEXTENSION, capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout == badge_markdown(text, image_id)


def test_typescript_unit_tests_pass(compiled):
    """labextension/test/*.test.js: share URLs, countdown, SSH config, error words, phases."""
    tests = sorted(str(p.relative_to(compiled)) for p in (compiled / "test").glob("*.test.js"))
    done = subprocess.run(["node", "--test", *tests], cwd=compiled, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
