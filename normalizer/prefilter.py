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
import warnings
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache, partial
from typing import Any

from .folding import fold, non_ascii  # noqa: F401  (the folded text the gates read; kept importable here)
from .matchsets import (  # noqa: F401  (the shared passes; kept importable here)
    EXACT, QUICK, Compiled, ExactIndex, LiteralSet, PatternSet, automaton, hyperscan_database,
)

try:  # the standard library's own parser (private, stable since 3.11); without it nothing is gated
    from re import _constants as _c, _parser as _p
except ImportError:  # pragma: no cover
    _p = _c = None

MIN_LITERAL = 3   # shorter literals occur in almost every text: not worth a gate
MAX_SET = 64      # alternatives kept when literals multiply ("[Cc]ommercial (war|deficit)")

# Escapes of the ``regex`` module that the standard parser rejects; for finding literals any
# character class will do, so they are read as ``\w`` / ``\W``.
_REGEX_ONLY = re.compile(r"\\[pP]\{[^}]*\}|\\[pP][A-Za-z]")


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


def byte_pattern_name(pattern: Any) -> str | None:
    """The name under which ``pattern`` (compiled, lazy, timed or its source), rewritten as a broader
    byte pattern (:mod:`normalizer.bytepatterns`), is asked in the shared pass (:data:`QUICK`);
    ``None`` when it cannot be rewritten."""
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
    return name


def pattern_check(pattern: Any) -> Callable[[str], bool] | None:
    """A first check for a rule's pattern: ``check(text)`` is False only where the pattern cannot
    match the text, nor any line or paragraph of it (:func:`byte_pattern_name`); ``None`` when the
    pattern cannot be rewritten.
    """
    name = byte_pattern_name(pattern)
    return None if name is None else partial(QUICK.may, name)


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




class Gate:
    """Literals of which every match contains one (lower-case); ``gate(fold(text))`` says whether to run.

    All gates share one pass over the text, however many rules and literals there are.

    >>> g = Gate(["donat", "your support"])
    >>> g(fold("Please DONATE today")), g(fold("Markets fell."))
    (True, False)
    """

    __slots__ = ("literals", "_set")

    @property
    def literal_set(self) -> frozenset[str]:
        return self._set

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
