"""Capitalization family (C), word view with the document as evidence: stray capitals on common
words (C012), names written in lower case (C013), a lower-case "i" (C014), shouted words (C015).

A capital alone proves little: English capitalizes names, brands and bodies ("Wind data", "the
Council"). These rules ask two witnesses: edited English (CC-CEDICT's casing, via
:mod:`..casing_words`), and the document itself, which writes the same word the other way
elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import re

import regex

from ..casing_words import casing_counts
from ..document import Document
from ..fixes import Proposal, Safety
from ..census import tokens
from ..lexicon import FUNCTION_WORDS, foreign_line, line_at, zipf
from ..people import load_people
from ..registry import rule
from ..triggers import Trigger
from .capitalization import QUOTED, _is_headline
from .name_mentions import TITLE_WORDS

LINE = regex.compile(r"[^\n]+")
WORD = regex.compile(r"(?<![\p{L}\p{N}'’_@#/.-])\p{L}[\p{L}'’]*(?:-\p{L}+)*(?![\p{L}\p{N}_@-]|[./]\p{L})")
NEVER_CAPITAL_SEEN = 20   # CC-CEDICT writes the word in lower case at least this often ...
NEVER_CAPITAL_RATIO = 40  # ... and this many times more often than with a capital ("meeting" 0 to 228)
# Linking words inside the name of a body ("Institute for Astronomy", "Recovery and Resilience").
LINKERS = frozenset("of for and on de del della der von van at in &".split())


@lru_cache(maxsize=65536)
def never_capitalized(word: str) -> bool:
    """True if edited English writes ``word`` in lower case ("meeting", "pattern"), not "earth", "council".

    >>> never_capitalized("Meeting"), never_capitalized("Council"), never_capitalized("Dorset")
    (True, False, False)
    """
    found = casing_counts().get(word.lower())
    return bool(found) and found[1] >= NEVER_CAPITAL_SEEN and found[0] * NEVER_CAPITAL_RATIO <= found[1]


def _words(line: str) -> list[regex.Match]:
    return list(WORD.finditer(line))


def _gap(line: str, a: regex.Match, b: regex.Match) -> str:
    return line[a.end():b.start()]


def _stray(line: str, words: list[regex.Match], i: int) -> bool:
    """True if word ``i`` is a capitalized common word between two lower-case words of a sentence."""
    w = words[i].group()
    if not (0 < i < len(words) - 1) or not (w[0].isupper() and w[1:].islower() and len(w) >= 3):
        return False
    prev, nxt = words[i - 1].group(), words[i + 1].group()
    if not (prev.islower() or prev in ("A", "An")) or not nxt.islower() or _gap(line, words[i - 1], words[i]) != " " \
            or _gap(line, words[i], words[i + 1]) != " ":
        return False
    if prev in LINKERS and i >= 2 and words[i - 2].group()[0].isupper():
        return False  # "the Institute for Astronomy in": inside the name of a body
    # The next word a function word ("a Pattern that", "may Linger into"): no "Insert mode", "the Green party".
    return nxt in FUNCTION_WORDS and w.lower() not in FUNCTION_WORDS and never_capitalized(w)


CAPITALIZED_INSIDE = regex.compile(r"[a-zA,] [A-Z][a-z]{2,} [a-z]")
# The cheap first look (standard re, whole text): a capitalized word between lower-case words.
QUICK = re.compile(r" ([A-Z][a-z]{2,}) (?=[a-z])")


def _count(text: str, word: str) -> tuple[int, int]:
    """How often ``text`` writes ``word`` in lower case, and with a capital, as a whole word."""
    lower = capital = 0
    for m in regex.finditer(rf"(?<![\p{{L}}\p{{N}}'’-])(?i:{regex.escape(word)})(?![\p{{L}}\p{{N}}'’-])", text):
        lower += m.group().islower()
        capital += m.group()[0].isupper() and m.group()[1:].islower()
    return lower, capital


@rule("C012", "stray-capital", "capitalization", Safety.REVIEW,
      example="The board held a Meeting on the plan, and the meeting ended late.\n",
      trigger=Trigger(any_of=(Trigger(pattern=CAPITALIZED_INSIDE),
                              Trigger(pattern=r"[a-z,] (?:in|at|for|of|on|by) [A-Z][a-z]+[ ,.;:]"))))
def stray_capital(doc: Document) -> Iterator[Proposal]:
    """A common noun, adjective or verb capitalized in mid-sentence ("held a Meeting on", "may Linger into").

    The source language capitalized it (German nouns), or a word of a heading leaked into the
    sentence. Only a word between a lower-case word (or "A") and a function word, that edited
    English always writes in lower case (CC-CEDICT: "meeting", never "Council", "Earth" or
    "Turkey"; "Insert mode", "the Green party" are names), and only with evidence from
    the document: the sentence holds two such capitals, or the article writes the word in lower
    case elsewhere and never capitalizes it again (a brand or a body keeps its capital every time;
    none after "the", where British style capitalizes "the Budget"). The word of a set phrase
    after its preposition counts on its own ("spoke in General about", "for Example,"), unless a
    capital follows ("in General Motors"). Headlines and quotations are left alone. Review.
    """
    text = doc.text
    starts = sorted({text.rfind("\n", 0, m.start()) + 1 for m in QUICK.finditer(text)
                     if (text[m.start() - 1:m.start()].islower() or text[m.start() - 1:m.start()] in (",", "A"))
                     and m.group(1).lower() not in FUNCTION_WORDS and never_capitalized(m.group(1))})
    counts: dict[str, tuple[int, int]] = {}
    found_at: set[int] = set()
    for start in starts:
        line = LINE.match(text, start)
        if line is None:
            continue
        s = line.group()
        if _is_headline(s) or foreign_line(s):
            continue
        words = _words(s)
        quoted = [(q.start(), q.end()) for q in QUOTED.finditer(s)]
        found = [i for i in range(len(words)) if _stray(s, words, i)
                 and not any(a < words[i].start() < b for a, b in quoted)]
        for i in found:
            w = words[i].group()
            same_sentence = [k for k in found if k != i and "." not in s[min(words[k].end(), words[i].end()):
                                                                         max(words[k].start(), words[i].start())]]
            if w not in counts:
                counts[w] = _count(text, w)
            lower, capital = counts[w]
            inconsistent = lower >= 1 and capital == 1 and words[i - 1].group() != "the"
            if not same_sentence and not inconsistent:
                continue
            start = line.start() + words[i].start()
            found_at.add(start)
            yield Proposal(start, start + 1, w[0].lower(), f"{w!r} is a common word capitalized in mid-sentence.")
    for p in _idioms(text):
        if p.start not in found_at:
            yield p


# Set phrases of a preposition and a word that never names anything ("in general", "for example"):
# a capital on the word is a heading's or the source's ("he spoke in General about the plan").
IDIOMS = frozenset("""in+general in+particular at+least for+example for+instance in+fact of+course in+addition
    at+present in+advance in+short by+far at+once in+turn on+purpose in+vain at+last""".split())
IDIOM = re.compile(r"(?<=[a-z,] )(in|at|for|of|on|by) ([A-Z][a-z]+)(?=[ ,.;:] ?[a-z]|[,.;:]\s)")


def _idioms(text: str) -> Iterator[Proposal]:
    """The word of a set phrase capitalized after its preposition in mid-sentence ("in General about")."""
    for m in IDIOM.finditer(text):
        word = m.group(2)
        if f"{m.group(1)}+{word.lower()}" not in IDIOMS:
            continue
        line = line_at(text, m.start())
        at = m.start() - (text.rfind("\n", 0, m.start()) + 1)
        if _is_headline(line) or any(q.start() < at < q.end() for q in QUOTED.finditer(line)):
            continue
        yield Proposal(m.start(2), m.start(2) + 1, word[0].lower(), f"{word!r} is part of the set phrase {m.group(1) + ' ' + word.lower()!r}.")


ADMINISTRATION = frozenset("administration government cabinet campaign presidency regime".split())
MODALS = frozenset("may might must will can shall march".split())
# Titles that stand right before a surname ("president xi"); "the" or "a" before one makes it a noun.
STRICT_TITLES = frozenset("""president minister chancellor premier secretary senator governor mayor ambassador
    chairman king queen prince princess pope mr mrs ms dr""".split())
SENTENCE_START = regex.compile(r"(?:\A|[.!?:;\"“”‘’(\[\n]\s*|^[#>*\-–—•]*\s*)\Z", regex.MULTILINE)
BEFORE = regex.compile(r"(?<![\p{L}'’-])(\p{L}+)([ \t]+)\Z")
LOWERED_AT_MOST = 2  # a name an engine lowered is lowered once or twice, not throughout


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    """The lower-case one-word surnames of the gazetteer's people ("trump", "xi")."""
    return frozenset(p.surname.lower() for p in load_people() if " " not in p.surname)


@lru_cache(maxsize=1)
def _surname_bytes() -> frozenset[bytes]:
    return frozenset(w.encode() for w in _surnames())


@lru_cache(maxsize=65536)
def _english_word(word: str, seen: int = 5) -> bool:
    """True if edited English writes ``word`` in lower case at least ``seen`` times ("trump card", "bush")."""
    found = casing_counts().get(word)
    return bool(found) and found[1] >= seen


@lru_cache(maxsize=65536)
def _everyday(word: str) -> bool:
    """A word edited English mostly writes in lower case ("bush", "rice"), not "xi" or "park"."""
    found = casing_counts().get(word)
    return bool(found) and found[1] >= NEVER_CAPITAL_SEEN and found[1] >= 2 * found[0]


def _name_position(text: str, m: regex.Match) -> bool:
    """A title before the word ("president xi") or a word of government after it ("the trump administration")."""
    before = BEFORE.search(text, max(0, m.start() - 30), m.start())
    after = text[m.end():m.end() + 30].split()
    nxt = after[0].lower().strip(".,;:") if after else ""
    return (before is not None and before.group(1).lower() in STRICT_TITLES or nxt in ADMINISTRATION
            or text[m.end():m.end() + 2] in ("'s", "’s"))


@rule("C013", "lowercase-name", "capitalization", Safety.REVIEW,
      example="Talks with Lula ended. Later lula and President Lula replied.\n")
def lowercase_name(doc: Document) -> Iterator[Proposal]:
    """A name written in lower case ("the trump administration", "president xi", "lula said").

    Engines lower a name that is also a word, or one they did not recognize. A lower-case word
    counts when the article writes it with a capital inside sentences twice or more and either
    edited English has no such lower-case word ("lula", "erdogan"), or it is a listed public
    figure's surname (rules/gazetteer) standing where a name stands: after a title or before
    "administration", "government" or "'s" ("the trump administration", never "his trump card").
    A listed surname that is no everyday word also counts after a title without the article's
    evidence ("president xi"); a lower-case title right before it is capitalized with it.
    Function words, titles and modals ("the minister may decide" beside Theresa May) are never
    touched. Review.
    """
    text = doc.text
    toks = tokens(text)
    capitalized = {t.lower() for t in toks if 65 <= t[0] <= 90 and t[1:].islower()}
    wanted = sorted(t.decode() for t in (capitalized & toks) | (_surname_bytes() & toks))
    surnames = _surnames()
    found: list[Proposal] = []
    for w in wanted:
        if (w in FUNCTION_WORDS or w in MODALS or w in TITLE_WORDS or len(w) < 2
                or w not in surnames and (_english_word(w) or w.endswith("s") and _english_word(w[:-1]))):
            continue
        cap = w[0].upper() + w[1:]
        named = sum(1 for m in _whole(text, cap) if not SENTENCE_START.search(text, max(0, m.start() - 4), m.start())
                    and not _is_headline(line_at(text, m.start())))
        lowered = list(_whole(text, w))
        if w not in surnames and (len(lowered) > LOWERED_AT_MOST or named >= 2 and len(lowered) * 2 > named):
            continue  # written in lower case often: a word with a name of its own ("martyrs"), a command ("vim")
        for m in lowered:
            listed = w in surnames and _name_position(text, m)
            ok = (not _english_word(w) or listed) if named >= 2 else listed and not _everyday(w) and _title_before(text, m)
            found.extend(_capitalize(text, m, w, ok))
    yield from sorted(found, key=lambda p: p.start)


def _whole(text: str, word: str) -> Iterator[regex.Match]:
    """Where ``word`` occurs as written, as a whole word and not in an address."""
    return regex.finditer(rf"(?<![\p{{L}}\p{{N}}'’_@#/.~$-]){regex.escape(word)}(?![\p{{L}}\p{{N}}_@'’-]|[./:]\S)", text)


def _capitalize(text: str, m: regex.Match, w: str, ok: bool) -> Iterator[Proposal]:
    """The capitalized name at ``m``, with a lower-case title right before it."""
    cap = w[0].upper() + w[1:]
    line = line_at(text, m.start())
    if not ok or foreign_line(line) or line.startswith(("\t", "    ")):
        return  # an indented line holds a command or code ("\tvim file.txt"), not a sentence
    title = BEFORE.search(text, max(0, m.start() - 30), m.start())
    if (title is not None and title.group(1) in STRICT_TITLES and title.group(2) == " "
            and not regex.search(r"(?:\b(?:the|a|an|our|its|their|his|her)|\p{L}'s|\p{L}’s)[ \t]+\Z",
                                 text[max(0, title.start() - 12):title.start()])):
        start, replacement = title.start(), title.group(1).capitalize() + " " + cap
    else:
        start, replacement = m.start(), cap
    yield Proposal(start, m.end(), replacement, f"{w!r} is a name written in lower case.")


def _title_before(text: str, m: regex.Match) -> bool:
    before = BEFORE.search(text, max(0, m.start() - 30), m.start())
    return before is not None and before.group(1).lower() in STRICT_TITLES


# A lone lower-case "i" as the pronoun: before a contraction, or before a verb it takes.
I_VERBS = frozenset("""am was have had think thought believe believed know knew want wanted will would can could
    do did don't didn't can't won't wouldn't couldn't feel felt hope hoped said say see saw told tell never also
    just really love loved like liked went got need needed must should may might still always only personally
    agree agreed guess mean meant remember understand wish tried try asked met found took came decided
    started used realized wasn't haven't hadn't""".split())
LOWER_I = regex.compile(r"(?<![\p{L}\p{N}'’.(\[/_-])i(?=['’](?:m|ve|ll|d)(?![\p{L}])|[ \t]+(\p{Ll}[\p{Ll}'’]*))")


@rule("C014", "lowercase-pronoun-i", "capitalization", Safety.REVIEW,
      example="After the match i think we played well.\n", trigger=Trigger(pattern=r"i(?:['’](?:m|ve|ll|d)|[ \t]+[a-z])"))
def lowercase_pronoun_i(doc: Document) -> Iterator[Proposal]:
    """The pronoun "I" in lower case ("i think", "i'm").

    Engines and chat-style sources lower it. Only a lone "i" before a contraction ("i'm",
    "i’ve") or before a verb the pronoun takes ("i think", "i was"); list markers ("(i)"),
    "i.e." and lines in another language (Catalan "i" is "and") are left alone. Review.
    """
    text = doc.text
    for m in LOWER_I.finditer(text):
        nxt = m.group(1)
        if nxt is not None and nxt.replace("’", "'") not in I_VERBS:
            continue
        if foreign_line(text[text.rfind("\n", 0, m.start()) + 1:m.end() + 40]):
            continue
        yield Proposal(m.start(), m.end(), "I", "The pronoun 'I' is written in lower case.")


CAPS_WORD = regex.compile(r"(?<![\p{L}\p{N}'’_@#/.(-])\p{Lu}{4,}(?![\p{L}\p{N}_@)-])")
CAPS_QUICK = re.compile(r"\b[A-Z]{4,}\b")
INFLECTED = regex.compile(r"\p{Lu}{2,}(?:ED|ING|LY|IES|TION|MENT|NESS)")
BODY_LOWER = 0.6  # share of a line's words in lower case for it to be running text, not a heading or label


@rule("C015", "shouted-word", "capitalization", Safety.REVIEW,
      example="The minister said the plan was FINISHED and that the debate would move on.\n",
      trigger=Trigger(pattern=r"[A-Z]{4,}"))
def shouted_word(doc: Document) -> Iterator[Proposal]:
    """An everyday word in capitals inside a sentence of running text ("the plan was FINISHED").

    Source emphasis or a heading style carried into a sentence. Only a lone capitalized word (no
    capitals beside it) in a line whose words are mostly in lower case, which edited English
    writes in lower case (CC-CEDICT), and which is no acronym: it has an inflection acronyms
    lack ("-ED", "-ING", "-LY"), or the article writes it in lower case elsewhere. "LED",
    "STEM", "NATO" and the like are left alone. Review.
    """
    text = doc.text
    wanted = {m.group() for m in CAPS_QUICK.finditer(text)}
    wanted = {w for w in wanted if never_capitalized(w.lower()) and zipf(w.lower()) >= 3.0
              and (INFLECTED.fullmatch(w) or _count(text, w.lower())[0] >= 1)}
    if not wanted:
        return
    starts = sorted({text.rfind("\n", 0, m.start()) + 1 for m in CAPS_QUICK.finditer(text) if m.group() in wanted})
    for start in starts:
        line = LINE.match(text, start)
        if line is None:
            continue
        s = line.group()
        words = _words(s)
        if len(words) < 6 or sum(1 for w in words if w.group().islower()) < BODY_LOWER * len(words):
            continue
        for k, wm in enumerate(words):
            w = wm.group()
            if w not in wanted or CAPS_WORD.fullmatch(w) is None or s[wm.end():wm.end() + 1] == ":" \
                    or s[wm.start() - 1:wm.start()] in ("$", "%", '"', "“", "‘", "'"):
                continue  # a label ("WARNING:"), a variable ("$TERM"), a quoted word
            if any(0 <= j < len(words) and words[j].group().isupper() and len(words[j].group()) > 1 for j in (k - 1, k + 1)):
                continue  # a run of capitals: a label, a heading or a name in capitals
            low = w.lower()
            start = line.start() + wm.start()
            repl = low if k else w[0] + low[1:]
            yield Proposal(start, start + len(w), repl, f"{w!r} is an everyday word written in capitals.")
