"""The instance this user last saw, per backend, kept across processes.

``%codelab status`` in a new kernel or ``jupyter codelab status`` in a new shell can
then tell "your instance vanished" (deleted elsewhere, the service reset) from
"you never opened one". One small JSON file in Jupyter's data directory,
``{where: {id, name}}``; no secrets (``where`` is an endpoint or server URL).
Failing to read or write it only loses that distinction.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

FILE_NAME = "codelab-instance.json"


def _path() -> Path:
    from jupyter_core.paths import jupyter_data_dir

    return Path(jupyter_data_dir()) / FILE_NAME


def _read() -> dict:
    try:
        data = json.loads(_path().read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write(data: dict) -> None:
    path = _path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(data, sort_keys=True), "utf-8")
        temporary.replace(path)
    except OSError:
        pass


def remembered(where: str) -> dict | None:
    """``{id, name}`` of the instance last seen through ``where``, or None."""
    entry = _read().get(where)
    return entry if isinstance(entry, dict) and entry.get("id") else None


def remember(where: str, notebook: dict | None) -> None:
    if not notebook or not notebook.get("id"):
        return
    entry = {"id": notebook["id"], "name": notebook.get("name")}
    data = _read()
    if data.get(where) != entry:
        _write({**data, where: entry})


def forget(where: str, notebook_id: str | None = None) -> None:
    """Forget the instance of ``where`` (only if it is ``notebook_id``, when given)."""
    data = _read()
    entry = data.get(where)
    if entry is None or (notebook_id and isinstance(entry, dict) and entry.get("id") != notebook_id):
        return
    data.pop(where)
    _write(data)
