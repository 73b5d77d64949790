"""Name family (N): known public figures (rules/gazetteer/people.toml) written with a wrong given
name (N006) or a garbled surname (N007), flagged for review with the evidence.

A one-letter difference from a famous name is no evidence on its own: the other half of the name
must match (the surname for N006, the given name for N007), and a name that is itself a word or
a common name, a surname many people share, or a common given name also needs the person's role
beside it. Accepted house spellings and romanizations (gazetteer_match.house_key) are left alone.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from collections.abc import Iterator, Sequence

import regex

from ..document import Document
from ..fixes import Proposal, Safety
from ..lexicon import zipf
from ..people import Person
from ..registry import Rule, make_rule
from ..scan import Scan
from ..triggers import Trigger
from .gazetteer_match import house_key, mechanism, real_word, role_cue
from .gazetteer_surnames import (TITLES, accented_surnames, pivot_accents, rare_given_names, role_surnames,
                                 surname_variants, titled_people)

BOUNDARY = regex.compile(r"[\p{L}\p{M}\p{N}_'’-]")
INNER = regex.compile(r"[\p{L}\p{M}\p{N}_-]")
TOKEN = r"(?:Jr\.|\p{Lu}\.|\p{Lu}[\p{L}\p{M}]*(?:[-'’][\p{L}\p{M}]+)*|\p{Ll}[\p{L}\p{M}]*(?:-\p{Lu}[\p{L}\p{M}]+)?)"
BEFORE = regex.compile(r"(?<![\p{L}\p{M}\p{N}_'’-])(" + TOKEN + r")[ \t]+\Z")
AFTER = regex.compile(r"[ \t]+(" + TOKEN + r")(?![\p{L}\p{M}\p{N}_-])")
# A "Jr." translated as a word ("Ferdinand Little Marcos").
JUNIOR = frozenset("Little Junior Young Younger Son Jr Small".split())
Entry = tuple[Person, str, str]  # a person, one accepted given form and the surname form that goes with it


def _adjacent_given(person: Person, given: str) -> str:
    """The given-name words printed next to the surname: the last one, or all in family-first order."""
    return given if person.family_first else given.split(" ")[-1]


def _words(text: str, pos: int, n: int, forward: bool) -> tuple[int, int, str] | None:
    """``n`` name tokens after (or before) ``pos``, single-spaced: (start, end, words)."""
    spans: list[tuple[int, int]] = []
    at = pos
    for _ in range(n):
        m = AFTER.match(text, at) if forward else BEFORE.search(text, max(0, at - 60), at)
        if m is None:
            return None
        spans.append(m.span(1))
        at = m.end(1) if forward else m.start(1)
    spans.sort()
    return spans[0][0], spans[-1][1], " ".join(text[a:b] for a, b in spans)


def _cased(model: str, target: str) -> str:
    return target.upper() if model.isupper() and len(model) > 1 else target


def _sole(hits: list[tuple[Entry, str]], written: str) -> tuple[Entry, str] | None:
    """The hit, if every hit names one person: the form written in the same script as the text's
    ("Imamoglu" for an ASCII text, "İmamoğlu" for one with diacritics)."""
    if not hits or len({h[0][0].name for h in hits}) > 1:
        return None
    return min(hits, key=lambda h: (" ".join(h[0][1:]).isascii() != written.isascii()))


def _sole_hits(found: dict[tuple[int, int, str], list[tuple[Entry, str]]], text: str, m_start: int,
               m_end: int) -> Iterator[tuple[int, int, str, Entry, str, str | None]]:
    """(start, end, written, entry, why, role cue) for each span of ``found`` that one listed person
    alone explains (:func:`_sole`), in text order; the cue is read around the span and the name found
    at ``m_start``-``m_end``."""
    for (start, end, written), hits in sorted(found.items()):
        hit = _sole(hits, written)
        if hit is not None:
            entry, why = hit
            yield start, end, written, entry, why, role_cue(text, min(start, m_start), max(end, m_end), entry[0].role)


class Gazetteer:
    """The people indexed by surname form and by the given-name form printed beside the surname."""

    def __init__(self, people: Sequence[Person]) -> None:
        self.by_surname: dict[str, list[Entry]] = {}
        self.by_given: dict[str, list[Entry]] = {}
        for p in people:
            for given, surname in p.forms():
                entry = (p, given, surname)
                self.by_surname.setdefault(surname, []).append(entry)
                self.by_given.setdefault(_adjacent_given(p, given), []).append(entry)
        self.surname_keys = {house_key(s) for s in self.by_surname}
        self.given_people = {k: len({e[0].name for e in v}) for k, v in self.by_given.items()}
        self._last_surname_hits: tuple[str, list[tuple[int, int, str]]] | None = None

    @staticmethod
    def _index(forms: Sequence[str]) -> dict[str, list[tuple[str, int]]]:
        """Each form under its longest word (the trigger's literal), with that word's offset in it."""
        out: dict[str, list[tuple[str, int]]] = {}
        for f in forms:
            word = max(f.split(" "), key=len)
            out.setdefault(word, []).append((f, f.index(word)))
        return out

    @functools.cached_property
    def surname_words(self) -> dict[str, list[tuple[str, int]]]:
        return self._index(list(self.by_surname))

    @functools.cached_property
    def given_words(self) -> dict[str, list[tuple[str, int]]]:
        return self._index(list(self.by_given))

    @staticmethod
    def find(words: dict[str, list[tuple[str, int]]], text: str, scan: Scan) -> list[tuple[int, int, str]]:
        """Where the forms occur as whole words, found from the scan's exact hits of their longest
        words (no pattern to compile): (start, end, form), in text order, longest first."""
        found = set()
        hits = scan.exact_hits
        for word in words.keys() & hits.keys():
            for p in hits[word]:
                for form, offset in words[word]:
                    start, end = p - offset, p - offset + len(form)
                    if start < 0 or text[start:end] != form:
                        continue
                    if start and BOUNDARY.match(text[start - 1]) or end < len(text) and INNER.match(text[end]):
                        continue
                    found.add((start, end, form))
        return sorted(found, key=lambda x: (x[0], -x[1]))

    def surname_hits(self, text: str, scan: Scan) -> list[tuple[int, int, str]]:
        """:meth:`find` of the surnames, computed once per text for N006 and N008."""
        last = self._last_surname_hits
        if last is None or last[0] is not text:
            last = self._last_surname_hits = (text, self.find(self.surname_words, text, scan))
        return last[1]

    def common_surname(self, surname: str) -> bool:
        """Shared by several listed people, an English word, or short: weak evidence alone."""
        return (len({e[0].name for e in self.by_surname.get(surname, ())}) > 1
                or zipf(surname.lower()) >= 3.0 or len(house_key(surname)) <= 3)

    def common_given(self, given: str) -> bool:
        return self.given_people.get(given, 0) > 2 or zipf(given.lower()) >= 3.5


@dataclass(frozen=True, slots=True)
class _Slip:
    """A near miss of one listed person: ``written`` at start:end should read ``right``."""

    start: int
    end: int
    written: str
    person: Person
    right: str
    known_half: str  # the half of the name that matched (the surname for N006, the given name for N007)
    why: str
    cue: str | None


def _told(text: str, person: Person, cued: set[tuple[str, str]], written: str) -> str:
    """Evidence from elsewhere in the text that a slip names ``person``: the same spelling beside the
    person's role, or the person's accepted full name written out (the text knows who it means)."""
    if (person.name, written) in cued:
        return f", and the same spelling stands beside this person's role ({person.role!r}) elsewhere in the text"
    for form in (person.name, *person.variants):
        at = text.find(form)
        while at >= 0:
            end = at + len(form)
            if not (at and BOUNDARY.match(text[at - 1]) or end < len(text) and INNER.match(text[end])):
                return f", and the text writes {form!r} elsewhere"
            at = text.find(form, at + 1)
    return ""


def _given_name_slips(gaz: Gazetteer, doc: Document, scan: Scan) -> Iterator[Proposal]:
    text = doc.text
    slips: list[_Slip] = []
    for m_start, m_end, surname in gaz.surname_hits(text, scan):
        entries = gaz.by_surname.get(surname, [])
        found: dict[tuple[int, int, str], list[tuple[Entry, str]]] = {}
        correct = False
        for entry in entries:
            person, given, _ = entry
            adjacent = _adjacent_given(person, given)
            span = _words(text, m_end if person.family_first else m_start, len(adjacent.split(" ")),
                          person.family_first)
            if span is None:
                continue
            written = span[2]
            if house_key(written) == house_key(adjacent):
                correct = True
                break
            why = mechanism(written, adjacent)
            if why is not None and not written.isupper():
                found.setdefault(span, []).append((entry, why))
        if correct:
            continue
        for start, end, written, (person, given, _), why, cue in _sole_hits(found, text, m_start, m_end):
            slips.append(_Slip(start, end, written, person, _adjacent_given(person, given), surname, why, cue))
    cued = {(s.person.name, s.written) for s in slips if s.cue}
    for s in slips:
        person, written, why, cue = s.person, s.written, s.why, s.cue
        told = "" if cue else _told(text, person, cued, written)
        garble = why in ("letters swapped or dropped", "a German or Polish spelling") or why.startswith("the Russian")
        if not (cue or told) and (gaz.common_surname(s.known_half) or not garble or real_word(written)
                                  and why != "the Russian form of a Ukrainian given name"):
            continue  # a letter off may be another real person: the role must say who it is
        if not cue and told and real_word(written):
            continue  # a real name next to the right one may be another person: only the role says
        reason = (f"{s.known_half!r} with the given name {written!r}: the known {person.name} ({person.role}, "
                  f"{person.group}) is {s.right!r}; {written!r} looks like {why}")
        reason += f", and the text calls this person {cue!r}" if cue else told
        yield Proposal(s.start, s.end, _cased(written, s.right), reason + ".", Safety.REVIEW)


def _surname_slips(gaz: Gazetteer, doc: Document, scan: Scan) -> Iterator[Proposal]:
    text = doc.text
    slips: list[_Slip] = []
    for m_start, m_end, key in gaz.find(gaz.given_words, text, scan):
        found: dict[tuple[int, int, str], list[tuple[Entry, str]]] = {}
        correct = False
        for entry in gaz.by_given.get(key, []):
            person, _, surname = entry
            n = len(surname.split(" "))
            span = _words(text, m_start if person.family_first else m_end, n, not person.family_first)
            if span is None:
                continue
            written = span[2]
            if house_key(written) == house_key(surname):
                correct = True
                break
            if surname.endswith(" Jr.") and not person.family_first:
                junior = _words(text, m_end, 2, True)
                if junior and junior[2].split(" ")[0] in JUNIOR and junior[2].split(" ")[1] == surname[:-4]:
                    found.setdefault(junior, []).append((entry, "junior"))
                    continue
            if written[:1].islower() != surname[:1].islower() or written.isupper():
                continue
            if house_key(written) in gaz.surname_keys:
                continue  # another listed person's surname
            why = mechanism(written, surname)
            if why is None and 3.0 <= zipf(written.lower()) < 4.5 and " " not in written:
                why = "translated"  # "Izabela Hazel": a surname that is a noun, put into English
            if why is not None:
                found.setdefault(span, []).append((entry, why))
        if correct:
            continue
        for start, end, written, (person, given, surname), why, cue in _sole_hits(found, text, m_start, m_end):
            if why == "junior":
                yield Proposal(start, end, surname, f"{key!r} {written!r}: the known {person.name} ({person.role}, "
                               f"{person.group}) is written {surname!r}; {written.split()[0]!r} looks like a "
                               "translated 'Jr.'.", Safety.REVIEW)
                continue
            if why == "translated":
                words = [w for w in regex.split(r"[ ,]+", person.role) if w]
                before = text[max(0, m_start - 40):m_start].lower()
                nxt = AFTER.match(text, end)
                if not (len(words) >= 2 and " ".join(words[-2:]) in before) or gaz.common_given(key) \
                        or gaz.given_people.get(key, 0) != 1 or nxt is not None and nxt.group(1)[0].isupper():
                    continue  # a surname that is a word: only with the person's full role and a rare given name
                why = f"the surname translated as the word {written.lower()!r}"
            slips.append(_Slip(start, end, written, person, surname, key, why, cue))
    cued = {(s.person.name, s.written) for s in slips if s.cue}
    for s in slips:
        written, why, cue = s.written, s.why, s.cue
        told = "" if cue or real_word(written) else _told(text, s.person, cued, written)
        if not (cue or told or s.why.startswith("the surname translated")) and (
                gaz.common_given(s.known_half) or real_word(written)
                or why in ("one letter off", "two letters off") and zipf(written.lower()) >= 1.0):
            continue  # "John", or "Olaf Schulz": a real name a letter from a famous one needs the role
        reason = (f"{s.known_half!r} {written!r}: the known {s.person.name} ({s.person.role}, {s.person.group}) is "
                  f"written {s.right!r}; {written!r} looks like {why}")
        reason += f", and the text calls this person {cue!r}" if cue else told
        yield Proposal(s.start, s.end, _cased(written, s.right), reason + ".", Safety.REVIEW)


def build_rules(people: Sequence[Person]) -> list[Rule]:
    """N006 and N007 over the gazetteer ``people``."""
    gaz = Gazetteer(people)
    rare: list[dict] = []  # N008's index, built on first use (it asks wordfreq, which loading rules must not)
    titled = titled_people(gaz)

    def given_name(doc: Document, scan: Scan) -> Iterator[Proposal]:
        """A known person's surname with a given name one or two letters off, in a pivot spelling, with
        C and K swapped, or in its Russian form for a Ukrainian ("Racmhat Gobel", "Vladimir Zelensky").
        A given name that is itself a common name, or a surname many people share, also needs the
        person's role beside it. Review."""
        return _given_name_slips(gaz, doc, scan)

    def surname(doc: Document, scan: Scan) -> Iterator[Proposal]:
        """A known person's given name with a surname one or two letters off or in a German or Polish
        pivot spelling ("Kalin Stojanow"), a "Jr." translated as a word ("Ferdinand Little Marcos"),
        or, with the person's full role before it, a surname translated into an English word.
        Another listed person's surname, an English word (but for the last case) and accepted house
        spellings are left alone; a common given name also needs the role. Review."""
        return _surname_slips(gaz, doc, scan)

    def variant(doc: Document, scan: Scan) -> Iterator[Proposal]:
        """A listed person's surname written another way beside the same given name, where the text
        also writes the listed name ("Han Zhendong" beside "Fan Zhendong", or beside "Fan 振東" whose
        given name reads Zhendong), and the variant used bare as a name ("Han player", "coach Han"),
        unless another person in the text has that surname. Review."""
        def listed() -> dict:  # built on the first surname hit: a text without one never pays for it
            if not rare:
                rare.append(rare_given_names(gaz))
            return rare[0]

        return surname_variants(gaz, listed, doc, scan)

    accented: list[dict] = []

    def accents(doc: Document, scan: Scan) -> Iterator[Proposal]:
        """A listed surname of a name from another script (Cyrillic, Arabic, Hebrew, Han, Hangul,
        Devanagari) written with the diacritics of a Latin-script pivot language ("Zelenský" through
        Czech, "Zełenski" through Polish), whose English spelling has none; not after another given
        name. Review."""
        def index() -> dict:
            if not accented:
                accented.append(accented_surnames(gaz))
            return accented[0]

        return pivot_accents(gaz, index, doc, scan)

    def titled_surname(doc: Document, scan: Scan) -> Iterator[Proposal]:
        """A bare surname after a title ("President Makron"), unknown to English and to the
        gazetteer, that is a near miss (a letter off, letters swapped, C/K, a German or Polish
        spelling) of exactly one listed person with that role; not when the text puts a given name
        before it elsewhere. Review."""
        return role_surnames(gaz, titled, doc, scan)

    return [
        make_rule("N006", "known-person-given-name", "name", Safety.REVIEW, given_name,
                  example="Trade Minister Racmhat Gobel spoke.", source="rules/gazetteer/people.toml",
                  trigger=Trigger(exact=tuple(sorted(gaz.surname_words)))),
        make_rule("N007", "known-person-surname", "name", Safety.REVIEW, surname,
                  example="Interior Minister Kalin Stojanow spoke.", source="rules/gazetteer/people.toml",
                  trigger=Trigger(exact=tuple(sorted(gaz.given_words)))),
        make_rule("N008", "known-person-surname-variant", "name", Safety.REVIEW, variant,
                  example="Fan Zhendong won. Later Han Zhendong said the final was hard, and Han player smiled.",
                  source="rules/gazetteer/people.toml", trigger=Trigger(exact=tuple(sorted(gaz.surname_words)))),
        make_rule("N009", "known-person-title-surname", "name", Safety.REVIEW, titled_surname,
                  example="President Makron spoke in Lyon.", source="rules/gazetteer/people.toml",
                  trigger=Trigger(exact=tuple(sorted(TITLES)))),
        make_rule("N012", "known-person-pivot-accents", "name", Safety.REVIEW, accents,
                  example="Putin's meeting with Zelenský was postponed.", source="rules/gazetteer/people.toml",
                  trigger=Trigger(non_ascii=True)),
    ]
