"""S004 is safe for lower-case compounds and participles after a name, review after any other capitalized word."""

from normalizer import Document, load_rules
from normalizer.fixes import Safety

RULES = load_rules(select=["S004"])


def safety(text: str) -> list[tuple[str, Safety]]:
    return [(f.replacement, f.safety) for r in RULES for f in r.find(Document(text))]


def test_lower_case_compounds_and_participles_are_safe() -> None:
    assert safety("high -level talks") == [("high-level", Safety.SAFE)]
    assert safety("a Kremlin -backed group") == [("Kremlin-backed", Safety.SAFE)]


def test_a_capitalized_word_before_another_part_is_review() -> None:
    assert safety("the Christian Union -social party") == [("Union-social", Safety.REVIEW)]
