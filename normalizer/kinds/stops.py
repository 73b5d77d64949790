"""Punctuation family (P), full stops: the stop slips of translation engines.

A doubled stop ("the market..", "Wednesday. . Overnight") and a stray stop inside a sentence
("told reporters. in a briefing", "on June. 12") come from engines that end a segment with a
stop and then join it to the next one. Ellipses, spaced ellipses (". . ."), abbreviations
("U.S..", "etc. and", "Jan. 12") and paths ("../data") are left alone. "According to," before
a comma or stop has lost the source a pipeline stripped with its link, and a comma inside a
compound adjective ("long, running") stands where its hyphen was.
"""

from __future__ import annotations

from collections.abc import Iterator

import re

import regex

from ..document import Document
from ..fixes import Proposal, Safety
from ..casing_words import hyphenated_compounds
from ..lexicon import FUNCTION_WORDS, is_common
from ..registry import rule
from ..triggers import Trigger

# Two stops, maybe spaced, after a word or a closing mark; not three (an ellipsis, spaced or not).
DOUBLED_STOP = regex.compile(
    r"\.[ \t]?\.(?<=(?<=[\p{L}\p{N}\)\]\"”’'](?<!\.\.)([ \t]*))\.[ \t]?\.)(?![ \t]?\.)"
    r"(?=[ \t]*(?:\n|\Z|[\"”’)\]])|[ \t]+[\p{Lu}\p{N}\"“‘(])"
)
# "U.S..", "a.m..": an abbreviation's own dot; the second stop is then the error, but the word is
# left alone (readers disagree on whether "U.S.." needs fixing at all).
ABBREVIATION_END = regex.compile(r"(?:\b\p{L}\.)+\p{L}\Z|\b\p{L}\Z")

# A stop, a space, then a word that continues the clause: a preposition or conjunction in lower case.
CONTINUING = (
    "about across after against along amid among and around as at because before behind between by "
    "despite during for from in including into near of on onto or over per since than through "
    "throughout to toward towards under until upon via whereas which while with within without"
)
# The stop and the continuing word first (a literal start the standard engine skips to), the word before it after.
STRAY_HINT = re.compile(rf"\. (?:{CONTINUING.replace(' ', '|')}) ")
WORD_BEFORE = regex.compile(r"(?<![\p{L}.'’-])\p{L}{3,}\Z")
# "99 percent. excludes": a translated abbreviation ("proc.", "mln.", "tys.") that kept its point, before
# a lower-case word that does not open a sentence.
UNIT_STOP = regex.compile(r"(?<=\d[ \t]?(?:percent|per[ \t]cent|million|billion|trillion|thousand))\.(?=[ \t]+([a-z]+)\b)")
SENTENCE_OPENERS = frozenset("the a an he she it they we this these there that in on at but however his her its their our i".split())
# "June. 12, 2018": a month written in full never takes a stop before its day.
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
STRAY_AFTER_MONTH = regex.compile(rf"(?<=\b(?:{MONTHS}))\.(?=[ \t]+\d{{1,2}}(?:st|nd|rd|th)?\b,?[ \t]+(?:\d{{4}}|\p{{Ll}}))")
# Words that end with an abbreviating stop before a lower-case word ("etc. and", "approx. in").
ABBREVIATIONS = frozenset(
    "etc approx incl excl esp resp viz cf vs est dept govt corp inc ltd bros assn univ nos pp vol vols "
    "fig figs ref refs misc no al ca chap sec art para jan feb mar apr jun jul aug sep sept oct nov dec "
    "mon tue tues wed thu thur thurs fri sat sun mr mrs ms dr prof gen sen rep gov lt col capt sgt st jr sr".split()
)


@rule("P001", "doubled-full-stop", "other", Safety.SAFE, example="The shares were put up for sale.. Buyers waited.",
      trigger=Trigger(exact=("..", ". .", "?.", "!.")))
def doubled_full_stop(doc: Document) -> Iterator[Proposal]:
    """A full stop written twice ("for sale..", "Wednesday. . Overnight", "Derby .. Will").

    Engines that end every segment with a stop double the one the source already had. Safe at
    the end of a line or before a quote, and when spaced; review between two sentences of a line,
    and left alone there when the document does it more than once (a transcript's two-dot pause). An ellipsis has three stops (". . ." too)
    and is left alone, as are paths ("../data"), ranges ("1..10") and an abbreviation's dot
    followed by a stop ("U.S.."). After a short capitalized topic opening a heading ("Riyadh
    Derby .. Will the"), the stops part the topic from the title: a colon, review. A stop after a
    question or exclamation mark ("ordered them to?. «If") goes too, review (a brand may end in "!").
    """
    text = doc.text
    for m in STOP_AFTER_MARK.finditer(text) if "?." in text or "!." in text else ():
        yield Proposal(m.start(), m.end(), "", f"A full stop after {text[m.start() - 1]!r}.", Safety.REVIEW)
    if ".." not in text and ". ." not in text:
        return
    found = []
    for m in DOUBLED_STOP.finditer(text):
        word = regex.search(r"[\p{L}.]*\Z", text[max(0, m.start() - 20):m.start()])
        if word and ABBREVIATION_END.search(word.group()) and m.group(1) == "":
            continue
        mid_line = m.group(1) == "" and m.group() == ".." and text[m.end():m.end() + 1] in (" ", "\t")
        found.append((m, mid_line))
    pauses = sum(1 for _, mid_line in found if mid_line)
    for m, mid_line in found:
        if mid_line and pauses > 1:
            continue  # "it is.. It" again and again: the writer's two-dot pause, not a slip
        start = m.start() - len(m.group(1))
        if LINK_LABEL_BEFORE.search(text, max(0, start - 20), start):
            continue  # "See also .. Simeone": a link list's separator, not a stop (the line is furniture)
        if _after_kicker(text, start):
            yield Proposal(start, m.end(), ":", "Two stops part a heading's topic from its title: a colon.",
                           Safety.REVIEW, alternatives=(".",))
            continue
        yield Proposal(start, m.end(), ".", "A full stop written twice.", Safety.REVIEW if mid_line else None)


LINK_LABEL_BEFORE = regex.compile(r"(?i)(?:^|\n)[ \t]*(?:see|read)[ \t]+(?:also|more)[ \t]*\Z")
STOP_AFTER_MARK = regex.compile(r"(?<=\p{L}[?!])\.(?=[ \t]|$)", regex.MULTILINE)
KICKER = regex.compile(r"(?:\p{Lu}[\p{L}'’-]*[ \t]+){0,3}\p{Lu}[\p{L}'’-]*[ \t]*")
KICKER_WORDS = 4


def _after_kicker(text: str, start: int) -> bool:
    """True if the stops at ``start`` follow a short capitalized topic that opens a heading ("Riyadh Derby .. Will").

    A heading is the text's first line or a line between blank lines; the title goes on after
    the stops with a capital.
    """
    line_start = text.rfind("\n", 0, start) + 1
    if line_start and text[max(0, line_start - 2):line_start] != "\n\n" and text[:line_start].strip():
        return False
    head = KICKER.fullmatch(text, line_start, start)
    rest = regex.match(r"\.{2}[ \t]+\p{Lu}", text[start:].lstrip(" \t"))
    return head is not None and rest is not None


@rule("P002", "stray-full-stop", "other", Safety.REVIEW,
      example="The minister told reporters. in an afternoon briefing that talks would resume on June. 12, 2025.")
def stray_full_stop(doc: Document) -> Iterator[Proposal]:
    """A full stop inside a sentence ("told reporters. in a briefing", "on June. 12, 2018").

    An engine that translated a sentence in two segments ends the first with a stop. The word
    after it continues the clause (a lower-case preposition or conjunction), or the stop parts a
    month from its day, or a word translated in full from an abbreviation kept the abbreviation's
    point ("99 percent. excludes", from "proc."), before a word that does not open sentences.
    Abbreviations ("etc. and", "Jan. 12", "approx. in") are left alone.
    Review: the stop may instead end a sentence whose next word lost its capital (C003).
    """
    text = doc.text
    if ". " not in text:
        return
    for m in STRAY_HINT.finditer(text):
        before = WORD_BEFORE.search(text, max(0, m.start() - 30), m.start())
        if before is None or not regex.match(r"\p{L}", text[m.end():m.end() + 1]):
            continue
        word = before.group()
        if word.lower() in ABBREVIATIONS or word.isupper() or not is_common(word):
            continue
        yield Proposal(m.start(), m.start() + 1, "", "A full stop inside a sentence: the next word continues it.")
    for m in STRAY_AFTER_MONTH.finditer(text):
        yield Proposal(m.start(), m.end(), "", "A full stop between a month and its day.")
    for m in UNIT_STOP.finditer(text):
        if m.group(1) not in SENTENCE_OPENERS and m.group(1) not in CONTINUING.split():
            yield Proposal(m.start(), m.end(), "", "A translated abbreviation kept its point inside a sentence.")


# "According to, the suspect": the source's name was a link or a tag the pipeline dropped.
LOST_SOURCE = regex.compile(r"(?i)(?<![\p{L}\p{N}])(according[ \t]+to)(?=[ \t]*[,.;][ \t]*(?:\p{L}|$))", regex.M)


@rule("P010", "lost-source", "other", Safety.REVIEW, example="According to, the suspect was seen near the port.",
      trigger=Trigger(literals=("according",)))
def lost_source(doc: Document) -> Iterator[Proposal]:
    """"According to" straight before a comma or stop ("According to, the suspect"): its source was lost.

    Pipelines that strip links and tags drop the name the phrase cited (a newspaper, the police,
    a linked report). The proposal fills in "reports"; review, since the reviewer may know the
    source. "According to" followed by any word is left alone.
    """
    for m in LOST_SOURCE.finditer(doc.text):
        phrase = m.group(1)
        yield Proposal(m.start(1), m.end(1), f"{phrase} reports",
                       "“According to” has lost its source (a stripped link or name).",
                       alternatives=(f"{phrase} police", f"{phrase} officials"))


# "the city’s long, running scams": a comma where a compound adjective had its hyphen, before a
# lower-case word (the standard engine skips quickly to the commas); the word before is checked after.
COMMA_COMPOUND = re.compile(r",(?<=[a-z],)[ \t]+([a-z]+)(?=[ \t]+([a-z]+))")
WORD_BEFORE_COMMA = regex.compile(r"(?<![\p{L}\p{N}'’-])[a-z]+\Z")
# A determiner or a possessive before the compound.
DETERMINER_BEFORE = regex.compile(
    r"(?:(?<![\p{L}])(?:the|a|an|its|their|his|her|our|your|this|that|these|those)|\p{L}['’]s?)[ \t]+\Z", regex.I
)


@rule("P012", "comma-in-compound", "other", Safety.REVIEW, example="The city’s long, running dispute with the port ended.",
      trigger=Trigger(pattern=r"[a-z],[ \t]+[a-z]+[ \t]+[a-z]"))
def comma_in_compound(doc: Document) -> Iterator[Proposal]:
    """A comma splitting a compound adjective ("the city’s long, running dispute" for "long-running").

    Engines that lose a hyphen sometimes put a comma in its place. The two words must form a
    compound English hyphenates (CC-CEDICT's English senses use "long-running"), stand after a
    determiner or a possessive and before a lower-case word that is no function word (the noun
    they describe). Coordinate adjectives ("a long, winding road") are no compound and are left
    alone. Review.
    """
    text = doc.text
    compounds = None
    for m in COMMA_COMPOUND.finditer(text):
        right, noun = m.group(1), m.group(2)
        before = WORD_BEFORE_COMMA.search(text, max(0, m.start() - 30), m.start())
        if before is None or noun in FUNCTION_WORDS:
            continue
        left = before.group()
        if compounds is None:
            compounds = hyphenated_compounds()
        if f"{left}-{right}" not in compounds:
            continue
        if DETERMINER_BEFORE.search(text, max(0, before.start() - 40), before.start()) is None:
            continue
        yield Proposal(before.start(), m.end(1), f"{left}-{right}", f"A comma splits the compound {left}-{right!s}.",
                       alternatives=(f"{left} {right}",))
