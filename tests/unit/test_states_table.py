"""One state vocabulary for Python and the sidebar: states.py, and the TypeScript generated from it."""

import re

from jupyter_codelab.modelarts import states
from tests.support.ts_tables import GENERATED as GENERATED_DIR
from tests.support.ts_tables import load_generator

GENERATED = GENERATED_DIR / "states.ts"


def _literal(text: str) -> str:
    return "__('" + text.replace("\\", "\\\\").replace("'", "\\'") + "')"


def test_the_committed_states_are_what_the_generator_writes_now():
    generator = load_generator()
    assert GENERATED.read_text("utf-8") == generator.expected_states(), "run scripts/generate_ts_tables and commit the result"
    assert generator.main(["--check"]) == 0


def test_the_generator_notices_a_drift_in_actions_or_words():
    generator = load_generator()
    vocabulary = states.vocabulary_json()
    frozen = next(s for s in vocabulary["states"] if s["status"] == "FROZEN")
    frozen["actions"] = ["start"]
    assert generator.render_states(vocabulary) != GENERATED.read_text("utf-8")
    vocabulary = states.vocabulary_json()
    vocabulary["vanished"] = "Gone."
    assert generator.render_states(vocabulary) != GENERATED.read_text("utf-8")


def test_every_status_reaches_typescript_with_its_phase_actions_and_sentences():
    text = GENERATED.read_text("utf-8")
    for state in states.STATES.values():
        actions = ", ".join(f"'{a}'" for a in state.actions)
        assert (
            f"{state.status}: {{ status: '{state.status}', phase: '{state.phase}', actions: [{actions}], event: '{state.event}' }}"
            in text
        )
        assert _literal(state.words) in text and _literal(state.sentence) in text, state.status
    assert _literal(states.VANISHED_SENTENCE) in text
    assert _literal(states.NO_INSTANCE.sentence) in text
    assert re.search(r"__\([^'\"]", text) is None, "every __() call takes a literal"


def test_the_step_words_and_the_stop_question_reach_typescript():
    text = GENERATED.read_text("utf-8")
    for words in (*states.STEP_NAMES.values(), *states.STEP_STATUS_WORDS.values(), states.STOP_TITLE):
        assert _literal(words) in text, words
    assert _literal(states.STOP_QUESTION)[:-1] + ", name, image)" in text  # one msgid, %1/%2 filled by both faces
