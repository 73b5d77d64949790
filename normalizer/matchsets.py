"""Hyperscan (Vectorscan) sets: many literals or byte patterns answered by one pass over a text.

:class:`LiteralSet` finds every occurrence of many strings, :class:`PatternSet` says which of
many byte patterns match somewhere, :class:`ExactIndex` is the shared literal pass over the text
as written. The compiled databases are kept in the user cache folder. Rules never use these
directly: they declare a :class:`~normalizer.triggers.Trigger`, and the engine's
:class:`~normalizer.scan.Scan` asks the shared sets once per document.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any


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

    from .cache import _cache_file, read_cache, write_cache

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


def automaton(pairs: Iterable[tuple[str, Any]]) -> LiteralSet:
    """A :class:`LiteralSet` of ``(string, value)`` pairs: ``.iter(text)`` yields ``(end offset,
    value)`` for every occurrence of every string, in one pass."""
    return LiteralSet(pairs)



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
