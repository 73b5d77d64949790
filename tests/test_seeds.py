"""The sample documents: every must item of this issue's categories is detected."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest

from normalizer import clean, propose, read_document

from .conftest import ROOT

SEEDS = ROOT / "seeds"
GOLD = [json.loads(line) for line in (SEEDS / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
CATEGORIES = {"spacing", "capitalization", "duplicate", "name", "boilerplate", "fragment", "calque", "glued"}


def core_span(item: dict, start: int) -> tuple[int, int]:
    """The changed part of a gold item (as the shared scorer computes it)."""
    before = item["before"]
    after = item["after"] if isinstance(item["after"], str) else item["after"][0]
    ops = [o for o in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes() if o[0] != "equal"]
    i1, i2 = ops[0][1], ops[-1][2]
    if i1 == i2:
        i1, i2 = max(0, i1 - 1), min(len(before), i2 + 1)
    return start + i1, start + i2


MUST = [it for it in GOLD if it["level"] == "must" and it["category"] in CATEGORIES]


@pytest.mark.parametrize("item", MUST, ids=[f"{it['doc'][:3]}-{it['before'][:25]!r}" for it in MUST])
def test_must_item_is_detected(item: dict) -> None:
    doc = read_document(SEEDS / item["doc"])
    start = doc.text.index(item["before"])
    s, e = core_span(item, start)
    fixes = propose(doc)
    assert any((f.start < e and f.end > s) or (f.start == f.end and s <= f.start <= e) for f in fixes)


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_cleaning_seeds_fixes_items_exactly_and_converges(path: Path) -> None:
    doc = read_document(path)
    out = clean(doc, apply="all")
    for item in (it for it in MUST if it["doc"] == path.name):
        afters = item["after"] if isinstance(item["after"], list) else [item["after"]]
        assert item["before"] not in out.text
        assert any(a in out.text for a in afters), item["before"]
    assert propose(out.text) == []
