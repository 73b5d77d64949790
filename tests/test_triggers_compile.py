"""Every built-in rule's trigger compiles in the shared Hyperscan pass: a refused pattern is left out
silently and its rule then runs on every text (correct, but as slow as having no trigger)."""

from normalizer import Document, engine, load_rules
from normalizer.matchsets import QUICK


def test_no_built_in_trigger_is_refused_by_hyperscan() -> None:
    rules = load_rules()
    engine.propose(Document("The council met on Monday. It said so.\n"), rules)  # compiles the shared pass
    assert QUICK.patterns, "the shared pass holds the triggers' byte patterns"
    assert not QUICK.refused, f"Hyperscan refused the trigger patterns of {sorted(QUICK.refused)}"
