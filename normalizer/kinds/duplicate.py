"""Duplicate family (D): repeated words and doubled closing quotation marks."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import re

import regex

from ..document import Document
from ..fixes import Proposal, Safety
from ..lexicon import is_common
from ..registry import rule
from ..scan import Scan
from ..triggers import Trigger

# The standard library's re is several times faster here; the letters-only check is done after.
# A whole run ("the the the") at once, so that one pass removes it (pair by pair, 1,800 words would
# need more passes than the engine allows).
REPEAT = re.compile(r"\b(\w+)(?:[ \t]+(\1)\b)+", re.IGNORECASE)
# Repeats that English allows: "had had", "that that", "very very", "bye bye".
LEGITIMATE = frozenset(
    """had that is do does very no ha haha bye yeah so really far more many oh ho la na
    well now there knock tut chop hip hey yes wait go run blah tick tock ding dong tsk yada cha
    hush pooh goody""".split()
)
# Places and names that are a word said twice: "Bora Bora", "Walla Walla", "Sirhan Sirhan".
REDUPLICATED_NAMES = frozenset("bora walla pago sing duran sirhan mahi baden kuala tutu dum".split())
# One quick pass for both repeat rules: a word then the same word, or two words then the same two.
# Possessive quantifiers: a whole word is taken at once (the rules' patterns match whole words too).
QUICK_REPEAT = re.compile(r"\b(\w++)[ \t]++(?:\1\b|(\w++)[ \t]++\1[ \t]++\2\b)", re.IGNORECASE)
DOUBLE_QUOTE = regex.compile(r"(?<=[^\s”’»])(”|»)\1+")
SENTENCE_START = regex.compile(r"(?:\A|[.!?:;]\s+|\n\s*)\Z")


# The same check on a byte image of the text (:func:`_image`), without case folding: the text's
# alphabetic words are runs of a-z there, so the standard engine's back-reference runs on bytes.
IMAGE_REPEAT = re.compile(rb"\b([a-z]++) ++(?:\1\b|([a-z]++) ++\1 ++\2\b)")
# ASCII letters lower-cased, space and tab a space, digits and "_" (word characters but never in an
# alphabetic word) \x02, every other ASCII character \x01, every byte beyond ASCII "z".
_IMAGE = bytes(c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 else 32 if c in (9, 32) else
               2 if 48 <= c <= 57 or c == 95 else 122 if c >= 128 else 1 for c in range(256))
_CHAR_KIND: dict[str, int] = {}  # 0: the text needs the slow check, 1: a word character, 2: a separator


def _char_kind(c: str) -> int:
    kind = _CHAR_KIND.get(c)
    if kind is None:
        size = len(c.encode("utf-8", "surrogatepass"))
        if not (c.isalnum() or c == "_"):
            kind = 2  # not \w: one more separator between words
        else:  # its image must not depend on case: equal words under IGNORECASE, equal images
            same = all(len(x.encode("utf-8", "surrogatepass")) == size for x in (c.lower(), c.upper()))
            kind = 1 if same else 0
        _CHAR_KIND[c] = kind
    return kind


def _image(text: str, chars: frozenset[str]) -> bytes | None:
    """``text`` as bytes in which two words equal under ``re.IGNORECASE`` are equal runs of a-z and
    every other character is something else; None for a text holding a word character whose upper
    or lower case has another UTF-8 length ("ẞ", "ſ", the Kelvin sign), which has no such image.
    ``chars`` are the text's characters beyond ASCII.
    """
    data = text.encode("utf-8", "surrogatepass")
    if not data.isascii():
        for c in chars:
            kind = _char_kind(c)
            if kind == 0:
                return None
            if kind == 2:  # a separator beyond ASCII ("“", "—", a no-break space): \x01 too
                data = data.replace(c.encode("utf-8", "surrogatepass"), b"\x01")
    return data.translate(_IMAGE)


@lru_cache(maxsize=4)
def _may_repeat(text: str, chars: frozenset[str]) -> bool:
    """False when neither D001 nor D003 can find a repeat of alphabetic words anywhere in ``text``
    (``chars``: its characters beyond ASCII)."""
    image = _image(text, chars)
    if image is None:
        return QUICK_REPEAT.search(text) is not None
    return IMAGE_REPEAT.search(image) is not None


@rule("D001", "repeated-word", "duplicate", Safety.SAFE, example="familiar with the The discussions")
def repeated_word(doc: Document, scan: Scan) -> Iterator[Proposal]:
    """A word immediately repeated ("the The", "National National"); a longer run goes at once.

    Repeats English allows ("had had", "that that") and repeated rare words
    ("ylang ylang") are left alone. When both
    copies are capitalized mid-sentence the pair may be a name ("Sirhan
    Sirhan", "Walla Walla"), so the fix is review.
    """
    text = doc.text
    if not _may_repeat(text, scan.non_ascii):
        return
    for m in REPEAT.finditer(text):
        first, second = m.group(1), m.group(2)  # the first copy and the last
        if not first.isalpha() or text[m.start() - 1:m.start()] in ("'", "’", "-"):
            continue
        end = m.end()
        if text[end:end + 1] in ("'", "’", "-"):  # the last copy is glued to what follows: it stays
            end = m.start() + len(text[m.start():m.start(2)].rstrip(" \t"))
            if end == m.start() + len(first):
                continue
        if first.lower() in LEGITIMATE or first.lower() in REDUPLICATED_NAMES or len(first) == 1 and first.lower() not in {"a"}:
            continue
        both_capital = first[0].isupper() and second[0].isupper()
        if not both_capital and not is_common(first):
            continue  # "ylang ylang", "mahi mahi": rare words repeat on purpose
        at_start = bool(SENTENCE_START.search(text[max(0, m.start() - 3):m.start()]))
        safety = Safety.REVIEW if both_capital and not at_start else Safety.SAFE
        yield Proposal(m.start(), end, first, f"The word {first!r} is repeated.", safety)


@rule("D002", "doubled-closing-quote", "duplicate", Safety.SAFE, example="“great news.”” she said")
def doubled_closing_quote(doc: Document) -> Iterator[Proposal]:
    """A closing quotation mark written twice or more ("news.””")."""
    if "””" not in doc.text and "»»" not in doc.text:
        return
    for m in DOUBLE_QUOTE.finditer(doc.text):
        yield Proposal(m.start(), m.end(), m.group(1), "Closing quotation mark doubled.")


REPEATED_PHRASE = re.compile(r"\b((\w+)[ \t]+(\w+))(?:[ \t]+\2[ \t]+\3\b)+", re.IGNORECASE)  # a whole run


@rule("D003", "repeated-phrase", "duplicate", Safety.REVIEW, example="talks resumed in the in the capital")
def repeated_phrase(doc: Document, scan: Scan) -> Iterator[Proposal]:
    """Two words immediately repeated ("in the in the").

    Review: a repeated pair can be rhetorical ("step by step by step" is not
    matched, but "more and more and" could be intended).
    """
    text = doc.text
    if not _may_repeat(text, scan.non_ascii):
        return
    for m in REPEATED_PHRASE.finditer(text):
        pair = m.group(1)
        if not pair.replace(" ", "").replace("\t", "").isalpha() or m.group(2).lower() in LEGITIMATE:
            continue
        if m.group(2).lower() == m.group(3).lower():
            continue  # "no no no no": a repeated word, D001's business
        yield Proposal(m.start(), m.end(), pair, f"The words {pair!r} are repeated.")


# A word offered as its own alternative ("a hammer or hammer"): two source words translated alike.
SAME_OR = re.compile(r"\b([a-z]{3,})[ \t]+or[ \t]+\1\b(?![-'’])")
WORD_END = re.compile(r"\b[a-z]{3,}[ \t]*\Z")


@rule("D006", "same-word-alternative", "duplicate", Safety.REVIEW, example="They brought a hammer or hammer.",
      trigger=Trigger(literals=(" or ",)))
def same_word_alternative(doc: Document) -> Iterator[Proposal]:
    """A word offered as its own alternative ("a hammer or hammer"): the engine translated two
    source words (a sledgehammer and a hammer) alike. The repeat and its "or" go. Review: the
    person may know the second word."""
    text = doc.text
    at = text.find(" or ")
    while at >= 0:  # the standard engine only around each " or " (a scan of every word costs more)
        before = WORD_END.search(text, max(0, at - 40), at + 1)
        if before is not None:
            m = SAME_OR.match(text, before.start())
            if m is not None and m.end(1) == at:
                yield Proposal(m.end(1), m.end(), "", f"{m.group(1)!r} is offered as its own alternative.")
        at = text.find(" or ", at + 4)
