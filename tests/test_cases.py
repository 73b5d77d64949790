"""Every rule against its labelled positive and negative cases (tests/cases/<CODE>.toml)."""

from __future__ import annotations

import pytest

from normalizer import clean, load_rules

from .conftest import CASES_DIR, load_cases


@pytest.mark.parametrize(("code", "case"), load_cases())
def test_case(code: str, case: dict) -> None:
    rules = load_rules(select=[code])
    out = clean(case["original"], rules=rules, apply="all")
    assert out.text == case["fixed"]
    again = clean(out.text, rules=rules, apply="all")
    assert again.text == out.text and not again.applied


def test_every_rule_has_cases_with_a_negative() -> None:
    for rule in load_rules():
        path = CASES_DIR / f"{rule.code}.toml"
        assert path.exists(), f"{rule.code} has no cases file"
        text = path.read_text(encoding="utf-8")
        assert "negative" in text, f"{rule.code} has no negative case"
