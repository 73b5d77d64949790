"""Name mentions in one document, with the context that tells whether two spellings are one person.

A mention is a capitalized word that may be a name, with its neighbours (a capitalized word right
before or after it on the line: a given name, a surname), the role or title in front of it
("Finance Minister", "the director") and whether it stands in the headline. The measures used to
compare two spellings (string similarity from rapidfuzz, phonetic keys from jellyfish) live here too.
"""

from __future__ import annotations

import bisect
import functools
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import regex

from ..lexicon import FUNCTION_WORDS, zipf

# A capitalized word: letters and marks, inner hyphens ("Ji-yeon") and an apostrophe before a capital ("O'Neill").
NAME = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}_'’-])\p{Lu}[\p{L}\p{M}]*(?:-[\p{L}\p{M}]+)*(?:['’]\p{Lu}[\p{L}\p{M}]*)?(?![\p{L}\p{M}\p{N}_])"
)
ROLES = frozenset("""president minister secretary premier chancellor governor ambassador senator
    director mayor chairman chairwoman chair envoy spokesman spokeswoman spokesperson chief
    ceo founder coach manager striker midfielder defender goalkeeper player captain actor actress
    singer rapper star judge justice prosecutor general gen. colonel commander admiral lieutenant
    prince princess king queen sheikh emir pope bishop cardinal professor prof. dr. dr mr. mr mrs.
    mrs ms. ms lawyer deputy vice leader head chairperson rep. sen. gov. lawmaker mp""".split())
TITLE_WORDS = ROLES | frozenset("""finance foreign defence defense interior health trade economy
    prime state prime-minister former acting""".split())
SENTENCE_START = regex.compile(r"(?:\A|[.!?:;\"“”‘’(\[\n]\s*|^[#>*\-–—•]*\s*)\Z", regex.MULTILINE)
HEADLINE_END = (".", "?", "!", ";", ",", ":")


@functools.lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """``word`` without diacritics, case-folded: ``fold("Peláez") == fold("PELAEZ")``.

    >>> fold("Peláez")
    'pelaez'
    """
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a capitalized word, with what stands around it."""

    start: int
    end: int
    form: str
    before: str      # the capitalized name word right before it ("" if none)
    after: str       # the capitalized name word right after it ("" if none)
    role: str        # a role or title word among the three words before it ("" if none)
    headline: bool   # on a line written as a headline

    @property
    def key(self) -> str:
        return self.form.casefold()


def _title_case(line: str) -> bool:
    words = [w for w in line.split() if len(w) > 3 and w[0].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


@functools.lru_cache(maxsize=8)  # N003-N005 ask in turn; callers never change the list
def headlines(text: str) -> list[tuple[int, int]]:
    """Spans of the lines that read as headlines: the first non-empty line without sentence
    punctuation at its end, and any later title-case line of up to 25 words without it.

    >>> headlines("Minister Quits Over Budget\\n\\nThe minister resigned.\\nNew Budget Passes Senate Vote\\nMore.")
    [(0, 26), (51, 80)]
    """
    out: list[tuple[int, int]] = []
    start, first = 0, True
    for line in text.split("\n"):
        end = start + len(line)
        body = line.strip()
        if body:
            if not body.endswith(HEADLINE_END) and len(body.split()) <= 25 and (first or _title_case(body)):
                out.append((start, end))
            first = False
        start = end + 1
    return out


def inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """True if ``pos`` lies in one of the sorted ``spans``."""
    i = bisect.bisect_right(spans, (pos, len(spans) and spans[-1][1] + 1)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _opens_sentence(text: str, start: int) -> bool:
    return bool(SENTENCE_START.search(text, max(0, start - 4), start))


def _name_word(word: str, text: str, start: int, inner: set[str], head: bool) -> bool:
    """True if a capitalized neighbour can be part of a name: not a title or function word, not a
    common word opening a sentence ("Then", "After") unless the text also capitalizes it mid-sentence,
    and not a common word of a title-case headline ("Resigns")."""
    low = word.casefold()
    if low in FUNCTION_WORDS or low in TITLE_WORDS or len(word) < 2:
        return False
    if word in inner:
        return True
    return not (head and zipf(low) >= 3.0 or _opens_sentence(text, start) and zipf(low) >= 4.0)


@functools.lru_cache(maxsize=8)  # N003 and N005 ask in turn; callers never change the list
def mentions(text: str) -> list[Mention]:
    """Every capitalized word of ``text`` that may be a name, in order.

    >>> [(m.form, m.before, m.role) for m in mentions("Finance Minister Anna Kowalska spoke.")]
    [('Anna', '', 'minister'), ('Kowalska', 'Anna', 'minister')]
    """
    heads = headlines(text)
    found = [m for m in NAME.finditer(text) if m.group().casefold() not in TITLE_WORDS]
    inner = {m.group() for m in found if not _opens_sentence(text, m.start()) and not inside(m.start(), heads)}
    out: list[Mention] = []
    for i, m in enumerate(found):
        start, end, form = m.start(), m.end(), m.group()
        if form.casefold() in FUNCTION_WORDS:
            continue
        head = inside(start, heads)
        before = after = ""
        if i and found[i - 1].end() + 1 == start and text[found[i - 1].end()] == " ":
            prev = found[i - 1]
            if _name_word(prev.group(), text, prev.start(), inner, head):
                before = prev.group()
        if i + 1 < len(found) and found[i + 1].start() == end + 1 and text[end] == " ":
            nxt = found[i + 1]
            after = nxt.group() if _name_word(nxt.group(), text, nxt.start(), inner, head) else ""
        lead = text[max(0, text.rfind("\n", 0, start) + 1, start - 40):start].split()[-4:]
        role = next((w.casefold().rstrip(",") for w in reversed(lead) if w.casefold().rstrip(",") in ROLES), "")
        out.append(Mention(start, end, form, before, after, role, head))
    return out


def counts(found: list[Mention]) -> Counter[str]:
    """How often each spelling (case-folded) is used."""
    return Counter(m.key for m in found)


@functools.cache
def _jw() -> Any:
    from rapidfuzz.distance import JaroWinkler

    return JaroWinkler


@functools.cache
def _jellyfish() -> Any:
    import jellyfish

    return jellyfish


@functools.lru_cache(maxsize=4096)
def phonetic_keys(word: str) -> tuple[str, str]:
    """Metaphone (with "sh" and "s" as one sound, as transliterations from Arabic, Hebrew and Persian mix
    them) and NYSIIS keys of a spelling, from jellyfish.

    >>> phonetic_keys("Shukry")[0] == phonetic_keys("Sukari")[0]
    True
    """
    plain = "".join(c for c in fold(word) if c.isalpha())
    jf = _jellyfish()
    return jf.metaphone(plain).replace("X", "S"), jf.nysiis(plain)


def sound_alike(a: str, b: str) -> bool:
    """True if two spellings share a phonetic key, or their metaphone keys differ by one sound
    dropped (not changed), or one spelling keeps every letter of the other (letters dropped, doubled
    or swapped) with keys one edit apart.

    >>> sound_alike("Kowalczyk", "Kowalcik"), sound_alike("Xiaoming", "Xiaoping")
    (True, False)
    """
    from rapidfuzz.distance import Indel, Levenshtein

    ka, kb = phonetic_keys(a), phonetic_keys(b)
    if ka[0] == kb[0] or ka[1] == kb[1]:
        return True
    if min(len(ka[0]), len(kb[0])) >= 3 and Indel.distance(ka[0], kb[0]) == 1:
        return True
    la, lb = Counter(fold(a)), Counter(fold(b))
    if not (la - lb) or not (lb - la):
        return min(Levenshtein.distance(ka[0], kb[0]), Levenshtein.distance(ka[1], kb[1])) <= 1
    return False


GENDER_PAIRS = (("ska", "ski"), ("cka", "cki"), ("ova", "ov"), ("eva", "ev"), ("ina", "in"),
                ("aya", "iy"), ("aya", "y"), ("ová", ""), ("ienė", "ius"), ("yte", "is"))


def other_person(a: str, b: str) -> bool:
    """True if two spellings are more likely two people than one: a syllable of a given name that
    differs wholly ("Jong-il"/"Jong-un"), a syllable added or dropped ("Qiang"/"Keqiang"), or the
    female and male forms of a Slavic or Baltic surname ("Kowalska"/"Kowalski").

    >>> other_person("Jong-il", "Jong-un"), other_person("Jae-myung", "Jae-yong"), other_person("Qiang", "Keqiang")
    (True, True, True)
    >>> other_person("Ji-yeon", "Ji-yeom"), other_person("Kowalczyk", "Kowalcik")
    (False, False)
    """
    from rapidfuzz.distance import DamerauLevenshtein

    fa, fb = fold(a), fold(b)
    pa, pb = fa.split("-"), fb.split("-")
    if len(pa) == len(pb) > 1:
        for x, y in zip(pa, pb):
            if x != y and (DamerauLevenshtein.distance(x, y) > 1 or len(x) <= 2 or len(y) <= 2):
                return True  # a syllable is a unit: more than one letter changed is another syllable
    short, long_ = sorted((fa.replace("-", ""), fb.replace("-", "")), key=len)
    if len(long_) - len(short) >= 2 and (long_.startswith(short) or long_.endswith(short)):
        return True
    for f, m in GENDER_PAIRS:
        for x, y in ((fa, fb), (fb, fa)):
            if x.endswith(f) and y.endswith(m) and x[: len(x) - len(f)] == y[: len(y) - len(m)]:
                return True
    return False


Context = tuple[set[str], set[str], set[str]]


def contexts(found: list[Mention]) -> dict[str, Context]:
    """For each spelling: the names before, the names after and the roles of its mentions."""
    out: dict[str, Context] = {}
    for m in found:
        before, after, roles = out.setdefault(m.key, (set(), set(), set()))
        if m.before:
            before.add(m.before.casefold())
        if m.after:
            after.add(m.after.casefold())
        if m.role:
            roles.add(m.role)
    return out


def iter_pairs(variants: list[str], targets: list[str], cutoff: float) -> Iterator[tuple[str, str, float]]:
    """Pairs (variant, target) of different spellings at least ``cutoff`` similar that share a first
    letter (rapidfuzz's cdist, one block of first letter at a time).

    >>> [(v, t, round(score)) for v, t, score in iter_pairs(["kowalcik"], ["kowalczyk", "nowak"], 78)]
    [('kowalcik', 'kowalczyk', 93)]
    """
    from rapidfuzz.process import cdist

    blocks: dict[str, tuple[list[str], list[str]]] = {}
    for k in variants:
        blocks.setdefault(fold(k)[:1], ([], []))[0].append(k)
    for k in targets:
        if fold(k)[:1] in blocks:
            blocks[fold(k)[:1]][1].append(k)
    for _, (vs, ts) in sorted(blocks.items()):
        if not ts:
            continue
        fv, ft = [fold(k) for k in vs], [fold(k) for k in ts]
        for lo in range(0, len(fv), 256):
            scores = cdist(fv[lo:lo + 256], ft, scorer=_jw().normalized_similarity, score_cutoff=cutoff / 100)
            for i, row in enumerate(scores):
                for j in row.nonzero()[0]:
                    if fv[lo + i] != ft[j]:
                        yield vs[lo + i], ts[j], float(row[j]) * 100
