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
