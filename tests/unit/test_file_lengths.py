"""No source file over 300 lines: a module that grows past it holds more than one purpose.

Generated files (``labextension/src/generated/``, made from the Python tables and the OpenAPI
document) are exempt: nobody edits them by hand.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 300
# Where our hand-written code lives, and the suffixes that are code there ("" is a script).
SOURCES = {
    "jupyter_codelab": {".py"},
    "labextension/src": {".ts", ".tsx"},
    "labextension/test": {".js"},
    "labextension/scripts": {".js", ".mjs"},
    "scripts": {"", ".py", ".sh"},
    "bench": {".py"},
    "binder": {"", ".py", ".sh"},
    "tests": {".py", ".sh"},
}
EXEMPT = ("labextension/src/generated/",)
NOT_OURS = ("__pycache__", "node_modules")


def source_files() -> list[Path]:
    found = []
    for top, suffixes in SOURCES.items():
        for path in sorted((ROOT / top).rglob("*")):
            relative = path.relative_to(ROOT).as_posix()
            if not path.is_file() or relative.startswith(EXEMPT) or any(part in NOT_OURS for part in path.parts):
                continue
            if path.suffix in suffixes and not (path.suffix == "" and path.name.startswith(".")):
                found.append(path)
    return found


def test_the_rule_sees_the_code():
    names = {path.relative_to(ROOT).as_posix() for path in source_files()}
    assert {"jupyter_codelab/server/app.py", "labextension/src/index.ts", "scripts/i18n", "bench/harness.py"} <= names


def test_no_source_file_is_over_300_lines():
    over = []
    for path in source_files():
        lines = len(path.read_text("utf-8", errors="replace").splitlines())
        if lines > LIMIT:
            over.append(f"{path.relative_to(ROOT)}: {lines} lines")
    assert not over, f"over {LIMIT} lines (split each along a seam, one purpose per module):\n" + "\n".join(over)
