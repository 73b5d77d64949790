"""Z006's curated table holds to its promise, and English prose with loanwords and names is left alone."""

from __future__ import annotations

import pytest
from wordfreq import zipf_frequency

from normalizer import load_rules, propose
from normalizer.kinds.foreign_words import table
from normalizer.kinds.fragments import given_name, pinyin_name, surnames

FRAGMENT_RULES = ["Z001", "Z006", "Z007"]


def test_table_words_are_foreign_not_english() -> None:
    """Every listed word is rare in English and clearly more frequent in its own language."""
    assert len(table()) >= 60
    for word, entry in table().items():
        en, own = zipf_frequency(word, "en"), zipf_frequency(word, entry.lang)
        assert en < 3.0 and own - en >= 1.5, (word, entry.lang, en, own)
        assert entry.english and all(e and e.isascii() or e[0].isupper() for e in entry.english), word


def test_table_english_is_not_in_the_table() -> None:
    """A replacement never brings back a listed word (cleaning converges)."""
    for entry in table().values():
        for phrase in entry.english:
            assert not set(phrase.lower().split()) & set(table()), phrase


@pytest.mark.parametrize("text", [
    "The festival opened with a fiesta in the old barrio, and the kindergarten choir sang.",
    "Critics called the plan realpolitik per se, a piece of zeitgeist delivered via television.",
    "Her memoir, Todavía, was published in Madrid in 2019 and translated last year.",
    "The Dresdner Philharmonie and the Münchner Kammerspiele both cancelled their tours.",
    "The paper quoted the motto “Ordem e Progresso” printed on the flag.",
    "In Spanish the word alcalde means mayor; in Italian the word is sindaco.",
    "The club's new coach, Molto Ancora, arrived from Naples on Tuesday.",
    "The ministry's spokesman, Mr. Zhang, said trade talks (贸易谈判) would resume.",
    "Researchers in Thessaloniki measured Δ and α in the samples? Yes. Why? Cost.",
])
def test_professional_prose_is_untouched(text: str) -> None:
    rules = load_rules(select=FRAGMENT_RULES)
    assert [f for f in propose(text, rules=rules) if f.rule in ("Z006", "Z007")] == []


def test_given_name_reading() -> None:
    assert {"Fan", "Liu", "Wang"} <= surnames() and "Adorno" not in surnames()
    assert pinyin_name("振東") == "Zhendong"
    text = "The ace Fan 振東 won."
    assert given_name(text, text.index("振"), text.index("振") + 2) == "Zhendong"
    text = "Officer Smith 振東 won."  # not a pinyin surname
    assert given_name(text, text.index("振"), text.index("振") + 2) == ""


def test_foreign_word_messages_name_the_language() -> None:
    rules = load_rules(select=["Z006"])
    fixes = propose("The minister said the reform was toutefois under way in most regions.", rules=rules)
    assert len(fixes) == 1 and "French" in fixes[0].message and fixes[0].safety == "review"
