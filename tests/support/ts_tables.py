"""The generator of the sidebar's tables (scripts/generate_ts_tables), loaded as a module for the staleness tests."""

import importlib.machinery
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "labextension" / "src" / "generated"


def load_generator():
    loader = importlib.machinery.SourceFileLoader("generate_ts_tables", str(ROOT / "scripts" / "generate_ts_tables"))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    return module
