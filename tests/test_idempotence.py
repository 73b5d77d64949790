"""Property: cleaning is idempotent, and cleaned text proposes nothing more."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from normalizer import clean, load_rules, propose

RULES = load_rules()

PIECES = st.sampled_from([
    "the", "The", "that", "That", "However,", "said", "Politico", "year.before", "high", "-level",
    "$", "600", "%", "(", ")", "))", " ( AP ))", ":", " :", ",", ".", "?", "!", "“", "”", "””", "\"",
    "U.S.", "e.g.", "3.5", "www.example.com", "white house", "the white house", "National",
    "\u00a0", "\u2003", "&amp;", "caf\u00c3\u00a9", "\x07", "-", " - ", "  ", "\t", "\n", "\n\n\n",
    "Xi", "Bessent", "talks", "resumed", "had", "a", "is", "He", ";", "The The", "the the",
    "“ ", " ”", "''", " 's", "don 't", ". the", "in the in the", "Obamas deputy", "agoimplementing",
    "preventedy", "Bescent's", "XI", "Pekins", "rare lands", "摆脱", "что", "ADVERTISEMENT", "#", "###",
    "Open image in the gallery", "Disclaimer: The article represents the author's views.", "\u00a0km",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=30).map(lambda parts: " ".join(parts)))
def test_clean_all_is_idempotent(text: str) -> None:
    once = clean(text, rules=RULES, apply="all")
    assert propose(once.text, rules=RULES) == []
    assert clean(once.text, rules=RULES, apply="all").text == once.text


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=30).map(lambda parts: "".join(parts)))
def test_clean_safe_is_idempotent(text: str) -> None:
    once = clean(text, rules=RULES, apply="safe")
    again = clean(once.text, rules=RULES, apply="safe")
    assert again.text == once.text and not again.applied
