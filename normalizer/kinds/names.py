"""Name family (N): known name variants (alias data) and fuzzy detection of unknown ones."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import regex

from ..aliases import Alias
from ..document import Document
from ..fixes import Proposal, Safety
from ..lexicon import common_forms, zipf
from ..registry import Rule
from ..scan import Scan
from ..triggers import Trigger
from .gazetteer_match import house_key
from .name_forms import SLAVIC_PREPOSITION, derived_form, edits
from .name_mentions import sound_alike
from .words import capital_whole, census, places

ROMAN = regex.compile(r"^[IVXLCDM]+$")
# Words before a Roman numeral that make it a regnal or ordinal number ("Louis XI", "Chapter XI").
TITLES = frozenset("""President Chairman Leader Comrade Secretary General Premier Mr Mr. Chinese
    leader president chairman""".split())
AFTER_ORDINAL = frozenset("Congress Plenum Plenary Session Century Corps Olympiad Games Dynasty Edition".split())
PREV_WORD = regex.compile(r"([\p{L}\p{N}.]+)[ \t]+\Z")
THE_BEFORE = regex.compile(r"(?<![\p{L}\p{N}])[Tt]he[ \t]+\Z")
NEXT_WORD = regex.compile(r"[ \t]+([\p{L}\p{N}]+)")
ROLE = regex.compile(
    r"(?:President|Secretary|Minister|Chancellor|Premier|Governor|Ambassador|Senator|Spokes(?:person|man|woman)|"
    r"Representative|Chairman|Chairwoman|Director|Mayor|Envoy|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|leader|minister|"
    r"secretary|spokesperson|envoy|chief|Gen\.|General|Prime)[ \t]+\Z"
)
CAPITALIZED = regex.compile(r"(?<![\p{L}\p{N}'’-])\p{Lu}\p{Ll}{3,}(?![\p{L}\p{N}-])")


def trie_pattern(words: Iterable[str], space: str = r"\s+") -> str:
    """One regex alternation shaped as a trie, so matching many words costs little more than one.

    Longer words win over their prefixes (a greedy alternative is tried first).

    >>> regex.fullmatch(trie_pattern(["Bescent", "Becent", "Be"]), "Becent") is not None
    True
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        branches = [(space if ch == " " else regex.escape(ch)) + build(child)
                    for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        inner = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{inner})?" if end else inner

    return build(trie)


@functools.cache
def fuzz() -> Any:
    """rapidfuzz's ``fuzz`` module, imported when a name is first scored (most texts need none)."""
    from rapidfuzz import fuzz

    return fuzz


@functools.cache
def jaro_winkler() -> Any:
    from rapidfuzz.distance import JaroWinkler

    return JaroWinkler


_ASSIGNED: dict[str, bool] = {}


def _assigned(chars: frozenset[str]) -> bool:
    """True if Python's Unicode tables assign every character of ``chars`` (the ``regex`` module's may be newer)."""
    for c in chars:
        ok = _ASSIGNED.get(c)
        if ok is None:
            ok = _ASSIGNED[c] = unicodedata.category(c) != "Cn"
        if not ok:
            return False
    return True


def fold(word: str) -> str:
    """``word`` without diacritics, lower-cased."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).lower()


class AliasMatcher:
    """One compiled pattern for every variant of every alias (longest first)."""

    def __init__(self, aliases: Sequence[Alias]) -> None:
        self.by_form: dict[str, tuple[Alias, str, bool]] = {}
        for a in aliases:
            for v in a.variants:
                self.by_form.setdefault(v, (a, v, False))
                if not v.isupper() and len(v) > 3:
                    self.by_form.setdefault(v.upper(), (a, v, True))
        # Every match starts with the first word of a variant: the scan's literal pass over the text
        # as written finds where (the rule's trigger declares them).
        self.first_words = frozenset(form.split(" ")[0] for form in self.by_form)
        self.trigger = Trigger(exact=tuple(sorted(self.first_words)))
        self.context_patterns: dict[str, regex.Pattern] = {}  # compiled when first needed

    @functools.cached_property
    def pattern(self) -> regex.Pattern:
        """Every variant, longest first, as one pattern: compiled when a text first needs it."""
        body = trie_pattern(self.by_form) if self.by_form else r"(?!)"
        return regex.compile(
            r"(?<![\p{L}\p{N}_'’-])(?P<name>" + body + r")(?P<suffix>['’]s|s['’]|s)?(?![\p{L}\p{N}_-])"
        )

    @functools.cached_property
    def fast_pattern(self) -> re.Pattern:
        """:attr:`pattern` for the standard engine, which compiles it four times faster.

        ``\\w`` there is ``[\\p{L}\\p{N}_]`` but for characters Python's Unicode tables do not
        assign yet (:func:`_assigned` keeps texts with those on :attr:`pattern`), and its
        ``\\s`` takes four separators (U+001C-U+001F) that the ``regex`` module's does not.
        """
        body = trie_pattern(self.by_form, r"[^\S\x1c-\x1f]+") if self.by_form else r"(?!)"
        return re.compile(r"(?<![\w'’-])(?P<name>" + body + r")(?P<suffix>['’]s|s['’]|s)?(?![\w-])")

    def finditer(self, scan: Scan) -> Iterator[regex.Match]:
        """The matches of :attr:`pattern` in the scanned text (the same as its ``finditer``), tried only
        where a variant starts."""
        if not self.first_words:
            return
        text = scan.text
        found = scan.exact_hits
        positions = sorted({p for first in self.first_words.intersection(found) for p in found[first]})
        if not positions:
            return
        pattern = self.fast_pattern if _assigned(scan.non_ascii) else self.pattern
        last = 0
        for p in positions:
            if p < last or p and text[p - 1].isalpha():
                continue  # inside the previous match, or inside a word
            m = pattern.match(text, p)
            if m is not None:
                last = m.end()
                yield m

    def in_context(self, alias: Alias, text: str, cache: dict[str, bool]) -> bool:
        if not alias.context:
            return True
        key = alias.where + alias.canonical
        if key not in cache:
            pattern = self.context_patterns.get(key)  # each alias table its own context words
            if pattern is None:
                pattern = self.context_patterns[key] = regex.compile(
                    r"(?<![\p{L}\p{N}])(?:" + "|".join(regex.escape(c) for c in alias.context) + r")(?![\p{L}\p{N}])")
            cache[key] = bool(pattern.search(text))
        return cache[key]


def _roman_numeral_use(text: str, start: int, end: int) -> bool:
    """True if an all-caps Roman-numeral variant is used as a numeral here."""
    prev = PREV_WORD.search(text, max(0, start - 40), start)
    if prev and prev.group(1)[0].isupper() and prev.group(1) not in TITLES:
        return True
    if prev and (prev.group(1)[0].isdigit() or ROMAN.match(prev.group(1))):
        return True
    nxt = NEXT_WORD.match(text, end)
    return bool(nxt and (nxt.group(1) in AFTER_ORDINAL or ROMAN.match(nxt.group(1))))


def _line_is_upper(text: str, start: int) -> bool:
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", start)
    line = text[a:b if b >= 0 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return len(letters) > 8 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def known_variants(aliases: Sequence[Alias]) -> Rule:
    """Build N001 from the alias data."""
    matcher = AliasMatcher(aliases)

    def find(doc: Document, scan: Scan) -> Iterator[Proposal]:
        text = doc.text
        cache: dict[str, bool] = {}
        for m in matcher.finditer(scan):
            name = regex.sub(r"\s+", " ", m.group("name"))
            entry = matcher.by_form.get(name)
            if entry is None:
                continue
            alias, variant, upper_form = entry
            if not matcher.in_context(alias, text, cache):
                continue
            start, end = m.start("name"), m.end("name")
            if alias.not_after and regex.search(f"(?:{alias.not_after})\\s*\\Z", text[max(0, start - 40):start]):
                continue
            the = THE_BEFORE.search(text, max(0, start - 8), start)
            if ROMAN.match(variant) and (_roman_numeral_use(text, start, end) or _line_is_upper(text, start)):
                continue
            if variant.upper() == alias.canonical.upper() and _line_is_upper(text, start):
                continue  # "XI JINPING" in an all-caps headline is right as it is
            canonical = alias.canonical.upper() if upper_form else alias.canonical
            note = alias.note.split(";")[0].strip()
            why = f"{m.group('name')!r} is a known variant of {alias.canonical!r}" + (f" ({note})" if note else "")
            safety = Safety.REVIEW if variant in alias.review else Safety.SAFE
            suffix = m.group("suffix") or ""
            if suffix == "s":
                nxt = NEXT_WORD.match(text, m.end())
                if not (the and nxt and nxt.group(1)[0].islower()):
                    continue  # a plural or another word, not a possessive
                # "the Pekins resolve": a possessive that lost its apostrophe
                yield Proposal(the.start(), m.end(), f"{canonical}'s",
                               why + ", here a possessive without its apostrophe.", Safety.REVIEW)
                continue
            yield Proposal(start, end, canonical, why + ".", safety)

    return Rule("N001", "name-variant", "name", Safety.SAFE,
                "A known variant of a name: a transliteration slip, a foreign exonym or acronym, or a\n"
                "pinyin leak (\"Bescent\" for Bessent, \"Pékin\" for Beijing, \"RPC\" for PRC).\n\n"
                "Matched as whole words from the alias data (rules/aliases.toml and your alias files),\n"
                "keeping possessives and all-caps headlines. Variants that may be right elsewhere are\n"
                "review; \"XI\" used as a Roman numeral (\"Louis XI\") is left alone.",
                find, example="Treasury Secretary Bescent met RPC officials in Pékin.", source="rules/aliases.toml",
                trigger=matcher.trigger)


class NameBlocks:
    """Names blocked by first letter and length: a word is scored only against names that share
    its first letter and are within two letters of its length (:meth:`near`, in the given order).

    >>> NameBlocks(["Sheinbaum", "Bessent", "Shein", "Sheinbaums"]).near("Sinbaum")
    ['Sheinbaum', 'Shein']
    """

    def __init__(self, names: Iterable[str]) -> None:
        self.blocks: dict[tuple[str, int], list[tuple[int, str]]] = {}
        for i, name in enumerate(names):
            self.blocks.setdefault((name[:1], len(name)), []).append((i, name))

    def near(self, word: str) -> list[str]:
        n = len(word)
        found = [x for length in range(n - 2, n + 3) for x in self.blocks.get((word[:1], length), ())]
        found.sort()
        return [name for _, name in found]


def capitalized_words(text: str) -> dict[str, list[int]]:
    """Where each capitalized word (CAPITALIZED) that is not a common form occurs: word -> starts.

    Equal to filtering ``CAPITALIZED.finditer(text)`` (tested), from the word census: only the
    few tokens that are neither common nor lower case are looked for, with ``str.find``.

    >>> capitalized_words("Sinbaum met Sinbaum's aide, O'Sinbaum and However Sinbaums.")
    {'Sinbaum': [0, 12], 'Sinbaums': [50]}
    """
    common = common_forms()
    words: set[str] = set()
    for token in census(text):
        if token.isascii():
            if len(token) >= 4 and token[:1].isupper() and token[1:].islower():
                words.add(token.decode("ascii"))
        else:
            words.update(w for w in CAPITALIZED.findall(token.decode("utf-8", "surrogatepass")) if w not in common)
    out: dict[str, list[int]] = {}
    for w in words:
        starts = list(places(w, text, capital_whole))
        if starts:
            out[w] = starts
    return dict(sorted(out.items()))


def fuzzy_variants(aliases: Sequence[Alias]) -> Rule:
    """Build N002: capitalized unknown words close to a canonical name or a name of the document."""
    known_forms = {v for a in aliases for v in a.variants}
    targets: dict[str, str] = {}
    for a in aliases:
        for token in a.canonical.split():
            if len(token) >= 4 and token[0].isupper():
                targets.setdefault(token, a.canonical)
    known_forms |= set(targets)
    alias_blocks = NameBlocks(targets)
    run_blocks: list[Any] = [None, None]  # the run's names and their blocks, built once per run

    def find(doc: Document, scan: Scan) -> Iterator[Proposal]:
        text = doc.text
        places = capitalized_words(text)  # "Monday", "However": surely Zipf 3 or more, left out
        counts = Counter({w: len(starts) for w, starts in places.items()})  # 0 for a word it lacks
        rare = counts.keys()
        local = {t for t in rare if counts[t] >= 2 and zipf(t.lower()) < 3.0}
        corpus = scan.run.names if scan.run is not None else {}
        if corpus and run_blocks[0] is not corpus:
            run_blocks[:] = [corpus, NameBlocks(corpus)]
        unknown = {t for t in rare if t not in known_forms and zipf(t.lower()) < 1.0}  # decided once per word
        for start, word in sorted((start, w) for w in unknown for start in places[w]):
            role = bool(ROLE.search(text, max(0, start - 40), start))
            best: tuple[float, str, str] | None = None
            candidates = [(t, "alias") for t in alias_blocks.near(word)] + [(t, "document") for t in local]
            if corpus:
                candidates += [(t, "corpus") for t in run_blocks[1].near(word) if t not in local]
            for target, source in candidates:
                if target == word or target[0] != word[0] or abs(len(target) - len(word)) > 2:
                    continue
                if fold(target) == fold(word) or house_key(target) == house_key(word):
                    continue  # "Kahramanmaras" for "Kahramanmaraş", "Zelenskiy" for "Zelensky": accepted spellings
                if derived_form(word, target):
                    continue  # "Bolsonarist", "Zabrzu": a word made from the name, or the name inflected
                # Indel ratio, or Jaro-Winkler (which rewards the shared start MT keeps) less a margin
                score = max(fuzz().ratio(word, target), jaro_winkler().normalized_similarity(word, target) * 100 - 5)
                if source == "alias":
                    need = 85 if role else 90
                elif source == "document":  # a name the document uses at least twice as often
                    need = 83 if counts[target] >= 2 * counts[word] else 95
                else:  # a name the other files of the run use, far more often than this spelling
                    need = 83 if corpus[target] >= 3 * corpus.get(word, 1) else 95
                if score >= need and (best is None or score > best[0]):
                    best = (score, target, source)
            if best is None:
                continue
            score, target, source = best
            if edits(word, target) > 2 + (len(word) >= 12):
                continue  # "Kekerattsusiak" for "Kekertsuatsiak" is four edits: another name more likely than a slip
            if source == "alias" and not sound_alike(word, target):
                continue  # "Zelezny" is not "Zelensky" garbled (a sound changed): without the document's word, another name
            if SLAVIC_PREPOSITION.search(text, max(0, start - 4), start):
                continue  # "W Zabrzu", "v Kyjevě": a name inflected after a preposition of its language
            if source != "alias" and _chinese_given_name(text, start, word):
                continue  # "Bi Xiaoning": a given name after a surname, not a garbled "Xining"
            evidence = {"alias": "a name in the alias data",
                        "document": f"a name used {counts[target]} times in this document",
                        "corpus": f"a name used {corpus.get(target, 0)} times in the files of this run"}[source]
            if role:
                evidence += ", after a title or role"
            yield Proposal(start, start + len(word), target,
                           f"{word!r} is not a known word or name and resembles {target!r} "
                           f"({evidence}; similarity {score:.0f}).")

    return Rule("N002", "name-variant-fuzzy", "name", Safety.REVIEW,
                "An unknown capitalized word that closely resembles a known name (\"Sinbaum\" for\n"
                "Sheinbaum), found by similarity to the alias data and to names used elsewhere in\n"
                "the document and in the other files of the run. Words that English or wordfreq knows\n"
                "(Russel, Rollins, Greer) are never candidates; a title in front (\"Mexican President\n"
                "...\") lowers the bar. More than two letters off (three in a word of twelve or more),\n"
                "a word made from the name (\"Bolsonarist\") or the name inflected is left alone. Always review.",
                find, example="Mexican President Sheinbuam spoke.", source="rules/aliases.toml",
                trigger=Trigger(uses_run=True))


SURNAME_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])(\p{Lu}\p{Ll}{0,5})[ \t]\Z")


def _chinese_given_name(text: str, start: int, word: str) -> bool:
    """True if ``word`` reads as a Chinese given name after a one-syllable surname ("Bi Xiaoning")."""
    m = SURNAME_BEFORE.search(text, max(0, start - 8), start)
    if m is None:
        return False
    from ..cedict import pinyin_syllables, pinyin_word

    return m.group(1).lower() in pinyin_syllables() and pinyin_word(word, 2)


def build_rules(aliases: Sequence[Alias]) -> list[Rule]:
    """The name rules for a set of aliases."""
    return [known_variants(aliases), fuzzy_variants(aliases)]
