"""Shipped rule data and rule metadata are well formed."""

from __future__ import annotations

from normalizer import CATEGORIES, Document, load_rules
from normalizer.engine import propose
from normalizer.loader import load_rule_file, shipped_rules_dir


def test_codes_are_unique_and_well_formed() -> None:
    rules = load_rules()
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)
    for r in rules:
        assert r.category in CATEGORIES and r.description and r.name == r.name.lower()


def test_every_rule_example_triggers_the_rule() -> None:
    for r in load_rules():
        if r.code == "B003":
            continue  # learned boilerplate needs a batch of documents (tests/test_boilerplate.py)
        assert r.example, f"{r.code} has no example"
        assert propose(Document(r.example), [r]), f"{r.code}'s example proposes nothing"


def test_shipped_files_load_and_phrase_keys_are_not_their_own_replacement() -> None:
    for path in sorted(shipped_rules_dir().glob("*.toml")):
        for rule in load_rule_file(path):
            assert rule.source == str(path)
    import tomllib

    data = tomllib.loads((shipped_rules_dir() / "capitalization.toml").read_text(encoding="utf-8"))
    for table in data["rule"]:
        phrases = table.get("phrases", {})
        assert all(k != v for k, v in phrases.items())
        assert list(phrases) == list(dict.fromkeys(phrases))


def test_every_shipped_pattern_compiles() -> None:
    """Shipped patterns are compiled on first use, so a bad one would fail only on a text that reaches it: here, all are."""
    from normalizer.loader import load_file
    from normalizer.patterns import eager

    for path in sorted(shipped_rules_dir().glob("*.toml")):
        with eager():
            eager_rules = load_file(path)[0]
        lazy_rules = load_file(path)[0]
        assert [r.code for r in eager_rules] == [r.code for r in lazy_rules]


def test_a_lazy_pattern_behaves_as_the_compiled_one() -> None:
    import re

    from normalizer.patterns import LazyPattern

    source = r"(?i)\b(?:donate|subscribe) now\b"
    lazy, real = LazyPattern(source, re.MULTILINE, True), re.compile(source, re.MULTILINE)
    text = "Please Donate now.\nSubscribe now or never. donate nowhere"
    assert lazy.pattern == source and "_compiled" not in vars(lazy)
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in real.finditer(text)]
    assert lazy.sub("X", text) == real.sub("X", text) and lazy.findall(text) == real.findall(text)
    assert bool(lazy.match(text)) == bool(real.match(text)) and lazy.flags == real.flags
    bad = LazyPattern(r"\p{Lu}(", 0, True)
    import pytest
    import regex

    with pytest.raises(regex.error):
        bad.search("A")


def test_shipped_ignore_words_are_single_rare_words_listed_once() -> None:
    from normalizer.lexicon import zipf
    from normalizer.loader import load_file, shipped_rules_dir

    words = load_file(shipped_rules_dir() / "ignore.toml")[2]["ignore"]
    assert words and len({w.lower() for w in words}) == len(words)
    assert all(zipf(w.lower()) < 3.0 for w in words), [w for w in words if zipf(w.lower()) >= 3.0]
