"""Capitalization family (C): capitalized words in mid-sentence, lower-case parts of names."""

from __future__ import annotations

from collections.abc import Iterator

import re
import unicodedata

import regex

from ..document import Document
from ..fixes import Proposal, Safety
from ..casing_words import always_capitalized
from ..lexicon import FUNCTION_WORDS, is_common
from ..registry import rule
from ..triggers import Trigger

# Words that are never capitalized mid-sentence unless they start a name or title.
MID_SENTENCE = (
    "The|That|This|These|Those|He|She|It|They|We|His|Her|Its|Their|Our|There|Which|Who|"
    "And|But|Or|Of|In|On|At|By|For|From|To|With|Is|Are|Was|Were|However|Although|Because|"
    "One|Among|Some|Each|Both|Any|Every|Most|Several"
)
# Words that also start names and titles ("Formula One", "the All Blacks"): only between lower-case words.
BETWEEN_LOWER = frozenset("One Among Some Each Both Any Every Most Several".split())
# After a word (or a comma or semicolon after it) on the same line.
CANDIDATE = regex.compile(
    rf"(?<=[\p{{L}}\p{{N}}][,;]?[ \t]+)({MID_SENTENCE})(?=[ \t]+(\p{{L}}[\p{{L}}'’-]*))"
)
QUOTED = regex.compile(r"“[^”\n]*”|\"[^\"\n]*\"|‘[^’\n]*’|«[^»\n]*»")
LINE = regex.compile(r"[^\n]+")
# Cheap first pass (standard re): a candidate word after a letter, digit, comma or semicolon and a space.
QUICK = re.compile(rf"[^\W_][,;]?[ \t]+(?:{MID_SENTENCE})[ \t]")


LINKERS = frozenset("And Or Of In On At By For From To With".split())
PREVIOUS_WORD = regex.compile(r"(\p{L}[\p{L}'’-]*)[,;]?[ \t]+\Z")


def _capital_before(line: str, pos: int) -> bool:
    m = PREVIOUS_WORD.search(line, 0, pos)
    return bool(m and m.group(1)[0].isupper())


def _lower_before(line: str, pos: int) -> bool:
    m = PREVIOUS_WORD.search(line, 0, pos)
    return bool(m and m.group(1).islower())


# The token before ends a sentence: a stop, then only closing marks (or their mojibake, "World.‚Äù").
SENTENCE_END_BEFORE = regex.compile(r"[.!?][^\s\p{N}A-Za-z]*[ \t]+\Z")


SURNAMES = frozenset({"He", "To"})  # Chinese He (何, 贺), Vietnamese Tô


def _used_as_name(line: str, m: regex.Match) -> bool:
    """True if a surname-like word is part of a name: "Vice Premier He Lifeng", "Secretary To Lam"."""
    nxt = m.group(2)
    return m.group(1) in SURNAMES and nxt[0].isupper() and (not is_common(nxt) or _capital_before(line, m.start()))


WORD = regex.compile(r"\p{L}[\p{L}'’-]*")


def _is_headline(line: str) -> bool:
    """Title-case lines without sentence punctuation at the end are headlines."""
    stripped = line.rstrip()
    if stripped.endswith((".", "?", "!", ";", ",", "\"", "”", "’")):
        return False
    words = [w for w in WORD.findall(line) if len(w) > 3]
    if len(words) < 3:
        return True
    caps = sum(1 for w in words if w[0].isupper())
    return caps / len(words) >= 0.5


# A sentence whose full stop was lost: a lower-case word ends a clause and a word that opens
# sentences follows, capitalized ("for his sake His subordinates", "gave them credit We always").
OPENERS = frozenset("He She It They We His Her Its Their Our The This These Those There".split())
LOST_STOP = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}'’.-])(\p{{Ll}}[\p{{Ll}}'’-]*\p{{Ll}})([ \t]+)({'|'.join(sorted(OPENERS))})(?=[ \t]+\p{{Ll}})")
# The opener after a lower-case ASCII letter, found by the standard engine (LOST_STOP checks each).
QUICK_LOST_STOP = re.compile(rf"(?<=[a-z])[ \t]+({'|'.join(sorted(OPENERS))})(?=[ \t]+[a-z])")
PREVIOUS_WORD_START = regex.compile(r"\p{Ll}[\p{Ll}'’-]*\p{Ll}\Z")
# Words after which a capitalized opener is inside the sentence (C001's case: "said The", "that The").
CLAUSE_TAKERS = FUNCTION_WORDS | frozenset("""said says say told tell tells added noted stated wrote explained
    announced claimed insisted stressed admitted asked replied confirmed revealed suggested reported warned
    argued believe believes believed think thinks thought know knows knew hope hopes hoped fear fears feared
    found find finds mean means meant felt feel feels learned ensure ensured show shows showed called named
    titled entitled dubbed whether unless although though because since once how why until after before
    during despite including against about across along amid among around behind between into near per
    through throughout toward towards under upon via whereas within without like unlike plus""".split())


STAMP_BEFORE = regex.compile(r"(?:\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{1,2}:\d{2})[ \t]+\Z")


def _lost_stop(line: str, m: regex.Match) -> bool:
    """True if the capitalized opener of ``m`` (a C001 candidate) follows a clause whose stop was lost."""
    before = PREVIOUS_WORD.search(line, 0, m.start())
    return bool(m.group(1) in OPENERS and before and "," not in line[before.end(1):m.start()] and
                ";" not in line[before.end(1):m.start()] and before.group(1).islower() and
                len(before.group(1)) >= 3 and before.group(1) not in CLAUSE_TAKERS)


@rule("P013", "lost-full-stop", "other", Safety.REVIEW, example="He died for his sake His friends wept.",
      trigger=Trigger(pattern=LOST_STOP.pattern))
def lost_full_stop(doc: Document) -> Iterator[Proposal]:
    """A full stop lost between two sentences: a lower-case word, then a word that opens sentences
    capitalized and followed by a lower-case word ("for his sake His subordinates wept").

    Not after a function word, a speech or thought verb or a preposition ("said The", "that The",
    C001's capitals in mid-sentence), not on lines without end punctuation (headings, teasers) or
    inside a short quotation (a title). Review: a full
    stop is proposed; the person may prefer a comma or a dash.
    """
    text = doc.text
    for quick in QUICK_LOST_STOP.finditer(text):
        word = PREVIOUS_WORD_START.search(text, max(0, quick.start() - 40), quick.start())
        m = LOST_STOP.match(text, word.start()) if word else None
        if m is None or m.start(3) != quick.start(1) or m.group(1) in CLAUSE_TAKERS:
            continue
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        line = text[start:end if end >= 0 else len(text)]
        if not line.rstrip().endswith((".", "!", "?", "…", "\"", "”", "’", "»", ")")) or any(a < m.start() - start < b for a, b in
                                     ((q.start(), q.end()) for q in QUOTED.finditer(line) if len(q.group()) < 60)):
            continue  # a heading or a line cut short (no end punctuation), or a short quotation (a title)
        yield Proposal(m.start(2), m.end(2), ". ",
                       f"A new sentence seems to start at {m.group(3)!r} after {m.group(1)!r}: a full stop may have been lost.")


@rule("C001", "capitalized-function-word", "capitalization", Safety.REVIEW,
      example="However, The measures were said Politico That everyone", trigger=Trigger(pattern=QUICK))
def capitalized_function_word(doc: Document) -> Iterator[Proposal]:
    """A function word capitalized in mid-sentence ("However, The measures").

    Only after a word, comma or semicolon on the same line; "The" before a
    capitalized word ("The Hague", "The Associated Press") is taken as a name.
    Headlines and quotations are left alone. Review: a title may be meant.
    """
    text = doc.text
    starts = sorted({text.rfind("\n", 0, m.start()) + 1 for m in QUICK.finditer(text)})
    for start in starts:
        end = text.find("\n", start)
        line = LINE.match(text, start, end if end >= 0 else len(text))
        if line is None:
            continue
        s = line.group()
        if _is_headline(s):
            continue
        quoted = [(q.start(), q.end()) for q in QUOTED.finditer(s)]
        for m in CANDIDATE.finditer(s):
            word, nxt = m.group(1), m.group(2)
            if nxt[0].isupper() and (word == "The" or word in LINKERS and _capital_before(s, m.start())):
                continue  # "The Hague", "Bank Of America": part of a name or title
            if STAMP_BEFORE.search(s, max(0, m.start() - 30), m.start()):
                continue  # "date 2023-02-26 The battle": a date or time stamp ends before the sentence
            if _lost_stop(s, m):
                continue  # "sake His subordinates": a sentence whose stop was lost (P013)
            if word == "Who" and _capital_before(s, m.start()):
                continue  # "The Who", "Doctor Who", "Who's Who": a title
            if word in BETWEEN_LOWER and (nxt[0].isupper() or not _lower_before(s, m.start())):
                continue  # "Formula One", "8   Some compilers": a name, or a list item's start
            if any(a < m.start() < b for a, b in quoted):
                continue
            if _used_as_name(s, m) or SENTENCE_END_BEFORE.search(s, max(0, m.start() - 12), m.start()):
                continue  # a surname (He, To), or a sentence start after a closing quote
            start = line.start() + m.start(1)
            yield Proposal(start, start + len(word), word.lower(),
                           f"{word!r} is capitalized in mid-sentence.")


ABBREVIATIONS = frozenset("""etc approx vs viz cf al incl esp est dept govt corp inc ltd co jr sr st
    mt ft no nos vol vols fig figs pp ed eds rev gen col lt sgt capt cmdr adm gov sen rep
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun
    ave blvd mrs prof hon univ assn bros dist div min max hrs yrs lbs kgs sec secs chap para
    abbr misc ref refs resp""".split())
LOWER_AFTER_STOP = re.compile(r"([.!?])(?<=[^\W\d_]{3}[.!?])[ \t]+([a-z][a-z'’]*)(?=[ \t,;:])")
# Its trigger, without the lookarounds (which the byte rewriting would drop): as broad or broader (tested).
LOWER_AFTER_STOP_TRIGGER = Trigger(pattern=r"[^\W\d_]{3}[.!?][ \t]+[a-z](?:[a-z']|’)*[ \t,;:]")


@rule("C003", "lowercase-sentence-start", "capitalization", Safety.REVIEW,
      example="The talks ended on Monday. the president left for Paris.", trigger=LOWER_AFTER_STOP_TRIGGER)
def lowercase_sentence_start(doc: Document) -> Iterator[Proposal]:
    """A sentence that starts in lower case after a full stop ("Monday. the president").

    Only after an ordinary word of three or more letters, so abbreviations
    ("etc. to", "U.S. job market", "approx. the") are left alone. Review.
    """
    text = doc.text
    for m in LOWER_AFTER_STOP.finditer(text):
        before = text[max(0, m.start() - 40):m.start()].split()  # a window, not text[:start]: linear time
        prev = before[-1] if before else ""
        bare = prev.strip("\"'“”‘’()[]")
        if "." in bare or not bare.isalpha() or bare.lower() in ABBREVIATIONS or not bare[1:].islower():
            continue
        if m.group(1) == "." and not is_common(bare):
            continue
        word = m.group(2)
        if not is_common(word):
            continue  # "ftfy", "iPhone": names written in lower case on purpose
        start = m.start(2)
        yield Proposal(start, start + 1, word[0].upper(), f"Sentence starts with lower-case {word!r}.")


# A quoted title ending in "!" or "?" inside a sentence: the quote follows a preposition or a naming
# word, and the sentence goes on after it ('the hours of "Just ask!" Take place on Tuesdays').
QUOTED_TITLE = regex.compile(
    r"(?<=(?<![\p{L}])(?:of|for|in|on|at|by|from|with|about|called|named|titled|entitled|dubbed)[ \t]+)"
    r"([\"“])([^\"“”\n]{1,80}?[!?])([\"”])[ \t]+(\p{Lu}\p{Ll}+)(?=[ \t]+\p{Ll})"
)


@rule("C010", "capital-after-quoted-title", "capitalization", Safety.REVIEW,
      example='The workshops of "Ask us!" Take place on Mondays.', trigger=Trigger(pattern=r"[!?](?:\"|”)[ \t]+\w"))
def capital_after_quoted_title(doc: Document) -> Iterator[Proposal]:
    """A capital after a quoted title that ends in "!" or "?" ('the hours of "Just ask!" Take place').

    The title's own mark makes engines start a new sentence after it. Only where the title
    follows a preposition or a naming word ("of", "called", "titled"), so it sits inside the
    sentence, and the next word is an everyday English word followed by a lower-case word. A
    quotation after a speech verb ('he shouted "Stop!" The crowd froze') is left alone. Review.
    """
    for m in QUOTED_TITLE.finditer(doc.text):
        word = m.group(4)
        if word in ("I",) or not is_common(word) or always_capitalized(word) or word.lower() in ("i", "god"):
            continue
        yield Proposal(m.start(4), m.start(4) + 1, word[0].lower(),
                       f"{word!r} continues the sentence after the quoted title.")


# A Vietnamese full name whose given name lost its capital: "Phan Van mai". The middle names Van/Thi
# (Văn, Thị) mark the name; the lower-case word after them has the shape of a Vietnamese syllable.
VIETNAMESE_NAME = regex.compile(r"(?<![\p{L}])\p{Lu}\p{Ll}+[ \t]+(?:Van|Văn|Thi|Thị)[ \t]+(\p{Ll}+)(?![\p{L}\p{N}'’-])")
VIETNAMESE_SYLLABLE = regex.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?(?:[aeiouy]{1,3})(?:ng|nh|ch|[cmnpt])?"
)
NAME_PART_COMMON = 4.0  # a syllable this frequent in English is an English word here ("long", "son", "met")


@rule("C011", "lowercase-name-part", "capitalization", Safety.REVIEW, example="Chairman Phan Van mai opened the bridge.",
      trigger=Trigger(exact=("Van", "Thi", "Văn", "Thị")))
def lowercase_name_part(doc: Document) -> Iterator[Proposal]:
    """The given name of a Vietnamese full name in lower case ("Phan Van mai", "Nguyen Thi lan").

    A capitalized surname, the middle name Van or Thi, then a lower-case word that has the shape
    of a Vietnamese syllable and is no everyday English word ("said", "and", "met" are not
    touched). Review.
    """
    for m in VIETNAMESE_NAME.finditer(doc.text):
        word = m.group(1)
        folded = unicodedata.normalize("NFKD", word.replace("đ", "d")).encode("ascii", "ignore").decode()
        if (VIETNAMESE_SYLLABLE.fullmatch(folded) is None or word in FUNCTION_WORDS
                or is_common(word, NAME_PART_COMMON)):
            continue
        yield Proposal(m.start(1), m.start(1) + 1, word[0].upper(), f"{word!r} is part of a name and takes a capital.")
