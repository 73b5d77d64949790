"""Precision: professionally edited English must come through (nearly) untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from normalizer import load_rules, propose, read_document

from .conftest import DATA


def non_whitespace(fixes: list) -> list:
    return [f for f in fixes if f.original.split() != f.replacement.split() or "".join(f.original.split()) != "".join(f.replacement.split())]


@pytest.mark.parametrize("path", sorted((DATA / "prose").glob("*.txt")), ids=lambda p: p.stem)
def test_edited_prose_gets_no_fixes(path: Path) -> None:
    assert propose(read_document(path)) == []


def test_mqm_error_free_translations_stay_under_one_fix_per_10k_words() -> None:
    rules = load_rules()
    words = 0
    bad = []
    for path in sorted((DATA / "mqm").glob("*.txt")):
        doc = read_document(path)
        words += len(doc.text.split())
        bad += [(path.name, f.rule, f.original) for f in non_whitespace(propose(doc, rules=rules))]
    assert words > 45_000
    assert len(bad) * 10_000 / words <= 1.0, bad
