"""The translation checks (scripts/i18n): every translatable string is in the zh_CN catalog,
every user-visible string is wrapped, and the compiled catalogs are what the .po says.

Strict: any untranslated msgid or unwrapped user-visible string fails (there is no allowlist).
"""

from __future__ import annotations

import gettext
import importlib.machinery
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
tool = importlib.machinery.SourceFileLoader("codelab_i18n_tool", str(ROOT / "scripts" / "i18n")).load_module()


@pytest.fixture(scope="module")
def gaps():
    return tool.gaps()


def test_every_translatable_string_is_in_the_zh_cn_catalog(gaps):
    new = [g for g in gaps if g.startswith("untranslated|")]
    assert not new, (
        "translate these in jupyter_codelab/locale/zh_CN/LC_MESSAGES/jupyter_codelab.po "
        "(python3 scripts/i18n update, then compile):\n" + "\n".join(new)
    )


def test_every_user_visible_string_is_wrapped(gaps):
    new = [g for g in gaps if g.startswith("unwrapped|")]
    assert not new, "wrap these in __() (TypeScript) or _() (Python, jupyter_codelab.i18n):\n" + "\n".join(new)


def test_the_extractor_finds_the_sidebar_the_schema_and_the_server():
    messages = tool.all_messages()
    assert ("", "Open a CodeLab Instance", "") in messages  # labextension/src/commands.ts
    assert ("settings", "Default image", "") in messages  # labextension/schema/plugin.json
    assert ("", "ModelArts rejected the request", "") in messages  # N_() in modelarts/errors.py
    assert ("", "Stop the instance before deleting it.", "") in messages  # advice.json


def test_the_unwrapped_check_sees_a_bare_string(tmp_path, monkeypatch):
    src = tmp_path / "src"
    src.mkdir()
    (src / "view.ts").write_text("node.textContent = trans.__('Fine');\nbutton.title = 'Click to stop it';\n")
    monkeypatch.setattr(tool, "TS_SOURCES", src)
    monkeypatch.setattr(tool, "ROOT", tmp_path)
    monkeypatch.setattr(tool, "PY_FACES", ())
    assert tool.unwrapped_strings() == ["src/view.ts|Click to stop it"]


@pytest.mark.parametrize("language", sorted(tool.catalogs()))
def test_compiled_catalogs_match_the_po(language):
    po = tool.catalogs()[language]
    _header, entries = tool.read_po(po)
    assert po.with_suffix(".json").read_text("utf-8") == tool.compiled_json(language, entries), "run python3 scripts/i18n compile"
    assert po.with_suffix(".mo").read_bytes() == tool.compiled_mo(language, entries), "run python3 scripts/i18n compile"
    with po.with_suffix(".mo").open("rb") as handle:
        mo = gettext.GNUTranslations(handle)
    json_catalog = json.loads(po.with_suffix(".json").read_text("utf-8"))
    for (ctx, msgid, _plural), strs in entries.items():
        assert (mo.pgettext(ctx, msgid) if ctx else mo.gettext(msgid)) == strs[0]
        assert json_catalog[(ctx + "\x04" if ctx else "") + msgid] == strs


@pytest.mark.parametrize("language", sorted(tool.catalogs()))
def test_translations_keep_their_placeholders(language):
    _header, entries = tool.read_po(tool.catalogs()[language])
    import re

    for (_ctx, msgid, _plural), strs in entries.items():
        for pattern in (r"%\d", r"\{\w+\}"):
            assert sorted(re.findall(pattern, msgid)) == sorted(re.findall(pattern, strs[0])), (msgid, strs[0])
