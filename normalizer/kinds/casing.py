"""Capitalization family (C), sentence view: Title Case body text, nationalities, mixed case, lost stops.

S014 (spacing) reads the same casing evidence: two headings run together on one line.

These rules look at a whole sentence and ask English casing evidence (:mod:`..casing_words`,
built from CC-CEDICT's edited English) and word frequencies (wordfreq) rather than word lists.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import re

import regex

from ..casing_words import PHRASE_WORDS, always_capitalized, capitalized_phrase, nationality_words
from ..document import Document
from ..fixes import Proposal, Safety
from ..lexicon import FUNCTION_WORDS, foreign_line, is_common, line_at
from ..registry import rule
from ..census import tokens
from .capitalization import pronoun_stops

LINE = regex.compile(r"[^\n]+")
# A sentence inside a line: up to a stop followed by a space and a capital, a stop glued to a
# capitalized word ("Uncertainty.Governor"), or the end of the line.
SENTENCE = regex.compile(r"\S.*?(?:[.!?](?=[ \t]+\p{Lu}|\p{Lu}\p{Ll})|$)")
TOKEN = regex.compile(r"\p{L}[\p{L}'’]*")
VOWELS = frozenset("aeiouyAEIOUY")
MIN_WORDS = 6
CAPITALIZED_SHARE = 0.85   # of the words after the first
FUNCTION_SHARE = 0.8       # of the function words after the first, which English writes in lower case
HEADLINE_WORDS = 12        # a line this short without a final stop is a headline: Title Case is its style


KNOWN = 2.0  # wordfreq's Zipf below which a capitalized word is taken for a name ("Mulyani" 1.3, "signalled" 2.9)


def _keeps_capital(word: str) -> bool:
    """True for words English capitalizes anyway: names, days, nationalities, and words it does not know."""
    return always_capitalized(word) or not is_common(word, KNOWN)


def _acronym(word: str, before: str, words: list[str], i: int) -> str | None:
    """The acronym a Title-Cased word stands for ("Bpjs" -> "BPJS", "(Bi)" after "Bank Indonesia" -> "BI")."""
    if len(word) >= 3 and not VOWELS.intersection(word):
        return word.upper()
    if before.rstrip().endswith("(") and 2 <= len(word) <= 5:
        initials = "".join(w[0] for w in words[max(0, i - len(word)):i])
        if initials.upper() == word.upper():
            return word.upper()
    if len(word) == 2 and i and words[i - 1].lower() == "the":
        return word.upper()  # "the Us Federal Reserve": a determiner never precedes "us"
    return None


def sentence_case(sentence: str) -> str:
    """``sentence`` with Title Case undone: the first word, names, titles before names, two-word names
    ("Federal Reserve", per CC-CEDICT) and acronyms keep capitals."""
    tokens = list(TOKEN.finditer(sentence))
    words = [t.group() for t in tokens]
    name = [i > 0 and _name_like(w) for i, w in enumerate(words)]
    # A capitalized word right before a name is part of it ("Finance Minister Sri Mulyani", "Bank Indonesia").
    for i in range(len(words) - 2, 0, -1):
        if name[i + 1] and sentence[tokens[i].end():tokens[i + 1].start()] == " " and words[i][0].isupper() \
                and words[i].lower() not in FUNCTION_WORDS and not _date_word(words[i]):
            name[i] = True
    # Words English writes as one capitalized name keep their capitals ("the US Federal Reserve").
    for i in range(1, len(words) - 1):
        for size in range(PHRASE_WORDS, 1, -1):
            run = range(i, min(i + size, len(words)))
            if len(run) == size and all(words[k][:1].isupper() for k in run) \
                    and all(sentence[tokens[k].end():tokens[k + 1].start()] == " " for k in run[:-1]) \
                    and capitalized_phrase(words[i:i + size]):
                for k in run:
                    name[k] = True
                break
    # A month after a preposition or beside a number is a date ("In March", "May 5"), not "march" or "may".
    for i in range(1, len(words)):
        if _date_word(words[i]) and (words[i - 1].lower() in DATE_LEADS or regex.match(r"[ \t]?\d", sentence[tokens[i].end():])):
            name[i] = True
    keep = [i == 0 or name[i] or w.isupper() and len(w) > 1 or _keeps_capital(w) or _unit(sentence, tokens[i])
            for i, w in enumerate(words)]
    out, pos = [], 0
    for i, (t, w) in enumerate(zip(tokens, words)):
        out.append(sentence[pos:t.start()])
        pos = t.end()
        acronym = _acronym(w, sentence[:t.start()], words, i) if i else None
        if acronym:
            out.append(acronym)
        elif keep[i] or not w[0].isupper():
            out.append(w)
        else:
            out.append(w.lower())
    out.append(sentence[pos:])
    return "".join(out)


def _unit(sentence: str, token: regex.Match) -> bool:
    """A short capitalized word before a number: a currency or unit sign ("Rp 80,000", "Rs 500")."""
    return len(token.group()) <= 3 and token.group().lower() not in FUNCTION_WORDS and regex.match(r"[ \t]?\d", sentence[token.end():token.end() + 2]) is not None


def _name_like(word: str) -> bool:
    """A word that starts a name: unknown to wordfreq or always capitalized, but no day or month."""
    return word[0].isupper() and (not is_common(word, KNOWN) or always_capitalized(word) and not _date_word(word))


DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december".split()
)


DATE_LEADS = frozenset("in on since until till by from last next early late mid through before after of".split())


def _date_word(word: str) -> bool:
    return word.lower() in DATE_WORDS


def _title_cased(sentence: str) -> bool:
    words = TOKEN.findall(sentence)[1:]
    if len(words) < MIN_WORDS - 1:
        return False
    capitalized = sum(1 for w in words if w[0].isupper())
    function = [w for w in words if w.lower() in FUNCTION_WORDS]
    return (capitalized >= CAPITALIZED_SHARE * len(words) and len(function) >= 2
            and sum(1 for w in function if w[0].isupper()) >= FUNCTION_SHARE * len(function))


# Two capitalized function words in a row of capitalized words: the cheap first look for Title Case.
TITLE_TOKENS = frozenset(b"Of Is Are Was Were Will Has Have Its Than Into".split())
TITLE_HINT = re.compile(r"[a-z] (?:The|Of|And|To|For|With|By|In|On|At|From|Is|Are|Was|Were|Will|Its|Has|That) [A-Z][a-z]+ [A-Z]")


@rule("C004", "title-case-sentence", "capitalization", Safety.REVIEW,
      example="The Council Said On Monday That The Budget Will Rise By Ten Percent.")
def title_case_sentence(doc: Document) -> Iterator[Proposal]:
    """A sentence of body text in Title Case ("The Council Said On Monday That The Budget Will Rise").

    Content systems and some engines capitalize every word. A sentence counts when nearly all
    its words, function words included, start with a capital; a short line without a final stop
    is a headline, whose Title Case is house style. The proposal keeps the first word, names
    (words English always capitalizes, per CC-CEDICT, or that wordfreq does not know), titles
    right before a name ("Finance Minister Sri Mulyani"), and restores acronyms ("Bpjs" -> "BPJS").
    Review: one fix per sentence, since a casing model can be wrong about a name.
    """
    text = doc.text
    if TITLE_TOKENS.isdisjoint(tokens(text)):
        return
    starts = sorted({text.rfind("\n", 0, m.start()) + 1 for m in TITLE_HINT.finditer(text)})
    for start in starts:
        line = LINE.match(text, start)
        if line is None:
            continue
        s = line.group()
        if not s[:1].isupper() and not s.lstrip()[:1].isupper():
            continue
        if not regex.search(r"[.!?][\"”’)]*\s*$", s) and len(TOKEN.findall(s)) <= HEADLINE_WORDS:
            continue
        for m in SENTENCE.finditer(s):
            sentence = m.group().rstrip()
            if not sentence or not _title_cased(sentence):
                continue
            fixed = sentence_case(sentence)
            if fixed != sentence:
                start = line.start() + m.start()
                yield Proposal(start, start + len(sentence), fixed, "Body text in Title Case.")


@lru_cache(maxsize=1)
def _nationality_bytes() -> frozenset[bytes]:
    return frozenset(w.encode() for w in nationality_words())


def _whole_words(words: set[str]) -> regex.Pattern:
    """Where any of ``words`` occurs as a whole word, not inside an address."""
    alternatives = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}@/.'’-])(?:{alternatives})(?![\p{{L}}\p{{N}}@/'’-]|\.\p{{L}})")


@rule("C005", "lowercase-nationality", "capitalization", Safety.REVIEW, example="The croatians and the french side agreed.")
def lowercase_nationality(doc: Document) -> Iterator[Proposal]:
    """A nationality or language written in lower case ("the croatians", "the french side").

    English capitalizes nationalities, peoples and languages; engines from languages that do not
    ("croata", "francés") leave them lower. A word counts when its form is one of those words
    (-ian, -an, -ese, -ish, -ch, -ic, -i, and their plurals) and CC-CEDICT's English always
    capitalizes it. Review.
    """
    text = doc.text
    wanted = {w.decode() for w in _nationality_bytes().intersection(tokens(text))}
    if not wanted:
        return
    for m in _whole_words(wanted).finditer(text):
        word = m.group()
        if foreign_line(line_at(text, m.start())):
            continue  # Indonesian "dari" (from) in a line of Indonesian is not the language Dari
        yield Proposal(m.start(), m.end(), word[0].upper() + word[1:], f"{word!r} is written with a capital in English.")


MIXED_CASE = regex.compile(r"\p{Lu}{2}\p{Ll}{2,}|\p{Ll}+(\p{Lu}\p{Ll}+)")
MIXED_TOKEN = re.compile(rb"(?<![^ ])(?:[A-Z]{2}[a-z]{2,}|[a-z]+[A-Z][a-z]+)(?![^ ])")


@rule("C006", "mixed-case-word", "capitalization", Safety.REVIEW, example="The exhibition put the city under the LEns.")
def mixed_case_word(doc: Document) -> Iterator[Proposal]:
    """A stray capital inside an ordinary word ("under the LEns", "an eXport ban").

    A word with two capitals before its lower-case letters, or a capital after lower-case ones,
    whose lower-case form is an everyday English word (wordfreq). Brand spellings ("eBay",
    "iPhone": a prefix before a word of its own) and any mixed-case word the document writes so
    twice are left alone. Review.
    """
    text = doc.text
    words = {w.decode() for w in MIXED_TOKEN.findall(b" ".join(tokens(text)))}
    if not words:
        return
    matches = list(_whole_words(words).finditer(text))
    seen: dict[str, int] = {}
    for m in matches:
        seen[m.group()] = seen.get(m.group(), 0) + 1
    for m in matches:
        word = m.group()
        if seen[word] > 1 or not is_common(word.lower()) or word.lower().startswith(("mc", "mac")):
            continue
        inner = MIXED_CASE.fullmatch(word)
        if inner is not None and inner.group(1) and is_common(inner.group(1)):
            continue  # "eBay", "iPhone": a prefix before a word of its own, a brand's style
        yield Proposal(m.start(), m.end(), word.lower(), f"A stray capital inside {word!r}.")


# A capitalized "In", "The" or "However" before another capital: cheap to find, rare in running text.
NEW_SENTENCE = re.compile(r" (?=(?:In|On|At|The|But|However|Meanwhile|He|She|They|We|It|This|There) +[A-Z])")
DATE_BEFORE = re.compile(
    r"\b(?:on|since|until|by|last|next|this|of) "
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|"
    r"July|August|September|October|November|December)(?: \d{1,2}(?:st|nd|rd|th)?)?\Z"
)


@rule("C007", "lost-sentence-stop", "capitalization", Safety.REVIEW, example="Talks ended on Wednesday In Warsaw the mood was calm.")
def lost_sentence_stop(doc: Document) -> Iterator[Proposal]:
    """A sentence that runs into the next without a stop after a date ("on Wednesday In Warsaw, ...").

    After "on Wednesday" or "since May 3", a capitalized "In", "The" or "However" followed by
    another capitalized word starts a new sentence whose stop was lost (C001 takes such a pair for
    a name, "Bank Of America", and leaves it). So does a word that opens sentences ("We", "His",
    "The", "This", "There"), capitalized and followed by a lower-case word, right after a lower-case
    word that is no function word, speech verb or preposition ("we give them credit We always
    start", "for his sake His colleagues"), on a line with end punctuation and outside a short
    quotation. Review: the stop goes back.
    """
    text = doc.text
    for m in NEW_SENTENCE.finditer(text):
        if DATE_BEFORE.search(text, max(0, m.start() - 40), m.start()) is None:
            continue
        line = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
        if not regex.search(r"\p{Ll}", line.rsplit(".", 1)[-1]):
            continue  # no sentence runs here: a title ("The Monday In Review")
        yield Proposal(m.start(), m.end(), ". ", "A sentence runs on without a stop after a date.")
    for start in pronoun_stops(text):
        yield Proposal(start, start, ".", "A sentence runs on into the next without a stop.")


HEADING_WORDS = 6     # a line this short, without a final stop, between blank lines is a heading
HEADLINE_WORDS_FIRST = 16
PARAGRAPH = regex.compile(r"(?:^|(?<=\n\n))([^\n]+)(?=\n\n|\n?\Z)")


def _breaks(text: str) -> list[int]:
    """Where the paragraph breaks ("\\n\\n") of ``text`` are (str.find: fast)."""
    out, i = [], text.find("\n\n")
    while i >= 0:
        out.append(i)
        i = text.find("\n\n", i + 2)
    return out
ENDS_SENTENCE = regex.compile(r"[.!?:;,\"”’)\]…]\s*$")


@rule("C008", "lowercase-heading", "capitalization", Safety.REVIEW, example="Port strike ends\n\nlong night\n\nThe union voted on Friday.\n")
def lowercase_heading(doc: Document) -> Iterator[Proposal]:
    """A headline or subheading that starts in lower case ("how the North became ...", "blue ambition").

    The document's first line, or a short line without a final stop standing between blank
    lines before a paragraph, is a heading; English starts it with a capital. Only an everyday
    English first word counts, so brands ("iPhone"), code and addresses are left alone. Review.
    """
    text = doc.text
    candidates = [i + 2 for i in _breaks(text) if text[i + 2:i + 3].islower()]
    lead = len(text) - len(text.lstrip())
    if text[lead:lead + 1].islower():
        candidates.insert(0, lead)
    for pos in candidates:
        m = PARAGRAPH.match(text, pos)
        first = pos == len(text) - len(text.lstrip())
        if m is None:
            continue
        line = m.group(1)
        heading = (len(TOKEN.findall(line)) <= (HEADLINE_WORDS_FIRST if first else HEADING_WORDS)
                   and not ENDS_SENTENCE.search(line) and (first or m.end() < len(text.rstrip())))
        word = TOKEN.match(line)
        if not heading or word is None or not word.group().islower() or not is_common(word.group()):
            continue
        if regex.match(r"\p{L}+[.:/@]\S", line):
            continue  # "www.example.com", "e.g. the"
        yield Proposal(m.start(1), m.start(1) + 1, line[0].upper(), "A heading starts in lower case.")


@rule("C009", "broken-paragraph", "capitalization", Safety.REVIEW,
      example="In the north, by contrast, the regional council\n\ndecided to keep the fares as they are.\n")
def broken_paragraph(doc: Document) -> Iterator[Proposal]:
    """A sentence cut in two by a stray paragraph break ("the city council\\n\\ndecided to keep ...").

    A paragraph that starts with a capital, holds five words or more and ends without any
    punctuation (or with a comma), followed by one that starts with an everyday lower-case word, is one sentence:
    the break becomes a space. Review: a heading or list item may be meant.
    """
    text = doc.text
    for i in _breaks(text):
        comma = text[i - 1:i] == "," and text[i - 2:i - 1].isalpha()  # "the minister, who arrived on Monday,"
        if not ((text[i - 1:i].isalpha() or comma) and text[i + 2:i + 3].islower()):
            continue
        end = i
        start = text.rfind("\n", 0, end) + 1
        b = PARAGRAPH.match(text, i + 2)
        if b is None or start and text[start - 2:start] != "\n\n":
            continue
        head, tail = text[start:end], b.group(1)
        word = TOKEN.match(tail)
        words = TOKEN.findall(head)
        if (not head[:1].isupper() or len(words) < 5 or ENDS_SENTENCE.search(head) and not comma
                or sum(1 for w in words[1:] if w[0].isupper()) * 2 >= len(words) - 1  # a heading in Title Case
                or not (head.rstrip()[-1:].isalpha() or comma) or word is None or not word.group().islower()
                or not is_common(word.group())):
            continue
        yield Proposal(end, b.start(), " ", "A paragraph break inside a sentence.")



HEADING_LINE_WORDS = 10  # a line without a final stop this long holds two headings run together, or one
PART_WORDS = 4           # words each run-together part holds at least
PUNCTUATED = re.compile(r"[.!?;:]")
SPEECH = frozenset("says said tells told warns warned asks asked".split())


def _own_paragraph(text: str, start: int, end: int) -> bool:
    """True if the line at ``start:end`` stands alone between blank lines (a heading, not a wrapped line)."""
    return (start == 0 or text[max(0, start - 2):start] == "\n\n") and (end == len(text) or text[end:end + 2] in ("\n\n", "\n"))


@rule("S014", "glued-heading", "spacing", Safety.REVIEW,
      example="Bus fares rise by a third across the region next month Commuters plan to share cars instead\n\nThe council voted.\n")
def glued_heading(doc: Document) -> Iterator[Proposal]:
    """Two headings, or a heading and its subheading, run together on one line ("... takes effect Patients rush to ...").

    A line on its own between blank lines, without a final stop, written in sentence case, in which a capitalized everyday word
    (no name: CC-CEDICT's English writes it in lower case) follows a lower-case content word
    with no punctuation between, each part four words or more: the line break (or colon) between
    the parts was lost. Names, words after "says" or a function word ("as Fed raises"), and
    headlines in Title Case are left alone. Review.
    """
    text = doc.text
    for line in LINE.finditer(text):
        s = line.group()
        if not s[:1].isupper() or s.count(" ") < HEADING_LINE_WORDS - 1 or PUNCTUATED.search(s) or ENDS_SENTENCE.search(s):
            continue
        tokens_ = list(TOKEN.finditer(s))
        if len(tokens_) < HEADING_LINE_WORDS or not _own_paragraph(text, line.start(), line.end()):
            continue
        capitals = [i for i, t in enumerate(tokens_[1:], 1) if t.group()[0].isupper() and not _name_like(t.group())]
        if len(capitals) != 1:
            continue  # Title Case, or several candidates: no clear seam
        i = capitals[0]
        word, before = tokens_[i].group(), tokens_[i - 1].group()
        if (i < PART_WORDS or len(tokens_) - i < PART_WORDS or not before.islower() or before in FUNCTION_WORDS
                or before in SPEECH or s[tokens_[i - 1].end():tokens_[i].start()] != " "
                or i + 1 < len(tokens_) and not tokens_[i + 1].group().islower()):
            continue
        start = line.start() + tokens_[i - 1].end()
        yield Proposal(start, start + 1, ": ", f"Two headings run together before {word!r}.", alternatives=("\n",))
