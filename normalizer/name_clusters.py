"""Name clusters: similar names across files grouped as likely variants of one name (``mtnorm alias suggest``)."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import regex
from rapidfuzz.distance import JaroWinkler

from .aliases import Alias
from .document import Document
from .lexicon import zipf

NAME = regex.compile(r"(?<![\p{L}\p{N}'’-])\p{Lu}[\p{Ll}\p{Lu}]*\p{Ll}[\p{L}]*(?=(?:['’]s)?(?![\p{L}\p{N}-]))")
UNKNOWN = 2.0  # below this wordfreq Zipf value a spelling counts as unknown
COMMON = 3.0   # at or above it a capitalized word is an ordinary word, not a name


@dataclass
class Member:
    """One spelling: how often it occurs and a few places where it does."""

    name: str
    count: int = 0
    examples: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Cluster:
    """Spellings that look like one name, with the proposed canonical form first."""

    canonical: str
    members: list[Member]
    known: bool
    score: float

    @property
    def variants(self) -> list[Member]:
        return [m for m in self.members if m.name != self.canonical]

    def to_dict(self) -> dict:
        return {
            "canonical": self.canonical,
            "from_alias_data": self.known,
            "similarity": round(self.score, 1),
            "members": [{"name": m.name, "count": m.count,
                         "examples": [{"path": p, "context": c} for p, c in m.examples]} for m in self.members],
        }


def collect(docs: Iterable[Document], examples: int = 3) -> dict[str, Member]:
    """Capitalized name-like words of every document, with counts and example contexts."""
    names: dict[str, Member] = {}
    for doc in docs:
        text = doc.text
        for m in NAME.finditer(text):
            word = m.group()
            if len(word) < 4:
                continue
            member = names.setdefault(word, Member(word))
            member.count += 1
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


def suggest(
    names: dict[str, Member],
    aliases: Sequence[Alias] = (),
    exclusions: set[frozenset[str]] = frozenset(),
    threshold: float = 87.0,
) -> list[Cluster]:
    """Group spellings by similarity (Jaro-Winkler, same first letter, similar length).

    Two ordinary words are never linked, and at least one spelling of each link
    must be unknown to wordfreq; the canonical form is the alias data's, or the
    most frequent spelling.
    """
    variant_of = {v: a.canonical for a in aliases for v in a.variants}
    canonicals = {a.canonical for a in aliases}
    words = sorted(n for n in names if zipf(n.lower()) < COMMON or n in canonicals)
    parent = {w: w for w in words}

    def root(w: str) -> str:
        while parent[w] != w:
            parent[w] = parent[parent[w]]
            w = parent[w]
        return w

    best: dict[frozenset[str], float] = {}
    by_letter: dict[str, list[str]] = {}
    for w in words:
        by_letter.setdefault(w[0], []).append(w)
    for group in by_letter.values():
        for i, a in enumerate(group):
            za = zipf(a.lower())
            for b in group[i + 1:]:
                if abs(len(a) - len(b)) > 3 or frozenset((a, b)) in exclusions:
                    continue
                if za >= UNKNOWN and zipf(b.lower()) >= UNKNOWN:
                    continue
                score = JaroWinkler.normalized_similarity(a, b) * 100
                if score >= threshold:
                    parent[root(a)] = root(b)
                    best[frozenset((a, b))] = score
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(root(w), []).append(w)
    clusters = []
    for members in groups.values():
        if len(members) < 2:
            continue
        known = [variant_of.get(m, m) for m in members if m in canonicals or m in variant_of]
        canonical = known[0] if known else max(members, key=lambda m: (names[m].count, zipf(m.lower()), m))
        if canonical not in members:
            members.append(canonical)
        others = [m for m in members if m != canonical and frozenset((m, canonical)) not in exclusions]
        if not others:
            continue
        ordered = [names.get(canonical, Member(canonical))] + sorted(
            (names[m] for m in others), key=lambda m: (-m.count, m.name))
        links = [s for pair, s in best.items() if pair <= set(members)]
        clusters.append(Cluster(canonical, ordered, bool(known), min(links) if links else threshold))
    clusters.sort(key=lambda c: (-sum(m.count for m in c.members), c.canonical))
    return clusters
