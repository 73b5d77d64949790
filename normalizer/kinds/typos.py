"""Letter slips (G002, G003): a word one edit away from a much more frequent word."""

from __future__ import annotations

import string
from collections.abc import Iterator
from functools import lru_cache

import regex

from ..casing_words import casing_counts
from ..document import Document
from ..fixes import Proposal
from ..lexicon import bucket, common_words, dictionary_words, foreign_line, is_common, line_at, zipf
from .words import UNKNOWN, ignored, plain_occurrences, token_count, unknown_words

TARGET = 3.5        # the intended word is an everyday word (about 3 per million words or more)
RARE = 3.0          # a slip is rarer than once per million words (common misspellings reach 2.9)
GAP = 1.75          # and the intended word at least 50 times more frequent
WIDE_GAP = 2.5      # a known word counts as a dropped/added-letter slip only 300 times rarer than the intended one
LONG = 8            # and only in words of eight letters or more ("bleat", "minuet" are words)
SHORT_TARGET = 4.5  # a letter dropped or added in a shorter word counts only for a very common intended word
MIN_TYPO = 5        # shorter unknown tokens are too often abbreviations, slang or foreign words
MAX_TYPO = 24
MAX_DOCUMENT_SLIPS = 3  # a rare word one letter from a word the text writes elsewhere may recur this often ("minster")
MAX_ALTERNATIVES = 3
LETTERS = string.ascii_lowercase


def stray_last_letter(word: str) -> str | None:
    """The word without its last letter, when that is an everyday word ("preventedy")."""
    stem = word[:-1]
    return stem if zipf(stem) >= TARGET else None


DOUBLING, SWAP, OTHER = 0, 1, 2   # the kinds of slip, most typical first
INFLECTIONS = ("s", "es", "d", "ed", "r", "er", "est", "ing", "ings", "ly", "ally")


def one_edit(word: str, floor: float = TARGET, kinds: int = OTHER) -> list[str]:
    """Everyday words one slip away: a letter dropped or added (doubled letters included) or two swapped.

    Best first: higher word frequency, then a doubled or undoubled letter, then
    a swap. ``kinds`` limits the slips (``SWAP``: doubling and swaps only).
    Letter substitutions are not tried: they turn too many rare words into common ones.
    The answer depends on its arguments alone, so each word is worked out once per process
    (words recur from document to document).

    >>> one_edit("goverment")
    ['government']
    >>> one_edit("recieve", kinds=SWAP)
    ['receive']
    """
    return list(_one_edit(word, floor, kinds))


@lru_cache(maxsize=65536)
def _one_edit(word: str, floor: float, kinds: int) -> tuple[str, ...]:
    seen: dict[str, tuple[float, int]] = {}
    def consider(cand: str, kind: int) -> None:
        # most variants are no word at all: a table lookup before the Zipf value
        if kind <= kinds and cand != word and cand not in seen and bucket(cand) is not None:
            z = zipf(cand)
            if z >= floor:
                seen[cand] = (z, kind)

    n = len(word)
    for i in range(n):
        doubled = i + 1 < n and word[i] == word[i + 1] or i > 0 and word[i] == word[i - 1]
        if i > 0 or doubled:  # an extra first letter is how identifiers are made: "rfind", "pprint"
            consider(word[:i] + word[i + 1:], DOUBLING if doubled else OTHER)
        if i + 1 < n and word[i] != word[i + 1]:
            consider(word[:i] + word[i + 1] + word[i] + word[i + 2:], SWAP)
    # a dropped letter: every insertion, but looked up first in the everyday words (Zipf 3 and
    # more, a small dictionary loaded anyway) when only words of Zipf >= TARGET can qualify
    everyday = common_words() if floor >= TARGET and word.isascii() and word.isalpha() and word.islower() else None
    for i in range(n + 1):
        head, tail = word[:i], word[i:]
        for c in LETTERS:
            cand = head + c + tail
            if everyday is not None and cand not in everyday:
                continue
            doubled = i > 0 and word[i - 1] == c or i < n and word[i] == c
            consider(cand, DOUBLING if doubled else OTHER)
    return tuple(sorted(seen, key=lambda c: (-round(seen[c][0], 1), seen[c][1], c)))


def inflected(word: str) -> bool:
    """True if ``word`` is a known word plus an inflection ("computes", "scoped", "vaguer").

    >>> inflected("computes"), inflected("recieve")
    (True, False)
    """
    for ending in INFLECTIONS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            base = word[: -len(ending)]
            if zipf(base) >= 2.0 or zipf(base + "e") >= 2.0:
                return True
    return False


def extra_letter(doc: Document, ignore: frozenset[str] = frozenset()) -> Iterator[Proposal]:
    """A word with one stray letter at its end ("preventedy" for "prevented").

    Only lower-case words that English (wordfreq) does not know, used once in
    the document, whose last letter, removed, leaves an everyday word
    (identifiers such as "lineno" recur). Review: a rare word can end
    that way too.
    """
    text = doc.text
    for word in unknown_words(text):
        stem = stray_last_letter(word)
        if stem is None or token_count(word, text) > 1 or ignored(word, ignore) or not word.isascii():
            continue
        for m in plain_occurrences(word, text):
            if foreign_line(line_at(text, m.start())):
                continue  # "gli insulti": a word of another language, in a line of it
            yield Proposal(m.start(), m.end(), stem, f"{word!r} is not a word; {stem!r} with a stray last letter?")


@lru_cache(maxsize=65536)
def _slips(word: str) -> tuple[str, ...]:
    """The everyday words ``word`` may be a slip for, best first (none: a word, or no slip).

    What G003 decides from the word alone, worked out once per word and process (words recur
    from document to document); what depends on the document (used twice, ignored) is asked first.
    """
    if zipf(word) < UNKNOWN and stray_last_letter(word):
        return ()  # G002's stray last letter
    z = zipf(word)
    if z >= UNKNOWN and inflected(word):
        return ()  # a rare but regular form of a known word
    if word in dictionary_words():
        return ()  # an edited dictionary uses it: a real word ("minuet", "canvass")
    floor = max(TARGET, z + GAP)
    candidates = one_edit(word, floor, OTHER if z < UNKNOWN else SWAP)
    if not candidates and z >= UNKNOWN and len(word) >= LONG:  # any slip, in a long word far rarer than the intended one
        candidates = one_edit(word, max(TARGET, z + WIDE_GAP))
    if len(word) < LONG:  # a short foreign word ("sowan") is one letter from some English word: only a very common one counts
        typical = set(one_edit(word, floor, SWAP))  # a doubled or undoubled letter, or two swapped
        candidates = [c for c in candidates if c in typical or zipf(c) >= SHORT_TARGET]
    return tuple(candidates)


def misspelling(doc: Document, ignore: frozenset[str] = frozenset()) -> Iterator[Proposal]:
    """A lower-case word that is not English but one slip from an everyday word ("goverment").

    The slip is a dropped, added, doubled or undoubled letter, or two swapped
    letters; the suggestions are the candidates, most frequent first. Only
    ASCII lower-case words of five or more letters, rarer than once per
    million words and at least 50 times rarer than the intended word, used
    once in the document (up to three times when the text writes the intended word elsewhere). A word wordfreq knows (common misspellings such as
    "recieve" are known) must not be a regular form of a known word
    ("computes", "scoped"), and a dropped or added letter counts only when
    the word has eight letters or more and the intended word is 300 times
    more frequent ("goverment"); names, acronyms,
    CamelCase, URLs, addresses, hashtags, handles, numbers with units and
    hyphenated compounds are never words here. G002's stray last letter is
    left to G002, and a word CC-CEDICT's English senses use is a real word
    ("minuet"). A rare word the rules above keep ("minster") is still a slip when the word
    one letter away is far more frequent and the document writes it elsewhere ("Minister").
    Review: a rare word or a new coinage can look the same.
    """
    text = doc.text
    for word in unknown_words(text, min_len=MIN_TYPO, below=RARE):
        if len(word) > MAX_TYPO or not word.isascii() or ignored(word, ignore):
            continue
        used = token_count(word, text)
        if used > MAX_DOCUMENT_SLIPS:
            continue
        candidates = _slips(word) if used == 1 else ()
        message = "{word!r} is not a word; a slip for {best!r}{others}?"
        if not candidates:  # the slip may repeat where the text itself writes the intended word
            candidates = _slips_of_document_words(word, text)
            message = "{word!r} is a rare word one letter from {best!r}{others}, which the text uses elsewhere."
        if not candidates:
            continue
        for m in plain_occurrences(word, text):
            if foreign_line(line_at(text, m.start())):
                continue  # "la politica estera": a word of another language, in a line of it
            best, rest = candidates[0], tuple(candidates[1:1 + MAX_ALTERNATIVES])
            others = f" (or {', '.join(repr(c) for c in rest)})" if rest else ""
            yield Proposal(m.start(), m.end(), best, message.format(word=word, best=best, others=others),
                           alternatives=rest)


def _slips_of_document_words(word: str, text: str) -> tuple[str, ...]:
    """Everyday words one slip from ``word`` that ``text`` itself uses ("minster" where it writes "Minister").

    Only a letter dropped inside the word counts ("minster"); a word that differs at its
    start or end is mostly another word or a form of it ("pager", "internals", "locale").
    A capitalized use inside a longer name ("United States", "United Nations": a capitalized
    everyday word follows) is no evidence for "united" against "untied".
    """
    if zipf(word) >= RARE or not word.islower() or inflected(word):
        return ()  # "cased": a regular form of a known word
    found = []
    for cand in one_edit(word, max(TARGET, zipf(word) + GAP)):
        if len(cand) != len(word) + 1 or cand[0] != word[0] or cand[-1] != word[-1]:
            continue  # only a letter dropped inside the word: "pager", "internals", "ecover" are other words
        for m in regex.finditer(rf"(?<![\p{{L}}\p{{N}}])(?i:{regex.escape(cand)})(?![\p{{L}}\p{{N}}])", text):
            after = NEXT_WORD.match(text, m.end())
            if m.group().islower() or after is None or not _everyday(after.group(1)):
                found.append(cand)
                break
    return tuple(found)


NEXT_WORD = regex.compile(r"[ \t]+(\p{Lu}\p{L}*)")
LOWER_USES = 10  # times CC-CEDICT's English writes a word in lower case, for it to be an everyday word


def _everyday(word: str) -> bool:
    """An everyday word that also starts names ("States", "Nations"), not a given name ("Ana", "John")."""
    return is_common(word) and casing_counts().get(word.lower(), (0, 0))[1] >= LOWER_USES
