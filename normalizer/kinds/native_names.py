"""Name family (N010, N011, N013): names English news keeps as they are, from rules/gazetteer/kept_names.toml.

N010: a club, band or newspaper whose name machine translation rendered word for word ("a draw with
Cooperation" for Al-Taawoun, "Nuclear Tactical Penguins" for Pinguini Tattici Nucleari).
N011: a player known by one name, respelled as a common given name ("Malcolm" for Malcom).
N013: a surname that is also a word, translated ("Victor Hugo Romo war" for Romo Guerra).
Both want the text to be about the entry's topic and the words to stand apart from other names.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..document import Document
from ..fixes import Proposal, Safety
from ..kept_names import KeptNames, Mononym, Native
from ..lexicon import zipf
from ..registry import Rule, make_rule
from ..scan import Scan
from ..triggers import Trigger
from .name_mentions import TITLE_WORDS

# The word before a span and the word after it, on the same line.
BEFORE = regex.compile(r"([\p{L}\p{M}][\p{L}\p{M}'’.-]*)[ \t]+$")
AFTER = regex.compile(r"[ \t]+([\p{L}\p{M}][\p{L}\p{M}'’-]*)")
# What ends a sentence before a word: nothing at all (start of the line) or a stop and maybe a quote.
SENTENCE_START = regex.compile(r"(?:^|[.!?:;]['\"’”»)]*)[ \t]*['\"‘“«(]*$")


DETERMINERS = frozenset("a an the this that these those his her their its our my your every each".split())
# Capitalized words that open a sentence rather than a name ("The Ruiz war").
STARTERS = frozenset("The A An This That These Those His Her Their Its Our In On At For From With By".split())


def _words(words: tuple[str, ...]) -> regex.Pattern[str]:
    """Any of ``words`` as whole words, in any case."""
    return regex.compile(r"(?i)(?<![\p{L}\p{M}\p{N}-])(?:" + "|".join(map(regex.escape, words)) + r")(?![\p{L}\p{M}\p{N}-])")


def _cased(words: tuple[str, ...]) -> regex.Pattern[str]:
    """Any of ``words`` as whole words, as written (names and places)."""
    return regex.compile(r"(?<![\p{L}\p{M}\p{N}-])(?:" + "|".join(map(regex.escape, words)) + r")(?![\p{L}\p{M}\p{N}-])")


def _forms(literal: str) -> tuple[str, ...]:
    """A literal as it may be written: a leading "the" also capitalized at a sentence start."""
    return (literal, "The" + literal[3:]) if literal.startswith("the ") else (literal,)


def _apart(text: str, start: int, end: int, allowed: frozenset[str] = frozenset()) -> bool:
    """True when the span stands apart from other names: no capitalized word right after it on the
    line, and none right before it but a sentence start or an ``allowed`` word ("Brazilian Malcolm")."""
    after = AFTER.match(text, end, min(len(text), end + 40))
    if after and after.group(1)[0].isupper():
        return False
    line_start = text.rfind("\n", 0, start) + 1
    head = text[max(line_start, start - 60):start]
    before = BEFORE.search(head)
    if before is None or not before.group(1)[0].isupper() or before.group(1) in allowed:
        return True
    return bool(SENTENCE_START.search(head[: before.start()]))


def _sentence_start(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return bool(SENTENCE_START.search(text[max(line_start, start - 10):start]))


def build_rules(data: KeptNames) -> list[Rule]:
    """N010 and N011 over the parsed kept-names file."""
    topics = {kind: _words(words) for kind, words in data.topics.items()}
    natives = [(n, _cased(tuple(f for lit in n.literal for f in _forms(lit))), n.context and _cased(n.context))
               for n in data.natives]
    mononyms = [(m, _cased(m.written), _cased(m.cues)) for m in data.mononyms]

    def translated(doc: Document, scan: Scan) -> Iterator[Proposal]:
        """A club, band or newspaper that English news names in its own language, rendered word for
        word ("a draw with Cooperation" for Al-Taawoun), in a text about that kind of thing (and, for
        some, with words of its country), apart from other capitalized words. Review."""
        text = doc.text
        for native, forms, context in natives:
            if not any(lit in text or lit[0].upper() + lit[1:] in text for lit in native.literal):
                continue
            rest = forms.sub(" ", text)  # the literal's own words are no evidence ("South German Newspaper")
            if not topics[native.kind].search(rest) or (context and not context.search(rest)):
                continue
            for m in forms.finditer(text):
                s, e = m.span()
                the = m.group().startswith(("the ", "The "))
                if " " not in m.group() and _sentence_start(text, s):
                    continue  # one capitalized word opening a sentence says nothing
                if not _apart(text, s, e) and not (the and _sentence_start(text, s)):
                    continue
                yield Proposal(s, e, native.name, _native_why(native, m.group()))

    def respelled(doc: Document, scan: Scan) -> Iterator[Proposal]:
        """A player known by one name, respelled as a common given name ("Malcolm" for Malcom), in a
        text about the sport that names the player's club or country, where the word is never
        followed by a surname in the text. Review."""
        text = doc.text
        for mononym, written, cues in mononyms:
            if not any(w in text for w in mononym.written):
                continue
            cue = cues.search(text)
            if cue is None or not topics[mononym.sport].search(text):
                continue
            hits = list(written.finditer(text))
            if any(not _apart(text, m.start(), m.end(), frozenset(mononym.cues)) for m in hits):
                continue  # "Malcolm Turnbull" somewhere: the text knows a person of that given name
            for m in hits:
                yield Proposal(m.start(), m.end(), mononym.name, _mononym_why(mononym, m.group(), cue.group()))

    surnames = data.surnames
    after_name = regex.compile(
        r"(?<![\p{L}\p{M}'’-])(\p{Lu}[\p{Ll}\p{M}]+(?:[ \t]+\p{Lu}[\p{Ll}\p{M}]+){1,3})[ \t]+("
        + "|".join(sorted(surnames)) + r")(?=[ \t]*(?:[,;:)]|\.(?:[ \t]|$)|$))", regex.MULTILINE) if surnames else None

    def surname_words(doc: Document, scan: Scan) -> Iterator[Proposal]:
        """A surname that is also a word, translated after the rest of a full name and before a
        comma, a stop or the end of the line ("Victor Hugo Romo war, in Miguel Hidalgo" for Romo
        Guerra); not after a determiner ("a Juan Pérez war"). Review."""
        text = doc.text
        for m in after_name.finditer(text):
            name, word = m.group(1), m.group(2)
            before = BEFORE.search(text[max(0, m.start() - 20):m.start()])
            first, last = name.split()[0], name.split()[-1]
            if before and before.group(1).lower() in DETERMINERS or first in STARTERS or first.lower() in TITLE_WORDS:
                continue  # "a Juan Pérez war", "Pope Leo peace"
            if zipf(first.lower()) >= 4.5 or zipf(last.lower()) >= 4.0:
                continue  # "Middle East war", "North Korea war": a place or common words, not a person's name
            surname = surnames[word]
            yield Proposal(m.start(2), m.end(2), surname,
                           f"{word!r} after {name!r} looks like the surname {surname!r} translated as a word.")

    source = "rules/gazetteer/kept_names.toml"
    return [
        make_rule("N010", "translated-native-name", "name", Safety.REVIEW, translated,
                  example="The band Nuclear Tactical Penguins closed the festival.", source=source,
                  trigger=Trigger(exact=tuple(sorted({f for n in data.natives for lit in n.literal for f in _forms(lit)})))),
        make_rule("N011", "respelled-mononym", "name", Safety.REVIEW, respelled,
                  example="Al-Hilal attack down the wings: Malcolm scored twice in the league.", source=source,
                  trigger=Trigger(exact=tuple(sorted({w for m in data.mononyms for w in m.written})))),
        make_rule("N013", "translated-surname", "name", Safety.REVIEW, surname_words,
                  example="The mayors are Ana Ruiz, in Tlalpan, and Victor Hugo Romo war, in Miguel Hidalgo.",
                  source=source, trigger=Trigger(literals=tuple(sorted(surnames)))),
    ]


def _native_why(native: Native, written: str) -> str:
    return (f"{written!r} looks like {native.name!r} ({native.origin}) translated word for word: English news "
            f"keeps this {native.kind}'s name in its own language.")


def _mononym_why(mononym: Mononym, written: str, cue: str) -> str:
    return (f"{written!r} in a text that mentions {cue}: {mononym.role} is known by one name, "
            f"written {mononym.name!r}.")
