"""N008: a listed person's surname written another way beside the same given name, and the bare
variant surname that follows it.

Machine translation through a third language gives one surname two spellings in one text: a
Chinese surname in its Japanese reading ("Han" for 樊 Fan), a surname put through another
alphabet. When the text writes a listed person's accepted name ("Fan Zhendong", or the surname
with the given name still in Han characters whose pinyin is the listed one) and elsewhere the same
given name beside another surname, the other surname names the same person; so do its bare uses
as a name ("Han player", "coach Han", "Han said"), unless the text also gives that surname to
somebody else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import regex

from ..document import Document
from ..fixes import Proposal, Safety
from ..lexicon import FUNCTION_WORDS, zipf
from ..people import Person
from ..scan import Scan
from .gazetteer_match import house_key, mechanism, pivot_key, plain_key, real_word
from .name_mentions import ROLES, TITLE_WORDS

WORD = r"(\p{Lu}[\p{L}\p{M}]*(?:-[\p{L}\p{M}]+)*|\p{Han}{2,3})"
NEXT = regex.compile(r"[ \t]+" + WORD + r"(?![\p{L}\p{M}\p{N}_-])")
PREV = regex.compile(r"(?<![\p{L}\p{M}\p{N}_'’-])" + WORD + r"[ \t]+\Z")
HAN = regex.compile(r"\p{Han}+")
# Words after a bare surname that show it is used as a person's name ("Han player", "Han said").
SPEECH = frozenset("""said says told added explained stated wrote noted admitted insisted replied remarked
    stressed argued believes thinks who himself herself""".split())
NAME_USE_AFTER = ROLES | SPEECH
AFTER_WORD = regex.compile(r"(['’]s)?[ \t]+([\p{L}]+)")
BEFORE_WORD = regex.compile(r"([\p{L}.]+)[ \t]+\Z")


def _given_side(person: Person, given: str) -> str:
    """The given-name words printed next to the surname: the last one, or all in family-first order."""
    return given if person.family_first else given.split(" ")[-1]


def _distance(a: str, b: str) -> int:
    from rapidfuzz.distance import DamerauLevenshtein

    return DamerauLevenshtein.distance(plain_key(a), plain_key(b))


def _reads_as(written: str, given: str) -> bool:
    """True if ``written`` is ``given`` in an accepted spelling, or Han characters whose pinyin it is."""
    if HAN.fullmatch(written):
        from .fragments import pinyin_name

        return house_key(pinyin_name(written)) == house_key(given)
    return house_key(written) == house_key(given)


def _whole(text: str, word: str) -> Iterator[int]:
    """Starts of ``word`` as a whole word of ``text`` (letters, marks, digits, hyphens around it end it)."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if not (at and regex.match(r"[\p{L}\p{M}\p{N}_-]", text[at - 1])
                or end < len(text) and regex.match(r"[\p{L}\p{M}\p{N}_-]", text[end])):
            yield at
        at = text.find(word, at + 1)


def _surname_like(word: str, right: str) -> bool:
    """A capitalized word that can stand for the surname ``right``: not a function or title word nor
    all capitals, and one letter from it ("Han"/"Fan"); anything further may be another person with
    the same given name ("Keir Hardie" beside "Keir Starmer")."""
    low = word.casefold()
    if HAN.search(word) or word.isupper() or low in FUNCTION_WORDS or low in TITLE_WORDS:
        return False
    return _distance(word, right) <= 1


def _person_like(word: str) -> bool:
    """A capitalized neighbour that may be another person's given name (not a title or common word)."""
    low = word.casefold()
    return bool(word[:1].isupper() or HAN.fullmatch(word)) and low not in FUNCTION_WORDS \
        and low not in TITLE_WORDS and (HAN.fullmatch(word) is not None or zipf(low) < 4.0)


def rare_given_names(gaz: Any) -> dict[str, list[tuple[Person, str]]]:
    """Listed surname -> (person, given-name word printed beside it) for the people whose given name is
    evidence of one person: one word of five letters or more, listed for one person, not common."""
    out: dict[str, list[tuple[Person, str]]] = {}
    for surname, entries in gaz.by_surname.items():
        for person, given, _ in entries:
            side = _given_side(person, given)
            if " " in side or gaz.given_people.get(side, 0) != 1 or gaz.common_given(side) or len(plain_key(side)) < 5:
                continue
            out.setdefault(surname, []).append((person, side))
    return out


def surname_variants(gaz: Any, rare: Callable[[], dict[str, list[tuple[Person, str]]]], doc: Document,
                     scan: Scan) -> Iterator[Proposal]:
    """N008's proposals; ``gaz`` is the rule's :class:`~normalizer.kinds.gazetteer.Gazetteer`, ``rare()``
    its :func:`rare_given_names` (asked for on the first surname found)."""
    text = doc.text
    established: dict[tuple[str, str], tuple[Person, str]] = {}  # (person, given as written) -> surname
    for m_start, m_end, surname in gaz.surname_hits(text, scan):
        entries = rare().get(surname)
        if not entries:
            continue
        after = before = None
        for person, side in entries:
            if person.family_first:
                after = after or NEXT.match(text, m_end)
                m = after
            else:
                before = before or PREV.search(text, max(0, m_start - 40), m_start)
                m = before
            if m is not None and _reads_as(m.group(1), side):
                established.setdefault((person.name, m.group(1)), (person, surname))
    out: list[Proposal] = []
    for (_, given), (person, right) in sorted(established.items()):
        variants: dict[str, list[int]] = {}
        for at in _whole(text, given):
            end = at + len(given)
            m = PREV.search(text, max(0, at - 40), at) if person.family_first else NEXT.match(text, end)
            if m is None:
                continue
            written = m.group(1)
            if written == right or house_key(written) == house_key(right) or not _surname_like(written, right):
                continue
            if any(_reads_as(given, _given_side(e[0], e[1])) for e in gaz.by_surname.get(written, ())):
                continue  # the same given name with another listed surname: another person
            variants.setdefault(written, []).append(m.start(1))
        for written, starts in sorted(variants.items()):
            why = (f"the text writes {right} {given} and {written} {given}" if person.family_first
                   else f"the text writes {given} {right} and {given} {written}")
            why += (f" (the same given name); the listed {person.name} ({person.role}, {person.group}) is"
                    f" written {right!r}, so {written!r} names the same person")
            for s in starts if mechanism(written, right) is None or real_word(written) else ():
                out.append(Proposal(s, s + len(written), right, f"{written!r} for {right!r}: {why}.", Safety.REVIEW))
            out.extend(_bare_uses(text, written, right, given, set(starts), why))
    yield from sorted(out, key=lambda p: (p.start, p.end))


def _bare_uses(text: str, written: str, right: str, given: str, taken: set[int], why: str) -> list[Proposal]:
    """The variant surname on its own where the text uses it as a name ("Han player", "coach Han"),
    unless a neighbour shows it belongs to somebody else in this text."""
    found = []
    for at in _whole(text, written):
        if at in taken:
            continue
        end = at + len(written)
        nxt = NEXT.match(text, end)
        prev = PREV.search(text, max(0, at - 40), at)
        for m in (nxt, prev):
            if m is not None and m.group(1) != given and _person_like(m.group(1)):
                return []  # "Han Kang", or a given name before it: another person shares the surname
        after = AFTER_WORD.match(text, end)
        before = BEFORE_WORD.search(text, max(0, at - 30), at)
        if after and (after.group(2).casefold() in NAME_USE_AFTER or after.group(1) and after.group(2).islower()) or \
                before and before.group(1).casefold().rstrip(".") in ROLES:
            found.append(Proposal(at, end, right, f"{written!r} for {right!r} used as a name: {why}.",
                                  Safety.REVIEW))
    return found


# Titles printed before a bare surname ("President Macron"), and the role words they stand for.
TITLES = {"President": "president", "Chancellor": "chancellor", "Premier": "premier", "Senator": "senator",
          "Governor": "governor", "Minister": "minister", "Secretary": "secretary", "Mayor": "mayor",
          "Speaker": "speaker", "Commissioner": "commissioner", "Ambassador": "ambassador"}
TITLED = regex.compile(r"[ \t]+(\p{Lu}[\p{L}\p{M}]+)(?![\p{L}\p{M}\p{N}_'’-])")
NOT_GIVEN = FUNCTION_WORDS | TITLE_WORDS
ROLE_SLIPS = ("one letter off", "letters swapped or dropped", "C and K swapped",
              "a German or Polish spelling")


def titled_people(gaz: Any) -> dict[str, list[tuple[Person, str, str]]]:
    """Role word -> the listed people whose role has it, with each accepted surname and its pivot key."""
    out: dict[str, list[tuple[Person, str, str]]] = {}
    for surname, entries in gaz.by_surname.items():
        for person, _, _ in entries:
            words = set(regex.split(r"[ ,]+", person.role))
            for role in set(TITLES.values()) & words:
                out.setdefault(role, []).append((person, surname, pivot_key(surname)))
    return out


def role_surnames(gaz: Any, titled: dict[str, list[tuple[Person, str, str]]], doc: Document,
                  scan: Scan) -> Iterator[Proposal]:
    """N009: a bare surname after a title, unknown to English and to the gazetteer, one near miss of
    exactly one listed person with that role ("President Makron")."""
    text = doc.text
    hits = scan.exact_hits
    for title in sorted(TITLES.keys() & hits.keys()):
        for p in hits[title]:
            end = p + len(title)
            if p and text[p - 1].isalpha():
                continue
            m = TITLED.match(text, end)
            if m is None or NEXT.match(text, m.end()) is not None:
                continue  # no name, or a full name ("President Emmanuel ..."): N006/N007's part
            written = m.group(1)
            if len(plain_key(written)) < 5 or zipf(written.casefold()) >= 1.0 or written.isupper() \
                    or house_key(written) in gaz.surname_keys:
                continue
            key = pivot_key(written)
            near = {(person.name, surname): (person, surname, why)
                    for person, surname, k in titled.get(TITLES[title], ())
                    if k[:1] == key[:1] and abs(len(k) - len(key)) <= 2  # a cheap bound before the comparison
                    and (why := mechanism(written, surname)) in ROLE_SLIPS}
            if len({k[0] for k in near}) != 1:
                continue  # nobody, or two listed people a letter away: the title does not say who
            person, surname, why = next(iter(near.values()))
            if any(m2 is not None and m2.group(1).casefold() not in NOT_GIVEN
                   and m2.group(1) not in TITLES
                   for at in _whole(text, written) for m2 in (PREV.search(text, max(0, at - 40), at),)):
                continue  # a given name before it somewhere: another person of that name
            yield Proposal(m.start(1), m.end(1), surname,
                           f"{title} {written!r}: the listed {person.name} ({person.role}, {person.group}) is written "
                           f"{surname!r}; {written!r} looks like {why} and is no word or known name.", Safety.REVIEW)


# Groups whose names come from another script: their English spelling has no diacritics, so a listed
# surname written with some went through a Latin-script pivot ("Zelenský" from Czech, "Zełenski" from Polish).
OTHER_SCRIPT_GROUPS = frozenset({"Ukraine", "Russia", "Israel and Palestinian territories", "Gulf and Middle East",
                                 "China, Hong Kong, Taiwan", "Korea", "South Asia", "Central Asia, Oceania"})
ACCENTED_NAME = regex.compile(r"(?V1)(?<![\p{L}\p{M}'’-])(?:\p{Lu}[\p{L}\p{M}]*[[\p{L}\p{M}]--\p{ASCII}]|"
                              r"[\p{Lu}--\p{ASCII}])[\p{L}\p{M}]*(?![\p{L}\p{M}'’-])")


def accented_surnames(gaz: Any) -> dict[str, list[tuple[Person, str]]]:
    """Pivot key -> (person, accepted surname) for listed people of another script whose accepted
    surnames are all plain ASCII."""
    out: dict[str, list[tuple[Person, str]]] = {}
    for surname, entries in gaz.by_surname.items():
        for person, _, _ in entries:
            if person.group in OTHER_SCRIPT_GROUPS and " " not in surname and len(plain_key(surname)) >= 5 and \
                    all(s.isascii() for _, s in person.forms()):
                out.setdefault(pivot_key(surname), []).append((person, surname))
    return out


def pivot_accents(gaz: Any, index: Callable[[], dict], doc: Document, scan: Scan) -> Iterator[Proposal]:
    """A listed surname of another script written with a Latin-script pivot's diacritics; not after a
    capitalized word that is another given name (a Czech "Jan Zelenský" is somebody else)."""
    text = doc.text
    for m in ACCENTED_NAME.finditer(text):
        written = m.group()
        if zipf(written.lower()) >= 3.0:
            continue  # an ordinary word of a language with accents
        hits = index().get(pivot_key(written))
        if not hits or len({p.name for p, _ in hits}) != 1:
            continue
        person, surname = hits[0]
        forms = {s for _, s in person.forms()}
        right = next((s for s in sorted(forms) if plain_key(s) == plain_key(written)), surname)
        before = PREV.search(text, max(0, m.start() - 40), m.start())
        if before and before.group(1) not in TITLE_WORDS and before.group(1).lower() not in TITLE_WORDS and \
                before.group(1) not in FUNCTION_WORDS and house_key(before.group(1)) not in \
                {house_key(g.split(" ")[-1]) for g, _ in person.forms()}:
            continue
        yield Proposal(m.start(), m.end(), right,
                       f"{written!r} is {person.name}'s surname ({person.role}, {person.group}) with the diacritics of "
                       f"a Latin-script pivot language: English news writes {right!r}.", Safety.REVIEW)
