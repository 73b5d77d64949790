"""Punctuation family (P), letters and numbers: characters of another convention inside English words.

A Turkish dotless ı, or a Cyrillic or Greek letter that looks like a Latin one, ends up inside an
English word when a source text or an engine's output was typed on another keyboard ("ıncluding",
"раrliament" with a Cyrillic р and а). Numbers keep the source language's decimal comma ("2,5
percent"). The look-alikes come from Unicode's confusables table (confusable_homoglyphs).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import lru_cache

import regex

from ..document import Document
from ..fixes import Proposal, Safety
from ..lexicon import is_common
from ..registry import rule
from .chars import wide_chars

NON_ASCII = regex.compile(r"[^\x00-\x7f]")

UNITS = (
    "%|percent|per cent|percentage points?|million|billion|trillion|thousand|degrees|°|points|times|"
    "kilometres|kilometers|km|kg|tons|tonnes|metres|meters|cm|mm|hours|litres|liters|hectares|euros|dollars"
)
DECIMAL_COMMA = regex.compile(rf"(?<![\p{{N}},.])(\p{{N}}{{1,3}}),(\p{{N}}{{1,2}})(?![\p{{N}},])(?=[ \t\u00a0]?(?:{UNITS})(?!\p{{L}}))")


@lru_cache(maxsize=4096)
def _latin_twin(ch: str) -> str | None:
    """The ASCII letter ``ch`` is drawn like, if Unicode's confusables table names exactly one."""
    from confusable_homoglyphs import confusables

    found = confusables.confusables_data.get(ch)
    if not found:
        return None
    letters = {g["c"] for g in found if len(g["c"]) == 1 and g["c"].isascii() and g["c"].isalpha()}
    return letters.pop() if len(letters) == 1 else None


def _latin_script(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith("LATIN")


@rule("P008", "look-alike-letter", "other", Safety.SAFE, example="The раrliament met, ıncluding the opposition.")
def look_alike_letter(doc: Document) -> Iterator[Proposal]:
    """A letter of another alphabet inside an English word ("ıncluding", "раrliament" with Cyrillic р, а).

    Each foreign letter that Unicode lists as a look-alike of one Latin letter is replaced by it,
    when that turns the word into an everyday English word (wordfreq) and the word mixes scripts
    or holds a Latin letter English never uses (dotless ı). Safe: the result is a common word that
    the original could only be a misspelling of; names ("Yıldız") and foreign words are left alone.
    """
    text = doc.text
    if text.isascii():
        return
    suspects = "".join(sorted(c for c in wide_chars(text) if _latin_twin(c)))
    if not suspects:
        return  # curly quotes, dashes, accented letters: nothing that passes for a Latin letter
    word_end = 0
    for found in regex.finditer(f"[{regex.escape(suspects)}]", text):
        if found.start() < word_end:
            continue  # another suspect letter of the word just looked at
        start, word_end = found.start(), found.end()
        while start and text[start - 1].isalpha():
            start -= 1
        while word_end < len(text) and text[word_end].isalpha():
            word_end += 1
        word = text[start:word_end]
        if len(word) < 2:
            continue
        foreign = [c for c in word if not c.isascii()]
        if not any(c.isascii() for c in word) and not all(_latin_script(c) for c in foreign):
            continue  # a whole word in another script: a fragment, not a slip
        twins = {c: _latin_twin(c) for c in set(foreign)}
        if any(t is None for t in twins.values()):
            continue
        fixed = "".join(twins.get(c) or c for c in word)
        if is_common(fixed) and not is_common(word):
            yield Proposal(start, word_end, fixed, "Letters of another alphabet that look like Latin ones.")


@rule("P009", "decimal-comma", "other", Safety.REVIEW, example="Inflation rose to 2,5 percent.")
def decimal_comma(doc: Document) -> Iterator[Proposal]:
    """A decimal comma in an English number ("2,5 percent", "1,25 million").

    Most source languages write decimals with a comma; English uses a point. Only one or two
    digits after the comma count (a thousands separator has three), followed by a unit or a
    multiplier. Review: a list ("1,2 million and 3 million") is possible.
    """
    text = doc.text
    if "," not in text:
        return
    for m in DECIMAL_COMMA.finditer(text):
        yield Proposal(m.start(1), m.end(2), f"{m.group(1)}.{m.group(2)}", "A decimal comma; English writes a point.")
