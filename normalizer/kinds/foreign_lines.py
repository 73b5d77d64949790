"""Fragment family (Z), whole lines: a line left in another language written in Latin script.

Z003 finds lines in another script; a page translated from Italian, Indonesian or Polish also
keeps lines the engine never translated, in Latin letters ("la politica estera del governo",
a site's prompt in Indonesian). Such a line has few everyday English words and many everyday
words of one other language (wordfreq's lists). Quotations, lines of names and a text that is
not in English as a whole are left alone.

>>> t = "The minister spoke on Monday about the budget of the city and its schools.\\n" \\
...     "la politica estera del governo non cambia dopo le elezioni\\nThe talks resume soon, officials said.\\n"
>>> [(t[f.start:f.end].strip(), f.message.split(":")[0]) for f in foreign_language_line(Document(t))]
[('la politica estera del governo non cambia dopo le elezioni', 'A line in Italian left untranslated')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from ..document import Document
from ..fixes import Proposal, Safety
from ..lexicon import COMMON, zipf, zipf_in
from ..registry import rule
from .boilerplate import removal_span

LINE = regex.compile(r"[^\n]+")
# Two of these in a line make it English: the look before counting words (stdlib re, fast).
ENGLISH_HINT = re.compile(r"\b(?:the|and|of|with|that|this|from|said|were|has|have|will|would|which|their|its)\b")
WORD = regex.compile(r"(?<![\p{L}\p{M}\p{N}'’-])(?=\p{Latin})\p{Ll}[\p{Ll}\p{M}]{2,}(?![\p{L}\p{M}\p{N}'’-])")
LANGUAGES = {"es": "Spanish", "pt": "Portuguese", "it": "Italian", "fr": "French", "de": "German", "nl": "Dutch",
             "id": "Indonesian", "pl": "Polish", "tr": "Turkish"}
MIN_WORDS = 5        # lower-case words of three letters or more in the line
MAX_ENGLISH = 0.3    # at most this share of them everyday English words
MIN_FOREIGN = 0.6    # at least this share of them everyday words of one other language
QUOTES = "\"“”„«»'‘’"


def _language(words: list[str]) -> str | None:
    """The language most of ``words`` belong to, or None."""
    best, share = None, 0.0
    for lang in LANGUAGES:
        found = sum(1 for w in words if zipf_in(w, lang) >= COMMON) / len(words)
        if found > share:
            best, share = lang, found
    return best if share >= MIN_FOREIGN else None


@rule("Z010", "foreign-language-line", "fragment", Safety.REVIEW,
      example="The minister spoke on Monday about the budget of the city and its schools.\n"
              "la politica estera del governo non cambia dopo le elezioni\nThe talks resume soon.\n")
def foreign_language_line(doc: Document) -> Iterator[Proposal]:
    """A line in another language in Latin script, left untranslated in an English text: five
    lower-case words or more, at most three in ten of them everyday English and most of them everyday
    words of one language wordfreq knows. Lines in quotation marks, and texts where such lines are
    more than half the lines of running text (a text not in English), are left alone. Review: remove
    it or translate it."""
    text = doc.text
    found: list[tuple[int, int, str]] = []
    lines = 0
    for line in LINE.finditer(text):
        s = line.group()
        if s.count(" ") < MIN_WORDS - 1:
            continue  # fewer than five words
        if (" the " in s) + (" of " in s) + (" and " in s) + (" to " in s) >= 2:
            lines += 1
            continue  # the quickest look: two of the commonest English words
        hints = ENGLISH_HINT.findall(s)
        if len(hints) >= 2 and len(set(hints)) >= 2:
            lines += 1
            continue  # two different English function words: an English line
        words = WORD.findall(s)
        if len(words) < MIN_WORDS:
            continue
        lines += 1
        if sum(1 for w in words if zipf(w) >= COMMON) > MAX_ENGLISH * len(words):
            continue
        stripped = s.strip()
        if stripped[:1] in QUOTES or stripped[-1:] in QUOTES:
            continue  # a quotation in the original language
        lang = _language(words)
        if lang is not None:
            found.append((line.start(), line.end(), lang))
    if not found or 2 * len(found) > lines:
        return
    for start, end, lang in found:
        s, e = removal_span(text, start, end)
        yield Proposal(s, e, "", f"A line in {LANGUAGES[lang]} left untranslated: remove it, or translate it.")
