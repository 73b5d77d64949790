"""Glued words (G001): two words run together when a space was lost."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import re

import regex

from ..document import Document
from ..fixes import Proposal
from ..lexicon import FUNCTION_WORDS, zipf
from .words import DocumentNames, ignored, plain_occurrences, unknown_words

PART = 3.5        # each half must be an everyday word
SHORT_PART = 4.5  # and a 2-3 letter half a very common one
MIN_GLUED = 7
MAX_GLUED = 32    # two glued words are rarely longer; longer runs are not worth splitting
# Words that end a clause before a lost comma or space: "ago" in "agoimplementing".
CLAUSE_ENDS = frozenset("ago also then now still already yet too again today there here later soon".split())
# Words that open a clause or phrase after a lost space: "Canadauntil", "talksbecause".
OPENERS = frozenset("""until after before since because though although unless whether through during without
    within between against among around across toward towards despite while when where which that this
    with from into than and but who whose""".split())
# Right halves that make derived words: "contextless", "stateful".
SUFFIXES = frozenset("less ness ful fully like wise ship hood able ably ment ments ism ist ists".split())
# Left halves that make derived words, not two words: "unexpecting", "superblack".
PREFIXES = frozenset("""un re pre non super over under out sub anti co counter inter multi post semi mega
    micro mini self ultra hyper dis mis in im il ir de en em extra mid off on up down back""".split())
# Right halves that make place and family names: "Kingsbridge", "Greenfield".
PLACE_ENDS = frozenset("""bridge field ford ton town ville burg burgh berg stein stone wood water worth
    land port mouth ham by dale vale hill side gate well brook ley moor more man son""".split())


NEXT_CAPITALIZED = regex.compile(r"[ \t]+\p{Lu}")


def best_split(word: str, names: Mapping[str, str] | None = None) -> tuple[str, str] | None:
    """The split of an unknown word into two everyday words (or a name and a word), best first.

    The boundary must look lost rather than built: a function word or a
    clause-ending adverb on the left, a clause opener ("until") on the right,
    or a name the document uses on the left. A word ending in -ing or -ed
    after an ordinary word is a compound ("casefolded"), not two words.

    >>> best_split("agoimplementing")
    ('ago', 'implementing')
    >>> best_split("trumpchanges", {"trump": "Trump"})
    ('Trump', 'changes')
    """
    if len(word) > MAX_GLUED:
        return None
    names = names or {}
    lower = word.lower()
    best: tuple[float, str, str] | None = None
    for i in range(2, len(lower) - 1):
        left, right = lower[:i], lower[i:]
        zl, zr = zipf(left), zipf(right)
        need_l = SHORT_PART if len(left) <= 3 else PART
        need_r = SHORT_PART if len(right) <= 3 else PART
        if left in PREFIXES or right in SUFFIXES:
            if min(zl, zr) >= PART or left in PREFIXES and zr >= PART:
                return None  # a prefix or suffix and a word: a derived word ("superblack"), not two words
            continue
        if len(left) < 3 or len(right) < 3:
            continue
        named = left in names  # a name ends the clause: "Trumpchanges", "Canadauntil"
        if named and right not in OPENERS and (right in PLACE_ENDS or len(right) < 4):
            continue
        lost = left in FUNCTION_WORDS or left in CLAUSE_ENDS or right in OPENERS
        if not (named or lost):
            continue  # "manpage", "keyfiles": closed compounds, not a lost boundary
        if (zl >= need_l or left in names) and (zr >= need_r or right in names):
            score = min(zl, zr) + (1.0 if named else 0.0)
            if best is None or score > best[0]:
                best = (score, names.get(left, left), names.get(right, right))
    if best is None:
        return None
    left, right = best[1], best[2]
    if word[0].isupper():
        left = left[0].upper() + left[1:]
    return left, right


def _may_split(word: str, text: str) -> bool:
    """False when :func:`best_split` surely finds nothing, without the document's names.

    A split needs a lost boundary (a function word or clause end on the left, an opener
    on the right) or a left part the text uses as a name; a name is a capitalized whole
    word, so its capitalized form occurs in the text outside this word.
    """
    if len(word) > MAX_GLUED:
        return False  # best_split refuses it anyway; trying every cut would cost time quadratic in its length
    if not word.isascii():
        return True
    lower = word.lower()
    own = None
    for i in range(3, len(lower) - 2):
        left, right = lower[:i], lower[i:]
        if left in FUNCTION_WORDS or left in CLAUSE_ENDS or right in OPENERS:
            return True
        cap = left[0].upper() + left[1:]
        if cap in text:
            if word.islower():
                return True  # a capitalized form never occurs inside a lower-case word
            if own is None:
                own = text.count(word)
            if text.count(cap) > own:  # inside a capitalized word it can only be its start
                return True
    return False


def glued_words(doc: Document, ignore: frozenset[str] = frozenset()) -> Iterator[Proposal]:
    """Two words written as one ("agoimplementing" for "ago implementing", "Canadauntil").

    Only lower-case or capitalized words that English (wordfreq) does not
    know, used once in the document (no other form of it either), that split
    into two everyday words at a lost boundary: before a word that opens a
    clause ("Canadauntil"), after a function word or a clause-ending adverb
    ("ago"), or after a name the document uses on
    its own ("Trumpchanges" -> "Trump changes", in the name's form). Derived words
    ("unexpecting", "contextless"), closed compounds ("manpage"), place-like
    names ("Kingsbridge"), URLs and hashtags are left alone, and so is a name-led
    split followed by a capitalized word ("Annalena Baerbock" is a full name,
    not "Anna lena"). On a page where three words or more split so, the page loses
    spaces: any unknown word of five letters or more that splits into two everyday words
    ("escaperoutes", "tomeet") is proposed too. A preposition glued to a number of two digits
    or more ("of40", "since2019") is proposed anywhere. Review.
    """
    found = list(_strict(doc.text, ignore))
    yield from found
    yield from _glued_number(doc.text)
    yield from _number_then_opener(doc.text)
    if len(found) >= SPACE_LOSS_EVIDENCE:
        yield from _loose(doc.text, ignore, {p.start for p in found})


SPACE_LOSS_EVIDENCE = 3  # glued words found at a lost boundary: the page loses spaces, look closer
LOOSE_MIN = 5
LOOSE_RARE = 2.0  # wordfreq has seen "accordingto" (Zipf 1.45) on pages like these
SHORT_LEFT = frozenset("a an of to in on at by as or the".split())


def best_loose_split(word: str) -> tuple[str, str] | None:
    """The split of ``word`` into two everyday words (a short function word on the left allowed), best first.

    >>> best_loose_split("escaperoutes"), best_loose_split("tomeet"), best_loose_split("notebook")
    (('escape', 'routes'), ('to', 'meet'), None)
    """
    lower = word.lower()
    best: tuple[float, str, str] | None = None
    for i in range(1, len(lower) - 1):
        left, right = lower[:i], lower[i:]
        if len(right) < 2 or len(left) < 3 and left not in SHORT_LEFT or len(right) < 3 and right not in SHORT_LEFT:
            continue
        zl, zr = zipf(left), zipf(right)
        if left in PREFIXES and zr >= PART or right in SUFFIXES and zl >= PART:
            return None  # a derived word ("unexpecting", "stateless"), not two words
        if zl >= (SHORT_PART if len(left) <= 3 else PART) and zr >= (SHORT_PART if len(right) <= 3 else PART):
            if best is None or min(zl, zr) > best[0]:
                best = (min(zl, zr), left, right)
    if best is None or zipf(lower) >= PART:
        return None
    left, right = best[1], best[2]
    return (left[0].upper() + left[1:] if word[0].isupper() else left), right


def _loose(text: str, ignore: frozenset[str], taken: set[int]) -> Iterator[Proposal]:
    """Glued words on a page that loses spaces: any split into two everyday words, once in the text."""
    for word in unknown_words(text, lower_only=False, min_len=LOOSE_MIN, below=LOOSE_RARE):
        if not (word.islower() or word[1:].islower()) or ignored(word, ignore):
            continue
        split = best_loose_split(word)
        if split is None:
            continue
        left, right = split
        for m in plain_occurrences(word, text):
            if m.start() not in taken:
                yield Proposal(m.start(), m.end(), f"{left} {right}",
                               f"{word!r} looks like two words run together ({left!r}, {right!r}), "
                               "on a page that loses spaces elsewhere too.")


def _strict(text: str, ignore: frozenset[str]) -> Iterator[Proposal]:
    """:func:`glued_words` at a lost boundary only."""
    lowered = names = None
    for word in unknown_words(text, lower_only=False, min_len=MIN_GLUED):
        if not (word.islower() or word[1:].islower()) or ignored(word, ignore):
            continue
        if not _may_split(word, text):
            continue  # no boundary can look lost, whatever names the text uses
        if names is None:
            names = DocumentNames(text)
        split = best_split(word, names)
        if split is None:
            continue
        left, right = split
        stem = (left + right[:4]).lower()
        if lowered is None:
            lowered = text.lower()
        if lowered.count(stem) > 1:
            continue  # the text uses the form again ("mouthpart", "casefolded ... casefolding"): a term, not a slip
        full_name = left.lower() in names and right not in OPENERS  # "Annalena Baerbock": a first name
        for m in plain_occurrences(word, text):
            if full_name and NEXT_CAPITALIZED.match(text, m.end()):
                continue
            yield Proposal(m.start(), m.end(), f"{left} {right}",
                           f"{word!r} looks like two words run together: {left!r} and {right!r}.",
                           alternatives=(f"{left}, {right}",))


# A preposition glued to a number: "of40", "since2019". Not inside handles, hashtags, paths or
# identifiers ("@in2020", "#since1990", "file_of12"), nor before letters ("in2x").
GLUED_NUMBER = regex.compile(
    r"(?<![\p{L}\p{N}_@#/.\\-])(?i:(of|in|since|than|from|about|over|under|until|during|between|among))"
    r"(\p{N}{2,}(?:[,.]\p{N}{3})*)(?![\p{L}\p{N}_@/\\-]|[.,]\p{N})"
)


# Its first look (standard engine, digits first): two digits after a letter.
QUICK_GLUED_NUMBER = re.compile(r"\d\d(?<=[A-Za-z]\d\d)")
LETTERS_BEFORE = regex.compile(r"\p{L}+\Z")


# A number glued to a word that opens a clause ("30because", "2019when"): the space after it lost.
NUMBER_THEN_OPENER = regex.compile(r"(?<![\p{L}\p{N}_@#/.\\-])(\p{N}{2,})(" + "|".join(sorted(OPENERS, key=len, reverse=True))
                                   + r")(?![\p{L}\p{N}_@/\\-])")
# A word glued to a whole date ("Nam23/10/2025", "Hanoi2024-05-01"): the space before a dateline's date.
GLUED_DATE = regex.compile(r"(?<![\p{L}\p{N}_@#/.\\-])(\p{L}{2,})(\p{N}{1,2}/\p{N}{1,2}/\p{N}{4}|\p{N}{4}-\p{N}{2}-\p{N}{2})"
                           r"(?![\p{L}\p{N}/-])")


def _glued_number(text: str) -> Iterator[Proposal]:
    """A preposition glued to a number ("of40") or a word glued to a date ("Nam23/10/2025"): a lost space."""
    for quick in QUICK_GLUED_NUMBER.finditer(text):
        word = LETTERS_BEFORE.search(text, max(0, quick.start() - 30), quick.start())
        m = GLUED_NUMBER.match(text, word.start()) if word is not None else None
        if m is None:
            d = GLUED_DATE.match(text, word.start()) if word is not None else None
            if d is not None and not d.group(1).isupper():  # "REF2024-05-01": a code
                yield Proposal(d.start(), d.end(), f"{d.group(1)} {d.group(2)}",
                               f"{d.group()!r} looks like {d.group(1)!r} and a date run together.")
            continue
        word, number = m.groups()
        if word[1:].isupper() or word.isupper() and len(word) > 1:
            continue  # "IN2024", "OF12": codes and labels
        yield Proposal(m.start(), m.end(), f"{word} {number}", f"{m.group()!r} looks like {word!r} and a number run together.")


QUICK_NUMBER_THEN_LETTERS = re.compile(r"\d[a-z]{3}")


def _number_then_opener(text: str) -> Iterator[Proposal]:
    """A number glued to a word that opens a clause ("30because"): a lost space."""
    if QUICK_NUMBER_THEN_LETTERS.search(text) is None:
        return
    for m in NUMBER_THEN_OPENER.finditer(text):
        yield Proposal(m.start(), m.end(), f"{m.group(1)} {m.group(2)}",
                       f"{m.group()!r} looks like a number and {m.group(2)!r} run together.")

