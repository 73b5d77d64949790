"""Fragment family (Z), leftovers: a lone lower-case word after the last sentence of a paragraph.

Machine translation of a page sometimes leaves a word of a button, a tag or a cut sentence
behind the paragraph's last full stop ("... on the eve of the election. promote."). English
never starts a sentence in lower case, and a one-word sentence closing a paragraph is no
sentence at all; the fix removes it. Abbreviations before the stop ("5 p.m. sharp.", "etc.
too.") are not sentence ends and are left alone.

>>> t = "Polls close at eight on Sunday. promote."
>>> [t[f.start:f.end] for f in stray_trailing_word(Document(t))]
[' promote.']
>>> list(stray_trailing_word(Document("The shop opens at 9 a.m. daily.")))
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from ..document import Document
from ..fixes import Proposal, Safety
from ..lexicon import zipf
from ..registry import rule
from ..triggers import Trigger

# A full word (three letters or more, lower case after its first, not after a dot or an apostrophe), its stop,
# then one lower-case word and a stop closing the line.
STRAY = regex.compile(r"(?m)(?<![\p{L}\p{M}\p{N}.'’@/-])(\p{L}\p{Ll}{2,})[.!?][\"”’)]?([ \t]+([a-z]{2,20})[.!]?)[ \t]*$")
CANDIDATE = re.compile(r"[.!?][\"”’)]?[ \t]+[a-z]{2,20}[.!]?[ \t]*$", re.M)  # a fast first look (stdlib re)
ABBREVIATIONS = frozenset({"etc", "approx", "incl", "excl", "resp", "viz", "cf", "vol", "vols", "nos", "dept", "govt",
                           "est", "min", "max", "sec", "hrs", "mins", "pp", "ibid", "misc", "corp", "ltd", "inc",
                           "bros", "assn", "mrs", "gen", "col", "sgt", "capt", "gov", "sen", "rep", "rev", "prof", "hon", "ave",
                           "blvd", "mts", "jr", "sr", "esq", "dr", "mr", "ms", "st", "no", "op", "ed", "eds", "fig", "figs", "univ", "intl", "natl", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
                           "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun"})
ENGLISH = 3.0  # Zipf: the word before the stop is an English word, so the stop ends a sentence


@rule("Z009", "stray-trailing-word", "fragment", Safety.REVIEW,
      example="No campaigning is allowed on the eve of the election. promote.",
      trigger=Trigger(pattern=r"[.!?][\"”’)]?[ \t]+[a-z]+[.!]?[ \t]*(?:\n|\Z)"))
def stray_trailing_word(doc: Document) -> Iterator[Proposal]:
    """A lone lower-case word after the last sentence of a paragraph ("the election. promote.").

    The sentence before it must end on an English word (Zipf 3 or more, not an abbreviation such
    as "etc." or "a.m."), and the leftover must be one word alone up to the end of the line.
    The fix removes the word and its stop. Review: the word may be the start of a sentence the
    page cut off.
    """
    text = doc.text
    for c in CANDIDATE.finditer(text):
        m = STRAY.search(text, max(0, c.start() - 30), c.end())
        if m is None:
            continue
        before, word = m.group(1), m.group(3)
        if before.lower() in ABBREVIATIONS or zipf(before) < ENGLISH or zipf(word) == 0:
            continue
        yield Proposal(m.start(2), m.end(2), "",
                       f"{word!r} alone after the paragraph's last sentence: a leftover of the page, not a sentence.")
