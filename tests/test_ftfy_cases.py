"""ftfy's own test cases: the encoding family repairs mojibake and leaves look-alikes alone."""

from __future__ import annotations

import json

import pytest

from normalizer import clean, load_rules

from .conftest import DATA

# E004 (odd spaces) and E006 (lost characters) go further than ftfy on purpose: E004 turns a
# no-break space between words into a space, which ftfy keeps; E006 proposes (for review) deleting
# the U+FFFD that ftfy leaves where decoding lost bytes. These cases measure the repairs ftfy defines.
RULES = load_rules(select=["encoding"], ignore=["E004", "E006"])


def cases(name: str) -> list:
    data = json.loads((DATA / "ftfy" / name).read_text(encoding="utf-8"))
    return [pytest.param(c, id=c["label"][:60]) for c in data if c.get("expect", "pass") == "pass"]


@pytest.mark.parametrize("case", cases("in-the-wild.json") + cases("synthetic.json"))
def test_mojibake_is_repaired(case: dict) -> None:
    expected = case.get("fixed-encoding", case["fixed"])
    out = clean(case["original"], rules=RULES, apply="all").text
    assert out in {expected, case["fixed"]}


@pytest.mark.parametrize("case", cases("negative.json"))
def test_lookalikes_are_left_alone(case: dict) -> None:
    out = clean(case["original"], rules=RULES, apply="all").text
    assert out == case.get("fixed-encoding", case["fixed"]) or out == case["original"] == case.get("fixed-encoding")
