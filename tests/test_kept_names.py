"""The kept-names data (rules/gazetteer/kept_names.toml): well-formed, and read by N010/N011 the way
its header says (a literal is taken in a text of its topic and country, never outside one)."""

from __future__ import annotations

import tomllib

import pytest

from normalizer import load_rules, propose
from normalizer.errors import ConfigError
from normalizer.kept_names import kept_names_path, load_kept_names, parse_kept_names

DATA = load_kept_names()
RULES = load_rules(select=["N010", "N011"])


def _codes(text: str) -> list[tuple[str, str, str]]:
    return [(f.rule, f.original, f.replacement) for f in propose(text, rules=RULES)]


def test_the_file_parses_as_plain_toml_and_lists_every_entry() -> None:
    data = tomllib.loads(kept_names_path().read_text(encoding="utf-8"))
    assert len(data["native"]) == len(DATA.natives) >= 30
    assert len(data["mononym"]) == len(DATA.mononyms) >= 5
    assert {n.kind for n in DATA.natives} <= set(DATA.topics)


@pytest.mark.parametrize("native", DATA.natives, ids=lambda n: n.name)
def test_every_literal_is_taken_in_a_text_of_its_topic(native) -> None:
    topic = DATA.topics[native.kind][0]
    where = f" {native.context[0]} people followed it." if native.context else ""
    for literal in native.literal:
        text = f"People talked about {literal} and the {topic} on Sunday.{where}"
        assert ("N010", literal, native.name) in _codes(text), literal


@pytest.mark.parametrize("native", DATA.natives, ids=lambda n: n.name)
def test_no_literal_is_taken_outside_its_topic(native) -> None:
    for literal in native.literal:
        assert _codes(f"People talked about {literal} on Sunday.") == [], literal


@pytest.mark.parametrize("mononym", DATA.mononyms, ids=lambda m: m.name)
def test_every_respelling_is_taken_beside_a_cue(mononym) -> None:
    topic = DATA.topics[mononym.sport][0]
    for written in mononym.written:
        text = f"In the {topic} news from {mononym.cues[0]}, {written} was the best on the pitch."
        assert _codes(text) == [("N011", written, mononym.name)], written
        assert _codes(f"In the {topic} news, {written} was the best on the pitch.") == []  # no cue
        assert _codes(f"{written} Smith spoke of {mononym.cues[0]} and {topic}; {written} left.") == []


@pytest.mark.parametrize(("word", "surname"), sorted(DATA.surnames.items()))
def test_every_surname_word_is_taken_after_a_full_name(word, surname) -> None:
    rules = load_rules(select=["N013"])
    text = f"The list names Ana Ruiz, in Tlalpan, and Miguel Angel Soto {word}, in Coyoacan."
    assert [(f.original, f.replacement) for f in propose(text, rules=rules)] == [(word, surname)]
    assert propose(f"They spoke of the {word}, in Coyoacan, and the Mexico City {word} too.", rules=rules) == []


@pytest.mark.parametrize(("data", "message"), [
    ({"topics": {"club": ["match"]}, "native": [{"name": "X", "kind": "band", "literal": ["Y"]}]}, "'kind' must be one of"),
    ({"topics": {"club": ["match"]}, "native": [{"name": "X", "kind": "club", "literal": ["lower"]}]}, "capitalized"),
    ({"topics": {"club": ["match"]}, "native": [{"name": "X", "kind": "club", "literal": ["Y"], "origins": ""}]}, "did you mean 'origin'"),
    ({"topics": {"club": ["match"]}, "native": [{"name": "X", "kind": "club", "literal": ["Y"]},
                                                {"name": "Z", "kind": "club", "literal": ["the Y"]}]}, "listed twice"),
    ({"surnames": {"War": "Guerra"}}, "lower-case English word"),
    ({"topics": {"club": ["match"]}, "mononym": [{"name": "X", "written": ["Two Words"], "sport": "club",
                                                  "cues": ["A"], "role": "r"}]}, "one capitalized word"),
])
def test_a_malformed_entry_is_refused_with_its_reason(data, message) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_kept_names(data, "test.toml")
