"""The per-document scan: what the shared passes found, built once per pass and read by every rule.

The engine builds one :class:`Scan` for a document on each pass, asks it whether each rule's
:class:`~normalizer.triggers.Trigger` can hold (skipping the rules whose trigger cannot), and
hands it to the rules that run. Everything is computed on first use and then shared: the
case-folded text, the characters beyond ASCII, the one Hyperscan pass of every rule's byte
pattern, the literal passes (folded and as written), the word census. :class:`RunContext`
carries what a batch learned across its files (B003, N002).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from . import prefilter
from .folding import fold, non_ascii
from .matchsets import EXACT, QUICK
from .triggers import Trigger


@dataclass(frozen=True)
class RunContext:
    """What a run learned across its documents: ``stats`` is a :class:`~normalizer.corpus.CorpusStats`
    (lines and paragraphs repeated in several files, names used across the run), or ``None``."""

    stats: Any = None

    @property
    def names(self) -> dict[str, int]:
        """Names used across the run's files and how often (empty without statistics)."""
        return self.stats.names if self.stats is not None else {}


class Scan:
    """One document's shared first passes (see the module's docstring); every attribute is lazy."""

    def __init__(self, text: str, run: RunContext | None = None) -> None:
        self.text = text
        self.run = run
        self._bytes: frozenset[str] | None = None
        self._byte_count = -1

    @cached_property
    def folded(self) -> str:
        """The text lower-cased for literal search, every character at its offset."""
        return fold(self.text)

    @cached_property
    def non_ascii(self) -> frozenset[str]:
        """The distinct characters of the text beyond ASCII."""
        return non_ascii(self.text)

    @cached_property
    def is_ascii(self) -> bool:
        return self.text.isascii()

    @property
    def byte_hits(self) -> frozenset[str] | None:
        """The names of the byte patterns that match (``None``: no answer, every rule looks); asked
        again if a pattern joined the shared pass since."""
        if self._byte_count != len(QUICK.patterns):
            self._bytes, self._byte_count = QUICK.matched(self.text), len(QUICK.patterns)
        return self._bytes

    @property
    def literal_hits(self) -> dict[str, list[int]]:
        """Where each trigger literal occurs in the folded text: literal -> start offsets."""
        return prefilter.hits(self.folded, len(prefilter._KNOWN))

    @property
    def exact_hits(self) -> dict[str, list[int]]:
        """Where each as-written trigger string occurs: string -> start offsets (ascending)."""
        return EXACT.hits(self.text)

    @cached_property
    def census(self) -> frozenset[bytes]:
        """The distinct tokens of the text that are not common English forms, as UTF-8 bytes."""
        from .census import census

        return census(self.text)

    def may(self, trigger: Trigger | None) -> bool:
        """False only when ``trigger`` cannot hold on this text (its rule would find nothing)."""
        check = compiled(trigger)
        return check is None or check(self)

    def starts(self, trigger: Trigger) -> list[int] | None:
        """Offsets where one of the literals of ``trigger``'s pattern starts (``None``: it has none)."""
        check = compiled(trigger)
        gate = check.gate if check is not None else None
        return gate.starts(self.folded) if gate is not None else None


class Check:
    """A compiled trigger: ``check(scan)`` runs its parts, cheapest first; ``gate`` is its literal gate."""

    __slots__ = ("parts", "gate")

    def __init__(self, parts: list[Callable[[Scan], bool]], gate: prefilter.Gate | None) -> None:
        self.parts, self.gate = tuple(parts), gate

    def __call__(self, scan: Scan) -> bool:
        for part in self.parts:
            if not part(scan):
                return False
        return True


_COMPILED: dict[int, tuple[Trigger, Check | None]] = {}


def compiled(trigger: Trigger | None) -> Check | None:
    """``trigger`` compiled (once; its byte pattern and literals join the shared passes), or ``None``
    when nothing in it can be checked (the rule always runs)."""
    if trigger is None:
        return None
    found = _COMPILED.get(id(trigger))
    if found is None or found[0] is not trigger:
        found = _COMPILED[id(trigger)] = (trigger, _compile(trigger))
    return found[1]


def _byte_name(pattern: str) -> str:
    name = "re:" + pattern  # one entry for patterns that read alike
    QUICK.register(name, pattern)
    return name


def _compile(t: Trigger) -> Check | None:
    parts: list[Callable[[Scan], bool]] = []
    gate: prefilter.Gate | None = None
    if t.non_ascii:
        parts.append(lambda s: not s.is_ascii)
    if t.needs_run:
        parts.append(lambda s: s.run is not None and s.run.stats is not None)
    name = None
    if t.byte_pattern is not None:
        name = _byte_name(t.byte_pattern)
    elif t.pattern is not None:
        name = prefilter.byte_pattern_name(t.pattern)
    if name is not None:
        parts.append(lambda s: s.byte_hits is None or name in s.byte_hits or name in QUICK.refused)
    gates = [prefilter.gate_for(t.pattern) if t.pattern is not None and t.pattern_literals else None,
             prefilter.Gate(t.literals) if t.literals else None]
    for g in gates:
        if g is not None:
            parts.append(lambda s, lits=g.literal_set: not lits.isdisjoint(s.literal_hits))
    gate = gates[0] or gates[1]
    if t.exact:
        exact = frozenset(t.exact)
        EXACT.register(sorted(exact))
        parts.append(lambda s: not exact.isdisjoint(s.exact_hits))
    for x in t.asks:
        compiled(x)  # the rule asks the scan about these itself: they join the shared passes now
    if t.any_of:
        subs = [compiled(x) for x in t.any_of]
        if all(c is not None for c in subs):
            if all(c.gate is not None for c in subs):  # one look at the literals of them all first
                every = frozenset(lit for c in subs for lit in c.gate.literal_set)  # type: ignore[union-attr]
                parts.append(lambda s: not every.isdisjoint(s.literal_hits))
            parts.append(lambda s: any(c(s) for c in subs))  # type: ignore[misc]
    return Check(parts, gate) if parts or gate is not None else None
