"""Duplicate family (D), blocks: a headline, caption or embedded post printed twice.

Scrapers keep what a page shows twice: the headline again as the image's alt text or a second
title, a photo caption with its credit once above the picture and once in a gallery, a quotation
given in the story and again in an embedded post (translated separately, so worded differently).
The copies differ in quotation marks, apostrophes, case or a lost character, so blocks are
compared in a normalized form (letters and digits only, case-folded) with rapidfuzz.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from rapidfuzz import fuzz

from ..document import Document
from ..fixes import Proposal, Safety
from ..registry import rule
from ..triggers import Trigger
from .boilerplate import removal_span

LINE = regex.compile(r"[^\n]+")
NOT_WORD = regex.compile(r"[^\p{L}\p{N}]+")
HEADLINE_ENDS = ".!?…:;"  # a line ending so is a sentence, not a headline
MAX_CREDIT = 90
# What follows a caption or an embedded post: "Name / AGENCY", "— Name (@handle)", a date alone.
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
CREDIT = regex.compile(
    r"^(?:[\p{L}][\p{L}.'’ -]{1,40}[ \t]/[ \t][\p{L}][\p{L}.&' -]{0,30}"      # Jordan Vance / AP
    r"|[–—-][ \t].{1,60}\(@\w{1,30}\)"                                      # – Agency (@handle)
    rf"|(?:{MONTH}[ \t]\d{{1,2}},?[ \t]\d{{4}}|\d{{1,2}}[ \t]{MONTH}[ \t]\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}))[ \t]*$"
)
CREDIT_HINT = regex.compile(r" / |\(@|\d{4}")  # what any credit line holds: a slash, a handle or a year
MIN_WORDS = 4
LABEL = regex.compile(r"^[\[(【].{1,80}[\])】]$")  # a line in brackets: a speaker's or a section's label
HEAD_LINES = 3  # a headline is among the first lines (after a breadcrumb or a section name)
SAME_BLOCK = 90       # fuzz.ratio of the normalized copies: a lost letter or apostrophe still matches
SAME_QUOTATION = 80   # fuzz.partial_ratio of a post against the paragraph that quoted it (separate translations)
MIN_QUOTATION_CHARS = 60
MIN_PARAGRAPH_CHARS = 120  # a paragraph this long printed twice, word for word, is a scraper's repeat
PARAGRAPH_GAP = 3          # ... when at most two lines stand between the copies (a text may quote itself far off)
DEFECT = regex.compile(r"\p{L}[”“]\p{L}|\p{L}[´`]\p{L}|[ \t]*[-–|]$")  # a stand-in apostrophe, a dangling separator


def key(block: str) -> str:
    """``block`` as compared: case-folded letters and digits, single spaces."""
    return NOT_WORD.sub(" ", block.casefold()).strip()


def _defects(block: str) -> int:
    """A rough count of what is wrong with a copy: stand-in apostrophes, a lower-case start."""
    return len(DEFECT.findall(block)) + (1 if block[:1].islower() else 0)


def _lines(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in LINE.finditer(text) if m.group().strip()]


def _with_credits(lines: list[tuple[int, int, str]], i: int) -> tuple[int, int]:
    """The span of line ``i`` and the credit lines right after it (at most two)."""
    start, end, _ = lines[i]
    for _s, e, text in lines[i + 1:i + 3]:
        if not CREDIT.match(text.strip()):
            break
        end = e
    return start, end


def _fewer_marks(a: str, b: str) -> bool:
    """True if ``a`` lost punctuation inside words that ``b`` has ("LUsine" against "L’Usine")."""
    inner = regex.compile(r"(?<=\p{L})[’'`´”](?=\p{L})")
    return len(inner.findall(a)) < len(inner.findall(b))


def _pairs(lines: list[tuple[int, int, str]]) -> Iterator[tuple[int, int, str]]:
    """(earlier, later, why) for the blocks a page shows twice."""
    keys: dict[int, str] = {}

    def k(i: int) -> str:  # normalized on demand: most lines are never compared
        if i not in keys:
            keys[i] = key(lines[i][2])
        return keys[i]

    heads = [i for i in range(min(HEAD_LINES, len(lines)))
             if lines[i][2].rstrip().rstrip("\"”’»)")[-1:] not in HEADLINE_ENDS and len(k(i).split()) >= MIN_WORDS]
    for head in heads:
        size = len(lines[head][2])
        if LABEL.match(lines[head][2].strip()):
            continue  # "[Name / President]": a speaker's label in a transcript, not a headline
        copies = [j for j in range(len(lines)) if j != head
                  and 0.7 * size <= len(lines[j][2]) <= 1.4 * size and fuzz.ratio(k(head), k(j)) >= SAME_BLOCK]
        if len(copies) == 1 and copies[0] > head:  # printed three times or more, it is a label the page repeats
            yield head, copies[0], "the headline"
    seen_paragraph: dict[str, int] = {}
    for j in range(len(lines)):  # a whole paragraph printed again right after by the scraper
        if len(lines[j][2]) >= MIN_PARAGRAPH_CHARS and j not in heads:
            same = " ".join(lines[j][2].split())  # as written: a new wording is no repeat
            first = seen_paragraph.get(same)
            if first is not None and j - first <= PARAGRAPH_GAP:
                yield first, j, "a paragraph"
            else:
                seen_paragraph[same] = j
    credited = [i for i in range(len(lines) - 1) if len(lines[i + 1][2]) <= MAX_CREDIT and CREDIT_HINT.search(lines[i + 1][2])
                and CREDIT.match(lines[i + 1][2].strip()) and len(k(i).split()) >= MIN_WORDS and i not in heads]
    for j in credited:
        for i in range(j):
            if i in heads or len(lines[i][2]) < len(lines[j][2]) * 0.7 or len(k(i)) < len(k(j)) * 0.8:
                continue
            whole = fuzz.ratio(k(i), k(j)) >= SAME_BLOCK
            quoted = (len(k(j)) >= MIN_QUOTATION_CHARS and len(k(i)) > len(k(j))
                      and fuzz.partial_ratio(k(j), k(i)) >= SAME_QUOTATION)
            if whole or quoted:
                yield i, j, "a caption or post" if whole else "a quotation"
                break


@rule("D004", "repeated-block", "duplicate", Safety.REVIEW,
      example="Port strike ends after ten days\n\nDockers voted on Friday.\n\nPort strike ends after ten days\n")
def repeated_block(doc: Document) -> Iterator[Proposal]:
    """A headline, caption or embedded post printed twice ("Strike ends" at the top and again at the end).

    Compared normalized (case, quotes, apostrophes and spacing ignored; a lost letter allowed):
    the headline (a first line without a final stop) against every later line; a caption or post
    (a block followed by a credit: "Name / AP", "— Agency (@handle)", a date) against the blocks
    before it, also when it is a separate translation of a quotation given in a paragraph. The
    later copy goes, unless it is the better-formed one (the other has a stand-in apostrophe or
    lost one). A paragraph of 120 characters or more printed again exactly (spacing aside) with at
    most two lines between the copies loses its later copy. Review: a story may repeat a line on purpose. Repeated
    short sentences elsewhere are left alone.
    """
    text = doc.text
    lines = _lines(text)
    if len(lines) < 3:
        return
    seen: set[int] = set()
    for i, j, why in _pairs(lines):
        a, b = lines[i][2], lines[j][2]
        drop = j
        if why != "a quotation" and (_defects(a) > _defects(b) or _fewer_marks(a, b)):
            drop = i  # the earlier copy is the damaged one
        if drop in seen:
            continue
        seen.add(drop)
        start, end = _with_credits(lines, drop) if why != "the headline" else lines[drop][:2]
        s, e = removal_span(text, start, end)
        yield Proposal(s, e, "", f"Printed twice: {why} repeated (line {doc.position(lines[i if drop == j else j][0])[0]}).")


DOUBLED_HINT = regex.compile(r"(?i)dollar|euro|pound|sterling|yuan|renminbi|won\b|rupee|per ?cent|kilo")
# A sign or code before the number and the unit's name after it: the unit said twice.
_NUMBER = r"\d[\d.,]*(?:[ \t](?:thousand|million|billion|trillion|bn|mn))?"
DOUBLED_UNIT = regex.compile(
    rf"(?:(?<![\p{{L}}\p{{N}}])(?:US\$|\$|USD|US dollars?)[ \t]?{_NUMBER}([ \t]+(?:US[ \t])?dollars?)"
    rf"|(?<![\p{{L}}\p{{N}}])(?:€|EUR)[ \t]?{_NUMBER}([ \t]+euros?)"
    rf"|(?<![\p{{L}}\p{{N}}])(?:£|GBP)[ \t]?{_NUMBER}([ \t]+(?:pounds?|sterling))"
    rf"|(?<![\p{{L}}\p{{N}}])(?:RMB|CNY|¥)[ \t]?{_NUMBER}([ \t]+(?:yuan|renminbi))"
    rf"|(?<![\p{{L}}\p{{N}}])(?:₩|KRW)[ \t]?{_NUMBER}([ \t]+won)"
    rf"|(?<![\p{{L}}\p{{N}}])(?:₹|INR|Rs\.?)[ \t]?{_NUMBER}([ \t]+rupees?)"
    rf"|\d[ \t]?%([ \t]+(?:per[ \t]?cent|percent))"
    rf"|\d[ \t]?km([ \t]+(?:kilomet(?:re|er)s?))"
    rf"|\d[ \t]?kg([ \t]+(?:kilograms?|kilos?))"
    rf")(?![\p{{L}}])"
)


@rule("D005", "doubled-unit", "duplicate", Safety.SAFE, example="Prices rose 12% per cent to US$ 5 million dollars.",
      trigger=Trigger(literals=("dollar", "euro", "pound", "sterling", "yuan", "renminbi", "won", "rupee", "per", "kilo")))
def doubled_unit(doc: Document) -> Iterator[Proposal]:
    """A unit or currency said twice, as a sign and as a word ("12% per cent", "US$5 million dollars", "RMB 10 yuan").

    Engines translate the unit word and keep the sign, or the reverse. The word after the number
    goes (the sign is what English news writes). Safe: "$5 dollars" is never meant.
    """
    text = doc.text
    if not DOUBLED_HINT.search(text):
        return
    for m in DOUBLED_UNIT.finditer(text):
        group = next(i for i in range(1, DOUBLED_UNIT.groups + 1) if m.group(i))
        yield Proposal(m.start(group), m.end(group), "", f"The unit is written twice: {m.group().strip()!r}.")
