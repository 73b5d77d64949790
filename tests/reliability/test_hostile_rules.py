"""Hostile or broken rule files: time limits, file:line errors, suggestions, a failing rule named."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from normalizer import engine, load_rules
from normalizer.batch import process
from normalizer.document import Document
from normalizer.fixes import Proposal, Safety
from normalizer.loader import ConfigError
from normalizer.registry import make_rule

from ..conftest import run_cli

CATASTROPHIC = """\
[[rule]]
id = "X901"
name = "runaway"
kind = "boilerplate"
scope = "line"
patterns = ['(a|aa)+\\b']
description = "A pattern that backtracks exponentially on a long run of a."
"""
# (a|aa)+$ runs away just as well, but the shared Hyperscan pass (linear time) now tells that it
# cannot match a line of a's ending in b, so it never runs there; the word boundary above is left
# out of that pass (a byte pattern only drops conditions), so this one reaches the backtracking engine.
ANCHORED = CATASTROPHIC.replace("(a|aa)+\\b", "(a|aa)+$")


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_catastrophic_user_pattern_times_out_and_batch_goes_on(tmp_path: Path) -> None:
    rules = write(tmp_path, "evil.toml", CATASTROPHIC)
    corpus = tmp_path / "in"
    corpus.mkdir()
    write(corpus, "a.txt", "Hello.\n" + "a" * 60 + "b\n")
    write(corpus, "b.txt", "the the talks.\n")
    start = time.monotonic()
    out = run_cli("check", corpus, "--rules", rules)
    assert time.monotonic() - start < 30  # unbounded, this pattern would run for ages
    assert out.returncode == 2
    assert "rule X901 (runaway, defined in" in out.stderr and "ran out of time" in out.stderr
    assert f"{corpus / 'b.txt'}:1:1: D001" in out.stdout  # the other file was still checked


def test_a_runaway_pattern_the_first_pass_rules_out_never_runs(tmp_path: Path) -> None:
    rules = load_rules(select=["X901"], rule_files=[write(tmp_path, "evil.toml", ANCHORED)])
    # had the pattern run on that line, its search would have run out of time and raised RuleError
    assert engine.propose(Document("Hello.\n" + "a" * 60 + "b\n"), rules) == []
    assert engine.propose(Document("aaa\nbbb\n"), rules)  # and it still finds what it matches


def test_same_pattern_shipped_style_is_fine_on_ordinary_text(tmp_path: Path) -> None:
    rules = load_rules(select=["X901"], rule_files=[write(tmp_path, "evil.toml", CATASTROPHIC)])
    assert engine.propose(Document("aaa\nbbb\n"), rules)  # a short line matches well within the limit


def test_toml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.toml", '[[rule]]\nid = "X902"\nname = = "x"\n')
    with pytest.raises(ConfigError, match=rf"{bad}:3: invalid TOML"):
        load_rules(rule_files=[bad])
    out = run_cli("rules", "--rules", bad)
    assert out.returncode == 2 and f"{bad}:3: invalid TOML" in out.stderr


@pytest.mark.parametrize(("table", "wrong", "suggested"), [
    ('[[rule]]\nid = "X903"\nname = "n"\nkind = "boilerplate"\ndescription = "d"\npattern = ["x"]\n',
     "pattern", "patterns"),
    ('[[alias]]\ncanonical = "Bessent"\nvariant = ["Bescent"]\n', "variant", "variants"),
    ('[[calque]]\nphrase = "rare lands"\nenglish = "rare earths"\norigins = "zh"\n', "origins", "origin"),
    ('[[rules]]\nid = "X904"\n', "rules", "rule"),
])
def test_unknown_keys_are_rejected_with_a_suggestion(tmp_path: Path, table: str, wrong: str, suggested: str) -> None:
    path = write(tmp_path, "user.toml", table)
    with pytest.raises(ConfigError) as info:
        load_rules(rule_files=[path])
    message = str(info.value)
    assert message.startswith(f"{path}:")
    assert f"unknown key {wrong!r}" in message and f"did you mean {suggested!r}?" in message


def test_unknown_setting_is_suggested(tmp_path: Path) -> None:
    cfg = write(tmp_path, "mtnorm.toml", 'select = ["S"]\nignored = ["S002"]\n')
    out = run_cli("check", "--config", cfg, write(tmp_path, "a.txt", "Fine.\n"))
    assert out.returncode == 2
    assert f"{cfg}:2: unknown setting 'ignored'" in out.stderr and "did you mean 'ignore'?" in out.stderr


def test_a_rule_that_raises_is_named_and_other_files_go_on(tmp_path: Path) -> None:
    def broken(doc: Document):
        """A rule with a bug."""
        if "boom" in doc.text:
            raise ZeroDivisionError("division by zero")
        yield Proposal(0, 0, "", "never applied", Safety.REVIEW)

    rule = make_rule("X905", "broken-rule", "other", Safety.REVIEW, broken, source="plugin.py")
    bad, good = write(tmp_path, "bad.txt", "boom\n"), write(tmp_path, "good.txt", "the the end.\n")
    rules = [rule, *load_rules(select=["D001"])]
    failed = process(bad, rules, "clean", "all")
    assert failed.error == ("rule X905 (broken-rule, defined in plugin.py) failed: "
                            "ZeroDivisionError: division by zero; file left unchanged")
    assert failed.result is None
    ok = process(good, rules, "clean", "all")
    assert ok.error is None and ok.result is not None and ok.result.text == "the end.\n"
