"""What comes from a request comes back checked: a deeply nested body is a 400 naming ``body`` on every
route that takes one, and a value echoed in a message or a log line is quoted, escaped and cut."""

import json

import pytest

from .helpers import call
from .test_security import METHODS, NB, captured_logs  # noqa: F401 (fixture)

WITH_BODY = sorted((path, method) for path, methods in METHODS.items() for method in methods if method in ("POST", "PATCH"))


@pytest.mark.parametrize(("path", "method"), WITH_BODY)
async def test_thousands_of_nested_brackets_are_a_400_naming_body(jp_fetch, simulator, path, method):
    for body in ("[" * 5000 + "]" * 5000, '{"path": ' + "[" * 5000 + "]" * 5000 + "}"):
        assert len(body) < 16 * 1024
        status, error = await call(jp_fetch, *path.split("/"), method=method, body=body)
        assert status == 400 and error["field"] == "body" and "nested too deeply" in error["message"], (path, error)


FORGED = "\r\n[I 2026-01-01 00:00:00 ServerApp] forged line\x00"


async def test_echoed_values_are_quoted_escaped_and_cut(jp_fetch, simulator, captured_logs):  # noqa: F811
    long_path = "dir/" + FORGED + "x" * 10_000 + ".ipynb"
    answers = [
        await call(jp_fetch, "send", "preview", method="POST", body={"path": long_path}),
        await call(jp_fetch, "send", "preview", method="POST", body={"path": "../" + FORGED + ".ipynb"}),
        await call(jp_fetch, "send", "preview", method="POST", body={"path": FORGED + ".txt"}),
        await call(jp_fetch, "send", "preview", method="POST", body={"path": FORGED + "y" * 10_000 + ".ipynb"}),
        await call(jp_fetch, "notebooks", "open", method="POST", body={FORGED: 1}),
        await call(jp_fetch, "notebooks", "z" * 10_000),
    ]
    for status, error in answers:
        assert status == 400, error
        message = error["message"]
        assert "\r" not in message and "\n" not in message and "\x00" not in message, message
        assert len(message) < 500, message
    assert "'dir/\\r\\n[I 2026-01-01" in answers[0][1]["message"] and "…'" in answers[0][1]["message"]
    assert answers[-1][1]["message"].startswith("'" + "z" * 200 + "…' is not a notebook id")
    assert answers[4][1]["field"] == FORGED  # the field as sent (JSON escapes it), cut to 200 characters
    lines = "\n".join(captured_logs)
    assert "\n[I 2026-01-01 00:00:00 ServerApp] forged" not in lines and "\x00" not in lines
    assert "x" * 300 not in lines and "y" * 300 not in lines  # (Jupyter's access log has the URL, with the z's)
    for filler in ("x", "y", "z"):
        assert filler * 300 not in json.dumps(answers)
