"""One advice table for Python and the sidebar: advice.json, and the TypeScript generated from it."""

import importlib.machinery
import importlib.util
import json
import re
from pathlib import Path

from jupyter_codelab.modelarts import errors

ROOT = Path(__file__).parents[2]
GENERATOR = ROOT / "scripts" / "generate_ts_tables"
GENERATED = ROOT / "labextension" / "src" / "generated" / "advice.ts"


def load_generator():
    loader = importlib.machinery.SourceFileLoader("generate_ts_tables", str(GENERATOR))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def test_the_committed_typescript_is_what_the_generator_writes_now():
    generator = load_generator()
    assert GENERATED.read_text("utf-8") == generator.expected(), "run scripts/generate_ts_tables and commit the result"
    assert generator.main(["--check"]) == 0


def test_the_generator_notices_a_drift():
    generator = load_generator()
    drifted = generator.render({**errors.ADVICE_BY_CODE, "ModelArts.6304": "Something else."})
    assert drifted != GENERATED.read_text("utf-8")


def test_every_sentence_reaches_typescript_as_a_literal_for_translation():
    text = GENERATED.read_text("utf-8")
    for code, sentence in errors.ADVICE_BY_CODE.items():
        literal = "__('" + sentence.replace("\\", "\\\\").replace("'", "\\'") + "')"
        assert literal in text, code
        assert f"case '{code}':" in text
        if code.startswith("APIG."):
            assert f"case 'APIGW.{code[5:]}':" in text
    assert re.search(r"__\([^'\"]", text) is None, "every __() call takes a literal"


def test_the_table_is_the_package_data_errors_uses():
    data = json.loads((ROOT / "jupyter_codelab" / "modelarts" / "advice.json").read_text("utf-8"))
    assert data["advice"] == errors.ADVICE_BY_CODE
    assert all(re.fullmatch(r"(ModelArts|APIG)\.\d{4}", code) for code in data["advice"]), "APIGW. codes are stored as APIG."
    assert all(s[:1].isupper() and s.endswith(".") for s in data["advice"].values()), "whole sentences"
    # errorWords.ts used to lack 6304; the documented codes of the errata are all here.
    for code in ("6304", "6309", "6346", "6348", "6349", "6357", "6404", "6797", "4991"):
        assert f"ModelArts.{code}" in data["advice"]
