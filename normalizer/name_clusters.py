"""Name clusters: similar names across files grouped as likely variants of one name (``mtnorm alias suggest``).

Two spellings are linked when they are close as strings (Jaro-Winkler, same first letter) or when
a transliteration explains them, whatever their first letters: the keys the gazetteer rules use
(``kinds.gazetteer_match``: Korean Lee/Yi/Rhee and Park/Pak, Mohamed/Muhammad, -iy/-y, Wade-Giles
``hs`` for pinyin ``x``; German/Polish pivots w/v, j/y, C/K). The canonical form is the alias
data's, else a spelling of the gazetteer of public figures, else the one the headlines use, else
the most frequent: a garbled spelling used often is not picked over the known or headline form.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import regex
from rapidfuzz.distance import JaroWinkler

from .aliases import Alias
from .document import Document
from .kinds.gazetteer_match import ARABIC, KOREAN, MUHAMMAD, house_key, plain_key, transliteration_key
from .kinds.name_mentions import SENTENCE_START, headlines, inside
from .lexicon import FUNCTION_WORDS, zipf
from .people import Person

NAME = regex.compile(r"(?<![\p{L}\p{N}'’-])\p{Lu}[\p{Ll}\p{Lu}]*\p{Ll}[\p{L}]*(?=(?:['’]s)?(?![\p{L}\p{N}-]))")
KOREAN_GIVEN = regex.compile(r" \p{Lu}\p{Ll}+-\p{Ll}+(?![\p{L}-])")
UNKNOWN = 2.0  # below this wordfreq Zipf value a spelling counts as unknown
COMMON = 3.0   # at or above it a capitalized word is an ordinary word, not a name


@dataclass
class Member:
    """One spelling: how often it occurs and a few places where it does."""

    name: str
    count: int = 0
    examples: list[tuple[str, str]] = field(default_factory=list)
    headline: int = 0  # uses on a headline line
    inner: int = 0     # uses in the body, not opening a sentence (a capital that says "name")
    korean: int = 0    # uses before a hyphenated given name ("Yi Jae-myung"): a Korean surname


@dataclass
class Cluster:
    """Spellings that look like one name, with the proposed canonical form first."""

    canonical: str
    members: list[Member]
    known: bool
    score: float
    origin: str = "most frequent"  # why the canonical: "alias data", "gazetteer", "headline", "most frequent"

    @property
    def variants(self) -> list[Member]:
        return [m for m in self.members if m.name != self.canonical]

    def to_dict(self) -> dict:
        return {
            "canonical": self.canonical,
            "from_alias_data": self.known,
            "origin": self.origin,
            "similarity": round(self.score, 1),
            "members": [{"name": m.name, "count": m.count,
                         "examples": [{"path": p, "context": c} for p, c in m.examples]} for m in self.members],
        }


def _table_name(word: str) -> bool:
    """True if a romanization table knows ``word`` (Korean surnames, Arabic given names)."""
    f = plain_key(word)
    return f in KOREAN or f in ARABIC or MUHAMMAD.match(f) is not None


def collect(docs: Iterable[Document], examples: int = 3) -> dict[str, Member]:
    """Capitalized name-like words of every document, with counts, headline and mid-sentence uses
    and example contexts. Words of four letters or more, and shorter Korean surnames ("Lee", "Yi")."""
    names: dict[str, Member] = {}
    for doc in docs:
        text = doc.text
        heads = headlines(text)
        for m in NAME.finditer(text):
            word = m.group()
            if len(word) < 4 and not (len(word) >= 2 and plain_key(word) in KOREAN
                                      and word.casefold() not in FUNCTION_WORDS):
                continue
            member = names.setdefault(word, Member(word))
            member.count += 1
            if inside(m.start(), heads):
                member.headline += 1
            elif not SENTENCE_START.search(text, max(0, m.start() - 4), m.start()):
                member.inner += 1
            if KOREAN_GIVEN.match(text, m.end()):
                member.korean += 1
            if len(member.examples) < examples:
                a, b = max(0, m.start() - 40), min(len(text), m.end() + 40)
                member.examples.append((doc.name, " ".join(text[a:b].split())))
    return names


def load_exclusions(paths: Sequence[Path]) -> set[frozenset[str]]:
    """Pairs remembered as different names (``[[not_alias]]`` tables of alias files)."""
    pairs: set[frozenset[str]] = set()
    for p in paths:
        if not p.exists():
            continue
        data = tomllib.loads(p.read_text(encoding="utf-8"))
        for table in data.get("not_alias", []):
            for n in table.get("names", []):
                pairs.add(frozenset((table["canonical"], n)))
    return pairs


def listed_words(people: Sequence[Person]) -> tuple[dict[str, int], set[str]]:
    """Name words of the gazetteer: those of the accepted names (word -> how many people use it) and
    those of the house variants."""
    main: dict[str, int] = {}
    variants: set[str] = set()
    for p in people:
        for w in set(p.name.split(" ")):
            main[w] = main.get(w, 0) + 1
        variants.update(w for v in p.variants for w in v.split(" "))
    return main, variants - set(main)


def _canonical(members: list[str], names: dict[str, Member], variant_of: dict[str, str], canonicals: set[str],
               main: dict[str, int], accepted: set[str]) -> tuple[str, str]:
    """The canonical spelling of a cluster and where it comes from."""
    known = [variant_of.get(m, m) for m in members if m in canonicals or m in variant_of]
    if known:
        return known[0], "alias data"
    frequent = {m: (names[m].count, zipf(m.lower()), m) for m in members}
    for pool in ([m for m in members if m in main], [m for m in members if m in accepted]):
        if pool:
            return max(pool, key=lambda m: (main.get(m, 0), frequent[m])), "gazetteer"
    top = max(members, key=frequent.__getitem__)
    heads = [m for m in members if names[m].headline]
    if heads:
        head = max(heads, key=lambda m: (names[m].headline, frequent[m]))
        if 3 * names[head].count > names[top].count:  # unless the body outnumbers it three to one
            return head, "headline"
    return top, "most frequent"


def suggest(
    names: dict[str, Member],
    aliases: Sequence[Alias] = (),
    exclusions: set[frozenset[str]] = frozenset(),
    threshold: float = 87.0,
    people: Sequence[Person] = (),
) -> list[Cluster]:
    """Group spellings by similarity (Jaro-Winkler, same first letter, similar length) or by a
    transliteration key (any first letter).

    Two ordinary words are never linked by similarity, and at least one spelling of such a link must
    be unknown to wordfreq; two accepted names of different people in the gazetteer are never linked.
    Words that are common in English take part only as a romanization-table name or a gazetteer
    name capitalized mid-sentence, and, like words of two or three letters, only through a
    transliteration key; a Korean surname link needs both spellings before a Korean given name.
    The canonical form is the alias data's, else the gazetteer's (``people``), else the headlines'
    (unless another spelling is used three times as often), else the most frequent spelling.
    """
    variant_of = {v: a.canonical for a in aliases for v in a.variants}
    canonicals = {a.canonical for a in aliases}
    main, accepted = listed_words(people)
    words = sorted(n for n in names if zipf(n.lower()) < COMMON or n in canonicals
                   or (n in main or n in accepted or _table_name(n)) and names[n].inner)
    parent = {w: w for w in words}

    def root(w: str) -> str:
        while parent[w] != w:
            parent[w] = parent[parent[w]]
            w = parent[w]
        return w

    def two_people(a: str, b: str) -> bool:
        return a in main and b in main and house_key(a) != house_key(b)

    # Words let in only as table or gazetteer names, and short ones, are linked by a transliteration
    # key alone: similarity would join "Song" and "Songwen".
    by_key_only = {w for w in words if len(w) < 4 or zipf(w.lower()) >= COMMON and w not in canonicals}

    def korean_elsewhere(a: str, b: str) -> bool:
        """A Korean surname romanization link between words never seen before a Korean given name."""
        return (plain_key(a) in KOREAN or plain_key(b) in KOREAN) and not (names[a].korean and names[b].korean)

    best: dict[frozenset[str], float] = {}
    by_letter: dict[str, list[str]] = {}
    for w in words:
        if w not in by_key_only:
            by_letter.setdefault(w[0], []).append(w)
    for group in by_letter.values():
        for i, a in enumerate(group):
            za = zipf(a.lower())
            for b in group[i + 1:]:
                if abs(len(a) - len(b)) > 3 or frozenset((a, b)) in exclusions or two_people(a, b):
                    continue
                if za >= UNKNOWN and zipf(b.lower()) >= UNKNOWN:
                    continue
                score = JaroWinkler.normalized_similarity(a, b) * 100
                if score >= threshold:
                    parent[root(a)] = root(b)
                    best[frozenset((a, b))] = score
    # Transliterations: the same house key (accepted romanizations), or the same pivot key (a German or
    # Polish spelling, C/K, a Russian initial Ye/E) with one spelling unknown to English.
    for key_of, unknown_needed in ((house_key, False), (transliteration_key, True)):
        by_key: dict[str, list[str]] = {}
        for w in words:
            if (len(plain_key(w)) >= 4 or _table_name(w)) and not (unknown_needed and w in by_key_only):
                by_key.setdefault(key_of(w), []).append(w)
        for group in by_key.values():
            for i, a in enumerate(group):
                for b in group[i + 1:]:
                    pair = frozenset((a, b))
                    if pair in exclusions or pair in best or two_people(a, b) or plain_key(a) == plain_key(b) \
                            or korean_elsewhere(a, b):
                        continue
                    if unknown_needed and zipf(a.lower()) >= UNKNOWN and zipf(b.lower()) >= UNKNOWN:
                        continue
                    parent[root(a)] = root(b)
                    best[pair] = JaroWinkler.normalized_similarity(a, b) * 100
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(root(w), []).append(w)
    clusters = []
    for members in groups.values():
        if len(members) < 2:
            continue
        canonical, origin = _canonical(members, names, variant_of, canonicals, main, accepted)
        if canonical not in members:
            members.append(canonical)
        others = [m for m in members if m != canonical and frozenset((m, canonical)) not in exclusions]
        if not others:
            continue
        ordered = [names.get(canonical, Member(canonical))] + sorted(
            (names[m] for m in others), key=lambda m: (-m.count, m.name))
        links = [s for pair, s in best.items() if pair <= set(members)]
        clusters.append(Cluster(canonical, ordered, origin == "alias data", min(links) if links else threshold, origin))
    clusters.sort(key=lambda c: (-sum(m.count for m in c.members), c.canonical))
    return clusters
