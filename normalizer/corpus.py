"""What repeats across the documents of one run: the paragraph-hash technique of web-corpus cleaning."""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import regex

from .lexicon import zipf
from .folding import non_ascii
from .matchsets import LiteralSet
from .scan import RunContext

DIGITS = regex.compile(r"\d+")
SPACES = regex.compile(r"\s+")
QUOTED = re.compile(r"[“\"«][^”\"»\n]{12,}[”\"»]")
BLOCK = regex.compile(r"(?:[^\n]*\S[^\n]*(?:\n|\Z))+")
LINE = regex.compile(r"[^\n]*\S[^\n]*")
NAME = regex.compile(r"(?<![\p{L}\p{N}'’-])\p{Lu}\p{Ll}{3,}(?![\p{L}\p{N}-])")


# str.split() also splits at these four separators, which the regex module's \s does not.
SEPARATORS = re.compile(r"[\x1c-\x1f]")
# Python's decimal digits (the regex module's \d also knows those of scripts added since).
FAST_DIGITS = re.compile(r"\d+")


def key(unit: str) -> str:
    """A hash of a line or paragraph after normalizing case, digits and whitespace."""
    low = unit.lower()
    if SEPARATORS.search(low):
        norm = SPACES.sub(" ", DIGITS.sub("0", low)).strip()
    else:  # the same result, faster: str.split() and the standard engine
        norm = " ".join(FAST_DIGITS.sub("0", low).split())
    return hashlib.blake2b(norm.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def _blank(line: str) -> bool:
    """True for a line without a non-space character (as the regex module reads \\S)."""
    return not line.strip() and not SEPARATORS.search(line)


def eligible(unit: str) -> bool:
    """Long enough to mean something, and not a quotation that articles may share."""
    return len(unit.split(None, 1)) >= 2 and len(unit.strip()) >= 12 and not QUOTED.search(unit)


def units(text: str) -> Iterator[tuple[int, int, str]]:
    """Paragraphs of more than one line, and every line, as (start, end, text)."""
    lines, pos = [], 0
    for line in text.split("\n"):
        if not _blank(line):
            lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    first = 0  # paragraphs: runs of consecutive non-blank lines (what BLOCK matches)
    for i in range(1, len(lines) + 1):
        if i == len(lines) or lines[i][0] != lines[i - 1][1] + 1:
            if i - first >= 2:
                start, end = lines[first][0], lines[i - 1][1]
                yield start, end, text[start:end]
            first = i
    for start, end in lines:
        yield start, end, text[start:end]


def _bytewise(text: str) -> bool:
    """True if :func:`key`'s normalization can be done on UTF-8 bytes for every unit of ``text``.

    That holds when lower-casing keeps every offset and the only digits and whitespace
    are ASCII ones (no separator characters, which ``str.split`` alone splits at).
    """
    if "\x1c" in text or "\x1d" in text or "\x1e" in text or "\x1f" in text:
        return False
    return not any(c.isdecimal() or c.isspace() or len(c.lower()) != 1 for c in non_ascii(text))


def keyed_units(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, key)`` of the :func:`eligible` units of ``text``, in :func:`units` order.

    What the learning pass counts and B003 looks up: equal to :func:`key` of each unit
    (tested), computed on bytes from one normalized copy of the whole text when it can be.
    """
    if _bytewise(text):
        return _keyed_bytewise(text)
    return [(s, e, key(u)) for s, e, u in units(text) if eligible(u)]


# every ASCII digit a 0 and every ASCII whitespace character but the line break a space (str.split's
# other ASCII whitespace, the separators \x1c-\x1f, sends a text to the slow path)
_LINE_NORM = bytes.maketrans(b"123456789\t\r\x0b\x0c", b"000000000    ")


def _keyed_bytewise(text: str) -> list[tuple[int, int, str]]:
    """:func:`keyed_units` of a :func:`_bytewise` text: the whole text lower-cased and normalized as
    :func:`key` normalizes a unit (digit runs 0, whitespace runs one space), but line breaks kept;
    a line's normalized form is then its piece of that, stripped, and a paragraph's the
    forms of its lines joined by spaces. A unit has two words or more where that form
    has a space (the text's only whitespace is ASCII), and a quotation lies on one line.
    """
    data = text.lower().encode("utf-8", "surrogatepass").translate(_LINE_NORM)
    while b"00" in data:
        data = data.replace(b"00", b"0")
    while b"  " in data:
        data = data.replace(b"  ", b" ")
    forms = [f.strip(b" ") for f in data.split(b"\n")]  # line i of the text, normalized
    raw = text.split("\n")
    starts, pos = [], 0
    for line in raw:
        starts.append(pos)
        pos += len(line) + 1
    quoted: set[int] = set()
    if "“" in text or '"' in text or "«" in text:
        quoted = {bisect_right(starts, m.start()) - 1 for m in QUOTED.finditer(text)}
    lines = [i for i, f in enumerate(forms) if f]  # the non-blank ones

    def digest(form: bytes) -> str:
        return hashlib.blake2b(form, digest_size=12).hexdigest()

    out = []
    first = 0  # paragraphs: runs of consecutive non-blank lines, two or more
    for j in range(1, len(lines) + 1):
        if j == len(lines) or lines[j] != lines[j - 1] + 1:
            if j - first >= 2:
                a, b = lines[first], lines[j - 1]
                form = b" ".join(forms[a:b + 1])
                s, e = starts[a], starts[b] + len(raw[b])
                if b" " in form and len(text[s:e].strip()) >= 12 and quoted.isdisjoint(range(a, b + 1)):
                    out.append((s, e, digest(form)))
            first = j
    for i in lines:
        form = forms[i]
        if b" " in form and i not in quoted and len(raw[i].strip()) >= 12:
            out.append((starts[i], starts[i] + len(raw[i]), digest(form)))
    return out


_ASCII_LETTERS = re.compile(r"[a-z]+")
MIN_PIECE = 4  # a shorter piece of a repeated unit occurs in almost every text: no gate


def runs(unit: str) -> tuple[str, ...]:
    """The distinct runs of ASCII letters in ``unit`` lower-cased, of :data:`MIN_PIECE` letters or more.

    Every text holding a unit with this unit's :func:`key` holds them in its
    :func:`~normalizer.prefilter.fold`: the key's normalization changes only digits and
    whitespace, and folding a text lower-cases each ASCII letter as ``str.lower`` does.
    """
    return tuple(sorted({r for r in _ASCII_LETTERS.findall(unit.lower()) if len(r) >= MIN_PIECE}))


def pieces(found: tuple[str, ...]) -> tuple[str, ...]:
    """The two rarest English words of a unit's :func:`runs` (the longer of equally rare ones first)."""
    return tuple(sorted(found, key=lambda r: (zipf(r), -len(r), r))[:2])


def _piece_finder(sets: tuple[tuple[str, ...], ...]) -> Callable[[str], bool]:
    """Whether a folded text holds every piece of some unit (one literal pass for all the pieces)."""
    found = LiteralSet(((p, p) for ps in sets for p in ps), keep=False)
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for ps in sets:
        by_first.setdefault(ps[0], []).append(ps)

    def holds(folded: str) -> bool:
        there = {p for _, p in found.iter(folded)}
        return any(all(q in there for q in ps) for p in there for ps in by_first.get(p, ()))

    return holds


@dataclass
class CorpusStats:
    """How many documents of a run contain each line or paragraph (only those in ``min_docs`` or more)."""

    documents: int = 0
    min_docs: int = 3
    repeated: dict[str, int] = field(default_factory=dict)
    names: dict[str, int] = field(default_factory=dict)  # rare capitalized words used 2+ times in the run
    # the two rarest runs of letters of each repeated unit (:func:`pieces`); None when some unit has none
    pieces: tuple[tuple[str, ...], ...] | None = None
    # the literal pass over the pieces, built on first use in each process (never pickled)
    _finder: Callable[[str], bool] | None = field(default=None, init=False, repr=False, compare=False)

    def count(self, unit: str) -> int:
        return self.repeated.get(key(unit), 0)

    def repeated_units(self, text: str) -> Iterator[tuple[int, int, int]]:
        """``(start, end, documents)`` of each unit of ``text`` repeated across the run, in order."""
        for start, end, k in keyed_units(text):
            n = self.repeated.get(k, 0)
            if n:
                yield start, end, n

    def may_repeat(self, folded: str) -> bool:
        """False when no repeated unit can be in the text whose :func:`~normalizer.prefilter.fold` is ``folded``."""
        if not self.repeated:
            return False
        if self.pieces is None:
            return True
        if self._finder is None:
            self._finder = _piece_finder(self.pieces)
        return self._finder(folded)

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_finder": None}  # a compiled Hyperscan database does not travel


@dataclass
class Tally:
    """Raw counts of part of a run (one process's files, one datatrove shard); tallies add up.

    ``units`` counts, per normalized unit, the documents holding it; ``names``
    counts capitalized words; ``samples`` keeps the :func:`runs` of letters of each unit
    seen in two documents of this tally (what lets B003 skip texts without them).
    """

    documents: int = 0
    units: Counter[str] = field(default_factory=Counter)
    names: Counter[str] = field(default_factory=Counter)
    samples: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def add(self, text: str, with_units: bool = True) -> None:
        self.documents += 1
        if with_units:
            keyed = keyed_units(text)
            counts, samples = self.units, self.samples
            counts.update({k for _, _, k in keyed})
            for s, e, k in keyed:
                if counts[k] >= 2 and k not in samples:
                    samples[k] = runs(text[s:e])  # word frequencies are read by stats(), once
        self.names.update(NAME.findall(text))

    def merge(self, other: Tally) -> Tally:
        self.documents += other.documents
        self.units.update(other.units)
        self.names.update(other.names)
        for k, ps in other.samples.items():
            self.samples.setdefault(k, tuple(ps))
        return self

    def stats(self, min_docs: int = 3) -> CorpusStats:
        """Keep the units reaching ``min_docs`` documents and the rare names used twice or more."""
        repeated = {k: c for k, c in self.units.items() if c >= max(2, min_docs)} if min_docs > 0 else {}
        rare = {w: c for w, c in self.names.items() if c >= 2 and zipf(w.lower()) < 3.0}
        found = [self.samples.get(k, ()) for k in repeated]
        sets = None if not all(found) else tuple(sorted({pieces(f) for f in found}))
        return CorpusStats(self.documents, min_docs, repeated, rare, sets)


def tally(texts: Iterable[str], min_docs: int = 3) -> Tally:
    """The raw counts of ``texts`` (units only when ``min_docs`` > 0)."""
    t = Tally()
    for text in texts:
        t.add(text, min_docs > 0)
    return t


def learn(texts: Iterable[str], min_docs: int = 3) -> CorpusStats:
    """Count, per normalized unit, the documents it occurs in; keep those reaching ``min_docs``."""
    return tally(texts, min_docs).stats(min_docs)


def run_context(texts: Iterable[str], min_docs: int = 3) -> RunContext:
    """The run context of a set of texts: what repeats across them, for ``propose(..., run=...)``."""
    return RunContext(learn(texts, min_docs))
