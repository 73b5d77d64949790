"""K001's conditions on nearby words: ``near`` (one must occur within 250 characters) and ``not_near``."""

from __future__ import annotations

from pathlib import Path

from normalizer import clean, load_rules

HOUSE = """[[calque]]
pattern = '\\bselect committee of the club\\b'
english = 'club board'
near = ["football", "Red card"]
not_near = ["cricket"]
origin = "a test calque"
"""


def _rules(tmp_path: Path) -> list:
    path = tmp_path / "house.toml"
    path.write_text(HOUSE, encoding="utf-8")
    return load_rules(select=["K001"], rule_files=[path])


def test_a_near_word_within_reach_lets_the_calque_fire(tmp_path: Path) -> None:
    text = "The select committee of the club met after the football final."
    assert clean(text, rules=_rules(tmp_path), apply="all").text == "The club board met after the football final."


def test_near_words_match_in_any_case_and_as_whole_words(tmp_path: Path) -> None:
    rules = _rules(tmp_path)
    assert clean("A RED CARD, then the select committee of the club met.", rules=rules, apply="all").text \
        == "A RED CARD, then the club board met."
    assert clean("Footballers and the select committee of the club met.", rules=rules, apply="all").text \
        == "Footballers and the select committee of the club met."


def test_a_near_word_too_far_away_does_not_count(tmp_path: Path) -> None:
    text = "Football news.\n\n" + "Nothing else happened that day. " * 10 + "\n\nThe select committee of the club met."
    assert clean(text, rules=_rules(tmp_path), apply="all").text == text


def test_a_not_near_word_within_reach_vetoes_the_calque(tmp_path: Path) -> None:
    text = "After the football and cricket seasons, the select committee of the club met."
    assert clean(text, rules=_rules(tmp_path), apply="all").text == text


def test_a_not_near_word_far_away_does_not_veto(tmp_path: Path) -> None:
    text = "Cricket scores.\n\n" + "Nothing else happened that day. " * 10 + "\n\nAfter the football, the select committee of the club met."
    out = clean(text, rules=_rules(tmp_path), apply="all").text
    assert out.endswith("After the football, the club board met.")
