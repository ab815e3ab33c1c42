"""JSON checked in parts: the same answer as json.loads wherever the parts are cut, and only what is kept is built."""

import json
import random

import pytest

from jupyter_codelab.obs.notebook_json import MAX_DEPTH, JsonParts, Keep, NotJson

EVERYTHING = Keep(lambda path: True, depth=0)
TOP_ONLY = Keep(lambda path: len(path) < 1, depth=1)

DOCUMENTS = [
    '{"a": [1, 2.5, -3e-2, 1E+2, true, false, null], "b": {"c": "d"}}',
    '[1.5, 2, "x", {"y": [[], {}]}, NaN, Infinity, -Infinity]',
    '"a \\"quoted\\" \\\\ line\\n with \\u00e9, \\ud83d\\ude00 and / \\/"',
    '{"é": "中文 \U0001f600", "dup": 1, "dup": 2}',
    '  \n\t{ "spaced" :  [ 1 , 2 ] }  \n',
    "12345678901234567890",
    '{"cells": [{"source": ["line\\n", "two"], "outputs": [{"text": "' + "x\\n" * 40 + '"}]}], "nbformat": 4}',
]
BROKEN = [
    "", "{", '{"a": 1,}', "[1, 2,]", '{"a" 1}', '{"a": 1 "b": 2}', "[1 2]", '"unterminated', '"bad \\x escape"',
    '"raw\ncontrol"', '"\\u12"', "01", "1.", "-", "tru", "nul", "[1]]", "{} {}", "[1]x", '{"a": [}', "{'a': 1}",
]  # fmt: skip


def parse(text: str, cuts, keep=EVERYTHING):
    parser, start = JsonParts(keep), 0
    for cut in [*cuts, len(text)]:
        parser.feed(text[start:cut])
        start = cut
    return parser.close()


def same(a, b) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


@pytest.mark.parametrize("text", DOCUMENTS)
def test_cut_anywhere_it_reads_what_json_loads_reads(text):
    for cut in range(len(text) + 1):
        assert same(parse(text, [cut]), json.loads(text)), cut
    for part in (1, 2, 3, 5):
        assert same(parse(text, range(part, len(text), part)), json.loads(text)), part


@pytest.mark.parametrize("text", BROKEN)
def test_what_json_loads_refuses_is_refused_wherever_it_is_cut(text):
    with pytest.raises(ValueError):
        json.loads(text)
    for cut in range(len(text) + 1):
        with pytest.raises(NotJson):
            parse(text, [cut])


def test_random_documents_and_damage_agree_with_json_loads():
    rnd = random.Random(7)

    def value(depth=0):
        roll = rnd.random()
        if depth > 5 or roll < 0.3:
            return rnd.choice([0, -1.25e-7, 10**25, True, None, "", 'q"\\\n\t/é\U0001f600', "x" * rnd.randint(0, 40)])
        if roll < 0.65:
            return [value(depth + 1) for _ in range(rnd.randint(0, 6))]
        return {rnd.choice("abcé") * rnd.randint(1, 3): value(depth + 1) for _ in range(rnd.randint(0, 6))}

    for _ in range(400):
        text = json.dumps(value(), ensure_ascii=rnd.random() < 0.5, indent=rnd.choice([None, 1]))
        if rnd.random() < 0.4:
            at = rnd.randrange(len(text) + 1)
            text = text[:at] + rnd.choice(['"', "\\", ",", "]", "}", "x", "\n", "\x01", "1"]) + text[at:]
        cuts = sorted(rnd.sample(range(len(text) + 1), min(len(text) + 1, rnd.randint(0, 30))))
        try:
            expected = json.loads(text)
        except ValueError:
            with pytest.raises(NotJson):
                parse(text, cuts)
            continue
        assert same(parse(text, cuts), expected), text


def test_long_lists_and_long_strings_across_many_parts():
    numbers = list(range(-5000, 5000)) + [0.5] * 1000
    text = json.dumps({"x": numbers, "records": [{"a": i, "b": [i]} for i in range(3000)], "s": "é\\n" * 50000})
    cuts = range(4096, len(text), 4096)
    assert same(parse(text, cuts), json.loads(text))


def test_values_left_out_are_checked_and_stand_as_empty_values_of_their_type():
    text = '{"cells": [{"big": "' + "y" * 5000 + '"}], "meta": {"k": 1}, "name": "n", "nbformat": 4}'
    assert parse(text, range(7, len(text), 7), TOP_ONLY) == {"cells": [], "meta": {}, "name": "", "nbformat": 4}
    with pytest.raises(NotJson):
        parse(text.replace('"k": 1', '"k": 1,'), range(7, len(text), 7), TOP_ONLY)


def test_deep_nesting_is_refused_not_a_recursion_error():
    for depth in (MAX_DEPTH * 10, 100_000):  # json.loads raises RecursionError on these
        text = "[" * depth + "]" * depth
        for cuts in ([], range(64, len(text), 64)):
            with pytest.raises(NotJson):
                parse(text, cuts)
