"""Literal prefilters: a gate may let through text that does not match, never skip text that does."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizer.folding import _FOLD, fold
from normalizer.prefilter import Gate, gate_for, union

from .conftest import load_cases

ROOT = Path(__file__).resolve().parent.parent


def texts() -> list[str]:
    """Every real text the repository holds: seeds, test data, rule cases."""
    out = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    out += [p.read_text(encoding="utf-8", errors="replace") for p in sorted((ROOT / "tests/data").rglob("*.txt"))]
    out += [p.values[1]["original"] for p in load_cases()]
    return out


def shipped_patterns() -> list[str]:
    out = []
    for path in sorted((ROOT / "rules").glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for table in data.get("rule", []):
            for key in ("patterns", "cues", "unless", "safe_if"):
                out += table.get(key, [])
        out += [c["pattern"] for c in data.get("calque", []) if "pattern" in c]
    return out


def test_extracts_required_literals() -> None:
    assert gate_for(r"(?i)\bdonat(?:e|ion)s?\b").literals == ("donate", "donation")
    assert gate_for(r"\b[Cc]ommercial (war|deficit)\b").literals == ("commercial deficit", "commercial war")
    assert gate_for(r"(?i)^[ \t]*click (?:here )?to enlarge\b").literals == ("to enlarge",)
    assert gate_for(r"a{3}bc").literals == ("aaabc",)
    assert gate_for(r"(?:pay ?walls?)").literals == ("wall",)
    assert gate_for(r"(?i)^[ \t]*(?:©|\(c\)|copyright)").literals == ("(c)", "copyright", "©")
    assert gate_for(r"^#{1,6}[ \t]+").literals == ("#",)
    assert gate_for(r"(?i)Ⓐbc") is None  # a symbol with a case is no literal


@pytest.mark.parametrize("pattern", [
    r"\w+ly", r"(?:foo)?bar?", r"x*", r"(?:alpha|\w+)", r"[[:alpha:]]+ment", r"\p{Lu}\w+", r"(a)\1", r"(?:ab|)",
])
def test_no_gate_where_no_literal_is_required(pattern: str) -> None:
    assert gate_for(pattern) is None


def test_literals_are_found_whatever_the_case() -> None:
    g = gate_for(r"(?i)\bdonate now\b")
    assert g(fold("PLEASE DONATE NOW")) and g(fold("Donate Now")) and not g(fold("He donated nothing."))


def test_fold_maps_every_character_that_case_insensitive_matching_reads_as_ascii() -> None:
    """Recomputed over all of Unicode for both engines: the fold table must cover them."""
    letters = re.compile("[a-z]", re.IGNORECASE)
    rletters = regex.compile("[a-z]", regex.IGNORECASE)
    odd = set()
    for cp in range(128, 0x110000):
        if 0xD800 <= cp < 0xE000:
            continue
        c = chr(cp)
        if any(ord(x) < 128 for x in c.lower()) or letters.fullmatch(c) or rletters.fullmatch(c):
            odd.add(cp)
    assert odd <= set(_FOLD), sorted(hex(c) for c in odd - set(_FOLD))


def test_gates_share_one_index_that_grows_with_new_gates() -> None:
    g = Gate([f"word{i}" for i in range(100)])
    text = fold("and WORD57 here, zebrafish too")
    assert g(text) and not g(fold("nothing here"))
    late = Gate(["zebrafish"])  # made after the text was indexed: the index is rebuilt
    assert late(text) and not Gate(["okapi"])(text)
    assert union([g, Gate(["x"])]).literals[-1] == "x" and union([g, None]) is None


def test_a_gate_of_plain_strings_is_a_substring_test() -> None:
    """The literals derived from the shipped patterns go through the shared index: the same answer as ``in``."""
    quicks = sorted({g.literals for g in map(gate_for, shipped_patterns()) if g is not None})
    assert len(quicks) > 20
    gates = [Gate(q) for q in quicks]
    for text in texts() + ["ad", "Tread", "I AM", "©2024", "read more", ""]:
        folded = fold(text)
        assert [g(folded) for g in gates] == [any(q in folded for q in qs) for qs in quicks]
        for g in gates:
            assert sorted(g.starts(folded)) == sorted(i for lit in g.literals for i in occurrences(lit, folded))


def occurrences(lit: str, text: str) -> list[int]:
    """Every offset where ``lit`` starts in ``text`` (overlapping ones too), by ``str.find``."""
    out, i = [], text.find(lit)
    while i >= 0:
        out.append(i)
        i = text.find(lit, i + 1)
    return out


def test_every_shipped_pattern_gate_passes_where_the_pattern_matches() -> None:
    corpus = texts()
    folded = [fold(t) for t in corpus]
    checked = 0
    for source in shipped_patterns():
        gate = gate_for(source)
        if gate is None:
            continue
        pattern = regex.compile(source, regex.MULTILINE)
        for text, f in zip(corpus, folded):
            if pattern.search(text):
                checked += 1
                assert gate(f), (source, gate)
    assert checked > 50  # the corpus does exercise the gated patterns


ATOMS = st.sampled_from([
    "ab", "Cd", "[Ee]f", "(?:gh|ij)", "k?", "l+", "m{2}", r"\w", r"\s", ".", r"\b", "^", "$", "(?=n)", "(?<!o)",
    "(?:p|q+)", "[r-t]", "[^u]", "(?:vw)*", " ", "(?i:xy)", r"\d", "©", "#", "Ⓐ", "(?i:ⓐb)", "[“\"]",
])
TEXT = st.text(st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJK \n1\u212a\u017f\u0130©#ⓐⒶ“\"")), max_size=30)


@settings(max_examples=600, deadline=None)
@given(st.lists(ATOMS, min_size=1, max_size=6), st.booleans(), TEXT)
def test_a_gate_never_rejects_a_text_its_pattern_matches(atoms: list[str], ignorecase: bool, text: str) -> None:
    source = ("(?i)" if ignorecase else "") + "".join(atoms)
    gate = gate_for(source, min_length=1)
    if gate is not None and re.search(source, text, re.MULTILINE):
        assert gate(fold(text)), (source, text, gate)


def test_fold_keeps_every_character_in_its_place() -> None:
    """Literal offsets found in the folded text are offsets into the original (line-scoped rules rely on it)."""
    assert all(len(fold(chr(cp))) == 1 for cp in range(0x110000) if not 0xD800 <= cp < 0xE000)
    text = "İstanbul news.\nOpen image in the gallery"
    g = Gate(["image in "])
    assert [text[p:p + 9] for p in g.starts(fold(text))] == ["image in "]


LIT_ALPHABET = st.sampled_from(["a", "b", "ab", "é", "“", "\u4e2d", "\U0001f600", " ", "\n", "\x00", "İ", "A"])


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.lists(LIT_ALPHABET, min_size=1, max_size=4).map("".join), max_size=8),
       st.lists(LIT_ALPHABET, max_size=40).map("".join))
def test_literal_set_finds_every_occurrence_of_every_string(keys: list[str], text: str) -> None:
    """The Hyperscan literal pass reports what a plain search for each string finds, in characters."""
    from normalizer.prefilter import LiteralSet

    values = {k: i for i, k in enumerate(keys)}  # the last value given for a string wins
    expected = sorted((i + len(k) - 1, values[k]) for k in values for i in range(len(text)) if text.startswith(k, i))
    got = list(LiteralSet((k, i) for i, k in enumerate(keys)).iter(text))
    assert [end for end, _ in got] == sorted(end for end, _ in got)  # in the order occurrences end
    assert sorted(got) == expected


def test_compiled_passes_are_cached_and_survive_a_damaged_cache(tmp_path, monkeypatch) -> None:
    """A Hyperscan database is compiled once, then read from the user cache; a damaged file is compiled again."""
    from normalizer.prefilter import LiteralSet, PatternSet

    monkeypatch.setenv("MTNORM_CACHE_DIR", str(tmp_path))
    text = "Source :Skai and “Pékin” and the the"
    checks = PatternSet()
    checks.register("space-mark", r"[ \t][,;:.?!%]")
    assert checks.matched(text) == {"space-mark"}
    (cache,) = tmp_path.glob("hyperscan-*.hsdb")
    again = PatternSet()
    again.register("space-mark", r"[ \t][,;:.?!%]")
    assert again.matched(text) == {"space-mark"} and len(list(tmp_path.glob("hyperscan-*.hsdb"))) == 1
    cache.write_bytes(b"damaged")
    third = PatternSet()
    third.register("space-mark", r"[ \t][,;:.?!%]")
    assert third.matched(text) == {"space-mark"} and cache.read_bytes() != b"damaged"
    assert list(LiteralSet([("Pékin", 1), ("the", 2)]).iter(text)) == [(22, 1), (31, 2), (35, 2)]
    assert len(list(tmp_path.glob("hyperscan-*.hsdb"))) == 2  # one file per set of patterns


def test_a_text_holding_a_lone_surrogate_is_checked_like_any_other() -> None:
    """A Python string may hold a lone surrogate (no file read by mtnorm does): no rule fails on it."""
    from normalizer import Document, engine, load_rules
    from normalizer.prefilter import LiteralSet

    assert list(LiteralSet([("Xi", 1)]).iter("\ud800 Xi")) == [(3, 1)]
    fixes = engine.propose(Document("The the talks\ud800 resumed ,said Bescent.\n"), load_rules())
    assert {"D001", "S001", "N001"} <= {f.rule for f in fixes}
    from normalizer.corpus import learn
    from normalizer.scan import RunContext

    text = "Follow us on the network\ud800 today.\nNews.\n"
    stats = learn([text] * 3)
    learned = engine.propose(Document(text), load_rules(select=["B003"]), RunContext(stats))
    assert [f.original for f in learned] == [text]  # the repeated paragraph


def test_a_pattern_hyperscan_refuses_leaves_its_rule_looking(tmp_path, monkeypatch) -> None:
    from normalizer.prefilter import PatternSet

    monkeypatch.setenv("MTNORM_CACHE_DIR", str(tmp_path))
    checks = PatternSet()
    checks.register("space-mark", r"[ \t][,;:.?!%]")
    checks.register("broken", r"(unbalanced")
    assert checks.may("space-mark", "Source :Skai") and not checks.may("space-mark", "Source: Skai")
    assert checks.may("broken", "anything") and checks.refused == {"broken"}
    assert PatternSet().matched("no patterns at all") == frozenset()


def test_the_shared_passes_serve_several_threads_at_once() -> None:
    """A Hyperscan scratch space serves one scan at a time: each thread gets its own (the review app checks in a worker thread)."""
    import threading

    from normalizer.prefilter import LiteralSet, PatternSet

    checks, literals = PatternSet(), LiteralSet([("the", 1), ("Pékin", 2)])
    checks.register("space-mark", r"[ \t][,;:.?!%]")
    texts = [f"Talk {i} :the Pékin talks" + " x" * (i % 50) for i in range(300)]
    failures: list[BaseException] = []

    def work() -> None:
        try:
            for text in texts:
                assert checks.may("space-mark", text)
                assert [v for _, v in literals.iter(text)] == [1, 2]
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    work()
    for t in threads:
        t.join()
    assert not failures, failures[:1]
