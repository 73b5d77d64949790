"""Fragment family (Z), lost script: an abbreviation whose letters a codec turned into question marks.

A page saved in a code page without the source script's letters writes each of them as "?":
a Greek or Cyrillic abbreviation ("Π.Υ.", "С.Ш.А.") comes out as "?.?.", often with its brackets
half gone ("of Patras ?.?.?.)."). Nothing of it can be read back; the fix removes the remnant.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..document import Document
from ..fixes import Proposal, Safety
from ..lexicon import FUNCTION_WORDS
from ..registry import rule
from ..triggers import Trigger

# Two or more question marks joined by full stops, with the brackets around them if any.
NEXT_WORD = regex.compile(r"[ \t]+[\"“]?(\p{L}+)")
LOST = regex.compile(r"[ \t]*\(?(?<![\p{L}\p{N}?])\?(?:\.\?)+\.?\)?(?![\p{L}\p{N}?])")


@rule("Z007", "lost-script-abbreviation", "fragment", Safety.REVIEW,
      example="The case went to the police of Patras ?.?.?.).",
      trigger=Trigger(pattern=r"\?\.\?"))
def lost_script_abbreviation(doc: Document) -> Iterator[Proposal]:
    """An abbreviation in another script lost to question marks ("?.?.?." for "Π.Υ.Π.").

    English never writes question marks joined by full stops, so the remnant (with the
    brackets around it, or the half of them that is left) is proposed for removal. A full stop
    the remnant ended on stays at the end of a line or before a capitalized function word
    ("The", "He"). Review: the abbreviation is lost,
    and the reviewer may want to restore it from the source.
    """
    text = doc.text
    for m in LOST.finditer(text):
        core = m.group().strip(" \t")
        nxt = NEXT_WORD.match(text, m.end())
        ends_sentence = text[m.end():m.end() + 1] in ("", "\n") or (
            nxt is not None and nxt.group(1).lower() in FUNCTION_WORDS and nxt.group(1)[0].isupper())
        keep_stop = core.rstrip(")").endswith(".") and ends_sentence
        start = m.start()
        yield Proposal(start, m.end(), "." if keep_stop else "",
                       f"{core!r}: an abbreviation whose letters were lost to question marks.")
