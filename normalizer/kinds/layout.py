"""Spacing family (S), line layout: a sentence broken across lines (S015), a line break one word too late (S016).

Pages copied out of a reader, a PDF or an engine that works line by line keep the line breaks
of their layout: a paragraph cut at a fixed width, or at every clause. A line that ends without
any sentence mark, followed by one that goes on in lower case, is one sentence.
"""

from __future__ import annotations

from collections.abc import Iterator

import bisect
import re

import regex

from ..document import Document
from ..fixes import Proposal, Safety
from ..lexicon import FUNCTION_WORDS, is_common
from ..registry import rule
from ..triggers import Trigger

# A single line break between a lower-case word (or a comma after it) and a lower-case word.
BREAK = re.compile(r"\n[ \t]*(?=[a-z])")  # the word before is checked in code
WORD = regex.compile(r"\p{L}[\p{L}'’-]*")
LIST_ITEM = regex.compile(r"[ \t]*(?:[-*•·–—>#|]|\d{1,3}[.)]|\(?[a-z][.)][ \t])")
CODE_LIKE = regex.compile(r"[{}<>=;$]|://|\t")
MIN_WORDS = 4          # the broken line holds at least this many words
WRAP_WIDTH = 100       # a file whose lines all fit this width may be wrapped on purpose ...
WRAPPED_BREAKS = 3     # ... when it breaks this many sentences ...
FULL_LINE = 0.75       # ... each at a line this close to its widest line
SENTENCE_END = regex.compile(r"[.!?:;\"”’)\]…]$")
NEARBY = 2             # lines within which a second break shows a paragraph broken at every clause


class _Span(tuple):
    """A (start, end) pair read like a match."""

    def __new__(cls, start: int, end: int) -> "_Span":
        return super().__new__(cls, (start, end))

    def start(self) -> int:
        return self[0]

    def end(self) -> int:
        return self[1]


def _line(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, end if end >= 0 else len(text)


def _block(text: str, pos: int) -> str:
    """The lines around ``pos`` up to the blank lines before and after."""
    start = text.rfind("\n\n", 0, pos)
    end = text.find("\n\n", pos)
    return text[start + 2 if start >= 0 else 0:end if end >= 0 else len(text)]


def _verse(block: str) -> bool:
    """True for a block of lines that go on with a capital without ending a sentence: a poem,
    an address, a list of names (each line its own unit)."""
    lines = [s.strip() for s in block.split("\n") if s.strip()]
    runs = sum(1 for a, b in zip(lines, lines[1:]) if not SENTENCE_END.search(a) and b[:1].isupper())
    return runs >= 2


def _wrapped_file(text: str, broken: list[int]) -> bool:
    """True for a file wrapped at a fixed width throughout: every line fits a terminal, and the lines
    it breaks sentences at are full lines (a choice of the file, not a slip)."""
    if len(broken) < WRAPPED_BREAKS:
        return False
    widest = max(len(s) for s in text.split("\n"))
    return widest <= WRAP_WIDTH and sum(1 for n in broken if n >= FULL_LINE * widest) >= 0.8 * len(broken)


@rule("S015", "hard-line-break", "spacing", Safety.REVIEW,
      example=("The regional council said on Monday that the new bus\nfares would apply from March, and that "
               "pensioners would ride free as before.\n\nThe vote was close and the opposition said it would appeal.\n"),
      trigger=Trigger(pattern=r"[a-z],?[ \t]*\n[ \t]*[a-z]"))
def hard_line_break(doc: Document) -> Iterator[Proposal]:
    """A line break inside a sentence ("the new bus\\nfares would apply"): the line ends on a word
    with no sentence mark and the next line goes on with an everyday lower-case word.

    Per document: a file wrapped at a fixed width throughout (every line under 100 characters,
    its sentences broken at full lines) wraps on purpose and is left alone, as is Markdown (where
    such breaks are soft), and never in a list, a line of code, or a poem-like block of short
    lines. A break after a comma needs a second break nearby (a paragraph cut at every clause):
    one text per line may end a line with a comma. Review: the break becomes a space.
    """
    text = doc.text
    if doc.is_markdown or "\n" not in text:
        return
    found = []
    for b in BREAK.finditer(text):
        end = b.start()
        while end > 0 and text[end - 1] in " \t":
            end -= 1
        before = text[max(0, end - 2):end]
        if not (before[-1:].islower() or before[-1:] == "," and before[:1].islower()):
            continue
        m = _Span(end, b.end())
        a0, a1 = _line(text, m.start())
        b0, b1 = _line(text, m.end())
        a, b = text[a0:a1], text[b0:b1]
        words_a, first_b = WORD.findall(a), WORD.match(b, m.end() - b0)
        if (len(words_a) < MIN_WORDS or first_b is None or not is_common(first_b.group())
                or LIST_ITEM.match(a) or LIST_ITEM.match(b) or CODE_LIKE.search(a) or CODE_LIKE.search(b)):
            continue
        if _verse(_block(text, m.start())):
            continue
        found.append((m, a.rstrip().endswith(",")))
    if _wrapped_file(text, [len(text[_line(text, m.start())[0]:m.start()]) for m, _ in found]):
        return
    newlines = [i for i, c in enumerate(text) if c == "\n"] if any(comma for _, comma in found) else []
    numbers = [bisect.bisect_left(newlines, m.start()) for m, _ in found]
    for k, (m, comma) in enumerate(found):
        if comma and not any(j != k and abs(numbers[j] - numbers[k]) <= NEARBY for j in range(len(found))):
            continue  # a lone break after a comma: one text per line may end so
        yield Proposal(m.start(), m.end(), " ", "A line break inside a sentence.")


# A line that ends with an article, or a heading whose last word is the subject of the next line.
ARTICLE_AT_END = re.compile(r" (The|A|An)\n(?=[^\W_])")  # a letter before: checked in code
WORD_AT_END = re.compile(r" ([A-Z][a-z]+)\n(?=(?:is|are|was|were|has|have|had|will|would|can|could|should|must|may|might) )")
HEADING_WORDS = 8


def _heading(line: str) -> bool:
    """A short line without a final stop whose words (but function words) all start with a capital."""
    words = WORD.findall(line)
    return (0 < len(words) <= HEADING_WORDS and not SENTENCE_END.search(line.rstrip()) and not line.rstrip().endswith(",")
            and all(w[0].isupper() or w.lower() in FUNCTION_WORDS for w in words))


@rule("S016", "shifted-line-break", "spacing", Safety.REVIEW,
      example="Local Elections Action\nis needed at the old harbour, the mayor said.\n",
      trigger=Trigger(pattern=r" (?:The|A|An|[A-Z][a-z]+)\n"))
def shifted_line_break(doc: Document) -> Iterator[Proposal]:
    """A line break one word too late: the first word of a line left at the end of the line above
    ("election results The\\nPSOE candidate", "Local Elections Action\\nis needed").

    A page's kicker or heading and the text below it were joined and split again at the wrong
    place. Only where the line above ends with a capitalized article ("The", "A", "An": no line
    of prose or heading ends so), or is a short heading in Title Case whose last word is the
    subject of a next line that starts with "is", "was", "has" or another verb that needs one.
    Review: the break moves before the word.
    """
    text = doc.text
    if "\n" not in text:
        return
    for m in ARTICLE_AT_END.finditer(text):
        line = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
        if len(WORD.findall(line)) >= 2 and line[-1:].isalpha():
            yield Proposal(m.start(), m.end(), "\n" + m.group(1) + " ", f"{m.group(1)!r} starts the next line.")
    for m in WORD_AT_END.finditer(text):
        line = text[text.rfind("\n", 0, m.start()) + 1:m.end() - 1]
        end = text.find("\n", m.end())
        nxt = text[m.end():end if end >= 0 else len(text)]
        if (_heading(line) and len(WORD.findall(line)) >= 2 and text[m.start() - 1:m.start()].isalpha() and m.group(1).lower() not in FUNCTION_WORDS
                and len(nxt.split()) >= 4):
            yield Proposal(m.start(), m.end(), "\n" + m.group(1) + " ", f"{m.group(1)!r} is the subject of the next line.")
