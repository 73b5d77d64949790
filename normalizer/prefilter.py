"""Literal prefilters: skip a regular expression on a text that cannot contain a match.

Most text has no artefact, so most patterns match nowhere. For a pattern we
derive, from its parse tree, a few literal strings of which every match must
contain one (``(?i)\\bdonat(?:e|ion)`` needs "donat"; ``[Cc]ommercial (war|deficit)``
needs "ommercial "). Looking for a handful of literals in the lower-cased text
is a fast substring search, so a pattern runs only on texts holding one of them.

The literals are lower-case ASCII or caseless symbols ("©", "“") and are looked for in :func:`fold` of the
text, which lower-cases it and maps the four non-ASCII characters that a
case-insensitive pattern lets stand for an ASCII letter (Kelvin sign, long s,
dotted and dotless I). A pattern we cannot analyse gets no gate and always runs.
"""

from __future__ import annotations

import re
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache, partial
from typing import Any

try:  # the standard library's own parser (private, stable since 3.11); without it nothing is gated
    from re import _constants as _c, _parser as _p
except ImportError:  # pragma: no cover
    _p = _c = None

MIN_LITERAL = 3   # shorter literals occur in almost every text: not worth a gate
MAX_SET = 64      # alternatives kept when literals multiply ("[Cc]ommercial (war|deficit)")

# Non-ASCII characters that a case-insensitive ``re`` or ``regex`` pattern matches
# to an ASCII letter, or whose lower case holds one (tests/test_prefilter.py recomputes this).
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_FOLD_CHARS = re.compile("[\u0130\u0131\u017f\u212a]")
# Escapes of the ``regex`` module that the standard parser rejects; for finding literals any
# character class will do, so they are read as ``\w`` / ``\W``.
_REGEX_ONLY = re.compile(r"\\[pP]\{[^}]*\}|\\[pP][A-Za-z]")


@lru_cache(maxsize=8)
def fold(text: str) -> str:
    """``text`` lower-cased for literal search (cached: every gated rule asks for it).

    Every character keeps its offset: U+0130, the one character whose lower case is two
    characters, is mapped to "i" first.

    >>> fold("Support \u212aelvin")
    'support kelvin'
    """
    if not text.isascii() and _FOLD_CHARS.search(text):
        text = text.translate(_FOLD)
    return text.lower()


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=8)
def non_ascii(text: str) -> frozenset[str]:
    """The distinct characters of ``text`` beyond ASCII (cached: rules that check their engines ask in turn)."""
    return frozenset() if text.isascii() else frozenset(_NON_ASCII.findall(text))


def hyperscan_database(expressions: Sequence[bytes], flags: int, literal: bool = False,
                       keep: bool = True) -> Compiled:
    """A compiled Hyperscan block-mode database of ``expressions`` (ids 0..n-1), ready to scan.

    Compiling takes a tenth of a second for the shared passes, so the result is kept in the user
    cache folder (``MTNORM_CACHE_DIR``, else ``~/.cache/mtnorm``), named after the installed
    hyperscan and a digest of what was compiled; a cache file that is damaged, or that a
    different CPU or library cannot load, is compiled again and replaced. ``keep=False``
    (strings learned from one run) compiles without the cache folder.
    """
    import hashlib

    import hyperscan

    from .lexicon import _cache_file, read_cache, write_cache

    if not keep:
        return Compiled(_compile_database(expressions, flags, literal))
    digest = hashlib.blake2b(repr((list(expressions), flags, literal)).encode(), digest_size=16).hexdigest()
    cache = _cache_file(f"hyperscan-{digest}", "hyperscan", "hsdb")
    data = read_cache(cache)
    if data is not None:
        try:
            return Compiled(hyperscan.loadb(data, hyperscan.HS_MODE_BLOCK))
        except (hyperscan.error, TypeError, ValueError):
            pass
    db = _compile_database(expressions, flags, literal)
    write_cache(cache, hyperscan.dumpb(db))
    return Compiled(db)


def _compile_database(expressions: Sequence[bytes], flags: int, literal: bool) -> Any:
    import hyperscan

    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    db.compile(expressions=list(expressions), ids=list(range(len(expressions))), elements=len(expressions),
               flags=flags, literal=literal)
    return db


class Compiled:
    """A Hyperscan database and a scratch space for each thread that scans with it (a scratch space
    serves one scan at a time: the review app checks files in a worker thread)."""

    def __init__(self, db: Any) -> None:
        import hyperscan

        self.db = db
        self._owner = threading.get_ident()
        self._scratch = hyperscan.Scratch(db)
        self._others = threading.local()

    def scan(self, data: bytes, handler: Callable[..., Any]) -> None:
        if threading.get_ident() == self._owner:
            scratch = self._scratch
        else:
            scratch = getattr(self._others, "scratch", None)
            if scratch is None:
                import hyperscan

                scratch = self._others.scratch = hyperscan.Scratch(self.db)
        self.db.scan(data, match_event_handler=handler, scratch=scratch)


class LiteralSet:
    """Strings looked for all at once, in one pass of Hyperscan (Vectorscan) over the text's UTF-8 bytes.

    ``.iter(text)`` yields ``(end, value)`` for every occurrence of every string (overlapping ones
    too), ``end`` being the offset of its last character, in the order the occurrences end.
    Several times faster than an Aho-Corasick automaton walked character by character (4.6 vs
    24 ms per MB of news for 2,100 strings, measured here).

    >>> list(LiteralSet([("he", 1), ("she", 2), ("hers", 3)]).iter("ushers"))
    [(3, 1), (3, 2), (5, 3)]
    >>> list(LiteralSet([("é", "e"), ("“", "q")]).iter("“Pékin”"))
    [(0, 'q'), (2, 'e')]
    """

    def __init__(self, pairs: Iterable[tuple[str, Any]], keep: bool = True) -> None:
        self._keep = keep  # compiled database kept in the cache folder (see hyperscan_database)
        table: dict[str, Any] = {}
        for key, value in pairs:
            if key:
                table[key] = value  # the last value given for a string wins
        # the binding reads each string up to a NUL: such strings (none shipped) are searched for apart
        self._apart = [(k, v) for k, v in table.items() if "\x00" in k]
        self._values = [v for k, v in table.items() if "\x00" not in k]
        self._keys = [k.encode("utf-8") for k in table if "\x00" not in k]
        self._db: Compiled | None = None

    def __len__(self) -> int:
        return len(self._keys) + len(self._apart)

    def iter(self, text: str) -> Iterator[tuple[int, Any]]:
        if self._apart:
            return iter(sorted([*self._iter(text), *self._search_apart(text)], key=lambda hit: hit[0]))
        return self._iter(text)

    def _search_apart(self, text: str) -> Iterator[tuple[int, Any]]:
        for key, value in self._apart:
            i = text.find(key)
            while i >= 0:
                yield i + len(key) - 1, value
                i = text.find(key, i + 1)

    def _iter(self, text: str) -> Iterator[tuple[int, Any]]:
        if not self._keys or not text:
            return iter(())
        if self._db is None:
            self._db = hyperscan_database(self._keys, 0, literal=True, keep=self._keep)
        data = text.encode("utf-8", "surrogatepass")  # a lone surrogate (a Python string may hold one) is 3 bytes
        ends: list[tuple[int, int]] = []

        def found(i: int, _start: int, end: int, _flags: int, _ctx: Any) -> None:
            ends.append((end, i))

        self._db.scan(data, found)
        ends.sort()  # end-offset order (already so in block mode; a sort of sorted data is one pass)
        values = self._values
        if len(data) == len(text):  # ASCII: byte offsets are character offsets
            return ((end - 1, values[i]) for end, i in ends)
        # UTF-8: a match ends on a character boundary; count the characters up to each end
        out, chars, prev = [], 0, 0
        for end, i in ends:
            if end != prev:
                chars += len(data[prev:end].decode("utf-8", "surrogatepass"))
                prev = end
            out.append((chars - 1, values[i]))
        return iter(out)


class PatternSet:
    """First checks written as Hyperscan patterns over a text's UTF-8 bytes, all answered by one pass.

    Each pattern stands for a rule's first check and matches wherever that check does (a byte
    pattern can only be broader: a character beyond ASCII is two to four bytes that a class of
    ASCII exclusions lets through); ``may(name, text)`` says whether the rule must look closer.
    tests/test_fast_paths.py holds each pattern against the check it stands for. A text that is
    not valid Unicode (lone surrogates) gets no answer: every rule looks.

    >>> checks = PatternSet()
    >>> checks.register("space-mark", r"[ \\t][,;:.?!%]")
    >>> checks.may("space-mark", "Source :Skai"), checks.may("space-mark", "Source: Skai")
    (True, False)
    """

    def __init__(self) -> None:
        self.patterns: dict[str, str] = {}
        self.refused: set[str] = set()  # patterns Hyperscan would not compile
        self._names: list[str] = []
        self._db: Compiled | None = None
        self._last: tuple[str, int, frozenset[str] | None] | None = None

    def register(self, name: str, pattern: str) -> None:
        if self.patterns.get(name) != pattern and name not in self.refused:
            self.patterns[name] = pattern
            self._db = None  # compiled again on next use

    def matched(self, text: str) -> frozenset[str] | None:
        """The names whose pattern matches somewhere in ``text`` (``None``: no answer)."""
        last = self._last
        if last is not None and last[1] == len(self.patterns) and (last[0] is text or last[0] == text):
            return last[2]
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            found = None
        else:
            if self._db is None and self.patterns:
                self._compile()
            hits: set[str] = set()
            if self._db is not None:
                names = self._names
                self._db.scan(data, lambda i, *_: hits.add(names[i]))
            found = frozenset(hits)
        self._last = (text, len(self.patterns), found)
        return found

    def may(self, name: str, text: str) -> bool:
        found = self.matched(text)
        return found is None or name in found or name in self.refused

    def _compile(self) -> None:
        import hyperscan

        flags = hyperscan.HS_FLAG_SINGLEMATCH | hyperscan.HS_FLAG_MULTILINE
        try:
            self._db = hyperscan_database([p.encode("ascii") for p in self.patterns.values()], flags)
        except hyperscan.error:  # a pattern Hyperscan refuses (too large, say): left out, its rule always looks
            for name, pattern in list(self.patterns.items()):
                try:
                    hyperscan_database([pattern.encode("ascii")], flags)
                except hyperscan.error:
                    self._refuse([name])
            try:
                self._db = hyperscan_database([p.encode("ascii") for p in self.patterns.values()], flags)
            except hyperscan.error:  # refused together: no pass at all, every rule looks
                self._refuse(list(self.patterns))
                self._db = None
        self._names = list(self.patterns)

    def _refuse(self, names: list[str]) -> None:
        for name in names:
            del self.patterns[name]
            self.refused.add(name)


# The rules' first checks, registered by the rule modules.
QUICK = PatternSet()


def pattern_source(pattern: Any) -> tuple[str | None, int]:
    """The source and flags of a pattern: compiled (``re``, ``regex``), lazy or timed (compiling
    nothing), or a source string; ``(None, 0)`` for anything else."""
    if isinstance(pattern, str):
        return pattern, 0
    inner = getattr(pattern, "pattern", None)
    if inner is None:
        return None, 0
    if not isinstance(inner, str):
        return pattern_source(inner)  # a TimedPattern wraps a compiled pattern
    # a LazyPattern keeps its flags apart (asking it for .flags would compile it)
    return inner, pattern._flags if hasattr(pattern, "_flags") else getattr(pattern, "flags", 0)


def pattern_check(pattern: Any) -> Callable[[str], bool] | None:
    """A first check for a rule's pattern (compiled, lazy, timed or its source): the pattern rewritten
    as a broader byte pattern (:mod:`normalizer.bytepatterns`) and asked in the shared pass
    (:data:`QUICK`). ``check(text)`` is False only where the pattern cannot match the text, nor
    any line or paragraph of it; ``None`` when the pattern cannot be rewritten.
    """
    import regex

    from .bytepatterns import rewritten

    # flags of the regex module that change what a pattern matches beyond what bytepatterns reads
    regex_only = regex.V1 | regex.FULLCASE | regex.BESTMATCH | regex.ENHANCEMATCH | regex.POSIX | regex.REVERSE
    source, flags = pattern_source(pattern)
    if source is None or flags & regex_only:
        return None
    translated = rewritten(source, flags & (re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE))
    if translated is None:
        return None
    name = "re:" + translated  # one entry for patterns that read alike
    QUICK.register(name, translated)
    return partial(QUICK.may, name)


def automaton(pairs: Iterable[tuple[str, Any]]) -> LiteralSet:
    """A :class:`LiteralSet` of ``(string, value)`` pairs: ``.iter(text)`` yields ``(end offset,
    value)`` for every occurrence of every string, in one pass."""
    return LiteralSet(pairs)


# Every literal of every gate, looked for in one literal pass (LiteralSet) per text.
_KNOWN: dict[str, None] = {}
_automaton: Any = None


def _index() -> Any:
    global _automaton
    if _automaton is None:
        _automaton = automaton((lit, lit) for lit in _KNOWN)
    return _automaton


@lru_cache(maxsize=8)
def hits(folded: str, known: int = 0) -> dict[str, list[int]]:
    """Where each gate literal occurs in ``folded``: literal -> start offsets (``known``: how
    many literals there are, so that a new gate is never answered from an older index).

    Offsets are offsets into the original text too: :func:`fold` keeps every character's place.
    """
    out: dict[str, list[int]] = {}
    if _KNOWN:
        for end, lit in _index().iter(folded):
            out.setdefault(lit, []).append(end - len(lit) + 1)
    return out


class ExactIndex:
    """Strings looked for as written (case-sensitive) in one literal pass per text, shared by
    every rule that registers some: N001's first words of variants, C001's " The ", C002's words.

    >>> index = ExactIndex()
    >>> index.register(["The ", "Xi"])
    >>> index.hits("Then The Xi")
    {'The ': [5], 'Xi': [9]}
    """

    def __init__(self) -> None:
        self.known: dict[str, None] = {}
        self._automaton: Any = None
        self._last: tuple[str, int, dict[str, list[int]]] | None = None

    def register(self, strings: Iterable[str]) -> None:
        new = [x for x in strings if x and x not in self.known]
        if new:
            self.known.update(dict.fromkeys(new))
            self._automaton = None  # rebuilt on next use with the new strings

    def hits(self, text: str) -> dict[str, list[int]]:
        """Where each registered string occurs in ``text``: string -> start offsets (ascending)."""
        last = self._last
        if last is not None and last[1] == len(self.known) and (last[0] is text or last[0] == text):
            return last[2]  # the rules of one document ask in turn: one pass serves them all
        if self._automaton is None:
            self._automaton = automaton((x, x) for x in self.known)
        out: dict[str, list[int]] = {}
        if self.known:
            for end, x in self._automaton.iter(text):
                out.setdefault(x, []).append(end - len(x) + 1)
        self._last = (text, len(self.known), out)
        return out


EXACT = ExactIndex()


class Gate:
    """Literals of which every match contains one (lower-case); ``gate(fold(text))`` says whether to run.

    All gates share one pass over the text, however many rules and literals there are.

    >>> g = Gate(["donat", "your support"])
    >>> g(fold("Please DONATE today")), g(fold("Markets fell."))
    (True, False)
    """

    __slots__ = ("literals", "_set")

    def __init__(self, literals: Iterable[str]) -> None:
        global _automaton
        self.literals = tuple(sorted(set(literals)))
        self._set = frozenset(self.literals)
        if not self._set <= _KNOWN.keys():
            _KNOWN.update(dict.fromkeys(self.literals))
            _automaton = None  # rebuilt on next use with the new literals

    def __call__(self, folded: str) -> bool:
        found = hits(folded, len(_KNOWN))
        return not self._set.isdisjoint(found)  # a C loop over the (few) literals found

    def starts(self, folded: str) -> list[int]:
        """Offsets where one of the literals starts (unsorted)."""
        found = hits(folded, len(_KNOWN))
        return [p for lit in self._set.intersection(found) for p in found[lit]]

    def __repr__(self) -> str:
        return f"Gate({list(self.literals)!r})"


def union(gates: Sequence[Gate | None]) -> Gate | None:
    """One gate for "any of these patterns may match" (``None`` if one of them has no gate)."""
    if not gates or any(g is None for g in gates):
        return None
    return Gate(lit for g in gates for lit in g.literals)  # type: ignore[union-attr]


def gate_for(pattern: Any, min_length: int = MIN_LITERAL) -> Gate | None:
    """The gate of a compiled ``re``/``regex`` pattern (or its source), or ``None`` when it cannot be derived.

    >>> gate_for(r"(?i)\\b(?:learn more|donate now)\\W*$")
    Gate(['donate now', 'learn more'])
    >>> gate_for(r"\\b[Cc]ommercial (war|deficit)\\b")
    Gate(['commercial deficit', 'commercial war'])
    >>> gate_for(r"\\p{Lu}\\w+") is None
    True
    """
    source = pattern_source(pattern)[0]
    if source is None:
        return None
    lits = _literals(source)
    if not lits or min(_weight(s) for s in lits) < min_length:
        return None
    return Gate(lits)


@lru_cache(maxsize=4096)
def _literals(source: str) -> frozenset[str] | None:
    if _p is None:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # "possible nested set": the regex module reads it otherwise
            tree = _p.parse(_REGEX_ONLY.sub(lambda m: r"\W" if m.group()[1] == "P" else r"\w", source))
    except Exception:  # regex-only syntax: no gate, the pattern always runs
        return None
    return _best(_sequence(list(tree))[1])


# A node's analysis: (exact, required). ``exact`` is the set of strings the node matches when it
# matches only a few fixed strings (else None); ``required`` lists candidate literal sets, one of
# which every match of the node contains.
_Analysis = tuple[frozenset[str] | None, list[frozenset[str]]]


# Characters frequent in prose: a literal made only of these needs MIN_LITERAL characters;
# one holding anything else ("#", "©", "![") is rare enough on its own.
_COMMON = frozenset("abcdefghijklmnopqrstuvwxyz0123456789 \t\n.,;:'\"()-")


def _weight(lit: str) -> int:
    return len(lit) + (MIN_LITERAL if any(ch not in _COMMON for ch in lit) else 0)


def _literal_char(ch: str) -> str | None:
    """``ch`` as a literal character: ASCII (lower-cased), or a caseless non-letter ("©", "“"), else None."""
    if ch.isascii():
        return ch.lower()
    if not ch.isalpha() and ch.lower() == ch == ch.upper():
        return ch
    return None


def _score(s: frozenset[str]) -> tuple[int, int]:
    return (min(_weight(x) for x in s), -len(s))


def _best(cands: list[frozenset[str]]) -> frozenset[str] | None:
    cands = [c for c in cands if c and all(c)]
    return max(cands, key=_score) if cands else None


def _product(a: frozenset[str], b: frozenset[str]) -> frozenset[str] | None:
    if len(a) * len(b) > MAX_SET:
        return None
    return frozenset(x + y for x in a for y in b)


def _sequence(items: list[Any]) -> _Analysis:
    cands: list[frozenset[str]] = []
    run: frozenset[str] | None = frozenset({""})
    whole: frozenset[str] | None = frozenset({""})
    for op, av in items:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero width: the literals on both sides stay adjacent in the match
        exact, required = _node(op, av)
        cands.extend(required)
        if exact is None:
            if run is not None and run != {""}:
                cands.append(run)
            run, whole = frozenset({""}), None
            continue
        joined = _product(run, exact) if run is not None else None
        if joined is None:  # too many combinations: close the run, start again here
            if run is not None and run != {""}:
                cands.append(run)
            joined = exact
        run = joined
        whole = _product(whole, exact) if whole is not None else None
    if run is not None and run != {""}:
        cands.append(run)
    return whole, cands


def _node(op: Any, av: Any) -> _Analysis:
    if op is _c.LITERAL:
        ch = _literal_char(chr(av))
        return (frozenset({ch}), []) if ch is not None else (None, [])
    if op is _c.IN:
        chars = set()
        for kind, value in av:
            ch = _literal_char(chr(value)) if kind is _c.LITERAL else None
            if ch is None:
                return None, []
            chars.add(ch)
        return (frozenset(chars), []) if len(chars) <= 4 else (None, [])
    if op is _c.SUBPATTERN:
        return _sequence(list(av[-1]))
    if op is _c.ATOMIC_GROUP:
        return _sequence(list(av))
    if op is _c.BRANCH:
        parts = [_sequence(list(b)) for b in av[1]]
        if all(e is not None for e, _ in parts):
            exact = frozenset().union(*(e for e, _ in parts))  # type: ignore[misc]
            if len(exact) <= MAX_SET:
                return exact, []
        each = [_best(r + ([e] if e is not None else [])) for e, r in parts]
        if any(b is None for b in each):
            return None, []
        joined = frozenset().union(*each)  # type: ignore[misc]
        return None, ([joined] if len(joined) <= MAX_SET * 4 else [])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        lo, hi, sub = av
        if lo == 0:
            return None, []
        exact, required = _sequence(list(sub))
        if exact is not None and lo == hi and lo <= 4:
            out: frozenset[str] | None = frozenset({""})
            for _ in range(lo):
                out = _product(out, exact) if out is not None else None
            if out is not None:
                return out, []
        return None, required + ([exact] if exact is not None else [])
    return None, []
