"""Properties over arbitrary text (hypothesis): offsets, idempotence, untouched clean text, check = clean."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normalizer import Document, engine, load_rules
from normalizer.document import decode

from ..conftest import DATA
from ..test_idempotence import PIECES

RULES = load_rules()
ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
ARTEFACTS = st.lists(PIECES, max_size=30).map(" ".join)
TEXTS = st.one_of(ANY_TEXT, ARTEFACTS, st.lists(st.one_of(PIECES, ANY_TEXT), max_size=12).map("".join))

CLEAN_PARAGRAPHS = [p.strip() for path in sorted((DATA / "prose").glob("*.txt"))
                    for p in path.read_text(encoding="utf-8").split("\n\n") if len(p.split()) >= 8]
EXAMPLES = int(os.environ.get("MTNORM_PROPERTY_EXAMPLES", "250"))  # `make fuzz` runs 5,000
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TEXTS)
def test_offsets_are_valid_and_original_is_the_span(text: str) -> None:
    doc = Document(text)
    for fix in engine.propose(doc, RULES):
        assert 0 <= fix.start <= fix.end <= len(text)
        assert text[fix.start:fix.end] == fix.original
        assert fix.original != fix.replacement


@SETTINGS
@given(TEXTS)
def test_clean_is_idempotent(text: str) -> None:
    for level in ("safe", "all"):
        once = engine.clean(Document(text), RULES, level)
        again = engine.clean(Document(once.text), RULES, level)
        assert again.text == once.text and not again.applied


@SETTINGS
@given(TEXTS)
def test_check_and_clean_agree(text: str) -> None:
    doc = Document(text)
    reported, _ = engine.resolve(engine.propose(doc, RULES))
    result = engine.clean(doc, RULES, "all")
    assert bool(reported) == result.changed  # check finds something iff clean --apply all changes the text
    if reported:
        assert result.passes[0] == reported  # and its first pass applies exactly what check reported
        assert engine.apply(text, reported) == (engine.clean(doc, RULES, "all").text if len(result.passes) == 1
                                                else engine.apply(text, result.passes[0]))


@settings(max_examples=max(150, EXAMPLES // 2), deadline=None)
@given(st.lists(st.sampled_from(range(len(CLEAN_PARAGRAPHS))), min_size=1, max_size=6, unique=True),
       st.sampled_from(["\n", "\r\n", "\r"]), st.booleans())
def test_text_without_artefacts_comes_back_byte_for_byte(picks: list[int], newline: str, bom: bool) -> None:
    body = "\n\n".join(CLEAN_PARAGRAPHS[i] for i in picks) + "\n"
    data = (b"\xef\xbb\xbf" if bom else b"") + body.replace("\n", newline).encode("utf-8")
    doc = decode(data, Path("story.txt"))
    result = engine.clean(doc, RULES, "all")
    assert engine.propose(doc, RULES) == []
    assert doc.encode(result.text) == data
