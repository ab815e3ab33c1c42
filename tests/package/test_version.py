"""One version: jupyter_codelab/_version.py is the source; the labextension carries the same."""

from __future__ import annotations

import json
from pathlib import Path

import tomllib

from jupyter_codelab import __version__

ROOT = Path(__file__).resolve().parents[2]


def test_labextension_package_json_has_the_python_version():
    package = json.loads((ROOT / "labextension" / "package.json").read_text())
    assert package["version"] == __version__, "set labextension/package.json's version to jupyter_codelab/_version.py's"


def test_classifiers_name_only_the_tested_python():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    versions = [c.rsplit(" :: ", 1)[1] for c in project["classifiers"] if c.startswith("Programming Language :: Python :: 3.")]
    assert versions == ["3.11"]
    assert "License :: OSI Approved :: BSD License" in project["classifiers"]
    assert project["license"] == {"text": "BSD-3-Clause"} and (ROOT / "LICENSE").read_text().startswith("BSD 3-Clause License")
    assert project["entry-points"]["jupyterlab.locale"] == {"jupyter_codelab": "jupyter_codelab"}
