"""Glued family (G): two words run together, and words with a stray extra letter."""

from __future__ import annotations

from collections.abc import Iterator

import re
from functools import lru_cache

import regex

from ..document import Document
from ..fixes import Proposal, Safety
from ..lexicon import FUNCTION_WORDS, looks_technical, zipf
from ..registry import rule

UNKNOWN = 1.0   # wordfreq has (almost) never seen it
PART = 3.5      # each half must be an everyday word
SHORT_PART = 4.5  # and a 2-3 letter half a very common one
MAX_GLUED = 32  # two glued words are rarely longer; longer runs are not worth splitting
# Words that end a clause before a lost comma or space: "ago" in "agoimplementing".
CLAUSE_ENDS = frozenset("ago also then now still already yet too again today there here later soon".split())
# Right halves that make derived words: "contextless", "stateful".
SUFFIXES = frozenset("less ness ful fully like wise ship hood able ably ment ments ism ist ists".split())
# Left halves that make derived words, not two words: "unexpecting", "superblack".
PREFIXES = frozenset("""un re pre non super over under out sub anti co counter inter multi post semi mega
    micro mini self ultra hyper dis mis in im il ir de en em extra mid off on up down back""".split())


WORDS_5 = re.compile(r"(?<![\w@#/.'’-])[^\W\d_]{5,}(?![\w@/'’-])")


@lru_cache(maxsize=4)
def _unknown_words(text: str) -> frozenset[str]:
    """Distinct lower-case words of 5+ letters that wordfreq does not know (one cheap pass, shared)."""
    return frozenset(w for w in set(WORDS_5.findall(text)) if w.islower() and zipf(w) < UNKNOWN)


def _occurrences(word: str, text: str) -> Iterator[regex.Match]:
    """Where ``word`` occurs as a whole word, not inside a URL, hashtag, handle or hyphenated compound."""
    return regex.finditer(r"(?<![\p{L}\p{N}@#/_.'’-])" + regex.escape(word) + r"(?![\p{L}\p{N}@_/'’-]|\.\p{L})", text)


def _token(text: str, start: int, end: int) -> str:
    a = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    b = min([i for i in (text.find(" ", end), text.find("\n", end)) if i >= 0] or [len(text)])
    return text[a:b]


def best_split(word: str) -> tuple[str, str] | None:
    """The split of an unknown word into two common words with the rarer half most common.

    >>> best_split("agoimplementing")
    ('ago', 'implementing')
    """
    if len(word) > MAX_GLUED:
        return None
    best: tuple[float, str, str] | None = None
    for i in range(2, len(word) - 1):
        left, right = word[:i], word[i:]
        zl, zr = zipf(left), zipf(right)
        need_l = SHORT_PART if len(left) <= 3 else PART
        need_r = SHORT_PART if len(right) <= 3 else PART
        if left in PREFIXES or right in SUFFIXES:
            if min(zl, zr) >= PART or left in PREFIXES and zr >= PART:
                return None  # a prefix or suffix and a word: a derived word ("superblack"), not two words
            continue
        if len(left) < 3 or len(right) < 3:
            continue
        if not (left in FUNCTION_WORDS or left in CLAUSE_ENDS or right.endswith(("ing", "ed"))):
            continue  # "manpage", "keyfiles": closed compounds, not a lost boundary
        if zl >= need_l and zr >= need_r:
            score = min(zl, zr)
            if best is None or score > best[0]:
                best = (score, left, right)
    return (best[1], best[2]) if best else None


@rule("G001", "glued-words", "glued", Safety.REVIEW,
      example="The system was developed a long time agoimplementing the first measures in December.")
def glued_words(doc: Document) -> Iterator[Proposal]:
    """Two words written as one ("agoimplementing" for "ago implementing").

    Only lower-case words that English (wordfreq) does not know, used once in
    the document, that split into two everyday words at a lost boundary: after
    a function word or a clause-ending adverb ("ago"), or before an -ing/-ed
    form. Derived words ("unexpecting", "contextless"), closed compounds
    ("manpage", "mouthpart"), URLs and hashtags are left alone. Review.
    """
    text = doc.text
    unknown = {w for w in _unknown_words(text) if len(w) >= 7}
    if not unknown:
        return
    for word in sorted(w for w in unknown if best_split(w)):
        found = list(_occurrences(word, text))
        if len(found) != 1:
            continue  # a spelling the text repeats is a closed compound ("mouthpart"), not a slip
        m = found[0]
        if looks_technical(_token(text, m.start(), m.end())):
            continue
        split = best_split(word)
        if split:
            left, right = split
            yield Proposal(m.start(), m.end(), f"{left} {right}",
                           f"{word!r} looks like two words run together: {left!r} and {right!r}.",
                           alternatives=(f"{left}, {right}",))


@rule("G002", "extra-letter", "glued", Safety.REVIEW, example="The increase planned for November 1 preventedy, he said.")
def extra_letter(doc: Document) -> Iterator[Proposal]:
    """A word with one stray letter at its end ("preventedy" for "prevented").

    Only lower-case words that English (wordfreq) does not know whose last
    letter, removed, leaves an everyday word. Review.
    """
    text = doc.text
    for word in sorted(_unknown_words(text)):
        stem = word[:-1]
        if zipf(stem) < PART or len(word) > 7 and best_split(word):
            continue
        for m in _occurrences(word, text):
            if not looks_technical(_token(text, m.start(), m.end())):
                yield Proposal(m.start(), m.end(), stem, f"{word!r} is not a word; {stem!r} with a stray last letter?")
