"""Byte patterns for Hyperscan: wherever a rule's pattern matches a text (or a line or paragraph of it), its byte pattern matches the text."""

from __future__ import annotations

import re
from pathlib import Path

import hyperscan
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizer.bytepatterns import CASE_BEYOND_ASCII, to_bytes

from .test_prefilter import shipped_patterns, texts

ROOT = Path(__file__).resolve().parent.parent


def byte_search(pattern: str, text: str) -> bool:
    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    db.compile(expressions=[pattern.encode("ascii")], ids=[0], elements=1,
               flags=hyperscan.HS_FLAG_SINGLEMATCH | hyperscan.HS_FLAG_MULTILINE)
    found: list[int] = []
    db.scan(text.encode("utf-8"), match_event_handler=lambda *a: found.append(1))
    return bool(found)


def units(text: str) -> list[str]:
    """The text, its lines and its paragraphs: what a rule applies its pattern to."""
    return [text, *text.split("\n"), *text.split("\n\n")]


ATOMS = st.sampled_from([
    "ab", "Cd", "[Ee]f", "(?:gh|ij)", "k?", "l+", "m{2}", r"\w", r"\W", r"\s", r"\S", r"\d", r"\D", ".", r"\b", r"\B",
    "^", "$", r"\A", r"\Z", "(?=n)", "(?<!o)", "(?:p|q+)", "[r-t]", "[^u]", "(?:vw)*", " ", "(?i:xy)", "©", "#",
    "Ⓐ", "(?i:ⓐb)", "[“\"]", "é", "(?i:É)", "[^\\W\\d_]", "[à-ÿ]", "(?i:[k-s])", r"\p{L}", r"[\p{Lu}']", r"\P{L}",
    "[^\n]{0,30}", "x{3,}", "(?s:.)", "K", "ſ", "(?i:s)", "[\\s\\S]", "(?>ab)", "a++", "\u0301", "[^é]", "(?i:[^k])",
])
TEXT = st.text(st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ \n\t1_\u212a\u017f\u0130\u0131©#ⓐⒶ“\"éÉà\u0301中")), max_size=40)


@settings(max_examples=2000, deadline=None)
@given(st.lists(ATOMS, min_size=1, max_size=6), st.booleans(), TEXT)
def test_a_byte_pattern_matches_wherever_its_pattern_does(atoms: list[str], ignorecase: bool, text: str) -> None:
    source = ("(?i)" if ignorecase else "") + "".join(atoms)
    translated = to_bytes(source)
    if translated is None:
        return
    pattern = regex.compile(source) if "\\p" in source or "\\P" in source else re.compile(source)
    if any(pattern.search(u) for u in units(text)):
        assert byte_search(translated, text), (source, translated, text)


def test_every_shipped_pattern_is_rewritten_and_matches_wherever_it_does() -> None:
    corpus = texts()
    sources = shipped_patterns()
    rewritten = {s: to_bytes(s) for s in sources}
    assert sum(v is not None for v in rewritten.values()) >= len(sources) * 0.8
    checked = 0
    for source, translated in rewritten.items():
        if translated is None:
            continue
        pattern = regex.compile(source)
        for text in corpus:
            if any(pattern.search(u) for u in units(text)):
                checked += 1
                assert byte_search(translated, text), (source, text[:200])
    assert checked > 50  # the corpus does exercise them


def test_only_these_ascii_letters_match_beyond_ascii_when_case_is_ignored() -> None:
    letters = re.compile("[a-zA-Z]", re.IGNORECASE)
    for cp in range(128, 0x110000):
        if 0xD800 <= cp < 0xE000:
            continue
        ch = chr(cp)
        if letters.fullmatch(ch):
            partners = {c for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                        if re.fullmatch(c, ch, re.IGNORECASE)}
            assert partners <= CASE_BEYOND_ASCII, (hex(cp), partners)


def test_what_cannot_be_rewritten_is_refused() -> None:
    assert to_bytes(r"(\w+) \1") is None           # a back-reference
    assert to_bytes(r"(?=a)") is None               # matches the empty string: gates nothing
    assert to_bytes(r"a*") is None
    assert to_bytes(r"(?V1)[[a-z]--[aeiou]]") is None   # the regex module's own syntax


def test_rewritten_patterns_are_kept_in_the_cache_and_survive_a_damaged_one(tmp_path, monkeypatch) -> None:
    from normalizer import bytepatterns

    monkeypatch.setenv("MTNORM_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(bytepatterns, "_MEMO", None)
    sources = shipped_patterns()[:20]
    first = [bytepatterns.rewritten(s) for s in sources]
    assert first == [to_bytes(s) for s in sources]
    bytepatterns.save()
    (cache,) = tmp_path.glob("bytepatterns-*.marshal")
    monkeypatch.setattr(bytepatterns, "_MEMO", None)
    monkeypatch.setattr(bytepatterns, "to_bytes", lambda *a: "not rewritten again")
    assert [bytepatterns.rewritten(s) for s in sources] == first  # read back from the cache
    cache.write_bytes(b"damaged")
    monkeypatch.setattr(bytepatterns, "_MEMO", None)
    monkeypatch.setattr(bytepatterns, "to_bytes", to_bytes)
    assert [bytepatterns.rewritten(s) for s in sources] == first
