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


ROYAL_TITLE = regex.compile(r"(?:Highness|Majesty|Excellency|Holiness|Royal|Eminence|Grace|Lordship|Ladyship)\b")
TOKEN_BEFORE = regex.compile(r"(\S+)[ \t]+\Z")
STAMP_BEFORE = regex.compile(r"(?:\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{1,2}:\d{2})[ \t]+\Z")


def pronoun_stops(text: str) -> list[int]:
    """Where a sentence runs on into a word that opens sentences, capitalized and followed by a
    lower-case word ("for his sake His colleagues", "credit We always"): the start of the space before
    it. Not after a function word, a speech or thought verb or a preposition ("said The", "that The":
    C001's capitals in mid-sentence), not on lines without end punctuation (headings, teasers) nor
    inside a short quotation (a title)."""
    out = []
    for quick in QUICK_LOST_STOP.finditer(text):
        word = PREVIOUS_WORD_START.search(text, max(0, quick.start() - 40), quick.start())
        m = LOST_STOP.match(text, word.start()) if word else None
        if m is None or m.start(3) != quick.start(1) or m.group(1) in CLAUSE_TAKERS:
            continue
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        line = text[start:end if end >= 0 else len(text)]
        if not line.rstrip().endswith((".", "!", "?", "…", "\"", "”", "’", "»", ")")) or any(
                a < m.start() - start < b for a, b in ((q.start(), q.end()) for q in QUOTED.finditer(line) if len(q.group()) < 60)):
            continue
        out.append(m.start(2))
    return out


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
    run_on = set(pronoun_stops(text)) if starts else set()
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
            if word in ("His", "Her") and ROYAL_TITLE.match(nxt):
                continue  # "His Highness the Amir", "Her Majesty": a title
            token = TOKEN_BEFORE.search(s, max(0, m.start() - 40), m.start())
            if token and (token.group(1)[:1] in "@#" or token.group(1).lower() == "caption"):
                continue  # "@handle The debt", "Image caption One commentator": a label or handle ends there
            if word == "Who" and _capital_before(s, m.start()):
                continue  # "The Who", "Doctor Who", "Who's Who": a title
            if word in BETWEEN_LOWER and (nxt[0].isupper() or not _lower_before(s, m.start())):
                continue  # "Formula One", "8   Some compilers": a name, or a list item's start
            if any(a < m.start() < b for a, b in quoted) or line.start() + m.start(1) - 1 in run_on:
                continue  # quoted, or a sentence that lost its stop (C007)
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
LOWER_AFTER_STOP = re.compile(r"([.!?])(?<=[^\W_]{3}[.!?])([\"”’]?)[ \t]+([a-z][a-z'’]*)(?=[ \t,;:])")
# Its trigger, without the lookarounds (which the byte rewriting would drop): as broad or broader (tested).
# A paragraph of body text that starts in lower case after one that ends a sentence.
LOWER_LINE = re.compile(r"\n[“\"]?[a-z]")  # a line break before a lower-case word (the text's start: in code)
LEADING_SPACE = re.compile(r"\s*")
LOWER_LINE_AT = re.compile(r"([“\"]?)([a-z][a-z'’]*)(?=[ \t,;:])")
QUOTE_AFTER_COLON = re.compile(r":[ \t][“\"]([a-z][a-z'’]*)(?=[ \t,;:])")  # a word before the colon: in code
LOWER_AFTER_STOP_TRIGGER = Trigger(any_of=(
    Trigger(pattern=r"[^\W_]{3}[.!?](?:[\"”’])?[ \t]+[a-z](?:[a-z']|’)*[ \t,;:]"),
    Trigger(pattern=r"\n(?:“|\")?[a-z](?:[a-z']|’)*[ \t,;:]"),
    Trigger(pattern=r"\A(?:“|\")?[a-z](?:[a-z']|’)*[ \t,;:]"),
    Trigger(pattern=r"[^\W_]:[ \t](?:“|\")[a-z](?:[a-z']|’)*[ \t,;:]")))
PARAGRAPH_WORDS = 6  # a lower-case paragraph start counts in a paragraph of this many words that ends a sentence
LINE_WORDS = 12      # ... or in a line this long, where one line is one paragraph
HEADLINE_WORDS = 16  # a line this short without a final stop before it is a heading
ENDS_CLAUSE = regex.compile(r"[,;:\-–—]\s*$|\b(?:the|a|an|of|and|or|to|in|on|for|with|by|from|at)\s*$")
# Words that open a sentence after a heading ("the 16 mayors met"), never the rest of a cut sentence.
LINE_OPENERS = frozenset("""the a an this these those there it he she they we in on at for from with after during
    according when while since last one two three some many most all""".split())
# US states as news agencies abbreviate them ("Sacramento, Calif."), when capitalized.
STATES = frozenset("Ala Ariz Ark Calif Colo Conn Del Fla Ill Ind Kan Mass Mich Minn Miss Mont Neb Nev Okla Ore Tenn Wash Wis Wyo".split())
ATTRIBUTION = regex.compile(r"(?:[\p{L}'’-]+[ \t]+){0,3}(?:said|says|added|asked|told|tells|explained|wrote|noted|stressed|insisted|replied|warned)\b")
UNIT_WORDS = frozenset("percent cent million billion trillion thousand".split())
# Words that only start a sentence after a name or a year ends the one before ("said Macron. the two").
OPENERS = frozenset("the he she it they we this these there but however in on after this".split())


def _lower_start(text: str, m: re.Match) -> str | None:
    """Why the lower-case word of ``m`` starts a sentence, or None when the stop may be an abbreviation's."""
    before = text[max(0, m.start() - 40):m.start()].split()  # a window, not text[:start]: linear time
    prev = before[-1] if before else ""
    bare = prev.strip("\"'“”‘’()[]")
    word = m.group(3)
    if not is_common(word) or m.group(2) and m.group(1) != ".":
        return None  # "ftfy": a name written in lower case; 'the "Just ask!" help desk': a title
    if m.group(2) and ATTRIBUTION.match(text, m.start(3)):
        return None  # '“Great news.” she said': an attribution, whose comma P006 restores
    if bare.isdigit():
        return "year" if bare[:2] in ("19", "20") and len(bare) == 4 and word in OPENERS else None  # "in 2023. the"
    if ("." in bare or not bare.isalpha() or bare.lower() in ABBREVIATIONS or not bare[1:].islower()
            or bare in STATES):
        return None
    number_before = any(c.isdigit() for c in text[max(0, m.start() - len(prev) - 3):m.start() - len(prev)])
    if bare in UNIT_WORDS and word not in OPENERS and number_before:
        return None  # "99 percent. excludes": the stop of a translated abbreviation (P002)
    if m.group(1) == "." and not is_common(bare):
        # A name before the stop ("said Macron. the"): only a word that opens sentences, after a long name.
        return "name" if len(bare) >= 4 and word in OPENERS and not m.group(2) else None
    return "word"


@rule("C003", "lowercase-sentence-start", "capitalization", Safety.REVIEW,
      example="The talks ended on Monday. the president left for Paris.", trigger=LOWER_AFTER_STOP_TRIGGER)
def lowercase_sentence_start(doc: Document) -> Iterator[Proposal]:
    """A sentence that starts in lower case after a full stop ("Monday. the president").

    After an ordinary word of three or more letters (a closing quote may follow the stop:
    'he said." the talks'), so abbreviations ("etc. to", "U.S. job market", "approx. the") are
    left alone; after a name or a year ("said Macron. the two", "in 2023. the") only a word
    that opens sentences ("the", "he", "but") counts. A paragraph of body text (six words or
    more, ending a sentence) that starts in lower case after a paragraph that ends a sentence
    counts too. Review.
    """
    text = doc.text
    for m in LOWER_AFTER_STOP.finditer(text):
        if _lower_start(text, m) is None:
            continue
        word = m.group(3)
        start = m.start(3)
        yield Proposal(start, start + 1, word[0].upper(), f"Sentence starts with lower-case {word!r}.")
    yield from _lower_lines(text)


def _ends_sentence(line: str) -> bool:
    return regex.search(r"[^\W_]{3}[.!?](?:[ \t]?[\"”’])?[ \t]*$", line) is not None


def _standalone_heading(text: str, start: int, prev: str) -> bool:
    """True if ``prev``, the line at ``start``, is a heading: short, on its own after a blank line or the text's start."""
    return (len(prev.split()) <= HEADLINE_WORDS and not ENDS_CLAUSE.search(prev)
            and (text[max(0, start - 2):start] == "\n\n" or LEADING_SPACE.match(text).end() >= start))


def _lower_lines(text: str) -> Iterator[Proposal]:
    """Lines of body text (a paragraph, or a quotation opening one) that start in lower case."""
    starts = ([0] if LOWER_LINE_AT.match(text) else []) + [b.start() + 1 for b in LOWER_LINE.finditer(text)]
    for at in starts:
        m = LOWER_LINE_AT.match(text, at)
        if m is None:
            continue
        word = m.group(2)
        end = text.find("\n", m.end())
        line = text[m.start(1):end if end >= 0 else len(text)]
        blank = text[max(0, m.start() - 2):m.start()] == "\n\n" or m.start() == 0
        words = len(line.split())
        if not is_common(word) or words < (PARAGRAPH_WORDS if blank else LINE_WORDS) or not _ends_sentence(line):
            continue
        end_prev = m.start()
        while end_prev > 0 and text[end_prev - 1] == "\n":
            end_prev -= 1
        start_prev = text.rfind("\n", 0, end_prev) + 1
        prev = text[start_prev:end_prev]
        if prev and _ends_sentence(prev):
            bare = prev.split()[-1].strip("\"'“”‘’()[]")[:-1]
            if "." in bare or bare.lower() in ABBREVIATIONS:
                continue
        elif not (blank and word in LINE_OPENERS and (not prev or _standalone_heading(text, start_prev, prev))):
            continue  # after a line cut in mid-sentence: C009 and S015 join those
        yield Proposal(m.start(2), m.start(2) + 1, word[0].upper(), f"Paragraph starts with lower-case {word!r}.")
    for m in QUOTE_AFTER_COLON.finditer(text):
        if not regex.match(r"[\p{L}\p{N}]", text[m.start() - 1:m.start()]):
            continue
        word = m.group(1)
        close = regex.search(r"[”\"\n]", text[m.end():m.end() + 400])
        quoted = text[m.start(1):m.end() + (close.start() if close else 400)]
        if is_common(word) and len(quoted.split()) >= 5 and regex.search(r"[.!?]", quoted):
            yield Proposal(m.start(1), m.start(1) + 1, word[0].upper(), f"A quoted sentence starts with lower-case {word!r}.")


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
