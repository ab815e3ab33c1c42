"""Every %codelab mistake is a UsageError with a sentence, and changes nothing upstream."""

from __future__ import annotations

import pytest
from IPython.core.error import UsageError

from jupyter_codelab.client.errors import CodeLabError

UNKNOWN_UUID = "00000000-0000-4000-8000-000000000000"
NOTEBOOK_LINK = "https://github.com/org/repo/blob/main/demo.ipynb"

BAD_LINES = [
    ("", "Give a subcommand"),
    ("opne", "Did you mean 'open'"),
    ("launch", "Unknown subcommand 'launch'"),
    ("open --image", "expected one argument"),
    ("open --share-url ftp://example.com/a.ipynb", "--share-url must be an http(s) link"),
    ("open --share-url https://example.com/readme.md", "ending in .ipynb"),
    ("open --share-url 'https://example.com/a b.ipynb'", "space"),
    ("open --image no-such-image", "no image matches 'no-such-image'"),
    (f"open --image {UNKNOWN_UUID}", f"no image has the id {UNKNOWN_UUID}"),
    ("open --image pytorch", "'pytorch' matches"),
    ("open --timeout 0", "--timeout must be a positive number"),
    ("open --timeout soon", "invalid float value"),
    ("open --wait", "unrecognized arguments: --wait"),
    ('open --share-url "unclosed', "check the quotes"),
    ("status --verbose", "unrecognized arguments"),
    ("images extra", "unrecognized arguments: extra"),
    ("extend --hours 0", "--hours must be a whole number of hours from 1 to 72"),
    ("extend --hours 73", "from 1 to 72, got '73'"),
    ("extend --hours 1.5", "whole number"),
    ("extend --hours two", "got 'two'"),
    ("extend", "no CodeLab instance to extend"),
    ("stop", "no CodeLab instance to stop"),
    ("stop now", "unrecognized arguments: now"),
    ("panel --watch", "unrecognized arguments"),
    ("badge", "the following arguments are required: URL"),
    ("badge not-a-link", "URL is neither an http(s) link"),
    (f"badge {NOTEBOOK_LINK} --image nothing-like-this", "no image matches"),
]


@pytest.mark.parametrize("line,expected", BAD_LINES, ids=[line or "(empty)" for line, _ in BAD_LINES])
def test_bad_input_is_a_usage_error_that_changes_nothing(ipython, simulator, line, expected):
    with pytest.raises(UsageError) as caught:
        ipython.run_line_magic("codelab", line)
    message = str(caught.value)
    assert expected.lower() in message.lower()
    assert "Traceback" not in message
    state = simulator.control("GET", "state")
    assert state["instances"] == []
    assert not any(key.startswith(("open", "POST")) for key in state["calls"]), state["calls"]


def test_usage_errors_name_the_usage_line(ipython):
    with pytest.raises(UsageError) as caught:
        ipython.run_line_magic("codelab", "extend --days 3")
    assert "%codelab extend [--hours H]" in str(caught.value)


def test_extend_needs_a_running_instance(ipython, simulator, direct_backend):
    simulator.control("POST", "config", {"step_seconds": 30})
    direct_backend.open()  # CREATING for a long while
    with pytest.raises(UsageError, match="creating, not running: only a running instance can be extended"):
        ipython.run_line_magic("codelab", "extend --hours 2")


def test_upstream_errors_keep_the_modelarts_code_and_show_no_traceback(ipython, simulator):
    simulator.control(
        "POST",
        "faults",
        {"kind": "error", "route": "open", "status": 400, "error_code": "ModelArts.6360", "error_msg": "Insufficient resources."},
    )
    with pytest.raises(CodeLabError) as caught:
        ipython.run_line_magic("codelab", "open --no-wait")
    error = caught.value
    assert error.error_code == "ModelArts.6360"
    assert "no free resources right now" in str(error).lower()
    assert "Insufficient resources." in str(error)
    assert error._render_traceback_() == [f"CodeLab: {error.describe()}"]


def test_no_credentials_anywhere_is_explained(monkeypatch):
    from jupyter_codelab.client.choose import backend_from_env

    with pytest.raises(CodeLabError, match="No ModelArts credentials found: set HUAWEICLOUD_SDK_AK"):
        backend_from_env({})
    with pytest.raises(CodeLabError, match="CODELAB_API_TOKEN is not set"):
        backend_from_env({"CODELAB_API_URL": "http://127.0.0.1:1/codelab/api/"})
