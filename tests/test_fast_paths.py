"""Every quick first check of a rule lets through all text its full pattern matches.

The rules skip a document when a cheap test says their pattern cannot match; these
properties pit each cheap test against the pattern it stands for, on random text made of
the pieces that matter (spaces, tabs, marks, repeated words, odd characters).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from normalizer import Document, load_rules
from normalizer.kinds import duplicate as D
from normalizer.kinds import punctuation as P
from normalizer.kinds import whitespace as W
from normalizer.kinds import words
from normalizer.kinds.names import AliasMatcher
from normalizer.folding import non_ascii
from normalizer.scan import Scan


def regex_sub(s: str) -> str:
    import regex

    return regex.sub(r"\s+", " ", s)

PIECES = st.sampled_from([
    "the", "The", "the ", " the", "in the ", "said", "That", "However", ", ", "; ", " ", "  ", "\t", "\n", "\n\n",
    ".", "!", "?", ":", ",", "%", "(", ")", "[", "]", "'s", "’s", "n't", " '", "-", " -", "- ", "high", "level",
    "$", "€", "5", "x", "é", "²", "\u0301", "\x07", "\x1b[31m", "\ufeff", "\u00a0", "\u2003", "İ", "Bescent",
    "Pékin", "XI", "Xi", "Louis", "_", "@", "#", "/", "’", "“", "”", "n’", "£", "\u20b9", "&amp;", "&#8217;", "Ã©",
    "Monday", " . the", "中文", "Ωmega", "\u3000",
])
TEXT = st.lists(PIECES, max_size=24).map("".join)
MANY = settings(max_examples=3000, deadline=None)


def triggered_rules() -> list:
    """Every rule with a trigger (code and data rules), and a copy of it without one."""
    import dataclasses

    return [(r, dataclasses.replace(r, trigger=None)) for r in load_rules()
            if r.trigger is not None and not r.trigger.needs_run]  # B003 finds nothing without a run anyway


_TRIGGERED: list = []


@settings(max_examples=1500, deadline=None)
@given(TEXT)
def test_no_rule_finds_anything_where_its_trigger_says_it_cannot(text: str) -> None:
    """One property for every trigger of every kind (pattern and derived byte pattern, explicit byte
    pattern, literals, exact strings, non-ASCII, any-of): the scan never skips a rule that would propose."""
    if not _TRIGGERED:
        _TRIGGERED.extend(triggered_rules())
    doc, scan = Document(text), Scan(text)
    for rule, bare in _TRIGGERED:
        if not scan.may(rule.trigger):
            assert list(bare.find(doc, Scan(text))) == [], (rule.code, text)


def test_no_rule_is_skipped_on_a_text_it_has_a_fix_for() -> None:
    """The same on every written text: each rule's examples, every rule case, the seeds and test data."""
    from .test_prefilter import texts

    if not _TRIGGERED:
        _TRIGGERED.extend(triggered_rules())
    corpus = texts() + [r.example for r, _ in _TRIGGERED if r.example]
    skipped = 0
    for text in corpus:
        doc, scan = Document(text), Scan(text)
        for rule, bare in _TRIGGERED:
            if not scan.may(rule.trigger):
                skipped += 1
                assert list(bare.find(doc, Scan(text))) == [], (rule.code, text[:200])
    assert skipped > len(corpus) * 10  # the triggers do skip rules


@MANY
@given(TEXT)
def test_the_first_checks_inside_the_rules_let_every_match_through(text: str) -> None:
    """The plain substring and regular-expression checks a few rules still make themselves."""
    if W.TRAILING.search(text):
        assert " \n" in text or "\t\n" in text or text.endswith((" ", "\t"))
    if W.REPEATED.search(text):
        assert "  " in text
    if W.BLANK_RUN.search(text):
        assert "\n\n\n" in text or " \n" in text or "\t\n" in text
    if D.REPEAT.search(text) or D.REPEATED_PHRASE.search(text):
        assert D.QUICK_REPEAT.search(text)
    marks = {m.start() for m in P.MARK_BETWEEN_LETTERS.finditer(text)}
    assert marks <= {m.start() for m in P.QUICK_MARK_BETWEEN.finditer(text)}


@MANY
@given(TEXT)
def test_the_standard_engine_word_scan_agrees_where_it_is_used(text: str) -> None:
    if words._engines_agree(text):
        assert words.FAST_WORD.findall(text) == words.WORD.findall(text)


_MATCHER: list[AliasMatcher] = []


def matcher() -> AliasMatcher:
    if not _MATCHER:
        rule = next(r for r in load_rules() if r.code == "N001")
        _MATCHER.extend(c.cell_contents for c in rule.finder.__closure__ if isinstance(c.cell_contents, AliasMatcher))
    return _MATCHER[0]


# Variants of one and two words, the separators and not-yet-assigned letters where the two engines differ.
NAME_TEXT = st.lists(st.one_of(PIECES, st.sampled_from([
    "Jamison", "Greer", "Jamison Greer", "JAMISON", "Dai", "Qi", "Dai Qi", "Bessent", "Becent", "s", "'", "\u0558",
    "\x1c", "\x1f", "\u2028", "\u3000", "Sinbaum", "SINBAUM", "Ⅻ", "٣", "_",
])), max_size=16).map("".join)


@MANY
@given(NAME_TEXT)
def test_alias_matches_found_from_the_automaton_are_the_pattern_matches(text: str) -> None:
    m = matcher()
    assert [x.span() for x in m.finditer(Scan(text))] == [x.span() for x in m.pattern.finditer(text)]
    assert [x.groups() for x in m.finditer(Scan(text))] == [x.groups() for x in m.pattern.finditer(text)]


def test_the_standard_engine_alias_pattern_is_used_only_where_both_engines_read_alike() -> None:
    from normalizer.kinds.names import _assigned

    m = matcher()
    assert _assigned(frozenset()) and _assigned(frozenset("é٣Ⅻ")) and not _assigned(frozenset("\u0558"))
    text = "Jamison\x1cGreer and Jamison \u3000Greer\u0558s"  # a separator and a letter Python 3.11 does not know
    assert [x.span() for x in m.finditer(Scan(text))] == [x.span() for x in m.pattern.finditer(text)]


def test_the_phrase_gate_knows_every_whitespace_character_the_pattern_accepts() -> None:
    import regex

    from normalizer.loader import WHITESPACE

    assert WHITESPACE == [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000 and regex.match(r"\s", chr(c))]


@MANY
@given(st.lists(st.sampled_from(["the", "The", "white", "White", "house", "House", " ", "  ", "\n", "\u00a0", "\t",
                                 "in", "computing", "putin", "Putin", "vladimir", ".", ","]), max_size=12).map("".join))
def test_phrase_rules_find_what_their_pattern_finds(text: str) -> None:
    from normalizer import Document, load_rules

    rule = next(r for r in load_rules() if r.code == "C002")
    cells = dict(zip(rule.finder.__code__.co_freevars, rule.finder.__closure__))
    pattern = cells["pattern"].cell_contents
    found = [(f.start, f.end) for f in rule.find(Document(text))]
    expected = [m.span() for m in pattern.finditer(text)
                if cells["lookup"].cell_contents.get(cells["norm"].cell_contents(regex_sub(m.group()))) is not None]
    assert found == expected


UNIT_PIECES = st.sampled_from([
    "Read more", " the ", "Σ", "ΟΔΟΣ", "σ", "İ", "Ⅻ", "ß", "12", "2024", "0", "٣", "１", " ", "  ", "\t", "\n",
    "\n\n", "\x1c", "\x1f", "\x85", "\u00a0", "\u2003", "\u3000", "é", "“quoted words here”", "’", "Subscribe now",
    "z", ".", "\r", "\x0b", "\x0c", "\ud800",
])


@MANY
@given(st.lists(UNIT_PIECES, max_size=30).map("".join))
def test_unit_keys_on_bytes_equal_the_definition(text: str) -> None:
    """The learning pass's keys (computed on bytes where it can) are key() of each eligible unit."""
    from normalizer.corpus import eligible, key, keyed_units, units

    assert keyed_units(text) == [(s, e, key(u)) for s, e, u in units(text) if eligible(u)]


def test_unit_keys_on_bytes_equal_the_definition_on_real_texts() -> None:
    from pathlib import Path

    from normalizer.corpus import _bytewise, eligible, key, keyed_units, units

    root = Path(__file__).parent
    texts = [p.read_text(encoding="utf-8") for p in sorted((root.parent / "seeds").glob("*.txt"))
             + sorted((root / "data").rglob("*.txt"))]
    assert sum(_bytewise(t) for t in texts) > len(texts) // 2  # the fast path is the usual one
    for text in texts:
        assert keyed_units(text) == [(s, e, key(u)) for s, e, u in units(text) if eligible(u)]


WORD_PIECES = st.sampled_from([
    "Okonjo", "okonjo", "Iweala", "preventedy", "agoimplementing", "goverment", "the", "The", "Pékin", "Pekinese",
    "naïveté", "Ⅻ", "²", "٣", "5", "_", "@", "#", "/", ".", "'", "’", "&", "+", "-", " ", "\n", ",", "é", "\u0301",
    "中文", "Ωmega", "straße", "ΟΔΟΣ", "\u00a0", "www.", "com", "x",
])


@MANY
@given(st.lists(WORD_PIECES, max_size=20).map("".join))
def test_the_word_census_finds_what_the_word_scan_finds(text: str) -> None:
    """rare_words from the bytes census equals its definition over the word scan; token_count equals the counts."""
    from normalizer.lexicon import common_forms, zipf

    counts = words.word_counts.__wrapped__(text)
    expected = tuple(sorted((w, zipf(w.lower())) for w in counts.keys() - common_forms()
                            if len(w) >= 5 and zipf(w.lower()) < words.RARE_CUTOFF))
    assert words.rare_words.__wrapped__(text) == expected
    for w in counts:
        assert words.token_count(w, text) == counts[w]


def test_the_word_census_on_real_texts() -> None:
    from pathlib import Path

    from normalizer.lexicon import common_forms, zipf

    root = Path(__file__).parent
    texts = [p.read_text(encoding="utf-8") for p in sorted((root.parent / "seeds").glob("*.txt"))
             + sorted((root / "data").rglob("*.txt"))]
    for text in texts:
        counts = words.word_counts.__wrapped__(text)
        expected = tuple(sorted((w, zipf(w.lower())) for w in counts.keys() - common_forms()
                                if len(w) >= 5 and zipf(w.lower()) < words.RARE_CUTOFF))
        assert words.rare_words.__wrapped__(text) == expected
        assert all(words.token_count(w, text) == n for w, n in counts.items())


def test_explicit_byte_patterns_match_exactly_the_characters_of_their_class() -> None:
    """A trigger's explicit byte pattern (where the derived one would take any character beyond ASCII)
    matches exactly the characters its single-character pattern matches, over all of Unicode."""
    from normalizer.matchsets import PatternSet

    explicit = {r.code: r.trigger for r in load_rules() if r.trigger is not None and r.trigger.byte_pattern}
    assert set(explicit) >= {"E001", "Z001"}
    checks = PatternSet()
    for code, t in explicit.items():
        checks.register(code, t.byte_pattern)
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        found = checks.matched(c)
        for code, t in explicit.items():
            assert (code in found) == bool(t.pattern.match(c)), (code, hex(cp))
    assert checks.matched("\ud800 lone surrogate") is None  # no answer: every rule looks


@MANY
@given(st.lists(st.one_of(WORD_PIECES, st.sampled_from(["Sinbaum", "Sheinbaum", "SINBAUM", "McDonald", "Éric",
                                                         "Łukasz", "O'", "Jose\u0301", "Xi", "Monday"])), max_size=20).map("".join))
def test_capitalized_words_from_the_census_are_the_pattern_matches(text: str) -> None:
    """N002's words and places from the census equal CAPITALIZED's matches that are not common forms."""
    from normalizer.kinds.names import CAPITALIZED, capitalized_words
    from normalizer.lexicon import common_forms

    expected: dict[str, list[int]] = {}
    for m in CAPITALIZED.finditer(text):
        if m.group() not in common_forms():
            expected.setdefault(m.group(), []).append(m.start())
    assert capitalized_words(text) == dict(sorted(expected.items()))


def test_capitalized_words_on_real_texts() -> None:
    from pathlib import Path

    from normalizer.kinds.names import CAPITALIZED, capitalized_words
    from normalizer.lexicon import common_forms

    root = Path(__file__).parent
    for path in sorted((root.parent / "seeds").glob("*.txt")) + sorted((root / "data").rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        expected: dict[str, list[int]] = {}
        for m in CAPITALIZED.finditer(text):
            if m.group() not in common_forms():
                expected.setdefault(m.group(), []).append(m.start())
        assert capitalized_words(text) == dict(sorted(expected.items())), path


def _camel_join_reference(text: str) -> list[tuple[int, int, str]]:
    """G004 as it was written before its candidates came from the rare words: every JOIN match."""
    from normalizer.kinds import boundaries as Bd
    from normalizer.kinds.words import names_in, token_at
    from normalizer.lexicon import FUNCTION_WORDS, looks_technical, zipf

    out = []
    for m in Bd.JOIN.finditer(text):
        a, b, word = m.group("a"), m.group("b"), m.group()
        if zipf(word.lower()) >= Bd.KNOWN or a.lower() in Bd.PARTICLES:
            continue
        if looks_technical(token_at(text, m.start(), m.end())) or text.count(word) > 1:
            continue
        names = names_in(text)
        if Bd._opener_join(text, m):  # an opener after a lost stop: the same proposal as for any candidate
            out.extend((p.start, p.end, p.replacement) for p in Bd._opener_joins(text, [m], frozenset()))
            continue
        if a.isupper():
            ok = (zipf(a.lower()) >= Bd.CAPS_WORD and Bd._after_caps(text, m.start())
                  and (zipf(b.lower()) >= Bd.CAPS_WORD or zipf(b.lower()) >= Bd.WORD and Bd._standalone_count(b, text) > 0))
        else:
            first = a in FUNCTION_WORDS if a.islower() else a.lower() in names or zipf(a.lower()) >= Bd.WORD
            ok = first and b.lower() in names and Bd._standalone_count(b, text) >= 2
        if ok:
            out.append((m.start(), m.end(), a if a == b else f"{a} {b}"))
    return out


JOIN_PIECES = st.sampled_from([
    "with", "China", "DAY", "INDEPENDENCE", "President", "Department", "Trump", "McDonald", "YouTube", "Canada",
    "the", "The", " ", "  ", "\n", ". ", ", ", "(", "@", "-", "’", "é", "Éric", "said", "met", "toString",
    "withChina", "DAYPresident", "DepartmentTrump", " met China ", " and Trump said ", "INDEPENDENCE DAY",
    "matchHowever", "However", ",", "ChinaChina", "saidThe", "bestEveryone", " knows",
])


@MANY
@given(st.lists(JOIN_PIECES, max_size=24).map("".join))
def test_camel_join_finds_what_every_join_match_gives(text: str) -> None:
    from normalizer import Document
    from normalizer.kinds.boundaries import camel_join

    got = [(p.start, p.end, p.replacement) for p in camel_join(Document(text))]
    assert got == _camel_join_reference(text)


NAME_PIECES = st.sampled_from([
    "Trump", "trump", "Canada", "Xi", "xi", "Anna", "anna", "He", "he", "The", "the", "met", "said", " ", "  ", "\n",
    ". ", ", ", "! ", "“", "(", "-", "'", "’", "Trumps", "McTrump", "\u212aent", "Kent", "İstanbul", "Éric", "éric",
    "Changes", "changes", "Dai", "dai", "Qi", "5",
])


@MANY
@given(st.lists(NAME_PIECES, max_size=24).map("".join), st.lists(st.sampled_from(
    ["trump", "canada", "xi", "anna", "he", "the", "kent", "éric", "changes", "dai", "qi", "tr", "Trump", "", "5",
     "istanbul", "mctrump", "trumps"]), max_size=6))
def test_document_names_answer_as_the_dictionary_does(text: str, keys: list[str]) -> None:
    """G001/G004 ask the document's names word by word: the same answers as names_in's dictionary."""
    names, expected = words.DocumentNames(text), words.names_in.__wrapped__(text)
    for key in keys + list(expected):
        assert (key in names) == (key in expected), key
        assert names.get(key, key) == expected.get(key, key), key


@MANY
@given(st.lists(st.lists(UNIT_PIECES, max_size=12).map("".join), min_size=2, max_size=6),
       st.lists(UNIT_PIECES, max_size=30).map("".join))
def test_the_repeated_unit_gate_passes_every_text_holding_a_repeated_unit(corpus: list[str], text: str) -> None:
    """B003's gate (a piece of each repeated unit in the folded text) lets through every text with one."""
    from normalizer.corpus import keyed_units, learn
    from normalizer.folding import fold

    footer = "Subscribe to the Daily 12 news\n"
    texts = [t + "\n" + footer + "\n" + text for t in corpus]  # the footer and ``text``'s units repeat
    stats = learn(texts, min_docs=2)
    for candidate in [text, *texts, footer.upper(), footer.replace("12", "2025")]:
        if any(k in stats.repeated for _, _, k in keyed_units(candidate)):
            assert stats.may_repeat(fold(candidate))


REPEAT_PIECES = st.sampled_from([
    "the", "The", "THE", "in", "In", " ", "  ", "\t", "\n", ".", ",", "“", "”", "’", "—", "\u00a0", "_", "2", "a1",
    "Pékin", "PÉKIN", "pékin", "ß", "ẞ", "SS", "ss", "ſ", "s", "S", "\u212a", "k", "K", "İ", "i", "I", "ı", "Å", "å",
    "\u212b", "Σ", "σ", "ς", "ǅ", "ǆ", "Ǆ", "\u0301", "e", "ş", "Ş", "°", "²", "٣", "中", "\ud800", "x",
])


def _alphabetic_repeat(text: str) -> bool:
    """What D001 and D003 can report: a repeat of alphabetic words their patterns find."""
    return any(m.group(1).isalpha() for m in D.REPEAT.finditer(text)) or any(
        m.group(1).replace(" ", "").replace("\t", "").isalpha() for m in D.REPEATED_PHRASE.finditer(text))


@MANY
@given(st.lists(REPEAT_PIECES, max_size=14).map("".join))
def test_the_repeat_check_on_bytes_lets_every_repeat_through(text: str) -> None:
    """D001/D003's first check on the byte image never rules out a repeat of alphabetic words they would find."""
    if _alphabetic_repeat(text):
        assert D._may_repeat(text, non_ascii(text))


def test_the_repeat_check_on_bytes_on_real_texts() -> None:
    from pathlib import Path

    root = Path(__file__).parent
    texts = [p.read_text(encoding="utf-8") for p in sorted((root.parent / "seeds").glob("*.txt"))
             + sorted((root / "data").rglob("*.txt"))]
    assert sum(D._image(t, non_ascii(t)) is not None for t in texts) > len(texts) * 3 // 4  # the byte image is the usual path
    for text in texts:
        assert D._may_repeat(text, non_ascii(text)) == _alphabetic_repeat(text)  # exact on these: no repeat of digits, no "very, very"
