"""The engine: overlap resolution, application, passes and convergence."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from normalizer import Document, Fix, Proposal, Safety, apply, clean, propose, resolve
from normalizer.engine import ConvergenceError
from normalizer.engine import clean as engine_clean
from normalizer.registry import Rule


def fix(start: int, end: int, text: str, rep: str, rule: str = "X001", safety: Safety = Safety.SAFE) -> Fix:
    return Fix(start, end, text[start:end], rep, rule, "other", safety, "test")


def test_resolve_skips_overlaps_and_keeps_wider_first() -> None:
    text = "abcdef"
    wide, inner, later = fix(0, 4, text, "X"), fix(1, 2, text, "Y"), fix(4, 6, text, "Z")
    taken, skipped = resolve([inner, later, wide])
    assert taken == [wide, later]
    assert skipped == [inner]


def test_insertions_at_one_point_conflict_but_touching_spans_do_not() -> None:
    text = "abc"
    a, b = fix(3, 3, text, "\n"), fix(3, 3, text, "!", rule="X002")
    span = fix(1, 3, text, "")
    taken, skipped = resolve([a, b, span])
    assert taken == [span, a] and skipped == [b]


def test_an_insertion_at_the_start_of_a_span_applies_before_it() -> None:
    text = "gold  The euro"  # a stop inserted after "gold", the double space made single
    stop, spaces = fix(4, 4, text, "."), fix(4, 6, text, " ", rule="S002")
    taken, skipped = resolve([spaces, stop])
    assert not skipped
    assert apply(text, taken) == "gold. The euro"


def test_apply_rejects_a_fix_that_does_not_match() -> None:
    f = Fix(0, 1, "z", "y", "X001", "other", Safety.SAFE, "m")
    with pytest.raises(ValueError):
        apply("abc", [f])


def test_apply_builds_text_from_sorted_fixes() -> None:
    text = "one two three"
    assert apply(text, [fix(8, 13, text, "3"), fix(0, 3, text, "1")]) == "1 two 3"


def test_clean_applies_safe_only_by_default() -> None:
    result = clean("However, The talks resumed  today.\n")
    assert result.text == "However, The talks resumed today.\n"
    assert [f.rule for f in result.pending] == ["C001"]
    assert clean("However, The talks resumed  today.\n", apply="all").text == "However, the talks resumed today.\n"


def test_clean_result_lists_applied_fixes_per_pass() -> None:
    result = clean("economies ( AP ))\n")
    assert result.text == "economies (AP)\n"
    assert len(result.passes) == 2
    assert {f.rule for f in result.applied} == {"S006", "S007"}


def test_propose_reports_offsets_into_the_text() -> None:
    text = "Source :Skai\n"
    fixes = propose(text)
    assert [(f.rule, f.start, f.end, f.original, f.replacement) for f in fixes] == [("S001", 6, 8, " :", ": ")]
    assert all(text[f.start:f.end] == f.original for f in fixes)


def test_non_converging_rules_raise() -> None:
    def flip(doc: Document) -> Iterator[Proposal]:
        yield Proposal(0, 1, "b" if doc.text[0] == "a" else "a", "flip")

    rule = Rule("X999", "flip", "other", Safety.SAFE, "flips", flip)
    with pytest.raises(ConvergenceError):
        engine_clean(Document("a"), [rule])


def test_code_spans_are_never_touched() -> None:
    text = "Run `mtnorm  check` now.\n\n```\nworth $ 600  here\n```\nworth $ 600 there.\n"
    fixes = propose(text)
    assert [(f.rule, f.original) for f in fixes] == [("S005", "$ ")]
    assert fixes[0].start == text.rindex("$ ")
