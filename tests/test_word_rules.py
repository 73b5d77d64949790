"""The word-level rules (G) and the ignore lists that silence them: API, rule files, config, CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from normalizer import ConfigError, load_rules, propose
from normalizer.kinds.typos import one_edit
from normalizer.loader import load_file, read_word_list

from .conftest import run_cli

TEXT = "The goverment said the tokenizr would recieve funds.\n"


def codes(text: str, **kw) -> list[tuple[str, str]]:
    return [(f.rule, f.original) for f in propose(text, rules=load_rules(select=["G"], **kw))]


def test_typos_are_proposed_with_the_best_candidate_first() -> None:
    fixes = propose(TEXT, rules=load_rules(select=["G003"]))
    assert [(f.original, f.replacement) for f in fixes] == [("goverment", "government"), ("recieve", "receive")]
    assert all(f.safety == "review" for f in fixes)


def test_candidates_are_ranked_and_limited_to_one_slip() -> None:
    assert one_edit("millitary")[0] == "military"
    assert one_edit("recxeive") == ["receive"]  # an added letter
    assert "receive" not in one_edit("recaive")  # a substitution, not tried


def test_api_ignore_words_silence_the_family_case_insensitively() -> None:
    assert ("G003", "goverment") in codes(TEXT)
    assert ("G003", "goverment") not in codes(TEXT, ignore_words=["Goverment"])
    assert ("G003", "recieve") in codes(TEXT, ignore_words=["Goverment"])


def test_ignore_table_in_a_rule_file(tmp_path: Path) -> None:
    rules = tmp_path / "house.toml"
    rules.write_text('[[ignore]]\nnote = "house style"\nwords = ["goverment", "recieve"]\n', encoding="utf-8")
    assert codes(TEXT, rule_files=[rules]) == []
    assert read_word_list(rules) == ["goverment", "recieve"]


@pytest.mark.parametrize("body", ['[[ignore]]\nwords = "goverment"\n', '[[ignore]]\nwords = ["two words"]\n',
                                  '[[ignore]]\nwords = ["x"]\nlevel = 1\n'])
def test_bad_ignore_tables_name_file_and_line(tmp_path: Path, body: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("# house words\n" + body, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.toml:\d+:"):
        load_file(path)


def test_plain_word_list_reads_comments_and_rejects_phrases(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    path.write_text("# our words\ngoverment  # the ministry's own spelling\n\nrecieve\n", encoding="utf-8")
    assert read_word_list(path) == ["goverment", "recieve"]
    path.write_text("two words\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"words\.txt:1: one word per line"):
        read_word_list(path)


def test_cli_ignore_words_file(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(TEXT, encoding="utf-8")
    words = tmp_path / "words.txt"
    words.write_text("goverment\nrecieve\n", encoding="utf-8")
    assert run_cli("check", "--select", "G", doc).returncode == 1
    out = run_cli("check", "--select", "G", "--ignore-words", words, doc)
    assert out.returncode == 0, out.stdout + out.stderr
    missing = run_cli("check", "--ignore-words", tmp_path / "nope.txt", doc)
    assert missing.returncode == 2 and "word list not found" in missing.stderr


def test_config_words_and_default_ignore_file(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(TEXT, encoding="utf-8")
    (tmp_path / "mtnorm.toml").write_text('ignore_words = ["goverment"]\n', encoding="utf-8")
    out = run_cli("check", "--select", "G", "--format", "jsonl", doc, cwd=tmp_path)
    assert '"goverment"' not in out.stdout and '"recieve"' in out.stdout
    (tmp_path / "mtnorm-ignore.txt").write_text("recieve\n", encoding="utf-8")
    assert run_cli("check", "--select", "G", doc, cwd=tmp_path).returncode == 0


def test_clean_applies_no_review_word_fix_by_default(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(TEXT, encoding="utf-8")
    out = run_cli("clean", "--select", "G", "--out", tmp_path / "out", doc)
    assert out.returncode in (0, 1)
    assert (tmp_path / "out" / "a.txt").read_text(encoding="utf-8") == TEXT


def test_rare_technical_and_brand_vocabulary_gets_no_word_fixes() -> None:
    from .conftest import DATA

    text = (DATA / "prose" / "vocabulary.txt").read_text(encoding="utf-8")
    assert propose(text, rules=load_rules(select=["G"])) == []


def test_a_dictionary_word_is_not_a_misspelling() -> None:
    assert codes("The orchestra played a minuet for the guests.\n") == []
    assert codes("The orchestra played a minuet in a minnute.\n") == [("G003", "minnute")]


def _one_edit_brute_force(word: str, floor: float, kinds: int) -> list[str]:
    """The reference: every insertion tried letter by letter (what the index replaces)."""
    from normalizer.lexicon import zipf

    seen: dict[str, tuple[float, int]] = {}

    def consider(cand: str, kind: int) -> None:
        if kind <= kinds and cand and cand != word and cand not in seen and zipf(cand) >= floor:
            seen[cand] = (zipf(cand), kind)

    n = len(word)
    for i in range(n):
        doubled = i + 1 < n and word[i] == word[i + 1] or i > 0 and word[i] == word[i - 1]
        if i > 0 or doubled:
            consider(word[:i] + word[i + 1:], 0 if doubled else 2)
        if i + 1 < n and word[i] != word[i + 1]:
            consider(word[:i] + word[i + 1] + word[i] + word[i + 2:], 1)
    for i in range(n + 1):
        for c in "abcdefghijklmnopqrstuvwxyz":
            doubled = i > 0 and word[i - 1] == c or i < n and word[i] == c
            consider(word[:i] + c + word[i:], 0 if doubled else 2)
    return sorted(seen, key=lambda c: (-round(seen[c][0], 1), seen[c][1], c))


def test_one_edit_index_finds_what_brute_force_finds() -> None:
    import random

    from normalizer.kinds.typos import one_edit
    from normalizer.lexicon import frequencies, zipf

    words = sorted(w for w, f in frequencies().items() if w.isascii() and w.isalpha() and w.islower()
                   and 5 <= len(w) <= 14 and f >= 1e-6)
    rng = random.Random(5)
    sample = rng.sample(words, 300)
    for w in rng.sample([w for w in words if zipf(w) >= 3.5], 300):
        i = rng.randrange(len(w))
        sample.append(w[:i] + w[i + 1:])  # a dropped letter: the case the index serves
    for word in sample:
        for floor, kinds in ((3.5, 2), (4.5, 2), (3.5, 1)):
            assert one_edit(word, floor, kinds) == _one_edit_brute_force(word, floor, kinds), word


def test_the_quick_split_check_never_hides_a_split() -> None:
    """glued_words skips names_in when _may_split says no split can be found: it must be right."""
    from normalizer.kinds.glued import MIN_GLUED, _may_split, best_split
    from normalizer.kinds.words import names_in, unknown_words

    from .test_prefilter import texts

    samples = texts() + ["He met Trump. Trumpchanges came late.", "Talks stalled agoimplementing it."]
    checked = 0
    for text in samples:
        for word in unknown_words(text, lower_only=False, min_len=MIN_GLUED):
            if (word.islower() or word[1:].islower()) and not _may_split(word, text):
                checked += 1
                assert best_split(word, names_in(text)) is None, word
    assert checked > 20
    assert _may_split("Trumpchanges", "He met Trump. Trumpchanges came late.")


def test_word_table_read_without_wordfreq_equals_wordfreq() -> None:
    """lexicon reads wordfreq's data file itself: the same table, the same Zipf values."""
    import random

    from wordfreq import get_frequency_dict, zipf_frequency

    from normalizer.lexicon import bucket_of, frequencies, zipf

    assert frequencies() == get_frequency_dict("en", "best")
    rng = random.Random(11)
    known = rng.sample(sorted(bucket_of()), 3000)
    alphabet = "abcdefghijklmnopqrstuvwxyzàéïñøüßſıİ’'-"
    made = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 9))) for _ in range(3000)]
    for w in known + made + ["naïveté", "straßburg", "i\u0307stanbul", "Before", "北京"]:
        assert zipf.__wrapped__(w) == zipf_frequency(w, "en"), w


def test_common_word_table_agrees_with_the_whole_table_and_survives_a_damaged_cache(tmp_path, monkeypatch) -> None:
    import random

    from normalizer import lexicon

    monkeypatch.setenv("MTNORM_CACHE_DIR", str(tmp_path))
    table, forms = lexicon._common_table.__wrapped__()
    (cache,) = tmp_path.glob("wordfreq-en-common-*.marshal")
    words, index, common = lexicon._sorted_table()
    assert table.keys() == common and all(table[w] == lexicon.bucket(w) for w in random.Random(5).sample(sorted(common), 3000))
    assert forms == common | {w.capitalize() for w in common if w.capitalize()[1:] == w[1:]}
    assert lexicon._common_table.__wrapped__() == (table, forms)  # read back from the cache
    cache.write_bytes(b"damaged")
    assert lexicon._common_table.__wrapped__() == (table, forms) and cache.read_bytes() != b"damaged"


def test_sorted_word_table_is_cached_and_survives_a_damaged_cache(tmp_path, monkeypatch) -> None:
    import random

    from normalizer import lexicon

    monkeypatch.setenv("MTNORM_CACHE_DIR", str(tmp_path))
    built = lexicon._sorted_table.__wrapped__()
    (cache,) = tmp_path.glob("wordfreq-en-*.marshal")
    read = lexicon._sorted_table.__wrapped__()
    assert read[0] == built[0] and list(read[1]) == list(built[1]) and read[2] == built[2]
    table = lexicon.bucket_of()
    for w in random.Random(3).sample(built[0], 2000) + ["preventedy", "zzzz"]:
        i = __import__("bisect").bisect_left(read[0], w)
        assert (read[1][i] if i < len(read[0]) and read[0][i] == w else None) == table.get(w)
    cache.write_bytes(b"damaged")
    again = lexicon._sorted_table.__wrapped__()
    assert again[0] == built[0] and cache.read_bytes() != b"damaged"
