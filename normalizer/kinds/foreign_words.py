"""Fragment family (Z), Latin script: words of the source language left inside English sentences.

A translation engine that does not know a word, or that translates through a pivot language,
leaves it as it was: "the Münchner students", "Good morning to all and todas", "Além Besides the
laser episode" (the word, then its translation). The words come from a curated table
(``foreign_words.toml`` beside this module: frequent Spanish, Portuguese, German, Italian and
French words that English does not use, with their English); a word counts only inside an
English sentence, never quoted, italicised, introduced as a term or among other foreign words.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import regex

from ..document import Document
from ..fixes import Proposal, Safety
from ..lexicon import FUNCTION_WORDS, zipf
from ..registry import rule
from ..triggers import Trigger
from .fragments import INTRODUCED

LANGUAGE_NAMES = {"de": "German", "es": "Spanish", "fr": "French", "it": "Italian", "pt": "Portuguese"}
WORD = regex.compile(r"(?<![\p{L}\p{M}\p{N}'’-])\p{Latin}[\p{Latin}\p{M}]*(?:['’]\p{Latin}+)?(?![\p{L}\p{M}\p{N}-])")
QUOTES_OR_MARKS = "\"“”„«»‘’'*_‹›「」"
SENTENCE_END = regex.compile(r"(?:\A|[.!?:;]|\n)[\s\"“‘«(]*\Z")
NAMED = regex.compile(r"(?i)\b(?:word|term|name|title)s?\s+(?:is|was|for \w+ is)\s+\Z")
DOUBLED = regex.compile(r"(?<![\p{L}\p{M}])(\p{L}+)((?:,? (?:and|or)|/) ?)\Z")  # "to all and " before the word
ENGLISH = 3.0  # Zipf: a word English uses (about once per million words)


@dataclass(frozen=True, slots=True)
class Entry:
    word: str                  # as listed (German nouns capitalized)
    lang: str
    english: tuple[str, ...]   # replacements, best first
    capitalized: bool          # counts capitalized inside a sentence too


@lru_cache(maxsize=1)
def table() -> dict[str, Entry]:
    """The curated table, by lower-case word."""
    data = tomllib.loads(files(__package__).joinpath("foreign_words.toml").read_text(encoding="utf-8"))
    out = {}
    for lang, places in sorted(data.items()):
        for where, words in sorted(places.items()):
            for word, english in sorted(words.items()):
                out[word.lower()] = Entry(word, lang, tuple(english), where == "capitalized")
    return out


def _english_context(words: list[str], i: int) -> bool:
    """The words around position ``i`` (four each side) make an English sentence, with no other foreign word."""
    around = words[max(0, i - 4):i] + words[i + 1:i + 5]
    if any(w.lower() in table() for w in around):
        return False  # several source-language words: a quotation or an untranslated clause
    english = sum(1 for w in around if zipf(w.lower()) >= ENGLISH)
    return english >= 3 and english >= 0.7 * len(around)


def _marked(text: str, start: int, end: int) -> bool:
    """Quoted, italicised, in brackets, or introduced as a term: kept on purpose."""
    before, after = text[max(0, start - 1):start], text[end:end + 1]
    if (before and before in QUOTES_OR_MARKS) or (after and after in QUOTES_OR_MARKS):
        return True
    if before == "(" and after == ")":
        return True
    before = text[max(0, start - 60):start]
    return bool(INTRODUCED.search(before) or NAMED.search(before))


def _named_elsewhere(text: str, word: str) -> bool:
    """``word`` also occurs capitalized inside a sentence in the document: a name ("Schon said ... Neal Schon")."""
    pattern = regex.compile(rf"[\p{{L}},;][ \t]+{regex.escape(word)}(?![\p{{L}}\p{{M}}])")
    return bool(pattern.search(text))


def _capitalize(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:]


@rule("Z006", "foreign-word", "fragment", Safety.REVIEW,
      example="Good morning to all and todas, said the spokesman.",
      trigger=Trigger(literals=tuple(sorted(table()))))
def foreign_word(doc: Document) -> Iterator[Proposal]:
    """A Spanish, Portuguese, German, Italian or French word left in an English sentence.

    The words and their English are a curated table (``normalizer/kinds/foreign_words.toml``):
    frequent in their language, rare in English. A word counts in lower case; capitalized at
    the start of a sentence when a function word, a comma or its translation follows
    ("Tuttavia the", not the name in "Ayer said"); and, for German nouns and city adjectives,
    capitalized before a lower-case word ("the Münchner students"). It must sit among English
    words, alone, not quoted, italicised, bracketed or introduced ("the word"). When the next
    word is already its translation ("Além Besides the"), or when it doubles the English word
    before it ("to all and todas", from "todos y todas"), the fix removes it; otherwise it
    proposes the English. Review: a word can be a name or a quotation.
    """
    text = doc.text
    entries = table()
    for line in regex.finditer(r"[^\n]+", text):
        found = list(WORD.finditer(line.group()))
        words = [m.group() for m in found]
        for i, m in enumerate(found):
            entry = entries.get(m.group().lower())
            if entry is None:
                continue
            word, start, end = m.group(), line.start() + m.start(), line.start() + m.end()
            at_start = bool(SENTENCE_END.search(text, max(0, start - 12), start)) or start == line.start()
            following = words[i + 1] if i + 1 < len(words) else ""
            firsts = {e.split()[0].lower() for e in entry.english}
            if entry.capitalized and word != word.lower():
                if word != entry.word or not following[:1].islower() or text[end:end + 1] != " ":
                    continue  # not before a lower-case word: part of a name ("Dresdner Bank")
            elif word != word.lower() and (not at_start or _named_elsewhere(text, word) or not (
                    following.lower() in firsts or following.lower() in FUNCTION_WORDS or text[end:end + 1] == ",")):
                continue  # a name: inside a sentence, used as one elsewhere, or followed by its verb ("Ayer said")
            if word.isupper() and len(word) > 1 or _marked(text, start, end) or not _english_context(words, i):
                continue
            lang = LANGUAGE_NAMES[entry.lang]
            echo = following.lower() in firsts
            if echo and text[end:end + 1] == " ":
                yield Proposal(start, end + 1, "",
                               f"{lang} {word!r} left before its own translation {following!r}.")
                continue
            doubled = DOUBLED.search(text, max(0, start - 40), start)
            if doubled and doubled.group(1).lower() in {w.lower() for e in entry.english for w in e.split()}:
                yield Proposal(doubled.start(2), end, "", f"{lang} {word!r} doubles the English "
                               f"{doubled.group(1)!r} before it (\"todos y todas\"): one is enough.")
                continue
            options = [_capitalize(e) if at_start and word[:1].isupper() else e for e in entry.english]
            yield Proposal(start, end, options[0], f"Untranslated {lang} {word!r}: {options[0]!r} in English.",
                           alternatives=tuple(options[1:]))
