"""The catalogs' file formats: .po read and written, .json (Jed, for JupyterLab) and .mo (GNU, for Python) compiled."""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path

DOMAIN = "jupyter_codelab"
PLURAL_FORMS = {"zh_CN": "nplurals=1; plural=0;"}

# key: (msgctxt or "", msgid, msgid_plural or "")
Key = tuple[str, str, str]


# -- .po files -------------------------------------------------------------------------------
def _po_quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def read_po(path: Path) -> tuple[str, dict[Key, list[str]]]:
    """(header msgstr, {key: msgstrs}) of a .po file (msgctxt, plurals and multi-line strings)."""
    entries: dict[Key, list[str]] = {}
    header = ""
    current: dict[str, object] = {}
    field = None

    def flush():
        nonlocal header
        if "msgid" in current:
            key = (current.get("msgctxt", ""), current["msgid"], current.get("msgid_plural", ""))
            strs = current.get("msgstr", {})
            values = [strs[i] for i in sorted(strs)]
            if key == ("", "", ""):
                header = values[0] if values else ""
            else:
                entries[key] = values
        current.clear()

    for raw in path.read_text("utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line or line.startswith("#"):
            if not line and "msgid" in current and "msgstr" in current:
                flush()
            continue
        match = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")$", line)
        if match:
            name, index, value = match.group(1), match.group(2), json.loads(match.group(3))
            if name in ("msgctxt", "msgid") and "msgstr" in current:
                flush()  # a new entry begins
            if name.startswith("msgstr"):
                current.setdefault("msgstr", {})[int(index or 0)] = value
                field = ("msgstr", int(index or 0))
            else:
                current[name] = value
                field = name
        elif line.startswith('"'):
            value = json.loads(line)
            if isinstance(field, tuple):
                current["msgstr"][field[1]] += value
            else:
                current[field] += value
    flush()
    return header, entries


def write_po(path: Path, header: str, entries: dict[Key, list[str]], where: dict[Key, list[str]]) -> None:
    out = ['msgid ""', f"msgstr {_po_quote(header)}", ""]
    for key, strs in entries.items():
        ctx, msgid, plural = key
        for place in sorted(set(where.get(key, [])))[:3]:
            out.append(f"#: {place}")
        if ctx:
            out.append(f"msgctxt {_po_quote(ctx)}")
        out.append(f"msgid {_po_quote(msgid)}")
        if plural:
            out.append(f"msgid_plural {_po_quote(plural)}")
            for i, value in enumerate(strs or [""]):
                out.append(f"msgstr[{i}] {_po_quote(value)}")
        else:
            out.append(f"msgstr {_po_quote(strs[0] if strs else '')}")
        out.append("")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(out), "utf-8")


def header(language: str) -> str:
    return (
        f"Project-Id-Version: {DOMAIN}\nLanguage: {language}\nMIME-Version: 1.0\n"
        f"Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n"
        f"Plural-Forms: {PLURAL_FORMS.get(language, 'nplurals=2; plural=(n != 1);')}\n"
    )


# -- compiled forms --------------------------------------------------------------------------
def compiled_json(language: str, entries: dict[Key, list[str]]) -> str:
    """The Jed-style JSON jupyterlab_server serves (as the language packs' own .json files).

    Its language is a BCP 47 tag ("zh-CN"), as in the packs: the sidebar's Gettext looks messages
    up under its locale with "_" turned into "-" (@jupyterlab/translation gettext setLocale).
    """
    data: dict[str, object] = {
        "": {
            "domain": DOMAIN,
            "language": language.replace("_", "-"),
            "plural_forms": PLURAL_FORMS.get(language, ""),
            "version": DOMAIN,
        }
    }
    for (ctx, msgid, _plural), strs in entries.items():
        if strs and all(strs):
            data[(ctx + "\x04" if ctx else "") + msgid] = strs
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def compiled_mo(language: str, entries: dict[Key, list[str]]) -> bytes:
    """GNU .mo (what msgfmt writes, without the hash table)."""
    pairs = {"": header(language)}
    for (ctx, msgid, plural), strs in entries.items():
        if strs and all(strs):
            key = (ctx + "\x04" if ctx else "") + msgid + ("\x00" + plural if plural else "")
            pairs[key] = "\x00".join(strs)
    keys = sorted(pairs)
    ids = [k.encode("utf-8") for k in keys]
    strs = [pairs[k].encode("utf-8") for k in keys]
    start = 7 * 4 + 16 * len(keys)
    id_offsets, str_offsets, blob = [], [], b""
    for data in ids:
        id_offsets.append((len(data), start + len(blob)))
        blob += data + b"\x00"
    for data in strs:
        str_offsets.append((len(data), start + len(blob)))
        blob += data + b"\x00"
    head = struct.pack("<7I", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + 8 * len(keys), 0, 0)
    table = b"".join(struct.pack("<2I", *o) for o in id_offsets) + b"".join(struct.pack("<2I", *o) for o in str_offsets)
    return head + table + blob
