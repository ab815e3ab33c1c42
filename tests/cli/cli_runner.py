"""The environment a `jupyter codelab` child process runs in: no machine credentials, a temp HOME."""

from __future__ import annotations

from pathlib import Path

from tests.support.simulator_thread import clean_env

REPO = Path(__file__).resolve().parents[2]


def cli_env(tmp_path: Path, extra: dict | None = None) -> dict:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return clean_env({"HOME": str(home), "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1", **(extra or {})})
