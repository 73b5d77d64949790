"""Word scanning shared by the glued family (G): unknown words, whole-word occurrences, ignore lists."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from functools import lru_cache

import re

import regex

from ..census import census
from ..folding import non_ascii
from ..lexicon import common_forms, looks_technical, zipf

UNKNOWN = 1.0  # wordfreq has (almost) never seen it: below once per 100 million words

# A run of letters that is a whole token: not inside a URL, path, handle, hashtag, number or compound.
WORD = regex.compile(r"(?<![\p{L}\p{M}\p{N}_@#/.'’&+-])\p{L}{4,}(?![\p{L}\p{M}\p{N}_@/'’&+-]|\.\p{L})")
# The same pattern for the standard engine, several times faster: [^\W\d_] is a letter and \w a
# letter, digit or number there. Both engines read a text alike when each of its characters gets
# the same classes from both (no combining marks); :func:`_engines_agree` checks that.
FAST_WORD = re.compile(r"(?<![\w@#/.'’&+-])[^\W\d_]{4,}(?![\w@/'’&+-]|\.[^\W\d_])")
_LETTER, _NUMBER, _MARK = regex.compile(r"\p{L}"), regex.compile(r"\p{N}"), regex.compile(r"\p{M}")
_AGREE: dict[str, bool] = {}


def _char_agrees(c: str) -> bool:
    ok = _AGREE.get(c)
    if ok is None:
        letter, number = bool(_LETTER.match(c)), bool(_NUMBER.match(c))
        ok = (not _MARK.match(c) and letter == (c.isalnum() and not c.isdecimal())
              and (letter or number) == c.isalnum())
        _AGREE[c] = ok
    return ok


def _engines_agree(text: str) -> bool:
    """True if FAST_WORD finds exactly what WORD finds in ``text`` (always for ASCII)."""
    return all(_char_agrees(c) for c in non_ascii(text))


# A capitalized word in running text (a candidate name).
CAPITALIZED = regex.compile(r"(?<![\p{L}\p{N}'’-])\p{Lu}\p{Ll}+(?![\p{L}\p{N}-])")
SENTENCE_START = regex.compile(r"(?:^|[.!?:;\"“”‘’(\[*#>–—-]\s*|\n)\s*\Z")


@lru_cache(maxsize=4)
def word_counts(text: str) -> Counter[str]:
    """How often each whole letter-only token of four or more letters occurs (one shared pass)."""
    return Counter((FAST_WORD if _engines_agree(text) else WORD).findall(text))


RARE_CUTOFF = 3.0  # the rarest words any word-level rule asks for


FAST_LETTERS = re.compile(r"[^\W\d_]{5,}")
_BEFORE = frozenset("_@#/.'’&+-")  # what FAST_WORD's lookbehind refuses, besides \w
_AFTER = frozenset("_@/'’&+-")     # and its lookahead


def _letter_runs(text: str) -> set[str]:
    """Distinct maximal runs of five or more letters in ``text`` that are not common forms.

    From the :func:`census`; a token holding bytes beyond ASCII is split into letter runs as
    FAST_WORD reads letters. Every word of five letters or more that FAST_WORD finds is one
    of these (tested).
    """
    out: set[str] = set()
    common = None
    for token in census(text):
        if len(token) < 5:
            continue  # fewer bytes, fewer characters
        if token.isascii():
            out.add(token.decode("ascii"))
            continue
        common = common or common_forms()
        out.update(w for w in FAST_LETTERS.findall(token.decode("utf-8", "surrogatepass")) if w not in common)
    return out


def _whole(text: str, start: int, end: int) -> bool:
    """True if FAST_WORD would read ``text[start:end]`` (a run of letters) as a whole token."""
    if start > 0:
        c = text[start - 1]
        if c.isalnum() or c in _BEFORE:
            return False
    if end < len(text):
        c = text[end]
        if c.isalnum() or c in _AFTER:
            return False
        if c == "." and end + 1 < len(text) and text[end + 1].isalnum() and not text[end + 1].isdecimal():
            return False
    return True


def places(word: str, text: str, whole: Callable[[str, int, int], bool]) -> Iterator[int]:
    """Where ``word`` starts in ``text`` (found with ``str.find``) and ``whole(text, start, end)`` holds."""
    i = text.find(word)
    while i >= 0:
        if whole(text, i, i + len(word)):
            yield i
        i = text.find(word, i + 1)


def token_count(word: str, text: str) -> int:
    """How often ``word`` (letters only) occurs in ``text`` as a whole token: ``word_counts(text)[word]``.

    >>> token_count("Trump", "Trump met trump, Trumps and #Trump. Trump.")
    2
    """
    if not _engines_agree(text):
        return word_counts(text)[word]
    return sum(1 for _ in places(word, text, _whole))


@lru_cache(maxsize=4)
def rare_words(text: str) -> tuple[tuple[str, float], ...]:
    """Distinct words of five or more letters below Zipf :data:`RARE_CUTOFF`, with their Zipf value, sorted.

    Looked up once per text for all the word-level rules; most words are common and drop out
    here, in bulk (:func:`_letter_runs`): only the few left are looked up and looked for as
    whole tokens. A text the two engines read differently takes the word scan.
    """
    fast = _engines_agree(text)
    out = []
    for w in _letter_runs(text) if fast else (w for w in word_counts(text).keys() - common_forms() if len(w) >= 5):
        z = zipf(w.lower())
        if z < RARE_CUTOFF and (not fast or next(places(w, text, _whole), -1) >= 0):
            out.append((w, z))
    return tuple(sorted(out))


def unknown_words(text: str, *, lower_only: bool = True, min_len: int = 5, below: float = UNKNOWN) -> list[str]:
    """Distinct words rarer than ``below`` (Zipf; default: unknown to wordfreq), in a stable order."""
    if min_len < 5 or below > RARE_CUTOFF:
        return sorted(w for w in word_counts(text)
                      if len(w) >= min_len and (w.islower() or not lower_only) and zipf(w.lower()) < below)
    return [w for w, z in rare_words(text) if len(w) >= min_len and z < below and (w.islower() or not lower_only)]


def occurrences(word: str, text: str) -> Iterator[regex.Match]:
    """Where ``word`` occurs as a whole token, not inside a URL, hashtag, handle or hyphenated compound."""
    return regex.finditer(r"(?<![\p{L}\p{M}\p{N}_@#/.'’&+-])" + regex.escape(word)
                          + r"(?![\p{L}\p{M}\p{N}_@/'’&+-]|\.\p{L})", text)


def token_at(text: str, start: int, end: int) -> str:
    """The whitespace-delimited token around ``text[start:end]``."""
    a = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start), text.rfind("\t", 0, start)) + 1
    ends = [i for i in (text.find(" ", end), text.find("\n", end), text.find("\t", end)) if i >= 0]
    return text[a:min(ends or [len(text)])]


def plain_occurrences(word: str, text: str) -> list[regex.Match]:
    """Occurrences of ``word`` that are ordinary prose, not part of a URL, address or file name."""
    return [m for m in occurrences(word, text) if not looks_technical(token_at(text, m.start(), m.end()))]


@lru_cache(maxsize=4)
def names_in(text: str) -> dict[str, str]:
    """Capitalized words the text uses as names: lower-case form -> written form.

    A word counts when it is capitalized at least once inside a sentence and
    never written in lower case ("Trump", "Canada"; not "Changes").

    >>> names_in("He met Trump. Trump and Canada spoke. Changes came.")["trump"]
    'Trump'
    """
    lower = {w for w in word_counts(text) if w.islower()}
    inside: dict[str, str] = {}
    for m in CAPITALIZED.finditer(text):
        word = m.group()
        low = word.lower()
        if low in inside or low in lower:
            continue  # settled: a name already, or written in lower case too
        if not SENTENCE_START.search(text, max(0, m.start() - 3), m.start()):
            inside[low] = word
    return {k: v for k, v in inside.items() if not (len(k) <= 3 and _short_lower_word(k, text))}


class DocumentNames:
    """:func:`names_in` asked word by word: ``key in names``, ``names.get(key, default)``, ``names[key]``.

    Equal to the dictionary (tested), without scanning the whole text for its words and capitals:
    a plain lower-case key ("trump") is a name when its capitalized form ("Trump") occurs as a
    whole word inside a sentence and the key itself is never a whole word; any other key, and any
    key in a text holding the Kelvin sign (the one capital beyond ASCII whose lower case is
    ASCII), asks the dictionary.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._asked: dict[str, str | None] = {}
        self._whole_dict = "\u212a" in non_ascii(text)

    def __bool__(self) -> bool:
        return True  # "names or {}": an empty mapping answers as {} does

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._lookup(key) is not None

    def get(self, key: str, default: str | None = None) -> str | None:
        found = self._lookup(key)
        return default if found is None else found

    def __getitem__(self, key: str) -> str:
        found = self._lookup(key)
        if found is None:
            raise KeyError(key)
        return found

    def _lookup(self, key: str) -> str | None:
        if self._whole_dict or not (key.isascii() and key.isalpha() and key.islower() and len(key) >= 2):
            return names_in(self.text).get(key)
        if key not in self._asked:
            self._asked[key] = self._ascii_name(key)
        return self._asked[key]

    def _ascii_name(self, key: str) -> str | None:
        text = self.text
        if len(key) >= 4 and token_count(key, text):
            return None  # written in lower case too
        written = key[0].upper() + key[1:]
        for i in places(written, text, capital_whole):
            if not SENTENCE_START.search(text, max(0, i - 3), i):
                return None if len(key) <= 3 and _short_lower_word(key, text) else written
        return None


_BEFORE_CAPITAL = regex.compile(r"[\p{L}\p{N}'’-]")  # what CAPITALIZED's lookbehind refuses
_AFTER_CAPITAL = regex.compile(r"[\p{L}\p{N}-]")      # and its lookahead
_REFUSED: dict[tuple[bool, str], bool] = {}


def _refused(after: bool, c: str) -> bool:
    """True if CAPITALIZED's lookahead (``after``) or lookbehind refuses ``c`` (memoized per character)."""
    key = (after, c)
    hit = _REFUSED.get(key)
    if hit is None:
        hit = _REFUSED[key] = bool((_AFTER_CAPITAL if after else _BEFORE_CAPITAL).match(c))
    return hit


def capital_whole(text: str, start: int, end: int) -> bool:
    """True if CAPITALIZED's lookarounds accept the word at ``text[start:end]``."""
    return not (start > 0 and _refused(False, text[start - 1]) or end < len(text) and _refused(True, text[end]))


SHORT_LOWER = regex.compile(r"\p{Ll}{1,3}")


def _short_lower_word(word: str, text: str) -> bool:
    """True if ``word`` (1-3 lower-case letters) occurs in ``text`` as a whole word."""
    return bool(SHORT_LOWER.fullmatch(word)) and regex.search(r"\b" + regex.escape(word) + r"\b", text) is not None


def ignored(word: str, ignore: frozenset[str]) -> bool:
    """True if the user's or the shipped ignore list names ``word`` (case-insensitive)."""
    return bool(ignore) and word.lower() in ignore
