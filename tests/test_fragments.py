"""Fragments and calques: the seed fragment reads as English, and runs are deterministic."""

from __future__ import annotations

import json

from normalizer import load_rules, propose, read_document
from normalizer.kinds.fragments import clean_sense, gloss_chinese, language_of, segment

from .conftest import ROOT, run_cli


def test_seed_fragment_first_suggestion_reads_as_english() -> None:
    doc = read_document(ROOT / "seeds/004_cca0709127547ac8.txt")
    fixes = [f for f in propose(doc) if f.rule == "Z001"]
    assert len(fixes) == 1
    f = fixes[0]
    sentence = doc.text[f.start - 30:f.start] + f.replacement + doc.text[f.end:f.end + 11]
    assert sentence.endswith("powers to break away from dependence")
    assert "get rid of" in " ".join(f.alternatives) and f.safety == "review"


def test_dictionary_helpers() -> None:
    assert segment("摆脱依赖") == ["摆脱", "依赖"]
    assert clean_sense("to break away (from)") == "to break away from"
    assert clean_sense("to cast off (old ideas etc)") == "to cast off"
    assert gloss_chinese("摆脱", "powers to", " dependence")[0] == "break away from"
    assert gloss_chinese("摆脱", "He decided", " dependence")[0] == "to break away from"
    assert language_of("Привет, мир") in {"Russian", "Bulgarian"}
    assert language_of("こんにちは") == "Japanese" and language_of("习近平") == "Chinese"


def test_repeated_runs_give_identical_output() -> None:
    runs = [run_cli("check", "--format", "jsonl", ROOT / "seeds").stdout for _ in range(2)]
    assert runs[0] == runs[1] and runs[0]
    rules = load_rules(select=["fragment", "calque"])
    text = "The ministry said что it would respond, and 摆脱 was glossed; rare lands too."
    assert [f.to_dict() for f in propose(text, rules=rules)] == [f.to_dict() for f in propose(text, rules=rules)]


def test_fragment_fixes_in_jsonl_have_alternatives() -> None:
    out = run_cli("check", "--format", "jsonl", "--select", "Z001", ROOT / "seeds/004_cca0709127547ac8.txt")
    rec = json.loads(out.stdout.splitlines()[0])
    assert rec["replacement"] == " break away from" and len(rec["alternatives"]) >= 3


def test_the_quick_script_check_lets_through_every_character_of_another_script() -> None:
    """MAYBE_NONLATIN gates Z001 and Z003: every character NONLATIN matches must pass it."""
    from normalizer.kinds.fragments import ANY_NONLATIN, MAYBE_NONLATIN

    missed = [hex(cp) for cp in range(0x110000) if not 0xD800 <= cp < 0xE000
              and ANY_NONLATIN.match(chr(cp)) and not MAYBE_NONLATIN.match(chr(cp))]
    assert not missed
    assert MAYBE_NONLATIN.search("Pyongyang 평양") and not MAYBE_NONLATIN.search("Café “Zürich” — 5 €")
